// Exact comparison of two evaluation reports, for agreement tests (engine vs
// reference, or a report vs expected values). Titles, rows_read and skipped
// rows are not compared: they describe the run, not the metering.
#pragma once

#include "result.hpp"

#include <string>
#include <vector>

namespace tally::test {

// One readable line per difference, e.g.
//   "VMDR 2026-01-01..2026-01-15: usage expected 7000, actual 6999"
// Products are matched by name (report order is not compared); empty when the
// reports agree on every product, period, flag, usage, QLU and component.
std::vector<std::string> compare_reports(const Report& expected, const Report& actual);

} // namespace tally::test
