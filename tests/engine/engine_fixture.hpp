// The standard rules compiled once for the engine tests, and a helper that
// evaluates them the way `tally eval` does.
#pragma once

#include "interpreter/engine.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/program.hpp"

#include <string>
#include <vector>

namespace tally::test {

const Program& standard_rules();

struct Terms {
  Day start = 0, end = 0;
  std::optional<Day> as_of;
  bool purge_rules = false;
  std::vector<std::string> products; // bought, hence reported
};

// Binds the standard rules to the terms and evaluates them over `table`.
Report evaluate_standard(const Table& table, const Terms& terms);

} // namespace tally::test
