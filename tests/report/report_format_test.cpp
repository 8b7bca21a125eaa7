#include "tools/report_format.hpp"

#include <catch2/catch.hpp>

using tally::PeriodResult;
using tally::ProductResult;
using tally::Rational;
using tally::Report;

namespace {

tally::Day day(const char* text) {
  const auto parsed = tally::parse_date(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

PeriodResult period(const char* start, const char* end, bool partial, Rational usage, Rational qlu,
                    std::vector<std::pair<std::string, Rational>> components) {
  return {day(start), day(end), partial, std::move(usage), std::move(qlu), std::move(components)};
}

// A peak product with a partial second interval, and a rolling product whose
// first day has no finite decimal form (1300/3 assets on average).
Report sample_report() {
  Report report;
  report.start = day("2026-01-01");
  report.end = day("2026-12-31");
  report.as_of = day("2026-01-20");
  report.rows_read = 12345;

  ProductResult vmdr{"VMDR", "Vulnerability Management, Detection and Response", "peak", Rational(3, 2), {}};
  vmdr.periods.push_back(period("2026-01-01", "2026-01-15", false, 7000, 10500,
                                {{"A1", 4000}, {"A2", 2000}, {"B", 2000}, {"C", 1000}}));
  vmdr.periods.push_back(period("2026-01-16", "2026-01-30", true, 6999, Rational(20997, 2),
                                {{"A1", 3999}, {"A2", 2000}, {"B", 2000}, {"C", 1000}}));

  ProductResult cspm{"CSPM", "Cloud Security Posture Management", "rolling average", 12, {}};
  cspm.periods.push_back(period("2026-01-19", "2026-01-19", false, Rational(1300, 3), 5200,
                                {{"vm", Rational(1300, 3)}, {"fn", Rational(1, 100)}}));
  cspm.periods.push_back(period("2026-01-20", "2026-01-20", false, 430, 5160, {{"vm", 430}}));

  report.products = {vmdr, cspm};
  report.skipped.push_back({12, 5, "unknown status `actve`"});
  report.provenance = {
      "tally 0.0.0-test", {{"rules/vmdr.tally", "aa11"}}, "bb22", {"obs.csv", "cc33"}, {"VMDR.ratio=1.5"}};
  return report;
}

Report empty_report() {
  Report report;
  report.start = day("2024-02-29");
  report.end = day("2025-02-28");
  report.as_of = day("2024-02-29");
  report.provenance = {"tally 0.0.0-test", {}, "e3b0", {"empty.csv", "e3b0"}, {}};
  return report;
}

} // namespace

TEST_CASE("JSON lists products, periods and skipped rows with values as strings", "[report][json]") {
  CHECK(tally::format_json(sample_report()) == R"({
  "as_of": "2026-01-20",
  "start": "2026-01-01",
  "end": "2026-12-31",
  "provenance": {
    "engine": "tally 0.0.0-test",
    "rules_sha256": "bb22",
    "rule_files": [
      {"path": "rules/vmdr.tally", "sha256": "aa11"}
    ],
    "data": {"path": "obs.csv", "sha256": "cc33"},
    "settings": [
      "VMDR.ratio=1.5"
    ]
  },
  "products": [
    {
      "product": "VMDR",
      "title": "Vulnerability Management, Detection and Response",
      "method": "peak",
      "ratio": "1.5",
      "periods": [
        {"start": "2026-01-01", "end": "2026-01-15", "partial": false, "usage": "7000", "qlu": "10500", "components": {"A1": "4000", "A2": "2000", "B": "2000", "C": "1000"}},
        {"start": "2026-01-16", "end": "2026-01-30", "partial": true, "usage": "6999", "qlu": "10498.5", "components": {"A1": "3999", "A2": "2000", "B": "2000", "C": "1000"}}
      ]
    },
    {
      "product": "CSPM",
      "title": "Cloud Security Posture Management",
      "method": "rolling average",
      "ratio": "12",
      "periods": [
        {"start": "2026-01-19", "end": "2026-01-19", "partial": false, "usage": "433.333333", "qlu": "5200", "components": {"vm": "433.333333", "fn": "0.01"}, "rounded": true, "usage_exact": "1300/3", "components_exact": {"vm": "1300/3"}},
        {"start": "2026-01-20", "end": "2026-01-20", "partial": false, "usage": "430", "qlu": "5160", "components": {"vm": "430"}}
      ]
    }
  ],
  "totals": [],
  "rows_read": 12345,
  "skipped_rows": [
    {"line": 12, "column": 5, "message": "unknown status `actve`"}
  ]
}
)");
}

TEST_CASE("JSON of an empty report has empty arrays", "[report][json]") {
  CHECK(tally::format_json(empty_report()) == R"({
  "as_of": "2024-02-29",
  "start": "2024-02-29",
  "end": "2025-02-28",
  "provenance": {
    "engine": "tally 0.0.0-test",
    "rules_sha256": "e3b0",
    "rule_files": [],
    "data": {"path": "empty.csv", "sha256": "e3b0"},
    "settings": []
  },
  "products": [],
  "totals": [],
  "rows_read": 0,
  "skipped_rows": []
}
)");
}

TEST_CASE("JSON flags an inexact QLU and ratio with their exact fractions", "[report][json]") {
  Report report = empty_report();
  ProductResult product{"X", "", "peak", Rational(2, 3), {}};
  product.periods.push_back(period("2024-02-29", "2024-03-14", true, 7, Rational(14, 3), {}));
  report.products.push_back(product);
  CHECK(tally::format_json(report) == R"({
  "as_of": "2024-02-29",
  "start": "2024-02-29",
  "end": "2025-02-28",
  "provenance": {
    "engine": "tally 0.0.0-test",
    "rules_sha256": "e3b0",
    "rule_files": [],
    "data": {"path": "empty.csv", "sha256": "e3b0"},
    "settings": []
  },
  "products": [
    {
      "product": "X",
      "title": "",
      "method": "peak",
      "ratio": "0.666667",
      "ratio_exact": "2/3",
      "periods": [
        {"start": "2024-02-29", "end": "2024-03-14", "partial": true, "usage": "7", "qlu": "4.666667", "components": {}, "rounded": true, "qlu_exact": "14/3"}
      ]
    }
  ],
  "totals": [],
  "rows_read": 0,
  "skipped_rows": []
}
)");
}

TEST_CASE("JSON escapes quotes, backslashes, control bytes and invalid UTF-8", "[report][json]") {
  Report report = empty_report();
  report.skipped.push_back({3, 1, "bad \"cell\" C:\\x\ttab\nnew\x01 caf\xc3\xa9 \xff\xc3 \xed\xa0\x80"});
  const std::string json = tally::format_json(report);
  CHECK(json.find(
            R"({"line": 3, "column": 1, "message": "bad \"cell\" C:\\x\ttab\nnew\u0001 café \ufffd\ufffd )"
            R"(\ufffd\ufffd\ufffd"})") != std::string::npos);
}

TEST_CASE("CSV has one row per period and a column per component name", "[report][csv]") {
  CHECK(tally::format_csv(sample_report()) ==
        "product,method,ratio,start,end,partial,usage,qlu,rounded,usage_exact,qlu_exact,"
        "component:A1,component:A2,component:B,component:C,component:vm,component:fn,"
        "as_of,engine,rules_sha256,data_sha256\r\n"
        "VMDR,peak,1.5,2026-01-01,2026-01-15,false,7000,10500,false,,,4000,2000,2000,1000,,,2026-01-20,tally "
        "0.0.0-test,bb22,cc33\r\n"
        "VMDR,peak,1.5,2026-01-16,2026-01-30,true,6999,10498.5,false,,,3999,2000,2000,1000,,,2026-01-20,"
        "tally 0.0.0-test,bb22,cc33\r\n"
        "CSPM,rolling "
        "average,12,2026-01-19,2026-01-19,false,433.333333,5200,true,1300/"
        "3,,,,,,433.333333,0.01,2026-01-20,tally 0.0.0-test,bb22,cc33\r\n"
        "CSPM,rolling average,12,2026-01-20,2026-01-20,false,430,5160,false,,,,,,,430,,2026-01-20,tally "
        "0.0.0-test,bb22,cc33\r\n");
}

TEST_CASE("CSV quotes fields that need it", "[report][csv]") {
  Report report = empty_report();
  ProductResult product{"A,B", "", "say \"hi\"", 1, {}};
  product.periods.push_back(period("2024-02-29", "2024-02-29", false, 1, Rational(1, 3), {{"x\ny", 2}}));
  report.products.push_back(product);
  CHECK(tally::format_csv(report) ==
        "product,method,ratio,start,end,partial,usage,qlu,rounded,usage_exact,qlu_exact,\"component:x\ny\","
        "as_of,engine,rules_sha256,data_sha256\r\n"
        "\"A,B\",\"say \"\"hi\"\"\",1,2024-02-29,2024-02-29,false,1,0.333333,true,,1/3,2,2024-02-29,tally "
        "0.0.0-test,e3b0,e3b0\r\n");
}

TEST_CASE("CSV of an empty report is the header alone", "[report][csv]") {
  CHECK(tally::format_csv(empty_report()) == "product,method,ratio,start,end,partial,usage,qlu,rounded,usage_"
                                             "exact,qlu_exact,as_of,engine,rules_sha256,"
                                             "data_sha256\r\n");
}

TEST_CASE("the table aligns columns and footnotes partial and rounded values", "[report][table]") {
  CHECK(tally::format_table(sample_report()) == R"(Term 2026-01-01 to 2026-12-31, as of 2026-01-20
Rows read: 12,345

VMDR  Vulnerability Management, Detection and Response
peak, ratio 1.5

start       end          usage       QLU     A1     A2      B      C
2026-01-01  2026-01-15   7,000    10,500  4,000  2,000  2,000  1,000
2026-01-16  2026-01-30*  6,999  10,498.5  3,999  2,000  2,000  1,000

CSPM  Cloud Security Posture Management
rolling average, ratio 12

day              usage     QLU          vm     fn
2026-01-19  433.333333~  5,200  433.333333~  0.01
2026-01-20         430   5,160         430

* partial: the interval extends past the as-of day
~ rounded half-even to 6 places; the exact fractions are in the JSON output

Skipped rows: 1
  line 12, column 5: unknown status `actve`

Computed by tally 0.0.0-test as of 2026-01-20
  rules  sha256 bb22 (1 file; JSON lists each)
  data   sha256 cc33 obs.csv
  settings given as flags: VMDR.ratio=1.5
)");
}

TEST_CASE("the table needs no footnotes when nothing is partial or rounded", "[report][table]") {
  Report report = empty_report();
  report.rows_read = 999;
  report.products.push_back({"ETM", "", "peak", 3, {}});
  report.products.push_back({"EDR", "Endpoint Detection", "peak", Rational(285, 100), {}});
  report.products.back().periods.push_back(period("2024-02-29", "2024-03-14", false, 1000, 2850, {}));
  CHECK(tally::format_table(report) == R"(Term 2024-02-29 to 2025-02-28, as of 2024-02-29
Rows read: 999

ETM
peak, ratio 3
(no periods evaluated)

EDR  Endpoint Detection
peak, ratio 2.85

start       end         usage    QLU
2024-02-29  2024-03-14  1,000  2,850

Computed by tally 0.0.0-test as of 2024-02-29
  rules  sha256 e3b0 (0 files; JSON lists each)
  data   sha256 e3b0 empty.csv
)");
}

TEST_CASE("the table lists the first skipped rows and counts the rest", "[report][table]") {
  Report report = empty_report();
  for (std::uint64_t line = 2; line < 2 + 25; ++line)
    report.skipped.push_back({line, 1, "missing asset_id"});
  const std::string table = tally::format_table(report);
  CHECK(table.find("Skipped rows: 25\n  line 2, column 1: missing asset_id\n") != std::string::npos);
  CHECK(table.find("  line 21, column 1: missing asset_id\n"
                   "  ... and 5 more (all are listed in the JSON output)\n") != std::string::npos);
  CHECK(table.find("line 22,") == std::string::npos);
}

TEST_CASE("the table marks a rounded ratio", "[report][table]") {
  Report report = empty_report();
  report.products.push_back({"X", "", "peak", Rational(2, 3), {}});
  const std::string table = tally::format_table(report);
  CHECK(table.find("peak, ratio 0.666667~\n") != std::string::npos);
  CHECK(table.find("~ rounded half-even to 6 places") != std::string::npos);
}

TEST_CASE("totals: JSON and CSV state every total, the table shows rolling days on the totals' days",
          "[report][totals]") {
  Report report = sample_report();
  report.skipped.clear();
  report.totals = {{day("2026-01-01"), day("2026-01-15"), false, 10500},
                   {day("2026-01-16"), day("2026-01-20"), true, Rational(31317, 2)}};
  const auto json = tally::format_json(report);
  CHECK(json.find(R"("totals": [
    {"start": "2026-01-01", "end": "2026-01-15", "partial": false, "qlu": "10500"},
    {"start": "2026-01-16", "end": "2026-01-20", "partial": true, "qlu": "15658.5"}
  ],)") != std::string::npos);
  const auto csv = tally::format_csv(report);
  CHECK(
      csv.find(
          ",total,,2026-01-01,2026-01-15,false,,10500,false,,,,,,,,,2026-01-20,tally 0.0.0-test,bb22,cc33\r\n"
          ",total,,2026-01-16,2026-01-20,true,,15658.5,false,,,,,,,,,2026-01-20,tally "
          "0.0.0-test,bb22,cc33\r\n") != std::string::npos);
  CHECK(tally::format_table(report) == R"(Term 2026-01-01 to 2026-12-31, as of 2026-01-20
Rows read: 12,345

VMDR  Vulnerability Management, Detection and Response
peak, ratio 1.5

start       end          usage       QLU     A1     A2      B      C
2026-01-01  2026-01-15   7,000    10,500  4,000  2,000  2,000  1,000
2026-01-16  2026-01-30*  6,999  10,498.5  3,999  2,000  2,000  1,000

CSPM  Cloud Security Posture Management
rolling average, ratio 12

day         usage    QLU   vm
2026-01-20    430  5,160  430

Total QLU, all products reported

start       end               QLU
2026-01-01  2026-01-15     10,500
2026-01-16  2026-01-20*  15,658.5

Rolling products show the days totals are stated; JSON and CSV have every day.
* partial: the interval extends past the as-of day

Computed by tally 0.0.0-test as of 2026-01-20
  rules  sha256 bb22 (1 file; JSON lists each)
  data   sha256 cc33 obs.csv
  settings given as flags: VMDR.ratio=1.5
)");
}
