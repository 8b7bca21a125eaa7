// Alerts: each crossing of a threshold of the allocation in force, once, with
// its period; thresholds a subscription sets for itself.
#include "ledger_fixture.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace ledger_test;
using Catch::Matchers::Contains;

namespace {

std::vector<std::string> crossings(const std::vector<Alert>& alerts) {
  std::vector<std::string> lines;
  for (const auto& alert : alerts)
    lines.push_back(fmt::format("{} {}% {} {}", alert.product, qlu_text(alert.threshold),
                                format_date(alert.period.start), qlu_text(alert.allocated)));
  return lines;
}

} // namespace

TEST_CASE("each crossing of a threshold is one alert with its period") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-01");
  ledger.allocate("alice", "acme-2026", {{"EDR", qlu("1000")}}, std::nullopt, kProducts);
  CHECK(ledger.alerts("alice", "acme-2026").empty());
  // 50%, 85% (crosses 80), 90%, 120% (crosses 100), 70% (below both), 80% (crosses 80 again).
  ledger.record_usage("alice", "acme-2026",
                      edr_intervals({"500", "850", "900", "1200", "700", "800"}, "2026-03-31"));
  CHECK(crossings(ledger.alerts("alice", "acme-2026")) ==
        std::vector<std::string>{"EDR 80% 2026-01-16 1000", "EDR 100% 2026-02-15 1000",
                                 "EDR 80% 2026-03-17 1000"});
}

TEST_CASE("a later run's value of a period replaces the earlier one") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-01");
  ledger.allocate("alice", "acme-2026", {{"EDR", qlu("1000")}}, std::nullopt, kProducts);
  ledger.record_usage("alice", "acme-2026", edr_intervals({"500", "790"}, "2026-01-20"));
  CHECK(ledger.alerts("alice", "acme-2026").empty());
  ledger.record_usage("alice", "acme-2026", edr_intervals({"500", "810"}, "2026-01-25"));
  CHECK(crossings(ledger.alerts("alice", "acme-2026")) ==
        std::vector<std::string>{"EDR 80% 2026-01-16 1000"});
}

TEST_CASE("usage is held against the allocation in force at the period's end") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-01");
  ledger.allocate("alice", "acme-2026", {{"EDR", qlu("1000")}}, std::nullopt, kProducts);
  ledger.rebalance("alice", "acme-2026", {{"EDR", qlu("2000")}}, day("2026-04-01"), kProducts);
  // 900 of 1000 until 2026-03-31, then 1800 of 2000: 90% throughout, one crossing.
  ledger.record_usage(
      "alice", "acme-2026",
      edr_intervals({"900", "900", "900", "900", "900", "900", "1800", "1800"}, "2026-04-30"));
  CHECK(crossings(ledger.alerts("alice", "acme-2026")) ==
        std::vector<std::string>{"EDR 80% 2026-01-01 1000"});
}

TEST_CASE("a subscription sets its own thresholds and the change is audited") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-01");
  CHECK(ledger.thresholds("alice", "acme-2026") == kDefaultThresholds);
  CHECK(ledger.set_thresholds("alice", "acme-2026", {qlu("100"), qlu("50"), qlu("75.5"), qlu("50")}));
  CHECK(ledger.thresholds("alice", "acme-2026") == std::vector<Rational>{50, qlu("75.5"), 100});
  CHECK_FALSE(ledger.set_thresholds("alice", "acme-2026", {qlu("50"), qlu("75.5"), qlu("100")}));
  const auto audit = audit_entries(fixture.file, "acme-2026");
  REQUIRE(audit.back().action == "thresholds");
  CHECK(*audit.back().before == R"({"thresholds": ["80", "100"]})");
  CHECK(*audit.back().after == R"({"thresholds": ["50", "75.5", "100"]})");

  CHECK_THROWS_AS(ledger.set_thresholds("alice", "acme-2026", {}), InputError);
  CHECK_THROWS_MATCHES(ledger.set_thresholds("alice", "acme-2026", {qlu("0")}), InputError,
                       Catch::Matchers::Message("a threshold must be above 0%, not 0%"));
  CHECK_THROWS_AS(ledger.set_thresholds("mallory", "acme-2026", {qlu("90")}), Refused);
  CHECK_THROWS_WITH(ledger.alerts("mallory", "acme-2026"),
                    Contains("mallory may not view the alerts of acme-2026"));
}
