#include "number.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using tally::Rational;
using tally::RoundingMode;

namespace {

Rational fraction(long long numerator, long long denominator) {
  return Rational(numerator, denominator);
}

std::string rounded_text(const Rational& value, RoundingMode mode, int places) {
  return tally::to_decimal_text(tally::round_to(value, mode, places)).text;
}

} // namespace

TEST_CASE("rounding modes are known by their rule-file names", "[number]") {
  CHECK(tally::rounding_mode_named("half_up") == RoundingMode::half_up);
  CHECK(tally::rounding_mode_named("half_even") == RoundingMode::half_even);
  CHECK(tally::rounding_mode_named("floor") == RoundingMode::floor);
  CHECK(tally::rounding_mode_named("ceiling") == RoundingMode::ceiling);
  CHECK(tally::rounding_mode_named("toward_zero") == RoundingMode::toward_zero);
  for (const char* unknown : {"", "HALF_UP", "half-up", "round", "up", "down", "half_down", "half_up "})
    CHECK_FALSE(tally::rounding_mode_named(unknown).has_value());
}

TEST_CASE("a rounding mode's name reads back as the same mode", "[number]") {
  for (auto mode : {RoundingMode::half_up, RoundingMode::half_even, RoundingMode::floor,
                    RoundingMode::ceiling, RoundingMode::toward_zero})
    CHECK(tally::rounding_mode_named(tally::name_of(mode)) == mode);
  CHECK(tally::name_of(RoundingMode::toward_zero) == "toward_zero");
}

TEST_CASE("decimal literals parse exactly", "[number]") {
  CHECK(tally::parse_decimal("1.87") == fraction(187, 100));
  CHECK(tally::parse_decimal("-0.5") == fraction(-1, 2));
  CHECK(tally::parse_decimal("007") == Rational(7));
  CHECK(tally::parse_decimal("0") == Rational(0));
  CHECK(tally::parse_decimal("-0") == Rational(0));
  CHECK(tally::parse_decimal("0.000") == Rational(0));
  CHECK(tally::parse_decimal("2.850") == fraction(57, 20));
  CHECK(tally::parse_decimal("0.12") == fraction(3, 25));
  CHECK(tally::parse_decimal("123456789012345678901234567890.5") ==
        Rational(tally::Integer("246913578024691357802469135781"), 2));
}

TEST_CASE("malformed decimal literals are rejected", "[number]") {
  for (const char* bad : {"",   "-",   ".",     "-.", ".5", "5.",   "-5.", "1.2.3", "1e5", "1E5",
                          "+1", "--1", "1,000", " 1", "1 ", "0x10", "1-",  "1.-2",  "abc", "١"})
    CHECK_FALSE(tally::parse_decimal(bad).has_value());
}

TEST_CASE("half_up rounds ties away from zero", "[number]") {
  CHECK(rounded_text(fraction(5, 2), RoundingMode::half_up, 0) == "3");
  CHECK(rounded_text(fraction(-5, 2), RoundingMode::half_up, 0) == "-3");
  CHECK(rounded_text(fraction(7, 2), RoundingMode::half_up, 0) == "4");
  CHECK(rounded_text(fraction(1249, 1000), RoundingMode::half_up, 2) == "1.25");
  CHECK(rounded_text(fraction(-1245, 1000), RoundingMode::half_up, 2) == "-1.25");
  CHECK(rounded_text(fraction(2, 3), RoundingMode::half_up, 0) == "1");
  CHECK(rounded_text(fraction(1, 3), RoundingMode::half_up, 0) == "0");
}

TEST_CASE("half_even rounds ties to the even neighbour", "[number]") {
  CHECK(rounded_text(fraction(5, 2), RoundingMode::half_even, 0) == "2");
  CHECK(rounded_text(fraction(7, 2), RoundingMode::half_even, 0) == "4");
  CHECK(rounded_text(fraction(-5, 2), RoundingMode::half_even, 0) == "-2");
  CHECK(rounded_text(fraction(-7, 2), RoundingMode::half_even, 0) == "-4");
  CHECK(rounded_text(fraction(1, 2), RoundingMode::half_even, 0) == "0");
  CHECK(rounded_text(fraction(1235, 1000), RoundingMode::half_even, 2) == "1.24");
  CHECK(rounded_text(fraction(1245, 1000), RoundingMode::half_even, 2) == "1.24");
  CHECK(rounded_text(fraction(12451, 10000), RoundingMode::half_even, 2) == "1.25");
}

TEST_CASE("floor and ceiling round toward minus and plus infinity", "[number]") {
  CHECK(rounded_text(fraction(19, 10), RoundingMode::floor, 0) == "1");
  CHECK(rounded_text(fraction(-11, 10), RoundingMode::floor, 0) == "-2");
  CHECK(rounded_text(fraction(11, 10), RoundingMode::ceiling, 0) == "2");
  CHECK(rounded_text(fraction(-19, 10), RoundingMode::ceiling, 0) == "-1");
  CHECK(rounded_text(fraction(-1, 3), RoundingMode::floor, 3) == "-0.334");
  CHECK(rounded_text(fraction(1, 3), RoundingMode::ceiling, 3) == "0.334");
}

TEST_CASE("toward_zero truncates", "[number]") {
  CHECK(rounded_text(fraction(19, 10), RoundingMode::toward_zero, 0) == "1");
  CHECK(rounded_text(fraction(-19, 10), RoundingMode::toward_zero, 0) == "-1");
  CHECK(rounded_text(fraction(-2, 3), RoundingMode::toward_zero, 4) == "-0.6666");
  CHECK(rounded_text(fraction(-1, 3), RoundingMode::toward_zero, 0) == "0");
}

TEST_CASE("rounding leaves values that already fit untouched", "[number]") {
  for (auto mode : {RoundingMode::half_up, RoundingMode::half_even, RoundingMode::floor,
                    RoundingMode::ceiling, RoundingMode::toward_zero}) {
    CHECK(tally::round_to(fraction(-1725, 100), mode, 2) == fraction(-1725, 100));
    CHECK(tally::round_to(Rational(42), mode, 0) == Rational(42));
    CHECK(tally::round_to(Rational(0), mode, 5) == Rational(0));
  }
}

TEST_CASE("rounding to many places keeps precision", "[number]") {
  CHECK(rounded_text(fraction(1, 7), RoundingMode::half_even, 20) == "0.14285714285714285714");
  CHECK(rounded_text(fraction(2, 3), RoundingMode::half_up, 30) == "0.666666666666666666666666666667");
}

TEST_CASE("rounding to negative places is refused", "[number]") {
  CHECK_THROWS_AS(tally::round_to(Rational(5), RoundingMode::half_up, -1), std::invalid_argument);
}

TEST_CASE("finite decimal forms are recognised by the denominator", "[number]") {
  CHECK(tally::has_finite_decimal(Rational(7)));
  CHECK(tally::has_finite_decimal(fraction(1, 1024)));
  CHECK(tally::has_finite_decimal(fraction(-3, 3125)));
  CHECK(tally::has_finite_decimal(fraction(3, 30))); // reduces to 1/10
  CHECK_FALSE(tally::has_finite_decimal(fraction(1, 3)));
  CHECK_FALSE(tally::has_finite_decimal(fraction(1, 90)));
  CHECK_FALSE(tally::has_finite_decimal(fraction(-7, 6)));
}

TEST_CASE("exact values print without trailing zeros", "[number]") {
  const auto check_exact = [](const Rational& value, const std::string& expected) {
    const tally::DecimalText printed = tally::to_decimal_text(value);
    CHECK(printed.text == expected);
    CHECK_FALSE(printed.rounded);
  };
  check_exact(Rational(10500), "10500");
  check_exact(fraction(15105, 2), "7552.5");
  check_exact(fraction(3, 25), "0.12");
  check_exact(Rational(-3), "-3");
  check_exact(fraction(-1, 4), "-0.25");
  check_exact(Rational(0), "0");
  check_exact(fraction(1, 1024), "0.0009765625");
  check_exact(fraction(1, 100000000), "0.00000001"); // beyond 6 places, still exact
}

TEST_CASE("values with no finite decimal form print rounded half-even", "[number]") {
  const tally::DecimalText third = tally::to_decimal_text(fraction(1300, 3));
  CHECK(third.text == "433.333333");
  CHECK(third.rounded);

  CHECK(tally::to_decimal_text(fraction(2, 3)).text == "0.666667");
  CHECK(tally::to_decimal_text(fraction(-2, 3)).text == "-0.666667");
  CHECK(tally::to_decimal_text(fraction(1, 3), 2).text == "0.33");
  CHECK(tally::to_decimal_text(fraction(5, 3), 0).text == "2");
  // Rounded values keep every place, even trailing zeros, and never print "-0".
  CHECK(tally::to_decimal_text(fraction(1, 30000000)).text == "0.000000");
  CHECK(tally::to_decimal_text(fraction(-1, 30000000)).text == "0.000000");
  CHECK(tally::to_decimal_text(fraction(3000001, 30000000)).text == "0.100000");
}

TEST_CASE("to_decimal_text refuses negative places only when it must round", "[number]") {
  CHECK(tally::to_decimal_text(fraction(1, 4), -1).text == "0.25");
  CHECK_THROWS_AS(tally::to_decimal_text(fraction(1, 3), -1), std::invalid_argument);
}

TEST_CASE("fractions print reduced with the sign on the numerator", "[number]") {
  CHECK(tally::to_fraction_text(fraction(1300, 3)) == "1300/3");
  CHECK(tally::to_fraction_text(fraction(4, 6)) == "2/3");
  CHECK(tally::to_fraction_text(fraction(-2, 6)) == "-1/3");
  CHECK(tally::to_fraction_text(fraction(14, 2)) == "7");
  CHECK(tally::to_fraction_text(Rational(-12)) == "-12");
  CHECK(tally::to_fraction_text(Rational(0)) == "0");
}

TEST_CASE("thousands separators go into the integer part only", "[number]") {
  CHECK(tally::group_thousands("10500") == "10,500");
  CHECK(tally::group_thousands("-7552.5") == "-7,552.5");
  CHECK(tally::group_thousands("0.123456") == "0.123456");
  CHECK(tally::group_thousands("999") == "999");
  CHECK(tally::group_thousands("1000") == "1,000");
  CHECK(tally::group_thousands("-100") == "-100");
  CHECK(tally::group_thousands("1234567.891011") == "1,234,567.891011");
  CHECK(tally::group_thousands("123456789") == "123,456,789");
  CHECK(tally::group_thousands("") == "");
  CHECK(tally::group_thousands("-") == "-");
}
