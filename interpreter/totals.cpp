#include "totals.hpp"

#include <algorithm>
#include <set>

namespace tally {

namespace {

const PeriodResult* period_holding(const ProductResult& product, Day day) {
  const auto found = std::find_if(product.periods.begin(), product.periods.end(),
                                  [&](const PeriodResult& p) { return p.start <= day && day <= p.end; });
  return found == product.periods.end() ? nullptr : &*found;
}

} // namespace

std::vector<TotalPeriod> total_qlu(const Report& report) {
  const Day last = std::min(report.as_of, report.end);
  if (last < report.start) return {};
  std::set<Day> days{last};
  for (const ProductResult& product : report.products)
    if (product.method == "peak")
      for (const PeriodResult& period : product.periods)
        days.insert(std::min(period.end, last));

  std::vector<TotalPeriod> totals;
  Day from = report.start;
  for (const Day day : days) {
    TotalPeriod total{from, day, false, Rational(0)};
    for (const ProductResult& product : report.products) {
      const PeriodResult* period = period_holding(product, day);
      if (period == nullptr) continue;
      total.qlu += period->qlu;
      total.partial = total.partial || period->partial;
    }
    totals.push_back(total);
    from = day + 1;
  }
  return totals;
}

} // namespace tally
