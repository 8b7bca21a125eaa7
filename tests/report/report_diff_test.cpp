#include "tools/report_diff.hpp"

#include <catch2/catch.hpp>

using tally::PeriodChange;
using tally::PeriodResult;
using tally::ProductResult;
using tally::Rational;
using tally::Report;
using tally::TotalPeriod;

namespace {

tally::Day day(const char* text) {
  const auto parsed = tally::parse_date(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

PeriodResult period(const char* start, const char* end, Rational usage, Rational qlu) {
  return {day(start), day(end), false, std::move(usage), std::move(qlu), {}};
}

TotalPeriod total(const char* start, const char* end, Rational qlu) {
  return {day(start), day(end), false, qlu};
}

// Old rules: VMDR (peak), CSPM (rolling), OLD; totals for two fortnights.
Report old_report() {
  Report report;
  report.start = day("2026-01-01");
  report.end = day("2026-12-31");
  report.as_of = day("2026-01-30");
  ProductResult vmdr{"VMDR", "Vulnerability Management", "peak", Rational(3, 2), {}};
  vmdr.periods = {period("2026-01-01", "2026-01-15", 7000, 10500),
                  period("2026-01-16", "2026-01-30", 6999, Rational(20997, 2))};
  ProductResult cspm{"CSPM", "Cloud Security Posture Management", "rolling average", 12, {}};
  cspm.periods = {period("2026-01-19", "2026-01-19", Rational(1300, 3), 5200),
                  period("2026-01-20", "2026-01-20", 430, 5160)};
  ProductResult old{"OLD", "", "peak", 1, {}};
  old.periods = {period("2026-01-01", "2026-01-15", 5, 5)};
  report.products = {vmdr, cspm, old};
  report.totals = {total("2026-01-01", "2026-01-15", 15705), total("2026-01-16", "2026-01-30", 15658)};
  return report;
}

// New rules: VMDR's second fortnight and CSPM's first day move, CSPM gains a
// day, OLD is gone and NEWP is new; the second total moves.
Report new_report() {
  Report report = old_report();
  report.products[0].periods[1] = period("2026-01-16", "2026-01-30", 7000, 10500);
  report.products[1].periods[0] = period("2026-01-19", "2026-01-19", Rational(1301, 3), 5204);
  report.products[1].periods.push_back(period("2026-01-21", "2026-01-21", 431, 5172));
  report.products.erase(report.products.begin() + 2);
  ProductResult newp{"NEWP", "", "peak", 1, {}};
  newp.periods = {period("2026-01-16", "2026-01-30", 1234567, Rational(10, 3))};
  report.products.push_back(newp);
  report.totals[1].qlu = Rational(31331, 2);
  return report;
}

std::string text_of(const std::optional<Rational>& value) {
  return value ? tally::to_fraction_text(*value) : std::string("absent");
}

std::string describe(const PeriodChange& change) {
  return change.product + " " + tally::format_date(change.start) + ".." + tally::format_date(change.end) +
         " usage " + text_of(change.old_usage) + " -> " + text_of(change.new_usage) + ", qlu " +
         text_of(change.old_qlu) + " -> " + text_of(change.new_qlu);
}

} // namespace

TEST_CASE("diff lists only the periods that differ", "[diff]") {
  const auto diff = tally::diff_reports(old_report(), new_report());
  std::vector<std::string> changes;
  for (const auto& change : diff.changes)
    changes.push_back(describe(change));
  CHECK(changes == std::vector<std::string>{
                       "VMDR 2026-01-16..2026-01-30 usage 6999 -> 7000, qlu 20997/2 -> 10500",
                       "CSPM 2026-01-19..2026-01-19 usage 1300/3 -> 1301/3, qlu 5200 -> 5204",
                       "CSPM 2026-01-21..2026-01-21 usage absent -> 431, qlu absent -> 5172",
                       "OLD 2026-01-01..2026-01-15 usage 5 -> absent, qlu 5 -> absent",
                       "NEWP 2026-01-16..2026-01-30 usage absent -> 1234567, qlu absent -> 10/3",
                       "Total 2026-01-16..2026-01-30 usage absent -> absent, qlu 15658 -> 31331/2",
                   });
  // VMDR 2 + CSPM 3 + OLD 1 + NEWP 1 + Total 2
  CHECK(diff.periods_compared == 9);
  CHECK(diff.products_only_old == std::vector<std::string>{"OLD"});
  CHECK(diff.products_only_new == std::vector<std::string>{"NEWP"});
  // VMDR +1.5, CSPM 5172 - 5160, OLD -5, NEWP +10/3
  CHECK(diff.qlu_change_at_last_periods == Rational(71, 6));
  CHECK(diff.changed());
}

TEST_CASE("diff of a report with itself is empty", "[diff]") {
  const auto diff = tally::diff_reports(old_report(), old_report());
  CHECK(diff.changes.empty());
  CHECK(diff.periods_compared == 7);
  CHECK(diff.products_only_old.empty());
  CHECK(diff.products_only_new.empty());
  CHECK(diff.qlu_change_at_last_periods == 0);
  CHECK_FALSE(diff.changed());
  CHECK(tally::diff_table(diff) == "no change in 7 periods\n");
  CHECK(
      tally::diff_csv(diff) ==
      "product,start,end,old_usage,new_usage,usage_change,old_qlu,new_qlu,qlu_change,rounded,"
      "old_usage_exact,new_usage_exact,usage_change_exact,old_qlu_exact,new_qlu_exact,qlu_change_exact\r\n");
  CHECK(tally::diff_json(diff) == R"({
  "periods_compared": 7,
  "changed": false,
  "products_only_old": [],
  "products_only_new": [],
  "qlu_change_at_last_periods": "0",
  "changes": []
}
)");
}

TEST_CASE("a product without periods on one side is a change", "[diff]") {
  Report old_side, new_side;
  new_side.products.push_back({"EMPTY", "", "peak", 1, {}});
  const auto diff = tally::diff_reports(old_side, new_side);
  CHECK(diff.changes.empty());
  CHECK(diff.periods_compared == 0);
  CHECK(diff.products_only_new == std::vector<std::string>{"EMPTY"});
  CHECK(diff.changed());
  CHECK(tally::diff_table(diff) ==
        "Only in the new report: EMPTY\n"
        "\n"
        "0 of 0 periods changed; QLU unchanged at the last period of each product\n");
}

TEST_CASE("one changed period in one", "[diff]") {
  Report old_side, new_side;
  old_side.products.push_back({"P", "", "peak", 1, {period("2026-01-01", "2026-01-15", 1000, 1000)}});
  new_side.products.push_back({"P", "", "peak", 1, {period("2026-01-01", "2026-01-15", 999, 999)}});
  CHECK(tally::diff_table(tally::diff_reports(old_side, new_side)) ==
        "product  start       end         old usage  new usage  usage change  old QLU  new QLU  QLU change\n"
        "P        2026-01-01  2026-01-15      1,000        999            -1    1,000      999          -1\n"
        "\n"
        "1 of 1 period changed; QLU -1 at the last period of each product\n");
}

TEST_CASE("diff table shows each change with absent values as dashes", "[diff][table]") {
  CHECK(
      tally::diff_table(tally::diff_reports(old_report(), new_report())) ==
      R"(product  start       end          old usage    new usage   usage change    old QLU   new QLU   QLU change
VMDR     2026-01-16  2026-01-30       6,999        7,000             +1   10,498.5    10,500         +1.5
CSPM     2026-01-19  2026-01-19  433.333333~  433.666667~     +0.333333~     5,200     5,204           +4
CSPM     2026-01-21  2026-01-21           -          431              -          -     5,172            -
OLD      2026-01-01  2026-01-15           5            -              -          5         -            -
NEWP     2026-01-16  2026-01-30           -    1,234,567              -          -  3.333333~           -
Total    2026-01-16  2026-01-30           -            -              -     15,658  15,665.5         +7.5

Only in the old report: OLD
Only in the new report: NEWP

6 of 9 periods changed; QLU +11.833333~ at the last period of each product
~ rounded half-even to 6 places; the exact fractions are in the JSON output
)");
}

TEST_CASE("diff JSON has decimal strings and exact fractions where rounded", "[diff][json]") {
  CHECK(tally::diff_json(tally::diff_reports(old_report(), new_report())) == R"({
  "periods_compared": 9,
  "changed": true,
  "products_only_old": ["OLD"],
  "products_only_new": ["NEWP"],
  "qlu_change_at_last_periods": "11.833333",
  "qlu_change_at_last_periods_exact": "71/6",
  "changes": [
    {"product": "VMDR", "start": "2026-01-16", "end": "2026-01-30", "old_usage": "6999", "new_usage": "7000", "usage_change": "1", "old_qlu": "10498.5", "new_qlu": "10500", "qlu_change": "1.5"},
    {"product": "CSPM", "start": "2026-01-19", "end": "2026-01-19", "old_usage": "433.333333", "new_usage": "433.666667", "usage_change": "0.333333", "old_qlu": "5200", "new_qlu": "5204", "qlu_change": "4", "rounded": true, "old_usage_exact": "1300/3", "new_usage_exact": "1301/3", "usage_change_exact": "1/3"},
    {"product": "CSPM", "start": "2026-01-21", "end": "2026-01-21", "old_usage": null, "new_usage": "431", "usage_change": null, "old_qlu": null, "new_qlu": "5172", "qlu_change": null},
    {"product": "OLD", "start": "2026-01-01", "end": "2026-01-15", "old_usage": "5", "new_usage": null, "usage_change": null, "old_qlu": "5", "new_qlu": null, "qlu_change": null},
    {"product": "NEWP", "start": "2026-01-16", "end": "2026-01-30", "old_usage": null, "new_usage": "1234567", "usage_change": null, "old_qlu": null, "new_qlu": "3.333333", "qlu_change": null, "rounded": true, "new_qlu_exact": "10/3"},
    {"product": "Total", "start": "2026-01-16", "end": "2026-01-30", "old_usage": null, "new_usage": null, "usage_change": null, "old_qlu": "15658", "new_qlu": "15665.5", "qlu_change": "7.5"}
  ]
}
)");
}

TEST_CASE("diff CSV has a row per change and exact fractions where rounded", "[diff][csv]") {
  CHECK(tally::diff_csv(tally::diff_reports(old_report(), new_report())) ==
        "product,start,end,old_usage,new_usage,usage_change,old_qlu,new_qlu,qlu_change,rounded,"
        "old_usage_exact,new_usage_exact,usage_change_exact,old_qlu_exact,new_qlu_exact,qlu_change_exact\r\n"
        "VMDR,2026-01-16,2026-01-30,6999,7000,1,10498.5,10500,1.5,false,,,,,,\r\n"
        "CSPM,2026-01-19,2026-01-19,433.333333,433.666667,0.333333,5200,5204,4,true,1300/3,1301/3,1/3,,,\r\n"
        "CSPM,2026-01-21,2026-01-21,,431,,,5172,,false,,,,,,\r\n"
        "OLD,2026-01-01,2026-01-15,5,,,5,,,false,,,,,,\r\n"
        "NEWP,2026-01-16,2026-01-30,,1234567,,,3.333333,,true,,,,,10/3,\r\n"
        "Total,2026-01-16,2026-01-30,,,,15658,15665.5,7.5,false,,,,,,\r\n");
}

TEST_CASE("diff CSV quotes product names that need it", "[diff][csv]") {
  Report old_side, new_side;
  old_side.products.push_back(
      {"A,\"B\"", "", "peak", 1, {period("2026-01-01", "2026-01-15", -2, Rational(-1, 4))}});
  new_side.products.push_back(
      {"A,\"B\"", "", "peak", 1, {period("2026-01-01", "2026-01-15", 2, Rational(1, 4))}});
  const auto diff = tally::diff_reports(old_side, new_side);
  CHECK(tally::diff_csv(diff) ==
        "product,start,end,old_usage,new_usage,usage_change,old_qlu,new_qlu,qlu_change,rounded,"
        "old_usage_exact,new_usage_exact,usage_change_exact,old_qlu_exact,new_qlu_exact,qlu_change_exact\r\n"
        "\"A,\"\"B\"\"\",2026-01-01,2026-01-15,-2,2,4,-0.25,0.25,0.5,false,,,,,,\r\n");
  CHECK(tally::diff_table(diff).find("QLU +0.5 at the last period") != std::string::npos);
}
