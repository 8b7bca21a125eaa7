#include "tests/support/compare_reports.hpp"

#include <catch2/catch.hpp>

using namespace tally;

namespace {

Report sample_report() {
  Report report;
  report.start = 20454; // 2026-01-01
  report.end = 20818;
  report.as_of = 20468;
  ProductResult vmdr;
  vmdr.product = "VMDR";
  vmdr.method = "peak";
  vmdr.ratio = Rational(3, 2);
  PeriodResult period;
  period.start = 20454;
  period.end = 20468;
  period.usage = 7000;
  period.qlu = 10500;
  period.components = {{"A1", 4000}, {"A2", 2000}, {"B", 2000}, {"C", 1000}};
  vmdr.periods.push_back(period);
  report.products.push_back(vmdr);
  ProductResult sspm;
  sspm.product = "SSPM";
  sspm.method = "rolling average";
  sspm.ratio = Rational(3, 2);
  period.end = period.start;
  period.usage = Rational(1, 3);
  period.qlu = Rational(1, 2);
  period.components = {{"users", Rational(1, 3)}};
  sspm.periods.push_back(period);
  report.products.push_back(sspm);
  return report;
}

} // namespace

TEST_CASE("identical reports agree, whatever their product order and titles", "[compare]") {
  Report expected = sample_report();
  Report actual = sample_report();
  std::swap(actual.products[0], actual.products[1]);
  actual.products[0].title = "SaaS Security Posture Management";
  actual.rows_read = 99;
  CHECK(test::compare_reports(expected, actual).empty());
}

TEST_CASE("each difference is one readable line", "[compare]") {
  Report expected = sample_report();
  Report actual = sample_report();
  actual.products[0].periods[0].usage = 6999;
  actual.products[0].periods[0].components[3].second = 1001;
  actual.products[1].periods[0].partial = true;
  actual.products[1].periods[0].qlu = Rational(2, 3);
  std::vector<std::string> differences = test::compare_reports(expected, actual);
  REQUIRE(differences.size() == 4);
  CHECK(differences[0] == "VMDR 2026-01-01..2026-01-15: usage expected 7000, actual 6999");
  CHECK(differences[1] == "VMDR 2026-01-01..2026-01-15: component C expected 1000, actual 1001");
  CHECK(differences[2] == "SSPM 2026-01-01..2026-01-01: partial expected false, actual true");
  CHECK(differences[3] == "SSPM 2026-01-01..2026-01-01: qlu expected 0.5, actual 2/3");
}

TEST_CASE("missing, extra and reshaped products and periods are reported", "[compare]") {
  Report expected = sample_report();
  Report actual = sample_report();
  actual.as_of += 1;
  actual.products[0].method = "rolling average";
  actual.products[0].periods[0].components.pop_back();
  actual.products[1].product = "SC";
  std::vector<std::string> differences = test::compare_reports(expected, actual);
  REQUIRE(differences.size() == 5);
  CHECK(differences[0] == "as-of expected 2026-01-15, actual 2026-01-16");
  CHECK(differences[1] == "VMDR: method expected `peak`, actual `rolling average`");
  CHECK(differences[2] ==
        "VMDR 2026-01-01..2026-01-15: components expected [A1, A2, B, C], actual [A1, A2, B]");
  CHECK(differences[3] == "SSPM: missing from the actual report");
  CHECK(differences[4] == "SC: not expected, but in the actual report");

  actual = sample_report();
  actual.products[0].periods.clear();
  CHECK(test::compare_reports(expected, actual) ==
        std::vector<std::string>{"VMDR: period count expected 1, actual 0"});
}
