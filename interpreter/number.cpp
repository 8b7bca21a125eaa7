#include "number.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace tally {

namespace {

constexpr std::array<std::pair<std::string_view, RoundingMode>, 5> kModeNames{{
    {"half_up", RoundingMode::half_up},
    {"half_even", RoundingMode::half_even},
    {"floor", RoundingMode::floor},
    {"ceiling", RoundingMode::ceiling},
    {"toward_zero", RoundingMode::toward_zero},
}};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

Integer power_of_ten(int exponent) {
  Integer result = 1;
  for (int i = 0; i < exponent; ++i)
    result *= 10;
  return result;
}

// Picks between the two integers that bracket numerator/denominator, given
// the truncated quotient and its remainder (remainder != 0, same sign as the
// numerator, denominator > 0).
Integer resolve_inexact(const Integer& truncated, const Integer& remainder, const Integer& denominator,
                        RoundingMode mode) {
  const bool negative = remainder < 0;
  const Integer away_from_zero = negative ? Integer(truncated - 1) : Integer(truncated + 1);
  switch (mode) {
  case RoundingMode::toward_zero:
    return truncated;
  case RoundingMode::floor:
    return negative ? away_from_zero : truncated;
  case RoundingMode::ceiling:
    return negative ? truncated : away_from_zero;
  case RoundingMode::half_up:
  case RoundingMode::half_even: {
    const Integer twice_remainder = 2 * Integer(abs(remainder));
    if (twice_remainder > denominator) return away_from_zero;
    if (twice_remainder < denominator) return truncated;
    if (mode == RoundingMode::half_up) return away_from_zero;
    return (truncated % 2 == 0) ? truncated : away_from_zero;
  }
  }
  throw std::logic_error("unhandled rounding mode");
}

// The value times 10^places, rounded to an integer.
Integer scaled_integer(const Rational& value, RoundingMode mode, int places) {
  const Integer scaled_numerator = numerator(value) * power_of_ten(places);
  const Integer& denominator = boost::multiprecision::denominator(value);
  const Integer truncated = scaled_numerator / denominator; // cpp_int division truncates toward zero
  const Integer remainder = scaled_numerator % denominator;
  if (remainder == 0) return truncated;
  return resolve_inexact(truncated, remainder, denominator, mode);
}

// Writes integer / 10^places as a decimal with exactly `places` fraction digits.
std::string fixed_point_text(const Integer& scaled, int places) {
  std::string digits = Integer(abs(scaled)).str();
  if (places > 0) {
    const auto width = static_cast<std::size_t>(places);
    if (digits.size() <= width) digits.insert(0, width + 1 - digits.size(), '0');
    digits.insert(digits.size() - width, 1, '.');
  }
  return scaled < 0 ? "-" + digits : digits;
}

// How many of `factor` divide `value` (value > 0); `value` keeps the rest.
int strip_factor(Integer& value, unsigned factor) {
  int count = 0;
  while (value % factor == 0) {
    value /= factor;
    ++count;
  }
  return count;
}

} // namespace

std::optional<RoundingMode> rounding_mode_named(std::string_view name) {
  for (const auto& [mode_name, mode] : kModeNames)
    if (mode_name == name) return mode;
  return std::nullopt;
}

std::string_view name_of(RoundingMode mode) {
  for (const auto& [mode_name, named_mode] : kModeNames)
    if (named_mode == mode) return mode_name;
  throw std::logic_error("unhandled rounding mode");
}

std::optional<Rational> parse_decimal(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  if (whole.empty() || (point != std::string_view::npos && fraction.empty())) return std::nullopt;

  Integer digits = 0;
  for (std::string_view part : {whole, fraction}) {
    for (char c : part) {
      if (!is_digit(c)) return std::nullopt;
      digits = digits * 10 + (c - '0');
    }
  }
  Rational value(digits, power_of_ten(static_cast<int>(fraction.size())));
  return negative ? Rational(-value) : value;
}

Rational round_to(const Rational& value, RoundingMode mode, int places) {
  if (places < 0) throw std::invalid_argument("round_to: places must be >= 0");
  return Rational(scaled_integer(value, mode, places), power_of_ten(places));
}

bool has_finite_decimal(const Rational& value) {
  Integer rest = denominator(value);
  strip_factor(rest, 2);
  strip_factor(rest, 5);
  return rest == 1;
}

DecimalText to_decimal_text(const Rational& value, int places) {
  Integer rest = denominator(value);
  const int twos = strip_factor(rest, 2);
  const int fives = strip_factor(rest, 5);
  if (rest == 1) {
    // 10^max(twos, fives) is the smallest power of ten the denominator divides,
    // so the last printed digit is never a zero.
    const int exact_places = std::max(twos, fives);
    return {fixed_point_text(scaled_integer(value, RoundingMode::toward_zero, exact_places), exact_places),
            false};
  }
  if (places < 0) throw std::invalid_argument("to_decimal_text: places must be >= 0");
  // A rounded value keeps all `places` digits: the width tells the reader its precision.
  return {fixed_point_text(scaled_integer(value, RoundingMode::half_even, places), places), true};
}

std::string to_fraction_text(const Rational& value) {
  if (denominator(value) == 1) return numerator(value).str();
  return numerator(value).str() + "/" + denominator(value).str();
}

std::string group_thousands(std::string_view decimal_text) {
  const std::size_t sign_width = (!decimal_text.empty() && decimal_text.front() == '-') ? 1 : 0;
  std::size_t digits_end = sign_width;
  while (digits_end < decimal_text.size() && is_digit(decimal_text[digits_end]))
    ++digits_end;

  std::string grouped(decimal_text.substr(0, sign_width));
  for (std::size_t i = sign_width; i < digits_end; ++i) {
    const std::size_t digits_left = digits_end - i;
    if (i > sign_width && digits_left % 3 == 0) grouped += ',';
    grouped += decimal_text[i];
  }
  grouped += decimal_text.substr(digits_end);
  return grouped;
}

} // namespace tally
