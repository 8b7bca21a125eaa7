// Unit sets and asset predicates, one node at a time, on small tables whose
// answers can be read off by eye. Each product is a one-day rolling total, so
// its periods are the daily values U(d).
#include "tests/eval/eval_fixtures.hpp"

#include <catch2/catch.hpp>

namespace tally::eval_test {
namespace {

std::vector<Rational> daily(const TableBuilder& builder, plan::NumPtr measure,
                            std::string_view first = "2026-01-01", std::string_view last = "2026-01-01") {
  const Report report =
      evaluate(make_plan(day(first), day("2026-12-31"), day(last),
                         {simple_product("P", plan::Method::rolling_total, 1, std::move(measure))}),
               schema(), builder.table());
  return daily_usage(report.products.at(0));
}

Rational on_first_day(const TableBuilder& builder, plan::NumPtr measure) {
  return daily(builder, std::move(measure)).at(0);
}

Cells agent_row(std::string time, std::string asset, std::string agent, Cells more = {}) {
  Cells cells = {{"observed_at", std::move(time)},
                 {"asset_id", std::move(asset)},
                 {"source", "agent"},
                 {"agent_id", std::move(agent)}};
  cells.insert(cells.end(), more.begin(), more.end());
  return cells;
}

Cells scanner_row(std::string time, std::string asset, Cells more = {}) {
  Cells cells = {{"observed_at", std::move(time)}, {"asset_id", std::move(asset)}, {"source", "scanner"}};
  cells.insert(cells.end(), more.begin(), more.end());
  return cells;
}

} // namespace

TEST_CASE("distinct counts non-empty keys once", "[eval][units]") {
  TableBuilder builder;
  builder.row(agent_row("2026-01-01", "a1", "g1"))
      .row(agent_row("2026-01-01T05:00Z", "a1", "g1"))
      .row(agent_row("2026-01-01", "a2", "g1"))
      .row(agent_row("2026-01-01", "a3", "g2"))
      .row(scanner_row("2026-01-01", "a4"))                            // no agent id
      .row(scanner_row("2026-01-01", "a5", {{"instance_id", "i-1"}})); // no agent id
  CHECK(on_first_day(builder, count(distinct("asset_id", snapshot(always())))) == 5);
  CHECK(on_first_day(builder, count(distinct("agent_id", snapshot(always())))) == 2);
  CHECK(on_first_day(builder, count(distinct("instance_id", snapshot(always())))) == 1);
  CHECK(on_first_day(builder, count(distinct("source", snapshot(always())))) == 2);     // enum key
  CHECK(on_first_day(builder, count(distinct("cloud", snapshot(always())))) == 0);      // all empty
  CHECK(on_first_day(builder, count(distinct("open_ports", snapshot(always())))) == 1); // integer key: 0
}

TEST_CASE("minus removes units whose key is in the other set", "[eval][units]") {
  TableBuilder builder;
  builder.row(scanner_row("2026-01-01", "a1"))
      .row(scanner_row("2026-01-01", "a2"))
      .row(scanner_row("2026-01-01", "a3"))
      .row(agent_row("2026-01-01", "a2", "g2"))
      .row(agent_row("2026-01-01", "a9", "g9"));
  const auto scanned = distinct("asset_id", snapshot(enum_in("source", {"scanner"})));
  const auto agents = distinct("asset_id", snapshot(enum_in("source", {"agent"})));
  CHECK(on_first_day(builder, count(minus(scanned, agents))) == 2);
  CHECK(on_first_day(builder, count(minus(agents, scanned))) == 1);
  CHECK(on_first_day(builder, count(minus(scanned, scanned))) == 0);
}

TEST_CASE("having quantifies over every asset of a multi-asset unit", "[eval][units]") {
  TableBuilder builder;
  // Agent g1 is on a1 (no findings) and a2 (open ports); g2 only on a3 (no findings).
  builder.row(agent_row("2026-01-01", "a1", "g1"))
      .row(agent_row("2026-01-01", "a2", "g1", {{"open_ports", "3"}}))
      .row(agent_row("2026-01-01", "a3", "g2"))
      .row(scanner_row("2026-01-01", "a3", {{"vulns", "0"}}));
  const auto agents = distinct("agent_id", snapshot(enum_in("source", {"agent"})));
  const auto quiet = every_row(snapshot(always()), all_of({int_compare("open_ports", plan::Compare::eq, 0),
                                                           int_compare("vulns", plan::Compare::eq, 0)}));
  CHECK(on_first_day(builder, count(having(agents, all_assets(quiet)))) == 1); // g2
  CHECK(on_first_day(builder, count(having(agents, some_asset(quiet)))) == 2); // g1 via a1, g2
  CHECK(on_first_day(builder, count(having(agents, unit_not(all_assets(quiet))))) == 1);
  CHECK(on_first_day(builder, count(having(agents, unit_all({})))) == 2);
  CHECK(on_first_day(builder, count(having(agents, unit_any({})))) == 0);
  CHECK(on_first_day(builder,
                     count(having(agents, unit_any({unit_const(false), some_asset(asset_const(true))})))) ==
        2);
}

TEST_CASE("every row is vacuously true for an asset without rows there", "[eval][units]") {
  TableBuilder builder;
  builder.row(agent_row("2026-01-01", "a1", "g1"))
      .row(agent_row("2026-01-01", "a2", "g2"))
      .row(scanner_row("2026-01-01", "a2", {{"vulns", "4"}}));
  const auto agents = distinct("asset_id", snapshot(enum_in("source", {"agent"})));
  const auto scanner_rows = snapshot(enum_in("source", {"scanner"}));
  // a1 has no scanner row: every scanner row of a1 (none) has no vulns.
  CHECK(on_first_day(builder,
                     count(having(agents, all_assets(every_row(
                                              scanner_rows, int_compare("vulns", plan::Compare::eq, 0)))))) ==
        1);
  // ... while "has a scanner row" is false for it.
  CHECK(on_first_day(builder, count(having(agents, all_assets(any_row(scanner_rows))))) == 1);
  CHECK(on_first_day(builder, count(having(agents, all_assets(asset_not(any_row(scanner_rows)))))) == 1);
}

TEST_CASE("latest picks the greatest time, then the tie order, whatever the row order", "[eval][units]") {
  const auto assets = distinct("asset_id", snapshot(always()));
  const auto latest_inactive =
      all_assets(reduced_in(plan::Reduce::latest, snapshot(always()), "status", {"inactive"}));
  const auto latest_active =
      all_assets(reduced_in(plan::Reduce::latest, snapshot(always()), "status", {"active"}));
  for (const bool reversed : {false, true}) {
    INFO("reversed " << reversed);
    std::vector<Cells> rows = {
        // a1: a later active row beats an earlier inactive one.
        scanner_row("2026-01-01T01:00Z", "a1", {{"status", "inactive"}}),
        scanner_row("2026-01-01T02:00Z", "a1", {{"status", "active"}}),
        // a2: same instant (a date is its midnight): inactive comes first in the tie order.
        scanner_row("2026-01-01", "a2", {{"status", "active"}}),
        scanner_row("2026-01-01T00:00Z", "a2", {{"status", "inactive"}}),
        // a3: same instant: decommissioned beats inactive, so neither active nor inactive.
        scanner_row("2026-01-01T09:00Z", "a3", {{"status", "inactive"}}),
        scanner_row("2026-01-01T09:00Z", "a3", {{"status", "decommissioned"}}),
        // a4: the default status (active).
        scanner_row("2026-01-01T09:00Z", "a4"),
    };
    if (reversed) std::reverse(rows.begin(), rows.end());
    TableBuilder builder;
    for (const Cells& row : rows)
      builder.row(row);
    CHECK(on_first_day(builder, count(having(assets, latest_inactive))) == 1); // a2
    CHECK(on_first_day(builder, count(having(assets, latest_active))) == 2);   // a1, a4
  }
}

TEST_CASE("latest breaks remaining ties by the greatest value", "[eval][units]") {
  TableBuilder builder;
  // Same time and status: the class with the greater index (vulnerable) wins.
  builder.row(scanner_row("2026-01-01T03:00Z", "a1", {{"ot_class", "enriched"}}))
      .row(scanner_row("2026-01-01T03:00Z", "a1", {{"ot_class", "vulnerable"}}))
      .row(scanner_row("2026-01-01T03:00Z", "a1", {{"ot_class", "basic"}}));
  const auto assets = distinct("asset_id", snapshot(always()));
  const auto latest_class = [&](std::string_view value) {
    return count(having(
        assets, all_assets(reduced_in(plan::Reduce::latest, snapshot(always()), "ot_class", {value}))));
  };
  CHECK(on_first_day(builder, latest_class("vulnerable")) == 1);
  CHECK(on_first_day(builder, latest_class("enriched")) == 0);
}

TEST_CASE("highest and lowest follow the enum's declared order", "[eval][units]") {
  TableBuilder builder;
  builder.row(scanner_row("2026-01-01T01:00Z", "a1", {{"ot_class", "enriched"}}))
      .row(scanner_row("2026-01-01T02:00Z", "a1", {{"ot_class", "vulnerable"}}))
      .row(scanner_row("2026-01-01T03:00Z", "a1", {{"ot_class", "basic"}}))
      .row(scanner_row("2026-01-01T01:00Z", "a2", {{"ot_class", "enriched"}}))
      .row(scanner_row("2026-01-01T01:00Z", "a3", {{"os", "linux"}}))
      .row(scanner_row("2026-01-01T02:00Z", "a3"));
  const auto assets = distinct("asset_id", snapshot(always()));
  const auto reduce = [&](plan::Reduce how, std::string_view column_name,
                          std::initializer_list<std::string_view> values) {
    return count(having(assets, all_assets(reduced_in(how, snapshot(always()), column_name, values))));
  };
  CHECK(on_first_day(builder, reduce(plan::Reduce::highest, "ot_class", {"vulnerable"})) == 1);
  CHECK(on_first_day(builder, reduce(plan::Reduce::highest, "ot_class", {"enriched"})) == 1);
  CHECK(on_first_day(builder, reduce(plan::Reduce::lowest, "ot_class", {"basic"})) == 2); // a1, a3 (default)
  CHECK(on_first_day(builder, reduce(plan::Reduce::latest, "ot_class", {"basic"})) == 2);
  // An empty value never wins: a3's lowest and highest os are linux, its latest is empty.
  CHECK(on_first_day(builder, reduce(plan::Reduce::lowest, "os", {"linux"})) == 1);
  CHECK(on_first_day(builder, reduce(plan::Reduce::highest, "os", {"linux"})) == 1);
  CHECK(on_first_day(builder, reduce(plan::Reduce::latest, "os", {"windows", "linux", "mac"})) == 0);
}

TEST_CASE("row predicates select rows by every kind of column", "[eval][rows]") {
  TableBuilder builder;
  builder
      .row(agent_row("2026-01-01", "a1", "g1",
                     {{"modules", "VM;PC"}, {"tags", "prod;eu"}, {"open_ports", "5"}}))
      .row(agent_row("2026-01-01", "a2", "g2", {{"modules", "EDR"}, {"tags", "dev"}, {"os_name", "Linux"}}))
      .row(scanner_row("2026-01-01", "a3", {{"status", "inactive"}, {"activated_at", "2025-12-01"}}))
      .row(scanner_row("2026-01-01", "a4", {{"cloud", "aws"}, {"activated_at", "2026-01-01T10:00Z"}}));
  const auto assets_where = [](plan::RowPredPtr where) {
    return count(distinct("asset_id", snapshot(std::move(where))));
  };
  CHECK(on_first_day(builder, assets_where(modules_has({"PC"}))) == 1);
  CHECK(on_first_day(builder, assets_where(modules_has({"PC", "EDR"}))) == 2);
  CHECK(on_first_day(builder, assets_where(modules_has({"VM", "PC"}, true))) == 1);
  CHECK(on_first_day(builder, assets_where(modules_has({"VM", "EDR"}, true))) == 0);
  CHECK(on_first_day(builder, assets_where(tags_has({"prod", "dev"}))) == 2);
  CHECK(on_first_day(builder, assets_where(tags_has({"prod", "eu"}, true))) == 1);
  CHECK(on_first_day(builder, assets_where(tags_has({"never-seen"}))) == 0);
  CHECK(on_first_day(builder, assets_where(tags_has({"prod", "never-seen"}, true))) == 0);
  CHECK(on_first_day(builder, assets_where(is_empty("tags"))) == 2);
  CHECK(on_first_day(builder, assets_where(is_empty("modules"))) == 2);
  CHECK(on_first_day(builder, assets_where(is_empty("agent_id"))) == 2);
  CHECK(on_first_day(builder, assets_where(is_empty("cloud"))) == 3);
  CHECK(on_first_day(builder, assets_where(is_empty("activated_at"))) == 2);
  CHECK(on_first_day(builder, assets_where(is_empty("open_ports"))) == 0);
  CHECK(on_first_day(builder, assets_where(string_in("os_name", {"Linux", "Windows"}))) == 1);
  CHECK(on_first_day(builder, assets_where(string_in("agent_id", {"g1", "g2", ""}))) == 2);
  CHECK(on_first_day(builder, assets_where(int_compare("open_ports", plan::Compare::gt, 4))) == 1);
  CHECK(on_first_day(builder, assets_where(int_compare("open_ports", plan::Compare::le, 4))) == 3);
  CHECK(on_first_day(builder, assets_where(int_compare("open_ports", plan::Compare::ne, 5))) == 3);
  CHECK(on_first_day(builder,
                     assets_where(time_compare("activated_at", plan::Compare::lt, time("2026-01-01")))) == 1);
  CHECK(on_first_day(builder,
                     assets_where(time_compare("activated_at", plan::Compare::ge, time("2025-01-01")))) == 2);
  CHECK(on_first_day(builder, assets_where(not_row(live()))) == 1);
  CHECK(on_first_day(builder, assets_where(any_of({}))) == 0);
  CHECK(on_first_day(builder, assets_where(all_of({}))) == 4);
}

TEST_CASE("within days counts back from the evaluated day, inclusive", "[eval][rows]") {
  TableBuilder builder;
  for (const std::string date : {"2026-01-10", "2026-01-11"}) {
    builder.row(scanner_row(date, "fresh", {{"last_event_at", "2026-01-10T23:00Z"}}))
        .row(scanner_row(date, "edge", {{"last_event_at", "2025-12-12"}}))  // day 10 - 29
        .row(scanner_row(date, "stale", {{"last_event_at", "2025-12-11"}})) // day 10 - 30
        .row(scanner_row(date, "future", {{"last_event_at", "2026-01-11"}}))
        .row(scanner_row(date, "never"));
  }
  const auto recent = count(distinct("asset_id", snapshot(within_days("last_event_at", 30))));
  CHECK(daily(builder, recent, "2026-01-10", "2026-01-11") ==
        std::vector<Rational>{2, 2}); // edge drops, future joins
}

} // namespace tally::eval_test
