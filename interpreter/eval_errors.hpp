// The evaluator's diagnostics, codes E08xx: failures found while compiling a
// plan against a table, and while evaluating it.
#pragma once

#include "diagnostic.hpp"

#include <string>
#include <string_view>

namespace tally::eval {

inline constexpr std::string_view kDivisionByZero = "E0801";
// The plan contradicts the schema or itself (a checker bug or a hand-built plan).
inline constexpr std::string_view kMalformedPlan = "E0802";
// The table lacks the cells of a column the plan reads.
inline constexpr std::string_view kMissingColumnData = "E0803";

[[noreturn]] void fail(std::string_view code, const SourcePos& pos, std::string message,
                       std::string help = {});

} // namespace tally::eval
