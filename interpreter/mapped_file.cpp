#include "mapped_file.hpp"

#include "diagnostic.hpp"
#include "observation_sink.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace tally {

namespace {

[[noreturn]] void fail_to_read(const std::string& path, const std::string& reason) {
  throw DiagnosticError(Diagnostic{Severity::error,
                                   std::string(data_error::unreadable),
                                   SourcePos{path, 0, 0},
                                   1,
                                   fmt::format("cannot read `{}`: {}", path, reason),
                                   {}});
}

class FileDescriptor {
public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

private:
  int fd_;
};

std::string errno_text() {
  return std::generic_category().message(errno);
}

} // namespace

MappedFile::MappedFile(const std::string& path) {
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) fail_to_read(path, errno_text());
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) fail_to_read(path, errno_text());
  if (S_ISDIR(info.st_mode)) fail_to_read(path, "it is a directory");

  if (S_ISREG(info.st_mode)) {
    if (info.st_size == 0) return;
    const auto size = static_cast<std::size_t>(info.st_size);
    void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, file.get(), 0);
    if (mapping != MAP_FAILED) {
      ::madvise(mapping, size, MADV_SEQUENTIAL);
      mapping_ = mapping;
      data_ = static_cast<const char*>(mapping);
      size_ = size;
      return;
    }
    copy_.reserve(size);
  }

  char chunk[1 << 16];
  for (;;) {
    const ssize_t got = ::read(file.get(), chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) fail_to_read(path, errno_text());
    if (got == 0) break;
    copy_.append(chunk, static_cast<std::size_t>(got));
  }
  data_ = copy_.data();
  size_ = copy_.size();
}

void advise_huge_pages(const void* data, std::size_t bytes) {
#if defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHugePage = std::uintptr_t{1} << 21;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHugePage - 1);
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

void MappedFile::release(std::size_t from, std::size_t to) const {
  if (mapping_ == nullptr) return;
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t first = (from + page - 1) / page * page;
  const std::size_t last = std::min(to, size_) / page * page;
  if (last > first) ::madvise(static_cast<char*>(mapping_) + first, last - first, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
  if (mapping_ != nullptr) ::munmap(mapping_, size_);
}

} // namespace tally
