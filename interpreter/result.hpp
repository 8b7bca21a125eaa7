// What an evaluation produces: per product, its periods with exact values.
#pragma once

#include "date.hpp"
#include "number.hpp"
#include "table.hpp"

#include <tally/provenance.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tally {

struct PeriodResult {
  Day start = 0, end = 0; // inclusive; a rolling product has start == end
  bool partial = false;   // the interval extends past the as-of day
  Rational usage, qlu;
  // In the product's declaration order. Peak: the values on the latest day
  // of the interval that reaches the peak. Rolling: aggregated over the window
  // exactly as usage is (average or total).
  std::vector<std::pair<std::string, Rational>> components;
};

struct ProductResult {
  std::string product, title;
  std::string method; // "peak", "rolling average", "rolling total"
  Rational ratio;
  std::vector<PeriodResult> periods;
  std::optional<Rational> license_limit; // a license: the licences bought (plan::ProductPlan)
};

// The QLU of every product reported, summed over one period (see totals.hpp).
struct TotalPeriod {
  Day start = 0, end = 0; // inclusive
  bool partial = false;   // a peak interval in it extends past the as-of day
  Rational qlu;
};

struct Report {
  Day start = 0, end = 0, as_of = 0;
  Provenance provenance;
  std::vector<ProductResult> products;
  std::vector<TotalPeriod> totals;
  std::size_t rows_read = 0;
  std::vector<BadRow> skipped;
};

} // namespace tally
