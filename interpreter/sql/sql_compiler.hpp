// The SQL back end: a bound plan (plan.hpp) compiled to one SQL statement that
// computes, inside the database, what the columnar evaluator computes: per
// product and period, usage, QLU and components, exactly.
//
// The statement reads one table (or one partition of it, Target) holding the contract's columns with the
// types Dialect::column_type gives (what `tally load` creates); an empty cell is NULL (an empty set may also
// be an empty array), and a column with a default may hold NULL for it. It returns one row per product,
// period and measure:
//
//   product       text     the product's name, in the plan's order
//   period_start  date     a peak interval's first day, or a rolling day
//   period_end    date     inclusive (a rolling period: the same day)
//   partial       boolean  the interval reaches past the as-of day
//   measure       text     'usage', 'qlu', then each component by name
//   numerator     integer  the exact value is numerator / denominator,
//   denominator   integer  in lowest terms, denominator > 0
//
// ordered by product, period and measure as the report lists them.
#pragma once

#include "plan.hpp"
#include "schema.hpp"
#include "sql/dialect.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tally {
class SourceRegistry;
}

namespace tally::sql {

struct Target {
  // Lowercase letters, digits and `_`, optionally schema-qualified
  // ("metering.observations"); quoted in the statement where it must be.
  std::string table = "observations";
  // Only the rows whose column `first` holds the text `second`: one tenant of
  // a table shared by many. On Citus, naming the distribution column routes
  // the whole statement to the one node holding that tenant.
  std::optional<std::pair<std::string, std::string>> partition;
};

inline constexpr std::array<std::string_view, 7> kResultColumns = {
    "product", "period_start", "period_end", "partial", "measure", "numerator", "denominator"};

// The statement, commented with the rule each step comes from (quoted from
// `sources` when given). Throws DiagnosticError, located at the rule, for a
// plan the back end cannot express: a daily value divided by a value known
// only per day, which no SQL aggregate can sum exactly.
std::string compile(const plan::Plan& plan, const Schema& schema, const Dialect& dialect,
                    const Target& target, const SourceRegistry* sources = nullptr);

} // namespace tally::sql
