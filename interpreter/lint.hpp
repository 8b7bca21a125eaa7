// `tally lint`: everything compile() reports, plus warnings about rules that
// check but are probably not what their author meant: unused declarations,
// filters that never or always hold, arithmetic that loses its exact decimal
// form with no rounding declared, non-positive weights, products without
// examples and examples that expect a rounded number. docs/diagnostics.md
// lists every code.
#pragma once

#include "diagnostic.hpp"
#include <tally/limits.hpp>
#include "program.hpp"

#include <filesystem>
#include <vector>

namespace tally {

// Warnings about a checked program. Declarations in imported files are only
// reported as unused when the user named those files too.
std::vector<Diagnostic> lint_program(const Program& program);

// Compiles the inputs and lints them: errors and warnings in a stable order
// (file, line, column, code).
std::vector<Diagnostic> lint(const std::vector<std::filesystem::path>& inputs, SourceRegistry& sources,
                             const Limits& limits = {});

} // namespace tally
