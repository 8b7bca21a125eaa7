// The subscription's total QLU across products, period by period.
#pragma once

#include "result.hpp"

#include <vector>

namespace tally {

// Totals are stated on each day that ends a peak product's interval (or the
// last evaluated day, for an interval still running) and on the last
// evaluated day. Each product adds the QLU of its period holding that day: a
// peak product its interval, a rolling product that day's value. A total row
// covers the days since the previous one.
std::vector<TotalPeriod> total_qlu(const Report& report);

} // namespace tally
