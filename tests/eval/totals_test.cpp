#include "interpreter/totals.hpp"

#include <catch2/catch.hpp>

using namespace tally;

namespace {

PeriodResult period(Day start, Day end, Rational qlu, bool partial = false) {
  PeriodResult p;
  p.start = start;
  p.end = end;
  p.partial = partial;
  p.qlu = std::move(qlu);
  return p;
}

} // namespace

TEST_CASE("totals add each product's period holding the day that ends a peak interval", "[totals]") {
  const Day s = *parse_date("2026-01-01");
  Report report;
  report.start = s;
  report.end = s + 364;
  report.as_of = s + 19; // the second interval is still running
  ProductResult peak{"P", "", "peak", 1, {}};
  peak.periods = {period(s, s + 14, 100), period(s + 15, s + 29, 40, true)};
  ProductResult rolling{"R", "", "rolling average", 1, {}};
  for (Day d = s; d <= s + 19; ++d)
    rolling.periods.push_back(period(d, d, Rational(d - s + 1, 3)));
  report.products = {peak, rolling};

  const auto totals = total_qlu(report);
  REQUIRE(totals.size() == 2);
  CHECK(totals[0].start == s);
  CHECK(totals[0].end == s + 14);
  CHECK(totals[0].qlu == 100 + Rational(15, 3));
  CHECK_FALSE(totals[0].partial);
  // The running interval is stated on the as-of day, with the rolling value of that day.
  CHECK(totals[1].start == s + 15);
  CHECK(totals[1].end == s + 19);
  CHECK(totals[1].qlu == 40 + Rational(20, 3));
  CHECK(totals[1].partial);
}

TEST_CASE("rolling products alone are totalled on the last evaluated day", "[totals]") {
  const Day s = *parse_date("2026-01-01");
  Report report;
  report.start = s;
  report.end = s + 364;
  report.as_of = s + 2;
  ProductResult rolling{"R", "", "rolling total", 1, {}};
  rolling.periods = {period(s, s, 1), period(s + 1, s + 1, 2), period(s + 2, s + 2, 5)};
  report.products = {rolling};
  const auto totals = total_qlu(report);
  REQUIRE(totals.size() == 1);
  CHECK(totals[0].start == s);
  CHECK(totals[0].end == s + 2);
  CHECK(totals[0].qlu == 5);
}

TEST_CASE("no evaluated day, no totals", "[totals]") {
  Report report;
  report.start = *parse_date("2026-01-01");
  report.end = report.start + 364;
  report.as_of = report.start - 1;
  CHECK(total_qlu(report).empty());
}
