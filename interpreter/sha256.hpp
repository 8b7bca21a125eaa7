// SHA-256 digests for a report's provenance: the rule files and the data an
// evaluation read, so the same statement can be recomputed later and checked
// with `sha256sum`. OpenSSL's implementation (hardware-accelerated where the
// CPU allows) keeps hashing a large table cheap next to reading it.
#pragma once

#include <string>
#include <string_view>

namespace tally {

// 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

} // namespace tally
