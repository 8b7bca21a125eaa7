// Peak intervals and rolling windows, per "Shared definitions".
#include "tests/reference/test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace tally;
using namespace tally::reference::testing;

namespace {

std::vector<test::Cell> user(const char* date, const std::string& name) {
  return {{"observed_at", date}, {"asset_id", name}, {"asset_type", "saas_user"}, {"source", "sspm"}};
}

std::vector<test::Cell> finding(const char* date, const std::string& asset) {
  return {{"observed_at", date}, {"asset_id", asset}, {"source", "external"}, {"findings", "1"}};
}

} // namespace

TEST_CASE("peak intervals are 15 days from the start, clipped at the end, partial past the as-of day",
          "[reference][periods]") {
  Table table = table_of({finding("2026-01-03", "a"), finding("2026-01-03", "b"), finding("2026-01-17", "a"),
                          finding("2026-01-25", "a")});
  reference::ReferenceTerms terms = terms_for({"ETM"}, day("2026-01-01"), day("2026-01-25"));
  terms.end = day("2026-01-20");
  Report report = reference::evaluate(table, schema(), terms);
  const std::vector<PeriodResult>& periods = product_in(report, "ETM").periods;
  REQUIRE(periods.size() == 2);
  CHECK(periods[0].start == day("2026-01-01"));
  CHECK(periods[0].end == day("2026-01-15"));
  CHECK(periods[0].usage == 2);
  CHECK(periods[0].qlu == 6);
  CHECK(periods[1].start == day("2026-01-16"));
  CHECK(periods[1].end == day("2026-01-20")); // clipped at E; the 25th is never evaluated
  CHECK_FALSE(periods[1].partial);
  CHECK(periods[1].usage == 1);

  terms.as_of = day("2026-01-17");
  Report earlier = reference::evaluate(table, schema(), terms);
  CHECK(product_in(earlier, "ETM").periods[1].partial);
  CHECK_FALSE(product_in(earlier, "ETM").periods[0].partial);

  terms.as_of = day("2025-12-31");
  CHECK(product_in(reference::evaluate(table, schema(), terms), "ETM").periods.empty());
}

TEST_CASE("the as-of day defaults to the last day in the table", "[reference][periods]") {
  Table table =
      table_of({finding("2026-01-03", "a"), finding("2025-12-20", "b"), finding("2026-01-09", "c")});
  Report report = reference::evaluate(table, schema(), terms_for({"SSPM"}, day("2026-01-01"), std::nullopt));
  CHECK(report.as_of == day("2026-01-09"));
  CHECK(product_in(report, "SSPM").periods.size() == 9); // one rolling period per evaluated day
  Report empty = reference::evaluate(Table{}, schema(), terms_for({"ETM"}, day("2026-01-01"), std::nullopt));
  CHECK(empty.as_of == day("2026-01-01"));
}

TEST_CASE("rolling averages divide by the days of the window, at most 90", "[reference][periods]") {
  Table table = table_of({user("2026-01-01", "u1"), user("2026-01-01", "u2"), user("2026-01-02", "u1")});
  Report report =
      reference::evaluate(table, schema(), terms_for({"SSPM"}, day("2026-01-01"), day("2026-04-01")));
  const ProductResult& sspm = product_in(report, "SSPM");
  CHECK(sspm.method == "rolling average");
  CHECK(sspm.periods.size() == 91);
  CHECK(period_at(report, "SSPM", day("2026-01-01")).usage == 2);
  CHECK(period_at(report, "SSPM", day("2026-01-02")).usage == Rational(3, 2));
  CHECK(period_at(report, "SSPM", day("2026-01-02")).qlu == Rational(9, 4));
  CHECK(period_at(report, "SSPM", day("2026-03-31")).usage == Rational(3, 90));
  CHECK(component(period_at(report, "SSPM", day("2026-03-31")), "users") == Rational(3, 90));
  CHECK(period_at(report, "SSPM", day("2026-04-01")).usage == Rational(1, 90)); // 1 January left the window
  for (const PeriodResult& period : sspm.periods) {
    CHECK(period.start == period.end);
    CHECK_FALSE(period.partial);
  }
}

TEST_CASE("ratios come from the terms, unknown products and missing ratios are errors",
          "[reference][terms]") {
  Table table = table_of({finding("2026-01-02", "a")});
  reference::ReferenceTerms terms = terms_for({"ETM"}, day("2026-01-01"), day("2026-01-02"));
  terms.ratios["ETM"] = Rational(7, 4);
  Report report = reference::evaluate(table, schema(), terms);
  CHECK(product_in(report, "ETM").ratio == Rational(7, 4));
  CHECK(product_in(report, "ETM").periods[0].qlu == Rational(7, 4));

  terms.products = {"ETM", "NOPE"};
  CHECK_THROWS_AS(reference::evaluate(table, schema(), terms), std::invalid_argument);
  terms.products = {"ETM"};
  terms.ratios.erase("ETM");
  CHECK_THROWS_AS(reference::evaluate(table, schema(), terms), std::invalid_argument);
}

TEST_CASE("the default terms evaluate every product with the seed ratios", "[reference][terms]") {
  CHECK(reference::all_products().size() == 24);
  CHECK(reference::default_ratios().size() == 24);
  CHECK(reference::default_ratios().at("PA") == Rational(187, 100));
  Table table = table_of({finding("2026-01-02", "a")});
  reference::ReferenceTerms terms;
  terms.start = day("2026-01-01");
  terms.end = day("2026-12-31");
  Report report = reference::evaluate(table, schema(), terms);
  REQUIRE(report.products.size() == 24);
  CHECK(report.products[0].product == "ETM");
  CHECK(report.products[0].periods[0].usage == 1);
  CHECK(product_in(report, "CIS").method == "rolling total");
}
