// CS heartbeats: a node is active in hour H when a live heartbeat arrived in
// hours H-2..H. All cases are evaluated on the term's first day, whose rolling
// average is that day's own value.
#include "tests/reference/test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace tally;
using namespace tally::reference::testing;

namespace {

std::vector<test::Cell> heartbeat(const char* at, const char* node, const char* status = "active") {
  return {{"observed_at", at},
          {"asset_id", node},
          {"asset_type", "container_node"},
          {"source", "runtime_sensor"},
          {"status", status}};
}

// Node-hours of 2026-01-01 divided by 24.
Rational nodes_on_first_day(const Table& table) {
  Report report =
      reference::evaluate(table, schema(), terms_for({"CS"}, day("2026-01-01"), day("2026-01-01")));
  return period_at(report, "CS", day("2026-01-01")).usage;
}

} // namespace

TEST_CASE("a node that missed two heartbeats is still active", "[reference][cs]") {
  // 10:00 and 13:00: active 10, 11, 12 (grace), 13, 14, 15. A grace one hour
  // shorter would give 4 hours.
  Table table = table_of({heartbeat("2026-01-01T10:00Z", "n"), heartbeat("2026-01-01T13:00Z", "n")});
  CHECK(nodes_on_first_day(table) == Rational(6, 24));
}

TEST_CASE("a node that missed three heartbeats is inactive in the third hour", "[reference][cs]") {
  // 10:00 and 14:00: active 10, 11, 12, inactive 13, active 14, 15, 16. A
  // grace one hour longer would bridge the gap (10..17, 8 hours).
  Table table = table_of({heartbeat("2026-01-01T10:00Z", "n"), heartbeat("2026-01-01T14:00Z", "n")});
  CHECK(nodes_on_first_day(table) == Rational(6, 24));
  // Seen at 22:00 the day before: missed 23:00 and 00:00, still active at
  // 00:00; missed 01:00 too, inactive from 01:00.
  CHECK(nodes_on_first_day(table_of({heartbeat("2025-12-31T22:00Z", "n")})) == Rational(1, 24));
  CHECK(nodes_on_first_day(table_of({heartbeat("2025-12-31T21:59Z", "n")})) == 0);
}

TEST_CASE("a heartbeat before the term keeps a node active into the first hours", "[reference][cs]") {
  Table table = table_of({heartbeat("2025-12-31T23:15Z", "n")});
  CHECK(nodes_on_first_day(table) == Rational(2, 24)); // hours 0 and 1
}

TEST_CASE("a non-live row is no heartbeat and does not end the grace", "[reference][cs]") {
  Table table =
      table_of({heartbeat("2026-01-01T10:00Z", "n"), heartbeat("2026-01-01T11:00Z", "n", "inactive"),
                heartbeat("2026-01-01T20:00Z", "m", "terminated")});
  CHECK(nodes_on_first_day(table) == Rational(3, 24)); // n: 10, 11, 12; m never
}

TEST_CASE("only live runtime-sensor rows of container nodes are heartbeats", "[reference][cs]") {
  Table table = table_of({
      heartbeat("2026-01-01T00:00Z", "n1"),
      heartbeat("2026-01-01T00:00Z", "n2", "enabled"),
      {{"observed_at", "2026-01-01T00:00Z"},
       {"asset_id", "n3"},
       {"asset_type", "container_node"},
       {"source", "agent"},
       {"agent_id", "a3"}},
      {{"observed_at", "2026-01-01T00:00Z"},
       {"asset_id", "img"},
       {"asset_type", "container_image"},
       {"source", "runtime_sensor"}},
      // Two heartbeats of one node in the same hour are one node.
      heartbeat("2026-01-01T00:59:59Z", "n1"),
  });
  CHECK(nodes_on_first_day(table) == Rational(6, 24)); // n1 and n2, hours 0..2
}
