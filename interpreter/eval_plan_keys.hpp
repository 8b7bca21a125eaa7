// Structural identities of plan nodes. Two nodes with the same key mean the
// same thing, so the evaluator keeps one piece of state for both, however the
// plan shares (or copies) its subtrees. Safe on malformed trees.
#pragma once

#include "plan.hpp"

#include <string>

namespace tally::eval {

std::string key_of(const plan::RowSetPtr& rows);
std::string key_of(const plan::AssetPredPtr& predicate);
std::string key_of(const plan::UnitPredPtr& predicate);
std::string key_of(const plan::UnitsPtr& units);

} // namespace tally::eval
