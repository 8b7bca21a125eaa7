// A whole input file as one read-only byte range. Regular files are mapped
// (no copy, pages arrive as the scan reaches them, and pages already scanned
// can be handed back); pipes and other streams are read into memory.
#pragma once

#include <string>
#include <string_view>

namespace tally {

class MappedFile {
public:
  // Throws DiagnosticError (located at the file, line 0) when the file cannot be read.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {data_, size_}; }
  // Tells the kernel the whole pages inside bytes [from, to) will not be read
  // again, so they stop counting against this process. Reading them anyway
  // is still correct (they are read from the file again). A no-op for a copy.
  void release(std::size_t from, std::size_t to) const;

private:
  const char* data_ = "";
  std::size_t size_ = 0;
  void* mapping_ = nullptr;
  std::string copy_; // the bytes of a file that could not be mapped
};

// Asks the kernel to back the whole 2 MiB pages inside [data, data + bytes)
// with huge pages when they are first touched. Column storage for millions of
// rows is written once, front to back; with 4 KiB pages the page faults cost
// more than the parsing. A no-op where the kernel has no such advice.
void advise_huge_pages(const void* data, std::size_t bytes);

} // namespace tally
