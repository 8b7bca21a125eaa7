// `explain` must agree with the report: for every component that counts
// assets, the assets explain calls counted add up to the component's value on
// that day, for every product of the standard rules, on a random table.
#include "engine_fixture.hpp"

#include "interpreter/explain.hpp"
#include "interpreter/probes.hpp"
#include "tests/support/random_table.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <set>

namespace {

using namespace tally;

// Whether every count in `num` counts distinct asset_ids, so per-asset values add up.
bool counts_assets(const plan::NumPtr& num, std::size_t asset_column) {
  bool all = true;
  std::visit(
      [&](const auto& n) {
        using Node = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<Node, plan::Count>) {
          all = n.units->key == asset_column;
        } else if constexpr (std::is_same_v<Node, plan::Negate> || std::is_same_v<Node, plan::Round> ||
                             std::is_same_v<Node, plan::HourlyAverage>) {
          all = std::is_same_v<Node, plan::Round> ? false : counts_assets(n.operand, asset_column);
        } else if constexpr (std::is_same_v<Node, plan::Binary>) {
          all = n.op != plan::Arith::mul && n.op != plan::Arith::div && counts_assets(n.left, asset_column) &&
                counts_assets(n.right, asset_column);
        } else if constexpr (!std::is_same_v<Node, plan::Constant>) {
          all = false;
        }
      },
      num->node);
  return all;
}

} // namespace

TEST_CASE("explain's per-asset counts add up to each asset-counting component") {
  const auto& program = test::standard_rules();
  const auto& schema = program.schema;
  const auto asset_column = *schema.index_of(kAssetColumn);
  const Day start = *parse_date("2026-01-01");
  const auto table = test::random_table(schema, 7, 3000, start, 20);
  const Day day = start + 12;
  std::set<std::string> assets;
  for (std::size_t r = 0; r < table.rows; ++r)
    assets.insert(std::string(table.strings.view(table.columns[asset_column].strings[r])));
  std::size_t components_checked = 0, counted_somewhere = 0;
  for (const auto& product : program.product_names()) {
    Subscription subscription;
    const SourcePos here{"<test>", 0, 0};
    subscription.start = Setting{format_date(start), here};
    subscription.only = {product};
    LowerTrace trace;
    auto bound = bind(program, subscription, &trace);
    REQUIRE(bound.plan);
    const auto daily = evaluate(daily_plan(*bound.plan, day), schema, table);
    const auto& on_day = daily.products.front().periods.at(static_cast<std::size_t>(day - start));
    REQUIRE(on_day.start == day);
    const auto& components = bound.plan->products.front().components;
    std::vector<Rational> sums(components.size());
    for (const auto& asset : assets) {
      const auto answer = explain_asset(*bound.plan, trace, schema, table, asset, day);
      for (std::size_t c = 0; c < components.size(); ++c)
        sums[c] += answer.components.at(c).value;
    }
    for (std::size_t c = 0; c < components.size(); ++c) {
      if (!counts_assets(components[c].daily, asset_column)) continue;
      INFO(fmt::format("{} component {}", product, components[c].name));
      CHECK(sums[c] == on_day.components[c].second);
      ++components_checked;
      counted_somewhere += sums[c] != 0;
    }
  }
  CHECK(components_checked >= 20);
  CHECK(counted_somewhere >= 10); // the random day counts something in most products
}
