// Columnar evaluation of a plan over an observation table.
#pragma once

#include "plan.hpp"
#include "result.hpp"
#include "schema.hpp"
#include "table.hpp"

namespace tally {

// Evaluates every product of `plan` over `table` (read with `schema`).
// Evaluated days are start..min(as_of, end); as_of defaults to the last day
// present in the table (or start, when the table is empty).
// Throws DiagnosticError for runtime failures (e.g. division by zero), located
// at the rule that failed.
Report evaluate(const plan::Plan& plan, const Schema& schema, const Table& table);

// A product's result as its plan describes it, before any period is added.
ProductResult product_result(const plan::ProductPlan& product);

} // namespace tally
