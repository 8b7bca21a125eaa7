// The `tally` commands, each a thin client of the library in interpreter/.
// Every command returns its exit code (see cli::usage()).
#pragma once

#include "cli_options.hpp"

#include "interpreter/diagnostic.hpp"

#include <iosfwd>
#include <vector>

namespace tally {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitLintErrors = 2;

void print_diagnostics(const std::vector<Diagnostic>& diagnostics, const SourceRegistry& sources,
                       std::ostream& err);

int check_command(const cli::Options& options);
int lint_command(const cli::Options& options);
int fmt_command(const cli::Options& options);
int test_command(const cli::Options& options);
int eval_command(const cli::Options& options);
int explain_command(const cli::Options& options);
int diff_command(const cli::Options& options);
// Exit codes of its own: 1 a refusal by a rule, 2 a bad request or an unusable ledger.
int pool_command(const cli::Options& options);
int licenses_command(const cli::Options& options);
// `tally report --html FILE`: the exit codes of pool_command, and 2 when the file cannot be written.
int report_command(const cli::Options& options);
// `tally load`: an observation table into PostgreSQL, in one transaction.
int load_command(const cli::Options& options);
// `tally sql`: the SQL script that computes eval's report inside the database.
int sql_command(const cli::Options& options);

} // namespace tally
