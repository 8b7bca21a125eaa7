// Diagnostics for machines: a plain JSON document and SARIF 2.1.0, the format
// code-scanning services and editors read.
#pragma once

#include "interpreter/diagnostic.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tally {

// Where the code table lives; SARIF rules and the tool point at it.
inline constexpr std::string_view kDiagnosticsDocUri = "https://example.invalid/tally/docs/diagnostics.md";

// One JSON object, in the order given:
//   {"diagnostics": [{"code", "severity", "file", "line", "column", "end_column",
//                     "message", "help"}, ...],
//    "errors": N, "warnings": N, "notes": N}
// Lines and columns are 1-based, columns in bytes as in the text output;
// end_column is the column just past the underlined text. A diagnostic about a
// whole file has line 0 and columns 0; help is "" when there is none.
std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics, const SourceRegistry& sources);

// A SARIF 2.1.0 log of one run of tally. Rules are the codes that occur, with
// their titles from the catalogue; results are sorted by file, line, column and
// code. Relative paths are kept as given, relative to the base id %SRCROOT%;
// columns are Unicode code points (run.columnKind). Each located result quotes
// the underlined text as region.snippet and its whole line as the context
// region. `files_analyzed` become the run's artifacts (role analysisTarget);
// other files that diagnostics point at (imports) follow them.
std::string diagnostics_sarif(const std::vector<Diagnostic>& diagnostics, const SourceRegistry& sources,
                              std::string_view tool_version, const std::vector<std::string>& files_analyzed);

} // namespace tally
