// The random tables are deterministic and contain the collisions they promise.
#include "tests/reference/observation_rows.hpp"
#include "tests/reference/test_helpers.hpp"
#include "tests/support/compare_reports.hpp"
#include "tests/support/random_table.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace tally;
using namespace tally::reference::testing;
using reference::ObservationRows;
using reference::Row;

namespace {

const Day kStart = day("2026-01-01");
constexpr int kDays = 40;

reference::ReferenceTerms all_products_terms() {
  reference::ReferenceTerms terms;
  terms.start = kStart;
  terms.end = default_term_end(kStart);
  return terms;
}

std::vector<std::string> row_texts(const Table& table) {
  ObservationRows rows(table, schema());
  std::vector<std::string> texts;
  for (Row row = 0; row < rows.size(); ++row)
    texts.push_back(std::to_string(rows.observed_at(row)) + " " + std::string(rows.asset_id(row)) + " " +
                    std::string(rows.source(row)) + " " + std::string(rows.status(row)));
  return texts;
}

} // namespace

TEST_CASE("random tables are deterministic per seed and have exactly the rows asked for",
          "[reference][random]") {
  Table first = test::random_table(schema(), 7, 400, kStart, kDays);
  Table again = test::random_table(schema(), 7, 400, kStart, kDays);
  Table other = test::random_table(schema(), 8, 400, kStart, kDays);
  CHECK(first.rows == 400);
  CHECK(row_texts(first) == row_texts(again));
  CHECK(row_texts(first) != row_texts(other));
  CHECK(test::compare_reports(reference::evaluate(first, schema(), all_products_terms()),
                              reference::evaluate(again, schema(), all_products_terms()))
            .empty());
  CHECK(test::random_table(schema(), 3, 0, kStart, kDays).rows == 0);
  CHECK(test::random_table(schema(), 3, 5, kStart, kDays).rows == 5);
  CHECK_THROWS_AS(test::random_table(schema(), 3, 5, kStart, 0), std::invalid_argument);
}

TEST_CASE("random tables contain the collisions the products disagree on", "[reference][random]") {
  Table table = test::random_table(schema(), 2026, 1500, kStart, kDays);
  ObservationRows rows(table, schema());

  std::set<std::string_view> types, sources, statuses;
  std::map<std::string_view, std::set<std::string_view>> assets_of_agent, assets_of_instance,
      sources_of_asset;
  std::map<std::pair<std::string_view, Seconds>, std::set<std::string_view>> statuses_at;
  std::map<std::string_view, std::vector<std::int64_t>> heartbeat_hours;
  bool before_start = false, event_at_edge = false;
  for (Row row = 0; row < rows.size(); ++row) {
    CHECK(rows.day(row) >= kStart - 3);
    CHECK(rows.day(row) < kStart + kDays);
    types.insert(rows.asset_type(row));
    sources.insert(rows.source(row));
    statuses.insert(rows.status(row));
    if (!rows.agent_id(row).empty()) assets_of_agent[rows.agent_id(row)].insert(rows.asset_id(row));
    if (!rows.instance_id(row).empty()) assets_of_instance[rows.instance_id(row)].insert(rows.asset_id(row));
    sources_of_asset[rows.asset_id(row)].insert(rows.source(row));
    statuses_at[{rows.asset_id(row), rows.observed_at(row)}].insert(rows.status(row));
    if (rows.asset_type(row) == "container_node" && rows.source(row) == "runtime_sensor")
      heartbeat_hours[rows.asset_id(row)].push_back(rows.hour(row));
    before_start = before_start || rows.day(row) < kStart;
    if (auto event = rows.last_event_day(row);
        event && (*event == rows.day(row) - 29 || *event == rows.day(row) - 30))
      event_at_edge = true;
  }
  CHECK(types.size() == schema().find("asset_type")->values.size());
  CHECK(sources.size() == schema().find("source")->values.size());
  CHECK(statuses.size() == schema().find("status")->values.size());
  CHECK(before_start);
  CHECK(event_at_edge);
  auto shared = [](const auto& assets_by_id) {
    for (const auto& [id, assets] : assets_by_id)
      if (assets.size() > 1) return true;
    return false;
  };
  CHECK(shared(assets_of_agent));
  CHECK(shared(assets_of_instance));
  bool agent_and_scanner = false;
  for (const auto& [asset, seen_by] : sources_of_asset)
    agent_and_scanner = agent_and_scanner || (seen_by.contains("agent") && seen_by.contains("scanner"));
  CHECK(agent_and_scanner);
  bool tie = false;
  for (const auto& [key, seen] : statuses_at)
    tie = tie || seen.size() > 1;
  CHECK(tie);
  std::set<std::int64_t> gaps;
  for (auto& [node, hours] : heartbeat_hours) {
    std::sort(hours.begin(), hours.end());
    for (std::size_t i = 1; i < hours.size(); ++i)
      gaps.insert(hours[i] - hours[i - 1]);
  }
  CHECK(gaps.contains(3)); // two missed heartbeats
  CHECK(gaps.contains(4)); // three missed heartbeats
}

TEST_CASE("the reference evaluates random tables for every product", "[reference][random]") {
  Rational total_usage = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    Table table = test::random_table(schema(), seed, 300, kStart, kDays);
    Report report = reference::evaluate(table, schema(), all_products_terms());
    REQUIRE(report.products.size() == 24);
    for (const ProductResult& product : report.products)
      for (const PeriodResult& period : product.periods) {
        INFO("seed " << seed << " " << product.product << " " << format_date(period.start));
        CHECK(period.usage >= 0);
        total_usage += period.usage;
      }
  }
  CHECK(total_usage > 0);
}
