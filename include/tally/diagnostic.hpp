// A located diagnostic: what every stage of tally reports (syntax and check
// errors, lint warnings, bad data rows, runtime failures), in one shape, with
// a stable code documented in docs/diagnostics.md.
#pragma once

#include <tally/export.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace tally {

struct SourcePos {
  std::string file;         // as the user named it; "<host>" or a chosen name for in-memory input
  std::uint32_t line = 0;   // 1-based; 0 when the diagnostic concerns a whole file
  std::uint32_t column = 0; // 1-based, in bytes
};

enum class Severity { error, warning, note };
TALLY_API std::string_view name_of(Severity severity);

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code; // stable identifier, e.g. "E0201"; documented in docs/diagnostics.md
  SourcePos pos;
  std::uint32_t length = 1; // width of the caret underline, in bytes
  std::string message;
  std::string help; // optional hint, rendered as "= help: ..."
};

} // namespace tally
