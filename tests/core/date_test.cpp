#include "date.hpp"

#include <catch2/catch.hpp>

using tally::Day;

namespace {

Day date(const char* text) {
  const auto day = tally::parse_date(text);
  REQUIRE(day.has_value());
  return *day;
}

} // namespace

TEST_CASE("dates count days from 1970-01-01", "[date]") {
  CHECK(tally::parse_date("1970-01-01") == 0);
  CHECK(tally::parse_date("1970-01-02") == 1);
  CHECK(tally::parse_date("1969-12-31") == -1);
  CHECK(tally::parse_date("2000-03-01") == 11017);
  CHECK(tally::parse_date("2026-01-01") == 20454);
  CHECK(tally::parse_date("0000-01-01") == -719528);
  CHECK(tally::parse_date("9999-12-31") == 2932896);
}

TEST_CASE("leap years follow the Gregorian rules", "[date]") {
  CHECK(tally::parse_date("2024-02-29").has_value());
  CHECK(tally::parse_date("2000-02-29").has_value());
  CHECK_FALSE(tally::parse_date("1900-02-29").has_value());
  CHECK_FALSE(tally::parse_date("2026-02-29").has_value());
  CHECK(date("2024-03-01") - date("2024-02-28") == 2);
  CHECK(date("2023-03-01") - date("2023-02-28") == 1);
  CHECK(date("2100-03-01") - date("2100-02-28") == 1);
  CHECK(date("2001-01-01") - date("2000-01-01") == 366);
}

TEST_CASE("malformed or impossible dates are rejected", "[date]") {
  for (const char* bad :
       {"", "2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31", "2026-1-1", "2026-01-1",
        "26-01-01", "2026/01/01", "2026-01-01x", "2026-01-01 ", " 2026-01-01", "2026-01-01T00:00Z",
        "20260101", "2026-0a-01", "+202-01-01", "-2026-01-01"})
    CHECK_FALSE(tally::parse_date(bad).has_value());
}

TEST_CASE("every day round-trips through format_date", "[date]") {
  for (Day day = date("1899-12-25"); day <= date("2101-01-06"); ++day) {
    const std::string text = tally::format_date(day);
    REQUIRE(tally::parse_date(text) == day);
  }
  CHECK(tally::format_date(0) == "1970-01-01");
  CHECK(tally::format_date(-1) == "1969-12-31");
  CHECK(tally::format_date(date("2024-02-29")) == "2024-02-29");
  CHECK(tally::format_date(date("0000-03-01")) == "0000-03-01");
  CHECK(tally::format_date(date("9999-12-31")) == "9999-12-31");
}

TEST_CASE("timestamps are seconds since the epoch in UTC", "[date]") {
  CHECK(tally::parse_timestamp("1970-01-01") == 0);
  CHECK(tally::parse_timestamp("2026-03-31") == tally::start_of(date("2026-03-31")));
  CHECK(tally::parse_timestamp("2026-03-31T13:45Z") ==
        tally::start_of(date("2026-03-31")) + 13 * 3600 + 45 * 60);
  CHECK(tally::parse_timestamp("2026-03-31T23:59:59Z") == tally::start_of(date("2026-04-01")) - 1);
  CHECK(tally::parse_timestamp("1969-12-31T23:00Z") == -3600);
  CHECK(tally::parse_timestamp("2024-02-29T00:00:00Z") == tally::start_of(date("2024-02-29")));
}

TEST_CASE("malformed timestamps are rejected", "[date]") {
  for (const char* bad : {"",
                          "2026-03-31T24:00Z",
                          "2026-03-31T23:60Z",
                          "2026-03-31T23:59:60Z",
                          "2026-03-31T13:45",
                          "2026-03-31T13:45:00",
                          "2026-03-31 13:45Z",
                          "2026-03-31t13:45Z",
                          "2026-03-31T13:45z",
                          "2026-03-31T1:45Z",
                          "2026-03-31T13:4Z",
                          "2026-03-31T13:45:0Z",
                          "2026-03-31T13:45:00+00:00",
                          "2026-03-31T13:45:00.5Z",
                          "2026-03-31T13-45Z",
                          "2026-03-31T13:45-00Z",
                          "2026-03-31T13:45:00ZZ",
                          "2026-02-30T00:00Z",
                          "2026-03-31T",
                          "2026-03-31Z",
                          "2026-03-31T13Z",
                          "2026-03-31T1a:45Z"})
    CHECK_FALSE(tally::parse_timestamp(bad).has_value());
}

TEST_CASE("days and hours of an instant round toward minus infinity", "[date]") {
  CHECK(tally::day_of(0) == 0);
  CHECK(tally::day_of(86399) == 0);
  CHECK(tally::day_of(86400) == 1);
  CHECK(tally::day_of(-1) == -1);
  CHECK(tally::day_of(-86400) == -1);
  CHECK(tally::day_of(-86401) == -2);
  CHECK(tally::hour_of(3599) == 0);
  CHECK(tally::hour_of(-1) == -1);
  CHECK(tally::day_of(*tally::parse_timestamp("2026-03-31T23:59:59Z")) == date("2026-03-31"));
}

TEST_CASE("a term ends the day before its first anniversary", "[date]") {
  CHECK(tally::format_date(tally::default_term_end(date("2026-01-01"))) == "2026-12-31");
  CHECK(tally::format_date(tally::default_term_end(date("2024-03-01"))) == "2025-02-28");
  CHECK(tally::format_date(tally::default_term_end(date("2023-03-01"))) == "2024-02-29");
  CHECK(tally::format_date(tally::default_term_end(date("2026-07-15"))) == "2027-07-14");
  CHECK(tally::format_date(tally::default_term_end(date("2025-12-31"))) == "2026-12-30");
}

TEST_CASE("a term starting on 29 February ends on 28 February", "[date]") {
  CHECK(tally::format_date(tally::default_term_end(date("2024-02-29"))) == "2025-02-28");
  CHECK(tally::format_date(tally::default_term_end(date("2024-02-28"))) == "2025-02-27");
}
