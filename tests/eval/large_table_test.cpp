// A year of synthetic observations (about 1.5 million rows) filled straight
// into the columns, with several products evaluated at once. The results are
// checked against counts derived from the generator's own parameters, and the
// time evaluate() takes is printed. Hidden by default: run it with
//   eval_tests "[timing]"
#include "tests/eval/eval_fixtures.hpp"
#include "tests/eval/vmdr_plan.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <set>

namespace tally::eval_test {
namespace {

constexpr int kHosts = 5700;
constexpr int kNodes = 6;
constexpr int kDays = 365;

// Host i is seen once a day from day first..last (offsets from the start).
struct Host {
  int first, last;
  std::string source; // agent, scanner or cloud_connector
  bool edr;
  bool goes_inactive; // its last row says inactive
};

Host host(int i) {
  Host result;
  result.first = (i * 37) % 120;
  result.last = kDays - 1 - (i * 53) % 100;
  result.source = i % 10 < 6 ? "agent" : i % 10 < 9 ? "scanner" : "cloud_connector";
  result.edr = i % 3 == 0;
  result.goes_inactive = i % 7 == 0;
  return result;
}

class ColumnFiller {
public:
  ColumnFiller(Table& table) : table_(table) {
    table_.columns.assign(schema().columns.size(), ColumnData{});
    for (ColumnData& data : table_.columns)
      data.present = true;
    table_.columns[column("tags")].set_offsets.push_back(0);
  }

  void row(Seconds at, std::string_view asset, std::string_view type, std::string_view source,
           std::string_view agent, std::string_view instance, std::string_view status, std::uint64_t modules,
           std::int64_t vulns) {
    const auto enum_value = [&](std::string_view name, std::string_view value) {
      return static_cast<std::uint8_t>(*schema().columns[column(name)].value_index(value));
    };
    for (std::size_t c = 0; c < schema().columns.size(); ++c) {
      const Column& declared = schema().columns[c];
      ColumnData& data = table_.columns[c];
      const std::string& name = declared.name;
      switch (declared.type) {
      case ColumnType::timestamp:
        data.times.push_back(name == "observed_at" ? at : kNoTime);
        break;
      case ColumnType::string:
        data.strings.push_back(name == "asset_id"      ? table_.strings.intern(asset)
                               : name == "agent_id"    ? table_.strings.intern(agent)
                               : name == "instance_id" ? table_.strings.intern(instance)
                                                       : 0);
        break;
      case ColumnType::enumeration:
        data.enums.push_back(name == "asset_type" ? enum_value(name, type)
                             : name == "source"   ? enum_value(name, source)
                             : name == "status"   ? enum_value(name, status)
                             : name == "ot_class" ? enum_value(name, "basic")
                                                  : kNoEnum);
        break;
      case ColumnType::integer:
        data.ints.push_back(name == "vulns" ? vulns : 0);
        break;
      case ColumnType::set:
        if (declared.values.empty())
          data.set_offsets.push_back(static_cast<std::uint32_t>(data.set_items.size()));
        else
          data.bits.push_back(modules);
        break;
      }
    }
    table_.day.push_back(day_of(at));
    table_.line.push_back(table_.rows + 2);
    ++table_.rows;
  }

private:
  Table& table_;
};

std::uint64_t module_bits(std::initializer_list<std::string_view> modules) {
  std::uint64_t bits = 0;
  for (const std::string_view module : modules)
    bits |= std::uint64_t{1} << *schema().columns[column("modules")].value_index(module);
  return bits;
}

Table year_of_rows(Day start) {
  Table table;
  table.path = "synthetic";
  ColumnFiller filler(table);
  const std::uint64_t edr = module_bits({"EDR", "PC"}), vm = module_bits({"VM"});
  for (int d = 0; d < kDays; ++d) {
    const Seconds midnight = start_of(start + d);
    for (int i = 0; i < kHosts; ++i) {
      const Host h = host(i);
      if (d < h.first || d > h.last) continue;
      const std::string asset = fmt::format("h{}", i);
      filler.row(midnight + (i % 24) * 3600, asset, i % 2 ? "host" : "vm", h.source,
                 h.source == "agent" ? fmt::format("g{}", i / 2) : "",
                 h.source == "cloud_connector" ? fmt::format("c{}", i) : "",
                 d == h.last && h.goes_inactive ? "inactive" : "active", h.edr ? edr : vm,
                 i % 5 == 0 ? 0 : 1);
    }
    for (int node = 0; node < kNodes; ++node)
      for (int hour = 0; hour < 24; ++hour)
        filler.row(midnight + hour * 3600 + 60 * node, fmt::format("node{}", node), "container_node",
                   "runtime_sensor", "", "", "active", 0, 0);
  }
  return table;
}

} // namespace

TEST_CASE("a year of 1.5 million rows, several products", "[.][timing]") {
  const Day start = day("2025-01-01");
  const Table table = year_of_rows(start);
  std::cout << fmt::format("rows: {}\n", table.rows);

  const auto from = [](std::string_view source) { return enum_in("source", {source}); };
  const plan::Plan plan = make_plan(
      start, start + kDays - 1, std::nullopt,
      {vmdr_product("VMDR", false, nullptr, plan::Method::peak, 15, "1.5"),
       vmdr_product("VMDR purge", true, nullptr, plan::Method::peak, 15, "1.5"),
       simple_product("EDR", plan::Method::peak, 15,
                      count(distinct("asset_id", snapshot(all_of({live(), modules_has({"EDR"})})))), "2.85"),
       simple_product(
           "CSAM", plan::Method::peak, 15,
           count(distinct("asset_id", snapshot(not_row(enum_in("source", {"easm", "passive_sensor", "caps",
                                                                          "ad", "vmware", "cmdb"})))))),
       simple_product(
           "CS", plan::Method::rolling_average, 90,
           hourly_average(count(distinct("asset_id", hours(3, all_of({from("runtime_sensor"), live()}))))),
           "45"),
       product("CWP", plan::Method::rolling_average, 90,
               {{"agents",
                 count(minus(distinct("asset_id", snapshot(from("agent"))),
                             having(distinct("asset_id", snapshot(from("agent"))),
                                    all_assets(every_row(snapshot(from("agent")),
                                                         int_compare("vulns", plan::Compare::eq, 0))))))}},
               component(0), "1.5")});

  const auto began = std::chrono::steady_clock::now();
  const Report report = evaluate(plan, schema(), table);
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began);
  std::cout << fmt::format("evaluate(): {} ms for {} products over {} days\n", elapsed.count(),
                           report.products.size(), kDays);

  // Expected values from the generator's parameters, day by day.
  std::vector<Rational> edr(kDays, 0), cwp(kDays, 0), vmdr_a1(kDays, 0);
  std::set<int> agents_so_far;
  for (int d = 0; d < kDays; ++d) {
    int edr_live = 0, agents_with_vulns = 0;
    for (int i = 0; i < kHosts; ++i) {
      const Host h = host(i);
      if (h.source == "agent" && h.first <= d) agents_so_far.insert(i / 2);
      if (d < h.first || d > h.last) continue;
      if (h.edr && !(d == h.last && h.goes_inactive)) ++edr_live;
      if (h.source == "agent" && i % 5 != 0) ++agents_with_vulns;
    }
    edr[d] = edr_live;
    cwp[d] = agents_with_vulns;
    vmdr_a1[d] = static_cast<long long>(agents_so_far.size());
  }

  // Without purge no unit ever leaves and a new unit adds at least as much to
  // A as to C, so each interval peaks on its last day.
  for (const PeriodResult& period : report.products.at(0).periods)
    CHECK(value_of(period, "A1") == vmdr_a1[period.end - start]);
  const auto& edr_periods = report.products.at(2).periods;
  for (std::size_t i = 0; i < edr_periods.size(); ++i) {
    Rational peak = 0;
    for (Day d = edr_periods[i].start; d <= edr_periods[i].end; ++d)
      peak = std::max(peak, edr[d - start]);
    CHECK(edr_periods[i].usage == peak);
  }
  for (const PeriodResult& period : report.products.at(4).periods)
    CHECK(period.usage == kNodes);
  const PeriodResult& last_cwp = report.products.at(5).periods.back();
  Rational window = 0;
  for (int d = kDays - 90; d < kDays; ++d)
    window += cwp[d];
  CHECK(last_cwp.usage == window / 90);
}

} // namespace tally::eval_test
