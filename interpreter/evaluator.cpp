// The day loop: every evaluated day is visited once, in order, and every
// product's components and usage are taken on it; periods and QLUs follow.
#include "evaluator.hpp"

#include "eval_graph.hpp"
#include "eval_methods.hpp"
#include "eval_numbers.hpp"
#include "totals.hpp"

#include <algorithm>

namespace tally {

namespace {

Day default_as_of(const plan::Plan& plan, const Table& table) {
  if (plan.as_of) return *plan.as_of;
  if (table.day.empty()) return plan.start;
  return *std::max_element(table.day.begin(), table.day.end());
}

std::vector<PeriodResult> periods_of(const plan::ProductPlan& product, const eval::DailyValues& daily,
                                     const Report& report) {
  std::vector<std::string> names;
  for (const plan::Component& component : product.components)
    names.push_back(component.name);
  switch (product.method) {
  case plan::Method::peak:
    return eval::peak_periods(daily, names, report.start, report.end, report.as_of, product.length);
  case plan::Method::rolling_average:
    return eval::rolling_periods(daily, names, report.start, product.length, true);
  case plan::Method::rolling_total:
    return eval::rolling_periods(daily, names, report.start, product.length, false);
  }
  return {};
}

} // namespace

ProductResult product_result(const plan::ProductPlan& product) {
  ProductResult result;
  result.product = product.name;
  result.title = product.title;
  result.method = std::string(plan::name_of(product.method));
  result.ratio = product.ratio;
  result.license_limit = product.license_limit;
  return result;
}

Report evaluate(const plan::Plan& plan, const Schema& schema, const Table& table) {
  Report report;
  report.start = plan.start;
  report.end = plan.end;
  report.as_of = default_as_of(plan, table);
  report.rows_read = table.rows;
  report.skipped = table.skipped;
  const Day last = std::min(report.as_of, report.end);

  eval::EvaluationGraph graph(plan, schema, table, plan.start, last);
  const auto& products = graph.products();
  std::vector<eval::DailyValues> daily(products.size());
  for (std::int64_t day = plan.start; day <= last; ++day) {
    graph.advance_to(static_cast<Day>(day));
    for (std::size_t p = 0; p < products.size(); ++p) {
      const eval::CompiledProduct& product = products[p];
      std::vector<Rational> components;
      components.reserve(product.components.size());
      eval::NumContext context;
      context.product = product.plan->name;
      context.instant.day = static_cast<Day>(day);
      context.components = &components;
      for (const eval::NumNode& component : product.components)
        components.push_back(eval::evaluate_num(component, context));
      daily[p].usage.push_back(eval::evaluate_num(product.usage, context));
      daily[p].components.push_back(std::move(components));
    }
  }

  for (std::size_t p = 0; p < products.size(); ++p) {
    const plan::ProductPlan& product = *products[p].plan;
    ProductResult result = product_result(product);
    result.periods = periods_of(product, daily[p], report);
    for (PeriodResult& period : result.periods) {
      eval::NumContext context;
      context.product = product.name;
      context.instant.day = period.start;
      context.usage = &period.usage;
      context.period_end = period.end;
      period.qlu = eval::evaluate_num(products[p].qlu, context);
    }
    report.products.push_back(std::move(result));
  }
  report.totals = total_qlu(report);
  return report;
}

} // namespace tally
