// SHA-256 digests for a report's provenance: the rule files and the data an
// evaluation read, so the same statement can be recomputed later and checked
// with `sha256sum`. OpenSSL's implementation (hardware-accelerated where the
// CPU allows) keeps hashing a large table cheap next to reading it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace tally {

// 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// The same digest over bytes given piece by piece, for input hashed while it
// is being read.
class Sha256Stream {
public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void update(std::string_view bytes);
  std::string finish_hex(); // once, after the last update

private:
  struct Context;
  std::unique_ptr<Context> context_;
};

} // namespace tally
