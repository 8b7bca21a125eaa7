// The engine against a naive reading of the plan (naive_plan.hpp) on random
// small tables: term state kept incrementally, hours windows, shared nodes and
// mixed cadences must give exactly what rescanning the whole table gives, and
// the order of rows in the file must not matter.
#include "tests/eval/eval_fixtures.hpp"
#include "tests/eval/naive_plan.hpp"
#include "tests/eval/vmdr_plan.hpp"
#include "tests/support/splitmix.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tally::eval_test {
namespace {

using Random = test::SplitMix64;

constexpr int kDays = 8; // evaluated: 2026-01-03 .. 2026-01-10; rows from 2026-01-01

// Small id spaces, so units share assets, assets change status, and rows tie.
std::vector<Cells> random_rows(std::uint64_t seed, int count) {
  Random random(seed);
  const std::vector<std::string> types = {"host", "vm", "container_node", "other"};
  const std::vector<std::string> sources = {"agent", "scanner", "cloud_connector", "runtime_sensor"};
  const std::vector<std::string> statuses = {"active",   "active",   "active",         "enabled",   "enabled",
                                             "inactive", "disabled", "decommissioned", "terminated"};
  const std::vector<std::string> modules = {"", "VM", "PC", "VM;PC"};
  const std::vector<std::string> classes = {"", "basic", "enriched", "vulnerable"};
  std::vector<Cells> rows;
  for (int i = 0; i < count; ++i) {
    const int day_of_month = 1 + random.below(kDays + 2);
    const std::string source = random.pick(sources);
    Cells row = {{"observed_at", fmt::format("2026-01-{:02}T{:02}:{:02}Z", day_of_month, random.below(24),
                                             random.below(2) * 30)},
                 {"asset_id", fmt::format("a{}", random.below(20))},
                 {"asset_type", random.pick(types)},
                 {"source", source},
                 {"status", random.pick(statuses)},
                 {"open_ports", random.below(12) == 0 ? "1" : "0"},
                 {"vulns", random.below(12) == 0 ? "2" : "0"},
                 {"modules", random.pick(modules)},
                 {"ot_class", random.pick(classes)}};
    if (source == "agent" || random.below(5) == 0)
      row.push_back({"agent_id", fmt::format("g{}", random.below(5))});
    if (random.below(2) == 0) row.push_back({"instance_id", fmt::format("i{}", random.below(4))});
    if (random.below(5) != 0)
      row.push_back(
          {"last_event_at", fmt::format("2026-01-{:02}", std::max(1, day_of_month - random.below(5)))});
    rows.push_back(std::move(row));
  }
  return rows;
}

TableBuilder table_of(const std::vector<Cells>& rows) {
  TableBuilder builder;
  for (const Cells& row : rows)
    builder.row(row);
  return builder;
}

// Products covering every node kind and every mix of scopes.
std::vector<plan::ProductPlan> battery() {
  const auto from = [](std::string_view source) { return enum_in("source", {source}); };
  const plan::RowPredPtr heartbeat = all_of({from("runtime_sensor"), live()});
  const plan::AssetPredPtr quiet = every_row(term(always()), int_compare("open_ports", plan::Compare::eq, 0));
  const plan::AssetPredPtr stopped =
      reduced_in(plan::Reduce::latest, term(always()), "status", {"inactive", "terminated"});
  const auto daily = [](std::string name, plan::NumPtr measure) {
    return simple_product(std::move(name), plan::Method::rolling_total, 1, std::move(measure));
  };

  std::vector<plan::ProductPlan> products = {
      daily("term assets", count(distinct("asset_id", term(always())))),
      daily("term assets never live",
            count(distinct("asset_id", term(not_row(any_of({live(), from("scanner")})))))),
      daily("term agents by highest status",
            count(having(distinct("agent_id", term(from("agent"))),
                         some_asset(reduced_in(plan::Reduce::highest, term(always()), "status",
                                               {"inactive", "disabled"}))))),
      daily("term minus snapshot", count(minus(distinct("asset_id", term(from("scanner"))),
                                               distinct("asset_id", snapshot(from("agent")))))),
      daily("term units, snapshot test of recent events",
            count(having(distinct("instance_id", term(always())),
                         all_assets(every_row(snapshot(always()), within_days("last_event_at", 3)))))),
      daily("snapshot agents, term quiet",
            count(having(distinct("agent_id", snapshot(always())), all_assets(quiet)))),
      daily("nested term havings",
            count(having(having(distinct("agent_id", term(always())), unit_not(all_assets(stopped))),
                         all_assets(quiet)))),
      daily("term minus term, some cloud row",
            count(minus(having(distinct("asset_id", term(always())),
                               some_asset(any_row(term(from("cloud_connector"))))),
                        distinct("asset_id", term(from("agent")))))),
      daily("term lowest class, any or not",
            count(having(
                distinct("instance_id", term(always())),
                unit_any({all_assets(reduced_in(plan::Reduce::lowest, term(always()), "ot_class", {"basic"})),
                          unit_not(some_asset(asset_any({asset_not(quiet), asset_all({})})))})))),
      daily("integer and timestamp keys", add(count(distinct("open_ports", term(always()))),
                                              count(distinct("last_event_at", snapshot(always()))))),
      daily("first agents by activation",
            count(first(distinct("agent_id", snapshot(from("agent"))), "activated_at", 3))),
      daily(
          "first of live assets that stay quiet",
          count(first(having(distinct("asset_id", snapshot(live())), all_assets(quiet)), "activated_at", 4))),
      daily("snapshot minus the first",
            count(minus(distinct("asset_id", snapshot(always())),
                        first(distinct("asset_id", snapshot(always())), "activated_at", 2)))),
      daily("hourly nodes", hourly_average(count(distinct("asset_id", hours(3, heartbeat))))),
      daily("hourly agents whose assets stay active",
            hourly_average(count(having(distinct("agent_id", hours(5, always())),
                                        all_assets(reduced_in(plan::Reduce::latest, hours(2, always()),
                                                              "status", {"active", "enabled"})))))),
      daily(
          "hourly minus snapshot, day-relative test",
          hourly_average(count(minus(distinct("asset_id", hours(2, within_days("last_event_at", 2))),
                                     having(distinct("asset_id", snapshot(always())), all_assets(quiet)))))),
      daily("arithmetic",
            round(divide(add(count(distinct("asset_id", snapshot(always()))), constant("1")), constant("3")),
                  RoundingMode::half_even, 1)),
      vmdr_product("VMDR", false, nullptr, plan::Method::rolling_total, 1, "1.5"),
      vmdr_product("VMDR purge", true, nullptr, plan::Method::rolling_total, 1, "1.5"),
      vmdr_product("PA purge", true, modules_has({"PC"}), plan::Method::rolling_total, 1, "1.87"),
  };
  return products;
}

} // namespace

TEST_CASE("the engine agrees with a naive rescan of the table on random tables", "[eval][agreement]") {
  const Day start = day("2026-01-03");
  const Day last = start + kDays - 1;
  const std::vector<plan::ProductPlan> products = battery();
  const plan::Plan plan = make_plan(start, day("2026-12-31"), last, products);
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const TableBuilder builder = table_of(random_rows(seed, 260));
    const Report report = evaluate(plan, schema(), builder.table());
    const NaivePlan naive(schema(), builder.table(), start);
    for (std::size_t p = 0; p < products.size(); ++p) {
      INFO("seed " << seed << ", product " << products[p].name);
      CHECK(daily_usage(report.products.at(p)) == naive.daily_usage(products[p], last));
    }
  }
}

TEST_CASE("results do not depend on the order of rows", "[eval][agreement]") {
  const Day start = day("2026-01-03");
  const plan::Plan plan = make_plan(start, day("2026-12-31"), start + kDays - 1, battery());
  for (std::uint64_t seed = 20; seed <= 24; ++seed) {
    std::vector<Cells> rows = random_rows(seed, 260);
    const Report forward = evaluate(plan, schema(), table_of(rows).table());
    std::reverse(rows.begin(), rows.end());
    std::rotate(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(seed * 7), rows.end());
    const Report shuffled = evaluate(plan, schema(), table_of(rows).table());
    for (std::size_t p = 0; p < forward.products.size(); ++p) {
      INFO("seed " << seed << ", product " << forward.products[p].product);
      const auto& left = forward.products[p].periods;
      const auto& right = shuffled.products[p].periods;
      REQUIRE(left.size() == right.size());
      for (std::size_t i = 0; i < left.size(); ++i) {
        CHECK(left[i].usage == right[i].usage);
        CHECK(left[i].components == right[i].components);
      }
    }
  }
}

} // namespace tally::eval_test
