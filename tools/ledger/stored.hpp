// Values read back from the ledger's text columns. The schema's CHECKs keep
// them well formed; a file changed by other means gets a StorageError naming
// it rather than a crash.
#pragma once

#include "tools/ledger/ledger.hpp"
#include "tools/ledger/sqlite.hpp"

#include "interpreter/date.hpp"
#include "interpreter/number.hpp"

#include <string>

namespace tally::ledger {

Day stored_day(const Database& database, const std::string& text);
Rational stored_qlu(const Database& database, const std::string& text); // any exact decimal

// The usage_history columns a PeriodUsage is read from, in stored_period's order.
inline constexpr std::string_view kPeriodColumns =
    "product, period_start, period_end, partial, usage_numerator, usage_denominator, usage_decimal, "
    "qlu_numerator, qlu_denominator, qlu_decimal";
// The row's first columns, kPeriodColumns.
PeriodUsage stored_period(const Database& database, const Statement& row);

} // namespace tally::ledger
