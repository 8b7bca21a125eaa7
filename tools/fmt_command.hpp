// `tally fmt [--check|--diff] FILE|DIR...`: puts rule files in the canonical
// layout (interpreter/formatter.hpp). A folder stands for every `*.tally` file
// below it, sorted by path.
//
//   write  rewrites each file whose layout changes (through a temporary file
//          in the same folder, renamed over it, so a file is never left half
//          written) and prints `formatted PATH` for it;
//   check  writes nothing and prints the path of each file that would change;
//   diff   writes nothing and prints a unified diff of each such file.
//
// A file that does not parse is reported with its syntax diagnostic and left
// untouched; so is a path that cannot be read.
//
// Exit codes: 2 when any file could not be read, parsed or written; else 1
// when --check or --diff found a file to change; else 0.
#pragma once

#include <tally/limits.hpp>

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace tally {

enum class FmtMode { write, check, diff };

int run_fmt(const std::vector<std::filesystem::path>& inputs, FmtMode mode, std::ostream& out,
            std::ostream& err, const Limits& limits = {});

// The unified diff turning `before` into `after` (`--- a/PATH`, `+++ b/PATH`,
// then `@@ -l,n +l,n @@` hunks with 3 lines of context); empty when they are
// equal. A last line without a newline is marked `\ No newline at end of file`.
std::string unified_diff(std::string_view path, std::string_view before, std::string_view after);

} // namespace tally
