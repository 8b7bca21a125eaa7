// Probes: extra components that count a product's units after every clause of
// every count (scope, each `where`, `having`, `unless`, `minus`). Evaluated by
// the real evaluator with the product measured day by day, they show where
// units are kept or dropped: `explain` reads them for one asset, `test
// --coverage` for every example.
#pragma once

#include "lower.hpp"
#include "plan.hpp"

#include <string>
#include <vector>

namespace tally {

struct ProbeStep {
  std::string clause; // "snapshot", "term", "last 3 hours", "where", "having", "unless", "minus", "first"
  const ast::Expr* at = nullptr; // the clause's expression (null for a scope)
  SourcePos pos;                 // its condition, or the scope
  std::uint32_t length = 1;
  int depth = 0;             // 1 for the steps of units a `minus` removes
  std::size_t component = 0; // index of the probe's component in the probed plan
};

struct ProbedCount {
  std::size_t component; // the product component holding the count
  const plan::Num* count;
  std::vector<ProbeStep> steps;
};

struct ProbedPlan {
  plan::Plan plan; // one product, measured day by day: each period is one day
  std::vector<ProbedCount> counts;
};

// The same product measured day by day: every day is its own peak interval.
plan::Plan daily_plan(const plan::Plan& plan, std::optional<Day> as_of);

// `plan` holds one product, bound with `trace`.
ProbedPlan probe_plan(const plan::Plan& plan, const LowerTrace& trace, std::optional<Day> as_of);

} // namespace tally
