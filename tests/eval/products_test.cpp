// Whole products built by hand as plans: VMDR with and without purge on a
// table written to exercise every clause of semantics.md, the VMDR and PA seed
// figures, and CS heartbeats with their three-hour grace.
#include "tests/eval/eval_fixtures.hpp"
#include "tests/eval/vmdr_plan.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

namespace tally::eval_test {
namespace {

Cells restricted_row(std::string time, std::string asset, std::string type, std::string source,
                     Cells more = {}) {
  Cells cells = {{"observed_at", std::move(time)},
                 {"asset_id", std::move(asset)},
                 {"asset_type", std::move(type)},
                 {"source", std::move(source)}};
  cells.insert(cells.end(), more.begin(), more.end());
  return cells;
}

// Three days; the comments give each row's part in A1, A2, B and C.
TableBuilder vmdr_table() {
  TableBuilder builder;
  // 2026-01-01
  builder.row(restricted_row("2026-01-01", "h1", "host", "agent", {{"agent_id", "g1"}, {"vulns", "2"}}))
      .row(restricted_row("2026-01-01", "h2", "vm", "agent", {{"agent_id", "g2"}})) // ghost
      .row(restricted_row("2026-01-01", "h3", "host", "agent", {{"agent_id", "g3"}, {"vulns", "1"}}))
      .row(restricted_row("2026-01-01", "h4", "host", "agent", {{"agent_id", "g4"}})) // ghost
      .row(restricted_row("2026-01-01", "h5", "host", "agent",
                          {{"agent_id", "g4"}, {"vulns", "1"}})) // g4: two assets
      .row(restricted_row("2026-01-01", "h6", "host", "scanner", {{"vulns", "1"}}))
      .row(restricted_row("2026-01-01", "h1", "host", "scanner")) // has an agent: not A2
      .row(restricted_row("2026-01-01", "h7", "host", "scanner")) // ghost
      .row(restricted_row("2026-01-01", "h8", "host", "scanner", {{"vulns", "1"}}))
      .row(restricted_row("2026-01-01", "h9", "vm", "cloud_connector",
                          {{"instance_id", "i1"}, {"vulns", "3"}}))
      .row(restricted_row("2026-01-01", "h10", "vm", "cloud_connector", {{"instance_id", "i2"}})) // ghost
      .row(restricted_row("2026-01-01", "x1", "other", "agent", {{"agent_id", "g9"}})) // not restricted
      .row(restricted_row("2026-01-01", "m1", "mobile_device", "scanner"));            // not restricted
  // 2026-01-02
  builder
      .row(restricted_row("2026-01-02", "h3", "host", "agent",
                          {{"agent_id", "g3"}, {"status", "decommissioned"}}))
      .row(restricted_row("2026-01-02", "h8", "host", "scanner", {{"status", "terminated"}}))
      .row(restricted_row("2026-01-02", "h10", "vm", "cloud_connector",
                          {{"instance_id", "i2"}, {"status", "terminated"}}))
      .row(restricted_row("2026-01-02", "h4", "host", "agent", {{"agent_id", "g4"}, {"status", "inactive"}}));
  // 2026-01-03
  builder
      .row(restricted_row("2026-01-03", "h5", "host", "agent", {{"agent_id", "g4"}, {"status", "inactive"}}))
      .row(restricted_row("2026-01-03", "h7", "host", "scanner", {{"open_ports", "2"}}))
      .row(restricted_row("2026-01-03T09:00Z", "h11", "host", "agent", {{"agent_id", "g5"}}))
      .row(restricted_row("2026-01-03T09:00Z", "h11", "host", "agent",
                          {{"agent_id", "g5"}, {"status", "inactive"}}));
  return builder;
}

struct Daily {
  Rational a1, a2, b, c, usage;
};

std::vector<Daily> vmdr_days(bool purge) {
  const TableBuilder builder = vmdr_table();
  const Report report =
      evaluate(make_plan(day("2026-01-01"), day("2026-12-31"), std::nullopt,
                         {vmdr_product("VMDR", purge, nullptr, plan::Method::rolling_total, 1, "1.5")}),
               schema(), builder.table());
  std::vector<Daily> days;
  for (const PeriodResult& period : report.products.at(0).periods)
    days.push_back(Daily{value_of(period, "A1"), value_of(period, "A2"), value_of(period, "B"),
                         value_of(period, "C"), period.usage});
  return days;
}

void check_day(const Daily& actual, const Daily& expected) {
  CHECK(actual.a1 == expected.a1);
  CHECK(actual.a2 == expected.a2);
  CHECK(actual.b == expected.b);
  CHECK(actual.c == expected.c);
  CHECK(actual.usage == expected.usage);
}

} // namespace

TEST_CASE("VMDR counts A1 + A2 + B - C over the term, without purge", "[eval][products][vmdr]") {
  const std::vector<Daily> days = vmdr_days(false);
  REQUIRE(days.size() == 3);
  check_day(days[0], {4, 3, 2, 3, 6}); // C: g2, h7, i2
  check_day(days[1], {4, 3, 2, 3, 6}); // statuses do not matter without purge
  check_day(days[2], {5, 3, 2, 3, 7}); // g5 joins (a ghost); h7 gains open ports
}

TEST_CASE("VMDR with purge drops A1 and A2 units whose assets are all purged, never B",
          "[eval][products][vmdr]") {
  const std::vector<Daily> days = vmdr_days(true);
  REQUIRE(days.size() == 3);
  check_day(days[0], {4, 3, 2, 3, 6});
  // g3 (h3 decommissioned) and h8 (terminated) are purged; g4 keeps h5; i2 stays in B and C.
  check_day(days[1], {3, 2, 2, 3, 4});
  // g4's last asset goes inactive; g5's tie at 09:00 resolves to inactive; h7 is no longer a ghost.
  check_day(days[2], {2, 2, 2, 2, 4});
}

TEST_CASE("VMDR's peak reports the components of the latest day reaching it", "[eval][products][vmdr]") {
  const TableBuilder builder = vmdr_table();
  for (const bool purge : {false, true}) {
    INFO("purge " << purge);
    const Report report =
        evaluate(make_plan(day("2026-01-01"), day("2026-12-31"), std::nullopt,
                           {vmdr_product("VMDR", purge, nullptr, plan::Method::peak, 15, "1.5")}),
                 schema(), builder.table());
    const auto& periods = report.products.at(0).periods;
    REQUIRE(periods.size() == 1);
    CHECK(periods[0].partial);
    CHECK(periods[0].usage == (purge ? 6 : 7));
    CHECK(periods[0].qlu == (purge ? 9 : Rational(21, 2)));
    CHECK(value_of(periods[0], "A1") == (purge ? 4 : 5));
    CHECK(value_of(periods[0], "C") == 3);
  }
}

TEST_CASE("the VMDR and PA seed examples: A 6,000, B 2,000, C 1,000", "[eval][products][vmdr]") {
  // 4,000 agents and 2,000 scanner-only assets make A = 6,000; 2,000 cloud
  // instances make B; 1,000 of the agents' assets report nothing open (C).
  // Those rows carry PC; 500 more agents without PC are ghosts, so they add
  // to A and C alike for VMDR and are outside PA altogether.
  TableBuilder builder;
  for (int i = 0; i < 4000; ++i)
    builder.row(restricted_row(
        "2026-02-01", fmt::format("agent-host-{}", i), "host", "agent",
        {{"agent_id", fmt::format("agent-{}", i)}, {"modules", "VM;PC"}, {"vulns", i < 1000 ? "0" : "1"}}));
  for (int i = 0; i < 2000; ++i)
    builder.row(restricted_row("2026-02-01", fmt::format("scanned-{}", i), "host", "scanner",
                               {{"modules", "PC"}, {"open_ports", "1"}}));
  for (int i = 0; i < 2000; ++i)
    builder.row(restricted_row("2026-02-01", fmt::format("cloud-{}", i), "vm", "cloud_connector",
                               {{"instance_id", fmt::format("i-{}", i)}, {"modules", "PC"}, {"vulns", "2"}}));
  for (int i = 0; i < 500; ++i)
    builder.row(restricted_row("2026-02-01", fmt::format("vm-only-{}", i), "vm", "agent",
                               {{"agent_id", fmt::format("vm-agent-{}", i)}, {"modules", "VM"}}));

  const Report report =
      evaluate(make_plan(day("2026-02-01"), day("2027-01-31"), std::nullopt,
                         {vmdr_product("VMDR", false, nullptr, plan::Method::peak, 15, "1.5"),
                          vmdr_product("PA", false, modules_has({"PC"}), plan::Method::peak, 15, "1.87")}),
               schema(), builder.table());
  const PeriodResult& vmdr = report.products.at(0).periods.at(0);
  CHECK(value_of(vmdr, "A1") + value_of(vmdr, "A2") == 6500);
  CHECK(value_of(vmdr, "B") == 2000);
  CHECK(value_of(vmdr, "C") == 1500);
  CHECK(vmdr.usage == 7000);
  CHECK(vmdr.qlu == 10500);
  const PeriodResult& pa = report.products.at(1).periods.at(0);
  CHECK(value_of(pa, "A1") + value_of(pa, "A2") == 6000);
  CHECK(value_of(pa, "B") == 2000);
  CHECK(value_of(pa, "C") == 1000);
  CHECK(pa.usage == 7000);
  CHECK(pa.qlu == 13090);
}

TEST_CASE("CS: a node missing two heartbeats still counts, missing three does not", "[eval][products][cs]") {
  TableBuilder builder;
  const auto heartbeat = [&](std::string node, int day_of_month, int hour, std::string status = "active",
                             std::string source = "runtime_sensor") {
    builder.row({{"observed_at", fmt::format("2026-01-{:02}T{:02}:15Z", day_of_month, hour)},
                 {"asset_id", std::move(node)},
                 {"asset_type", "container_node"},
                 {"source", std::move(source)},
                 {"status", std::move(status)},
                 {"agent_id", "agent-x"}});
  };
  for (int hour = 0; hour < 24; ++hour) {
    if (hour != 5 && hour != 6) heartbeat("two-missed", 2, hour);
    if (hour < 10 || hour > 12) heartbeat("three-missed", 2, hour);
    heartbeat("agent-only", 2, hour, "active", "agent"); // not a runtime sensor
  }
  heartbeat("before-start", 1, 23); // day before S: covers hours 0 and 1 of S
  heartbeat("not-live-gap", 2, 5);
  heartbeat("not-live-gap", 2, 7, "inactive"); // not a heartbeat, and no grace from it
  heartbeat("not-live-gap", 2, 9);

  const auto nodes = distinct("asset_id", hours(3, all_of({enum_in("asset_type", {"container_node"}),
                                                           enum_in("source", {"runtime_sensor"}), live()})));
  const Report report = evaluate(make_plan(day("2026-01-02"), day("2026-12-31"), day("2026-01-02"),
                                           {simple_product("CS", plan::Method::rolling_average, 90,
                                                           hourly_average(count(nodes)), "45")}),
                                 schema(), builder.table());
  const PeriodResult& period = report.products.at(0).periods.at(0);
  // 24 + 23 + 2 node-hours, and 6 for hours 5-7 and 9-11.
  CHECK(period.usage == Rational(55, 24));
  CHECK(period.qlu == Rational(55 * 45, 24));
}

TEST_CASE("CS seed figure: an average of 150 nodes is 6,750 QLU", "[eval][products][cs]") {
  // 120 nodes beat every hour; 60 more beat in hours 0-9 only, so their grace
  // keeps them until hour 11: 180 nodes for 12 hours and 120 for 12, daily.
  TableBuilder builder;
  for (int day_of_month = 1; day_of_month <= 4; ++day_of_month)
    for (int node = 0; node < 180; ++node)
      for (int hour = 0; hour < (node < 120 ? 24 : 10); ++hour)
        builder.row({{"observed_at", fmt::format("2026-01-{:02}T{:02}:00Z", day_of_month, hour)},
                     {"asset_id", fmt::format("node-{}", node)},
                     {"asset_type", "container_node"},
                     {"source", "runtime_sensor"}});
  const auto nodes = distinct("asset_id", hours(3, all_of({enum_in("asset_type", {"container_node"}),
                                                           enum_in("source", {"runtime_sensor"}), live()})));
  const Report report = evaluate(make_plan(day("2026-01-01"), day("2026-12-31"), std::nullopt,
                                           {simple_product("CS", plan::Method::rolling_average, 90,
                                                           hourly_average(count(nodes)), "45")}),
                                 schema(), builder.table());
  const auto& periods = report.products.at(0).periods;
  REQUIRE(periods.size() == 4);
  for (const PeriodResult& period : periods) {
    CHECK(period.usage == 150);
    CHECK(period.qlu == 6750);
  }
}

} // namespace tally::eval_test
