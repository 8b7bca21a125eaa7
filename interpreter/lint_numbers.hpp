// Lint checks on a product's arithmetic: a division or weight whose result can
// have no finite decimal form while nothing downstream rounds it (W0303), and a
// weight of zero or less (W0304).
#pragma once

#include "diagnostic.hpp"
#include "plan.hpp"

#include <vector>

namespace tally {

void check_numbers(const plan::ProductPlan& product, std::vector<Diagnostic>& diagnostics);

} // namespace tally
