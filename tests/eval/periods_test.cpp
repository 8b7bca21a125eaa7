// Peak intervals and rolling windows: which periods exist, what they cover,
// which day's components a peak reports, and where the term starts and stops.
#include "tests/eval/eval_fixtures.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

namespace tally::eval_test {
namespace {

// `count` distinct assets seen by `source` on `date`, named prefix0, prefix1, ...
void add_assets(TableBuilder& builder, std::string_view date, std::string_view source, int count,
                std::string_view prefix) {
  for (int i = 0; i < count; ++i)
    builder.row({{"observed_at", std::string(date)},
                 {"asset_id", fmt::format("{}{}", prefix, i)},
                 {"source", std::string(source)},
                 {"agent_id", fmt::format("agent-{}{}", prefix, i)}});
}

plan::NumPtr assets_seen_by(std::string_view source) {
  return count(distinct("asset_id", snapshot(enum_in("source", {source}))));
}

// Agents and scanners per day; usage is their sum.
plan::ProductPlan agents_and_scanners(plan::Method method, std::int32_t length) {
  return product("P", method, length,
                 {{"agents", assets_seen_by("agent")}, {"scanners", assets_seen_by("scanner")}},
                 add(component(0), component(1)), "1.5");
}

// Days 1..9 of January 2026: usage 2 5 3 5 1 1 4 2 7; day 2 is all agents,
// day 4 is 2 agents and 3 scanners.
TableBuilder nine_days() {
  TableBuilder builder;
  const int agents[] = {2, 5, 3, 2, 1, 1, 4, 2, 7};
  const int scanners[] = {0, 0, 0, 3, 0, 0, 0, 0, 0};
  for (int i = 0; i < 9; ++i) {
    const std::string date = fmt::format("2026-01-{:02}", i + 1);
    add_assets(builder, date, "agent", agents[i], "a");
    add_assets(builder, date, "scanner", scanners[i], "s");
  }
  return builder;
}

} // namespace

TEST_CASE("peak intervals are clipped at the end, partial past the as-of day, and take the latest peak day",
          "[eval][periods]") {
  const TableBuilder builder = nine_days();
  const Report report = evaluate(make_plan(day("2026-01-01"), day("2026-01-10"), day("2026-01-09"),
                                           {agents_and_scanners(plan::Method::peak, 4)}),
                                 schema(), builder.table());
  REQUIRE(report.as_of == day("2026-01-09"));
  const ProductResult& result = report.products.at(0);
  CHECK(result.method == "peak");
  CHECK(result.ratio == Rational(3, 2));
  REQUIRE(result.periods.size() == 3);

  const PeriodResult& first = result.periods[0];
  CHECK(first.start == day("2026-01-01"));
  CHECK(first.end == day("2026-01-04"));
  CHECK_FALSE(first.partial);
  CHECK(first.usage == 5);
  CHECK(first.qlu == Rational(15, 2));
  // Days 2 and 4 both reach 5; day 4 is the later one.
  CHECK(value_of(first, "agents") == 2);
  CHECK(value_of(first, "scanners") == 3);

  const PeriodResult& second = result.periods[1];
  CHECK(second.start == day("2026-01-05"));
  CHECK(second.end == day("2026-01-08"));
  CHECK_FALSE(second.partial);
  CHECK(second.usage == 4);

  const PeriodResult& third = result.periods[2];
  CHECK(third.start == day("2026-01-09"));
  CHECK(third.end == day("2026-01-10")); // clipped at E, not 2026-01-12
  CHECK(third.partial);                  // reaches past T
  CHECK(third.usage == 7);
}

TEST_CASE("an interval that ends on the as-of day is complete", "[eval][periods]") {
  const TableBuilder builder = nine_days();
  const Report report = evaluate(make_plan(day("2026-01-01"), day("2026-12-31"), day("2026-01-08"),
                                           {agents_and_scanners(plan::Method::peak, 4)}),
                                 schema(), builder.table());
  const auto& periods = report.products.at(0).periods;
  REQUIRE(periods.size() == 2);
  CHECK_FALSE(periods[1].partial);
}

TEST_CASE("evaluation stops at the term's end even when data goes on", "[eval][periods]") {
  const TableBuilder builder = nine_days();
  const Report report = evaluate(make_plan(day("2026-01-01"), day("2026-01-06"), std::nullopt,
                                           {agents_and_scanners(plan::Method::peak, 4)}),
                                 schema(), builder.table());
  CHECK(report.as_of == day("2026-01-09")); // the last day in the data
  const auto& periods = report.products.at(0).periods;
  REQUIRE(periods.size() == 2);
  CHECK(periods[1].start == day("2026-01-05"));
  CHECK(periods[1].end == day("2026-01-06"));
  CHECK_FALSE(periods[1].partial);
  CHECK(periods[1].usage == 1);
}

TEST_CASE("rolling averages and totals cover up to `length` days, never before the start",
          "[eval][periods]") {
  const TableBuilder builder = nine_days();
  const Day start = day("2026-01-01");
  const Report report = evaluate(make_plan(start, day("2026-12-31"), day("2026-01-05"),
                                           {agents_and_scanners(plan::Method::rolling_average, 3),
                                            agents_and_scanners(plan::Method::rolling_total, 3)}),
                                 schema(), builder.table());
  const ProductResult& average = report.products.at(0);
  const ProductResult& total = report.products.at(1);
  CHECK(average.method == "rolling average");
  CHECK(total.method == "rolling total");
  REQUIRE(average.periods.size() == 5);
  REQUIRE(total.periods.size() == 5);
  // Usage 2 5 3 5 1.
  const std::vector<Rational> averages = {2, Rational(7, 2), Rational(10, 3), Rational(13, 3), 3};
  const std::vector<Rational> totals = {2, 7, 10, 13, 9};
  for (std::size_t i = 0; i < 5; ++i) {
    INFO("day " << i);
    CHECK(average.periods[i].start == start + static_cast<Day>(i));
    CHECK(average.periods[i].end == average.periods[i].start);
    CHECK_FALSE(average.periods[i].partial);
    CHECK(average.periods[i].usage == averages[i]);
    CHECK(average.periods[i].qlu == averages[i] * Rational(3, 2));
    CHECK(total.periods[i].usage == totals[i]);
  }
  // Components are averaged over the same window: day 4's window is days 2..4.
  CHECK(value_of(average.periods[3], "agents") == Rational(10, 3));
  CHECK(value_of(average.periods[3], "scanners") == 1);
  CHECK(value_of(total.periods[4], "scanners") == 3);
}

TEST_CASE("an empty table evaluates the start day alone", "[eval][periods]") {
  const TableBuilder builder;
  const Day start = day("2026-03-01");
  const Report report = evaluate(make_plan(start, day("2027-02-28"), std::nullopt,
                                           {agents_and_scanners(plan::Method::peak, 15),
                                            agents_and_scanners(plan::Method::rolling_average, 90)}),
                                 schema(), builder.table());
  CHECK(report.as_of == start);
  CHECK(report.rows_read == 0);
  const auto& peak = report.products.at(0).periods;
  REQUIRE(peak.size() == 1);
  CHECK(peak[0].start == start);
  CHECK(peak[0].end == start + 14);
  CHECK(peak[0].partial);
  CHECK(peak[0].usage == 0);
  CHECK(peak[0].qlu == 0);
  REQUIRE(report.products.at(1).periods.size() == 1);
  CHECK(report.products.at(1).periods[0].usage == 0);
}

TEST_CASE("a table without columns counts as empty", "[eval][periods]") {
  const Table bare;
  const Report report = evaluate(make_plan(day("2026-03-01"), day("2026-03-31"), std::nullopt,
                                           {agents_and_scanners(plan::Method::peak, 15)}),
                                 schema(), bare);
  REQUIRE(report.products.at(0).periods.size() == 1);
  CHECK(report.products.at(0).periods[0].usage == 0);
}

TEST_CASE("an as-of day before the start evaluates nothing", "[eval][periods]") {
  const TableBuilder builder = nine_days();
  const Report report = evaluate(make_plan(day("2026-02-01"), day("2026-12-31"), day("2026-01-31"),
                                           {agents_and_scanners(plan::Method::peak, 15),
                                            agents_and_scanners(plan::Method::rolling_total, 90)}),
                                 schema(), builder.table());
  CHECK(report.products.at(0).periods.empty());
  CHECK(report.products.at(1).periods.empty());
  CHECK(report.rows_read == builder.table().rows);
}

TEST_CASE("rows before the start are not part of the term", "[eval][periods]") {
  TableBuilder builder = nine_days();
  const plan::NumPtr term_assets = count(distinct("asset_id", term(always())));
  const Report report =
      evaluate(make_plan(day("2026-01-03"), day("2026-12-31"), day("2026-01-04"),
                         {simple_product("T", plan::Method::rolling_total, 1, term_assets)}),
               schema(), builder.table());
  // Day 3: a0..a2; day 4 adds s0..s2 (a0, a1 again).
  CHECK(daily_usage(report.products.at(0)) == std::vector<Rational>{3, 6});
}

TEST_CASE("the QLU expression reads the period's usage", "[eval][periods]") {
  const TableBuilder builder = nine_days();
  plan::ProductPlan rounded = simple_product("R", plan::Method::rolling_average, 3, assets_seen_by("agent"));
  rounded.qlu = round(mul(usage(), constant("0.95")), RoundingMode::half_up, 0);
  const Report report =
      evaluate(make_plan(day("2026-01-01"), day("2026-12-31"), day("2026-01-03"), {rounded}), schema(),
               builder.table());
  const auto& periods = report.products.at(0).periods;
  REQUIRE(periods.size() == 3);
  CHECK(periods[1].usage == Rational(7, 2));
  CHECK(periods[1].qlu == 3); // 3.325 -> 3
  CHECK(periods[2].qlu == 3); // 10/3 * 0.95 = 3.1666 -> 3
}

} // namespace tally::eval_test
