// The catalogue of diagnostic codes: every code tally reports, with its
// severity, a one-line title and an example. docs/diagnostics.md documents the
// same codes for people; a test keeps the two and the sources in step.
#pragma once

#include "diagnostic.hpp"

#include <span>
#include <string_view>

namespace tally {

struct CodeInfo {
  std::string_view code;    // "E0201"
  Severity severity;        // the severity the code is reported with
  std::string_view title;   // one line, lower case, no final period
  std::string_view example; // what triggers it; may be empty
  std::string_view name;    // a stable PascalCase name, e.g. "UnknownName" (SARIF rule name)
};

// Every code, ordered by code (errors E0xxx first, then warnings W0xxx).
std::span<const CodeInfo> diagnostic_codes();

// The entry for `code`, or nullptr when the catalogue does not know it.
const CodeInfo* code_info(std::string_view code);

} // namespace tally
