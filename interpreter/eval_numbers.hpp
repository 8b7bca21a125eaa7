// Numbers of a product: its components and usage each day, its QLU per period.
// Rational arithmetic happens here, once per day (or hour) and node, never per row.
#pragma once

#include "eval_instant.hpp"
#include "eval_units.hpp"
#include "number.hpp"
#include "plan.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace tally::eval {

// A plan number with its Count nodes bound to unit sets.
struct NumNode {
  const plan::Num* num = nullptr;
  std::vector<NumNode> operands;
  UnitSet* units = nullptr; // Count
};

struct NumContext {
  std::string_view product;
  Instant instant;
  const std::vector<Rational>* components = nullptr; // the day's components computed so far
  const Rational* usage = nullptr;                   // a period's usage, for the QLU
  std::optional<Day> period_end; // set while computing a period's QLU (instant.day = start)
};

Rational evaluate_num(const NumNode& node, NumContext& context);

} // namespace tally::eval
