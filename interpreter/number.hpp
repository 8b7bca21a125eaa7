// Exact numbers. Every value on the metering path is a Rational until a rounding
// that a rule file declares; nothing here ever touches float or double.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace tally {

using Integer = boost::multiprecision::cpp_int;
using Rational = boost::multiprecision::cpp_rational;

// The rounding modes a rule file may name. Ties are resolved as in Python's
// `decimal` module: half_up rounds ties away from zero, toward_zero truncates.
enum class RoundingMode { half_up, half_even, floor, ceiling, toward_zero };

std::optional<RoundingMode> rounding_mode_named(std::string_view name);
std::string_view name_of(RoundingMode mode);

// Parses a decimal literal exactly: optional '-', digits, optional '.' and digits.
// No exponent, no leading '+', no thousands separators. nullopt when malformed.
std::optional<Rational> parse_decimal(std::string_view text);

// Rounds to `places` digits after the point (places >= 0).
Rational round_to(const Rational& value, RoundingMode mode, int places);

// True when the value has a finite decimal expansion (denominator of the form 2^a 5^b).
bool has_finite_decimal(const Rational& value);

struct DecimalText {
  std::string text;     // "10500", "7552.5", "-0.25", "433.333333"
  bool rounded = false; // true when the value had no finite decimal form
};

// The exact decimal when finite (no trailing zeros, no exponent); otherwise the
// value rounded half-even to `places` places and flagged as rounded.
DecimalText to_decimal_text(const Rational& value, int places = 6);

// "p/q" with q > 0 (also for integers: "7/1" is never produced; an integer prints "7").
std::string to_fraction_text(const Rational& value);

// Inserts thousands separators into the integer part of a decimal text:
// "10500" -> "10,500", "-7552.5" -> "-7,552.5".
std::string group_thousands(std::string_view decimal_text);

} // namespace tally
