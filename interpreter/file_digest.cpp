#include "file_digest.hpp"

#include "sha256.hpp"

#include <algorithm>

namespace tally {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
// Pages are handed back in batches, each a whole number of pages of any size:
// each call costs a system call and a TLB flush on both cores.
constexpr std::size_t kReleaseBytes = std::size_t{2} << 20;
constexpr std::size_t kSmallFileBytes = std::size_t{4} << 20;
// How far hashing may run ahead of parsing: hashing is several times faster,
// and every page it has read and parsing has not stays in memory.
constexpr std::size_t kLeadBytes = std::size_t{8} << 20;

} // namespace

FileDigest::FileDigest(const MappedFile& file) : file_(file) {
  if (file_.bytes().size() < kSmallFileBytes) {
    hex_ = tally::sha256_hex(file_.bytes());
    hashed_ = file_.bytes().size();
    return;
  }
  thread_ = std::thread([this] { hash(); });
}

FileDigest::~FileDigest() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  parsed_more_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void FileDigest::hash() {
  const std::string_view bytes = file_.bytes();
  Sha256Stream digest;
  for (std::size_t offset = 0; offset < bytes.size(); offset += kChunkBytes) {
    {
      std::unique_lock lock(mutex_);
      parsed_more_.wait(lock, [&] { return stop_ || offset < parsed_ + kLeadBytes; });
      if (stop_) return;
    }
    digest.update(bytes.substr(offset, kChunkBytes));
    hashed_ = std::min(offset + kChunkBytes, bytes.size());
    release_passed_pages();
  }
  hex_ = digest.finish_hex();
}

void FileDigest::parsed_up_to(std::size_t offset) {
  {
    const std::lock_guard lock(mutex_);
    parsed_ = offset;
  }
  parsed_more_.notify_one();
  release_passed_pages();
}

void FileDigest::release_passed_pages() {
  const std::size_t passed = std::min(hashed_.load(), parsed_.load()) / kReleaseBytes * kReleaseBytes;
  const std::lock_guard lock(mutex_);
  if (passed <= released_) return;
  file_.release(released_, passed);
  released_ = passed;
}

std::string FileDigest::sha256_hex() {
  parsed_up_to(file_.bytes().size());
  if (thread_.joinable()) thread_.join();
  return hex_;
}

} // namespace tally
