// Escaping shared by the machine-readable writers (reports, diagnostics,
// SARIF, JUnit, diffs), so every one treats odd bytes the same way.
#pragma once

#include "interpreter/number.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace tally {

// The length of the well-formed UTF-8 sequence at `at` (2 to 4), or 0 when the
// bytes there do not form one (a stray continuation byte, an overlong form, a
// surrogate, a code point past U+10FFFF, a truncated sequence).
std::size_t valid_utf8_length(std::string_view text, std::size_t at);

// A quoted JSON string. Control characters are escaped, non-ASCII text passes
// through as UTF-8, and bytes that are not valid UTF-8 become U+FFFD, so the
// output is always valid JSON even when a message quotes a corrupt input.
std::string json_string(std::string_view text);

// One RFC 4180 field: quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view text);

// An exact value as the machine formats print it.
struct PrintedValue {
  std::string text; // the exact decimal, or rounded half-even to 6 places
  bool rounded = false;
  std::string exact; // "p/q", only when rounded
};
PrintedValue printed(const Rational& value);

} // namespace tally
