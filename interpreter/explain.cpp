#include "explain.hpp"

#include "evaluator.hpp"
#include "probes.hpp"
#include "table_subset.hpp"

#include <algorithm>

namespace tally {

namespace {

namespace p = plan;

const PeriodResult* period_starting(const Report& report, Day day) {
  for (const auto& period : report.products.front().periods)
    if (period.start == day) return &period;
  return nullptr;
}

} // namespace

AssetExplanation explain_asset(const p::Plan& plan, const LowerTrace& trace, const Schema& schema,
                               const Table& table, std::string_view asset, Day day) {
  const auto& product = plan.products.front();
  AssetExplanation out;
  out.product = product.name;
  out.asset = std::string(asset);
  out.day = day;
  const auto rows = rows_of_asset(table, schema, asset);
  out.rows = rows.rows;
  if (rows.rows == 0) return out;
  for (std::size_t r = 0; r < rows.rows; ++r) {
    out.rows_on_day += rows.day[r] == day;
    out.rows_before += rows.day[r] >= plan.start && rows.day[r] < day;
  }

  // One evaluation: the product's own components first, then every probe.
  const auto probed = probe_plan(plan, trace, day);
  const auto report = evaluate(probed.plan, schema, rows);
  const auto* values = period_starting(report, day);
  if (!values) return out; // the day is outside the evaluated term
  out.usage = values->usage;
  for (std::size_t c = 0; c < product.components.size(); ++c)
    out.components.push_back(
        {product.components[c].name, product.components[c].pos, values->components[c].second, {}});
  for (const auto& probed_count : probed.counts) {
    CountExplanation count;
    count.pos = probed_count.count->pos;
    count.key = schema.columns[std::get<p::Count>(probed_count.count->node).units->key].name;
    for (const auto& probe : probed_count.steps)
      count.steps.push_back(
          {probe.clause, probe.pos, probe.length, values->components[probe.component].second, probe.depth});
    count.value = count.steps.empty() ? Rational(0) : count.steps.back().units;
    out.components[probed_count.component].counts.push_back(std::move(count));
  }
  return out;
}

std::optional<PeriodExplanation> explain_period(const p::Plan& plan, const Schema& schema, const Table& table,
                                                std::size_t number) {
  const auto report = evaluate(plan, schema, table);
  const auto& result = report.products.front();
  if (number == 0 || number > result.periods.size()) return std::nullopt;
  const auto& product = plan.products.front();
  PeriodExplanation out;
  out.product = result.product;
  out.method = result.method;
  out.number = number;
  out.period = result.periods[number - 1];
  out.ratio = result.ratio;
  out.day = out.period.start;

  const auto daily = evaluate(daily_plan(plan, report.as_of), schema, table);
  if (product.method == p::Method::peak) {
    // The latest day of the interval that reaches the peak, as the report's components are.
    for (Day d = out.period.start; d <= std::min(out.period.end, report.as_of); ++d)
      if (const auto* values = period_starting(daily, d); values && values->usage == out.period.usage)
        out.day = d;
  }
  const auto* values = period_starting(daily, out.day);
  if (!values) return out;
  out.day_components = values->components;
  std::vector<Rational> components;
  for (const auto& [_, value] : values->components)
    components.push_back(value);
  out.day_usage = ClosedForm(components, nullptr, [&](const RoundingStep& step) {
    out.usage_rounding.push_back(step);
  })(*product.usage);
  ClosedForm(components, &out.period.usage,
             [&](const RoundingStep& step) { out.qlu_rounding.push_back(step); })(*product.qlu);
  return out;
}

} // namespace tally
