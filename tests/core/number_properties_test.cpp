// Exactness properties of the number type, on many deterministic random cases:
// a decimal literal reads and prints back unchanged, and division undone by
// multiplication gives back exactly what it started from.
#include "interpreter/number.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

namespace {

// A canonical decimal: no leading zeros, no trailing fractional zeros, no "-0".
std::string random_decimal(std::mt19937_64& random) {
  const auto digits = [&](std::size_t n, bool leading_zero_allowed) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i)
      text += static_cast<char>('0' + (i == 0 && !leading_zero_allowed ? 1 + random() % 9 : random() % 10));
    return text;
  };
  const std::size_t whole = random() % 20;
  std::string text = whole == 0 ? "0" : digits(whole, false);
  const std::size_t places = random() % 13;
  if (places > 0) {
    auto fraction = digits(places, true);
    fraction.back() = static_cast<char>('1' + random() % 9);
    text += "." + fraction;
  }
  if (text != "0" && random() % 2) text = "-" + text;
  return text;
}

} // namespace

TEST_CASE("decimal literals round-trip exactly") {
  std::mt19937_64 random(2026);
  for (int i = 0; i < 5000; ++i) {
    const auto text = random_decimal(random);
    const auto value = tally::parse_decimal(text);
    REQUIRE(value);
    const auto printed = tally::to_decimal_text(*value);
    INFO(text);
    CHECK_FALSE(printed.rounded);
    CHECK(printed.text == text);
  }
}

TEST_CASE("division undone by multiplication is exact") {
  using tally::Rational;
  CHECK(Rational(2, 3) * 3 == 2);
  CHECK(Rational(1, 100) * 100 == 1);
  std::mt19937_64 random(7);
  for (int i = 0; i < 5000; ++i) {
    const auto a = static_cast<std::int64_t>(random() % 2000001) - 1000000;
    const auto b = static_cast<std::int64_t>(random() % 999) + 1;
    const auto c = static_cast<std::int64_t>(random() % 999) + 1;
    const Rational x(a, c);
    INFO(a << "/" << c << " by " << b);
    CHECK(x / b * b == x);
    CHECK((x + Rational(1, b)) - Rational(1, b) == x);
  }
}
