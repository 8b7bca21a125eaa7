// A product's usage and QLU expressions evaluated from known component values,
// without a table: `given` examples use it, and `explain` to show each
// rounding step of a period.
#pragma once

#include "plan.hpp"

#include <functional>
#include <vector>

namespace tally {

struct RoundingStep {
  SourcePos pos;
  RoundingMode mode;
  int places;
  Rational before, after;
};

class ClosedForm {
public:
  // `usage` is what UsageRef reads (qlu only); `on_round`, when set, sees every rounding.
  ClosedForm(const std::vector<Rational>& components, const Rational* usage,
             std::function<void(const RoundingStep&)> on_round = {})
      : components_(components), usage_(usage), on_round_(std::move(on_round)) {}

  // Throws DiagnosticError on a division by zero, or when `num` counts rows.
  Rational operator()(const plan::Num& num) const;

private:
  const std::vector<Rational>& components_;
  const Rational* usage_;
  std::function<void(const RoundingStep&)> on_round_;
};

} // namespace tally
