// `tally explain`: why one asset is counted or not on one day, and how one
// period's QLU arises. Both run the real evaluator, so an explanation cannot
// disagree with the report:
//   - an asset: the product's plan runs over that asset's rows alone, with a
//     probe counting the asset's units after every clause of every count, so
//     the clause that dropped it is the first probe that reads 0;
//   - a period: the product's daily values over the period, its peak day (or
//     its day, for a rolling method), the components there and every rounding
//     step of usage and QLU with the value before and after.
// Units keyed by another column than asset_id (agents, identities) are seen
// through this asset's rows only.
#pragma once

#include "closed_form.hpp"
#include "lower.hpp"
#include "plan.hpp"
#include "result.hpp"
#include "table.hpp"

#include <string>
#include <vector>

namespace tally {

struct ExplainStep {
  std::string clause; // "snapshot", "last 3 hours", "where", "having", "unless", "minus"
  SourcePos pos;      // the clause's condition (or scope) in the rules
  std::uint32_t length = 1;
  Rational units; // the asset's units left after this step, on the day
  int depth = 0;  // 1 for the steps of units a `minus` removes
};

struct CountExplanation {
  SourcePos pos; // the `count`
  std::string key;
  std::vector<ExplainStep> steps;
  Rational value;
};

struct ComponentExplanation {
  std::string name;
  SourcePos pos;
  Rational value; // on the day, from this asset's rows alone
  std::vector<CountExplanation> counts;
};

struct AssetExplanation {
  std::string product, asset;
  Day day = 0;
  std::size_t rows = 0;                         // the asset's rows in the table; 0: an unknown asset
  std::size_t rows_on_day = 0, rows_before = 0; // the asset's rows on the day, and earlier in the term
  std::vector<ComponentExplanation> components;
  Rational usage; // U(day) from this asset's rows alone
};

// `plan` holds the one product to explain, bound with `trace`.
AssetExplanation explain_asset(const plan::Plan& plan, const LowerTrace& trace, const Schema& schema,
                               const Table& table, std::string_view asset, Day day);

struct PeriodExplanation {
  std::string product, method;
  std::size_t number = 0; // 1-based
  PeriodResult period;
  Day day = 0; // peak: the (latest) day reaching the peak; rolling: the period's day
  Rational ratio;
  std::vector<std::pair<std::string, Rational>> day_components;
  Rational day_usage;                       // U(day)
  std::vector<RoundingStep> usage_rounding; // inside U(day)
  std::vector<RoundingStep> qlu_rounding;   // from the period's usage to its QLU
};

// nullopt when the product has fewer periods than `number`.
std::optional<PeriodExplanation> explain_period(const plan::Plan& plan, const Schema& schema,
                                                const Table& table, std::size_t number);

} // namespace tally
