// The rows a compiled statement returns (sql_compiler.hpp), read back into the
// report the columnar evaluator would have made, so every output format and
// the QLU totals come from the same code whichever engine counted.
#pragma once

#include "plan.hpp"
#include "result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tally::sql {

// One result row, its cells as text in kResultColumns' order (nullopt: NULL).
using ResultRow = std::vector<std::optional<std::string>>;

// The report of `plan` from the statement's rows. `as_of` is the as-of day
// the statement used (the plan's, or the table's last day). Throws
// std::runtime_error naming the row when a row is not what the statement
// returns: an unknown product or measure, a bad number or date.
Report report_from_rows(const plan::Plan& plan, Day as_of, const std::vector<ResultRow>& rows);

} // namespace tally::sql
