// `tally test --coverage`: what counts as exercised, on a small program whose
// examples exercise some of its filters, components and roundings and not
// others.
#include "interpreter/coverage.hpp"
#include "interpreter/engine.hpp"

#include <catch2/catch.hpp>

#include <map>

namespace {

using namespace tally;

constexpr const char* kRules = R"(import "prelude"
product COVERED {
  method peak every 15 days
  param ratio: decimal = 1.5
  let agents = snapshot where source = agent
  component live_agents = count distinct asset_id of agents where live
  component never_seen = count distinct asset_id of snapshot where asset_type = mobile_device
  usage = round(live_agents / 3, half_up, 0) + never_seen
  qlu = round(usage * ratio, floor, 0)
  example "one live agent and one inactive" {
    start = 2026-01-01
    data {
      observed_at | asset_id | source | agent_id | status
      2026-01-01  | a        | agent  | ag-a     | active
      2026-01-01  | b        | agent  | ag-b     | inactive
    }
    expect usage = 0, qlu = 0
  }
  example "three live agents" {
    given live_agents = 3, never_seen = 0
    expect usage = 1, qlu = 1
  }
}
)";

} // namespace

TEST_CASE("coverage marks what the examples kept and dropped, counted and rounded") {
  SourceRegistry sources;
  const auto compiled = compile_source("covered.tally", kRules, sources);
  REQUIRE(compiled.program);
  CoverageCollector coverage(*compiled.program);
  for (const auto& outcome :
       run_examples(*compiled.program, [&](const ExampleRun& run) { coverage.observe(run); }))
    REQUIRE(outcome.failures.empty());
  std::map<std::pair<std::uint32_t, std::uint32_t>, CoverageItem> items;
  for (const auto& file : coverage.files())
    if (file.file == "covered.tally")
      for (const auto& item : file.items)
        items[{item.pos.line, item.pos.column}] = item;
  REQUIRE(items.size() == 7);
  // `where source = agent`: every example row is an agent's, so it never drops one.
  CHECK_FALSE(items.at({5, 31}).exercised);
  CHECK(items.at({5, 31}).missing == "no example row or unit is dropped by it");
  // `where live`: keeps a, drops b.
  CHECK(items.at({6, 67}).exercised);
  // No example reaches a mobile device: the filter drops everything it sees.
  CHECK_FALSE(items.at({7, 68}).exercised);
  CHECK(items.at({7, 68}).missing == "it drops everything in every example");
  CHECK(items.at({6, 13}).exercised);       // live_agents: 1 in the data, 3 given
  CHECK_FALSE(items.at({7, 13}).exercised); // never_seen: zero everywhere
  CHECK(items.at({7, 13}).missing == "it is zero in every example");
  CHECK(items.at({8, 11}).exercised); // 1/3 -> 0 changes a value
  CHECK(items.at({9, 9}).exercised);  // 1 * 1.5 -> 1
}
