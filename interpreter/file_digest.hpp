// Reading a large table touches every page of its file twice: once to hash it
// for the report's provenance, once to parse it. FileDigest hashes on a second
// thread while the caller parses, keeps the hashing at most a few MiB ahead of
// the parsing, and hands back to the kernel the pages both have passed, so the
// file's share of memory stays a window of a few MiB instead of the whole
// file. The digest is the same whatever the timing.
#pragma once

#include "mapped_file.hpp"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace tally {

class FileDigest {
public:
  // Starts hashing `file`, which must outlive this object. A small file is
  // hashed at once, on the calling thread: a thread would cost more.
  explicit FileDigest(const MappedFile& file);
  // Stops hashing (its result is then unused) and waits for the thread.
  ~FileDigest();
  FileDigest(const FileDigest&) = delete;
  FileDigest& operator=(const FileDigest&) = delete;

  // The parser has read every byte before `offset`.
  void parsed_up_to(std::size_t offset);
  // Waits for the hash of the whole file: 64 lowercase hex digits.
  std::string sha256_hex();

private:
  void hash();
  void release_passed_pages();

  const MappedFile& file_;
  std::atomic<std::size_t> hashed_{0}, parsed_{0};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable parsed_more_; // wakes the hashing thread when it may go on
  std::size_t released_ = 0;            // guarded by mutex_
  std::string hex_;
  std::thread thread_;
};

} // namespace tally
