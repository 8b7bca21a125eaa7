// From daily values to periods: peak intervals and rolling windows.
#pragma once

#include "number.hpp"
#include "result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace tally::eval {

// A product's values on each evaluated day S, S+1, ... (index = day - S).
struct DailyValues {
  std::vector<Rational> usage;
  std::vector<std::vector<Rational>> components; // per day, in declaration order
};

// Intervals of `length` days from `start`, clipped at `end`; each interval
// with an evaluated day. Usage is the interval's highest daily usage; its
// components are those of the latest day reaching it.
std::vector<PeriodResult> peak_periods(const DailyValues& daily,
                                       const std::vector<std::string>& component_names, Day start, Day end,
                                       Day as_of, std::int32_t length);

// One period per evaluated day over the window of up to `length` days ending
// there (never before `start`): the sum, or with `average` the mean.
std::vector<PeriodResult> rolling_periods(const DailyValues& daily,
                                          const std::vector<std::string>& component_names, Day start,
                                          std::int32_t length, bool average);

} // namespace tally::eval
