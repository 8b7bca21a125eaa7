// VMDR (and PA) as semantics.md defines them, built by hand as a plan:
// A1 + A2 + B - C over the restricted term rows, with optional purge.
#pragma once

#include "plan.hpp"

#include <string>

namespace tally::eval_test {

// `restriction` narrows the restricted rows further (PA: has(PC)); null for VMDR.
plan::ProductPlan vmdr_product(std::string name, bool purge, plan::RowPredPtr restriction,
                               plan::Method method, std::int32_t length, std::string_view ratio);

} // namespace tally::eval_test
