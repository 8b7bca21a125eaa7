// The HTML report (tools/html_report.hpp): what it shows of a ledger, the
// chart's numbers and geometry, and escaping. tests/cli/html_report_test.sh
// checks the page as Chromium renders it.
#include "ledger_fixture.hpp"

#include "tools/html_report.hpp"
#include "tools/svg_chart.hpp"

#include <catch2/catch.hpp>

using namespace ledger_test;
using Catch::Matchers::Contains;

namespace {

// The text of one product's section.
std::string section_of(const std::string& page, const std::string& product) {
  const auto start = page.find("<section class=\"product\" data-product=\"" + product + "\">");
  REQUIRE(start != std::string::npos);
  return page.substr(start, page.find("</section>", start) - start);
}

// A page with nothing recorded, for the cases that need only names.
HtmlReportInput empty_input(const std::string& subscription, const std::string& contact) {
  HtmlReportInput input;
  input.pool.terms = {subscription, day("2026-01-01"), day("2026-12-31"), qlu("100"), contact};
  input.status.terms = input.pool.terms;
  input.thresholds = kDefaultThresholds;
  input.generated_on = day("2026-02-01");
  return input;
}

} // namespace

TEST_CASE("axis tops are the least 1, 2, 2.5 or 5 times a power of ten at or above the largest value") {
  CHECK(axis_top(0) == 1);
  CHECK(axis_top(1) == 1);
  CHECK(axis_top(qlu("1.5")) == 2);
  CHECK(axis_top(qlu("2.1")) == qlu("2.5"));
  CHECK(axis_top(3) == 5);
  CHECK(axis_top(7) == 10);
  CHECK(axis_top(11) == 20);
  CHECK(axis_top(2000) == 2000);
  CHECK(axis_top(2001) == 2500);
  CHECK(axis_top(qlu("7552.5")) == 10000);
  CHECK(axis_top(qlu("0.03")) == qlu("0.05"));
  CHECK(axis_top(Rational(299, 3)) == 100);
}

TEST_CASE("each period is charted and tabled against the allocation in force on its last day") {
  LedgerFixture fixture;
  {
    auto ledger = fixture.with_acme("2026-01-01");
    ledger.allocate("alice", "acme-2026", {{"EDR", qlu("1000")}, {"CSAM", qlu("500")}}, std::nullopt,
                    kProducts);
    ledger.rebalance("alice", "acme-2026", {{"EDR", qlu("2000")}}, day("2026-04-01"), kProducts);
    // 900 of 1000 until 2026-03-31, then 1800 of 2000; 2100 passes 2000 in the last period.
    ledger.record_usage(
        "alice", "acme-2026",
        edr_intervals({"900", "900", "900", "900", "900", "900", "1800", "2100"}, "2026-04-30"));
  }
  auto ledger = fixture.open_on("2026-05-02");
  const auto page = render_html_report(report_input(ledger, "alice", "acme-2026", day("2026-05-02")));

  CHECK_THAT(page, Contains("<dd id=\"as-of\">2026-04-30</dd>"));
  CHECK_THAT(page, Contains("<dd id=\"generated-on\">2026-05-02</dd>"));
  CHECK_THAT(page, Contains("<dd id=\"kept\">2025-05-03 .. 2026-05-02</dd>"));
  // The gauge: 100,000 purchased, 2,000 + 500 allocated, EDR's latest period used.
  CHECK_THAT(page, Contains("id=\"gauge-purchased\" x=\"568\" y=\"18\" dy=\"0.35em\">100,000</text>"));
  CHECK_THAT(page, Contains("id=\"gauge-allocated\" x=\"568\" y=\"50\" dy=\"0.35em\">2,500</text>"));
  CHECK_THAT(page, Contains("id=\"gauge-used\" x=\"568\" y=\"82\" dy=\"0.35em\">2,100</text>"));
  // Bars on one scale: 2,500 of 100,000 is 392 * 2500 / 100000 = 9.8 pixels.
  CHECK_THAT(page,
             Contains("<rect class=\"bar allocated\" x=\"168\" y=\"40\" width=\"9.8\" height=\"20\"/>"));

  const auto edr = section_of(page, "EDR");
  CHECK_THAT(edr, Contains("<span class=\"band over-utilised\">over-utilised</span>"));
  CHECK_THAT(
      edr, Contains("latest period 2026-04-16 .. 2026-04-30: <strong class=\"latest-used\">2,100</strong>"));
  CHECK_THAT(edr, Contains("<span class=\"latest-share\">105%</span>"));
  CHECK_THAT(edr, Contains("<span class=\"latest-remaining\">-100</span>"));
  CHECK_THAT(edr, Contains("<tr><td>2026-03-17 .. 2026-03-31</td><td class=\"num qlu\">900</td>"
                           "<td class=\"num allocation\">1,000</td><td class=\"num share\">90%</td></tr>"));
  CHECK_THAT(edr, Contains("<tr><td>2026-04-01 .. 2026-04-15</td><td class=\"num qlu\">1,800</td>"
                           "<td class=\"num allocation\">2,000</td><td class=\"num share\">90%</td></tr>"));
  CHECK_THAT(edr, Contains("QLU per period (8 periods)"));
  // The y axis runs to 2,500 (the least round top at or above 2,100) in quarters.
  for (const auto* tick : {">0</text>", ">625</text>", ">1,250</text>", ">1,875</text>", ">2,500</text>"})
    CHECK_THAT(edr, Contains(tick));
  // Columns: 8 slots of 632 / 8 = 79 pixels from x = 76, each 4/5 of its slot;
  // heights 192 * QLU / 2500 from the baseline at y = 204.
  CHECK_THAT(edr, Contains("<rect class=\"column\" x=\"83.9\" y=\"134.9\" width=\"63.2\" height=\"69.1\">"
                           "<title>2026-01-01 .. 2026-01-15: 900 QLU, 1,000 allocated</title></rect>"));
  CHECK_THAT(edr,
             Contains("<rect class=\"column over\" x=\"636.9\" y=\"42.7\" width=\"63.2\" height=\"161.3\">"
                      "<title>2026-04-16 .. 2026-04-30: 2,100 QLU, 2,000 allocated</title></rect>"));
  // The allocation: 1,000 at y = 204 - 76.8, 2,000 at y = 204 - 153.6, stepping up after the sixth slot.
  CHECK_THAT(edr, Contains("<path class=\"step\" d=\"M76 127.2H155V127.2H234V127.2H313V127.2H392V127.2H471"
                           "V127.2H550V50.4H629V50.4H708\"/>"));
  CHECK_THAT(edr, Contains(">2026-01-01</text>"));
  CHECK_THAT(edr, Contains(">2026-04-30</text>"));

  const auto csam = section_of(page, "CSAM");
  CHECK_THAT(csam, Contains("<span class=\"band no-usage-recorded\">no usage recorded</span>"));
  CHECK_THAT(csam, Contains("no usage recorded in the 12 months kept"));

  CHECK_THAT(page, Contains("<tr class=\"alert\"><td>EDR</td><td class=\"num\">80%</td><td>2026-01-01 .. "
                            "2026-01-15</td><td class=\"num\">900</td><td class=\"num\">1,000</td><td "
                            "class=\"num\">90%</td></tr>"));
  CHECK_THAT(page, Contains("<tr class=\"alert\"><td>EDR</td><td class=\"num\">100%</td><td>2026-04-16 .. "
                            "2026-04-30</td><td class=\"num\">2,100</td><td class=\"num\">2,000</td><td "
                            "class=\"num\">105%</td></tr>"));
  CHECK_THAT(page, Contains("No licence evaluation given."));
}

TEST_CASE("a value with no finite decimal form is shown rounded and marked, a limit of 0 has no share") {
  auto input = empty_input("acme-2026", "alice");
  PeriodUsage period{"CSPM", day("2026-01-31"),         day("2026-01-31"),
                     true,   {"299", "3", "99.666667"}, {"299", "3", "99.666667"}};
  input.status.as_of = day("2026-01-31");
  input.status.products.push_back({"CSPM", Rational(0), period});
  input.periods.push_back({period, day("2026-01-31"), "", ""});
  input.pool.allocations = {{"CSPM", Rational(0)}};
  const auto cspm = section_of(render_html_report(input), "CSPM");
  CHECK_THAT(cspm, Contains("<strong class=\"latest-used\">~99.666667</strong>"));
  CHECK_THAT(cspm,
             Contains("<tr><td>2026-01-31 .. 2026-01-31 (partial)</td><td class=\"num qlu\">~99.666667</td>"
                      "<td class=\"num allocation\">0</td><td class=\"num share\">-</td></tr>"));
  // The axis tops at 100: the column is 192 * (299/3) / 100 = 191.36 pixels high.
  CHECK_THAT(cspm, Contains("height=\"191.4\""));
}

TEST_CASE("every name is escaped, and the page refers to nothing outside itself") {
  auto input = empty_input("acme <script>alert(\"x\")</script> & 'co'", "o'brien & <b>sons</b>");
  PeriodUsage period{"R&D<1>", day("2026-01-01"), day("2026-01-15"), false, {"5", "1", "5"}, {"5", "1", "5"}};
  input.status.products.push_back({"R&D<1>", qlu("10"), period});
  input.periods.push_back({period, day("2026-01-15"), "", ""});
  input.alerts.push_back({"R&D<1>", 80, period, qlu("5")});
  input.licences = HtmlLicenceSection{"Patch <Management> & co",
                                      day("2026-01-31"),
                                      4,
                                      6,
                                      4,
                                      2,
                                      {{"windows", 3}, {"linux \"x\"", 2}, {"mac", 1}}};
  const auto page = render_html_report(input);

  const std::string name = "acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;co&apos;";
  CHECK_THAT(page, Contains("<title>QFlex report: " + name + "</title>"));
  CHECK_THAT(page, Contains("<span id=\"subscription\">" + name + "</span>"));
  CHECK_THAT(page, Contains("<dd id=\"contact\">o&apos;brien &amp; &lt;b&gt;sons&lt;/b&gt;</dd>"));
  CHECK_THAT(page, Contains("data-product=\"R&amp;D&lt;1&gt;\""));
  CHECK_THAT(page, Contains("<tr class=\"alert\"><td>R&amp;D&lt;1&gt;</td>"));
  CHECK_THAT(page, Contains("aria-label=\"QLU of R&amp;D&lt;1&gt; per period, against its allocation\""));
  CHECK_THAT(page, Contains("<h3 id=\"licence-title\">Patch &lt;Management&gt; &amp; co</h3>"));
  CHECK_THAT(page, Contains(">linux &quot;x&quot;</text>"));
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("<b>") == std::string::npos);

  // Consumption past the limit: 6 of 4.
  CHECK_THAT(page, Contains("<strong id=\"licence-consumption\">150%</strong>"));
  CHECK_THAT(page, Contains("<rect class=\"bar consumed over\""));
  CHECK_THAT(page, Contains("id=\"licence-os-windows\" x=\"568\" y=\"18\" dy=\"0.35em\">3</text>"));
  CHECK_THAT(page, Contains("id=\"licence-licensed\">4</td>"));
  CHECK_THAT(page, Contains("id=\"licence-unlicensed\">2</td>"));

  for (const auto* outside : {"http:", "https:", "url(", "src=", "href=", "@import", "//"})
    CHECK(page.find(outside) == std::string::npos);
}

TEST_CASE("text that is not UTF-8 becomes U+FFFD") {
  const auto page = render_html_report(empty_input("acme-\xff-2026", "alice"));
  CHECK_THAT(page, Contains("<span id=\"subscription\">acme-\xEF\xBF\xBD-2026</span>"));
}
