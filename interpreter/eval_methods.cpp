#include "eval_methods.hpp"

#include <algorithm>

namespace tally::eval {

namespace {

std::vector<std::pair<std::string, Rational>> named(const std::vector<std::string>& names,
                                                    const std::vector<Rational>& values) {
  std::vector<std::pair<std::string, Rational>> components;
  components.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i)
    components.emplace_back(names[i], values[i]);
  return components;
}

} // namespace

std::vector<PeriodResult> peak_periods(const DailyValues& daily,
                                       const std::vector<std::string>& component_names, Day start, Day end,
                                       Day as_of, std::int32_t length) {
  std::vector<PeriodResult> periods;
  const std::int64_t days = static_cast<std::int64_t>(daily.usage.size());
  for (std::int64_t first = 0; first < days; first += length) {
    const std::int64_t clipped_end = std::min<std::int64_t>(start + first + length - 1, end);
    const std::int64_t last = std::min(first + length, days) - 1;
    std::int64_t peak_day = first;
    for (std::int64_t day = first + 1; day <= last; ++day)
      if (daily.usage[day] >= daily.usage[peak_day]) peak_day = day; // ties: the latest day
    PeriodResult period;
    period.start = static_cast<Day>(start + first);
    period.end = static_cast<Day>(clipped_end);
    period.partial = clipped_end > as_of;
    period.usage = daily.usage[peak_day];
    period.components = named(component_names, daily.components[peak_day]);
    periods.push_back(std::move(period));
  }
  return periods;
}

std::vector<PeriodResult> rolling_periods(const DailyValues& daily,
                                          const std::vector<std::string>& component_names, Day start,
                                          std::int32_t length, bool average) {
  std::vector<PeriodResult> periods;
  const std::size_t days = daily.usage.size();
  const std::size_t window = static_cast<std::size_t>(length);
  Rational usage_sum = 0;
  std::vector<Rational> component_sums(component_names.size(), Rational(0));
  for (std::size_t day = 0; day < days; ++day) {
    usage_sum += daily.usage[day];
    for (std::size_t c = 0; c < component_sums.size(); ++c)
      component_sums[c] += daily.components[day][c];
    if (day >= window) {
      usage_sum -= daily.usage[day - window];
      for (std::size_t c = 0; c < component_sums.size(); ++c)
        component_sums[c] -= daily.components[day - window][c];
    }
    const Rational days_in_window(static_cast<unsigned long long>(std::min(day + 1, window)));
    PeriodResult period;
    period.start = period.end = static_cast<Day>(start + static_cast<std::int64_t>(day));
    period.usage = average ? usage_sum / days_in_window : usage_sum;
    std::vector<Rational> components = component_sums;
    if (average)
      for (Rational& value : components)
        value /= days_in_window;
    period.components = named(component_names, components);
    periods.push_back(std::move(period));
  }
  return periods;
}

} // namespace tally::eval
