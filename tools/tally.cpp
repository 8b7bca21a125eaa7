// The `tally` command line: a thin client of the library in interpreter/.
// `tally --help` lists the commands, their options and exit codes.
#include "cli_options.hpp"
#include "commands.hpp"

#include <iostream>

int main(int argc, char** argv) {
  using namespace tally;
  try {
    const auto parsed = cli::parse(argc, argv);
    if (parsed.help) {
      std::cout << cli::usage();
      return kExitOk;
    }
    if (!parsed.error.empty()) {
      std::cerr << "tally: " << parsed.error << "\n\n" << cli::usage();
      return kExitUsage;
    }
    const auto& options = parsed.options;
    const auto& command = options.command;
    if (command == "check") return check_command(options);
    if (command == "lint") return lint_command(options);
    if (command == "fmt") return fmt_command(options);
    if (command == "test") return test_command(options);
    if (command == "explain") return explain_command(options);
    if (command == "diff") return diff_command(options);
    if (command == "pool") return pool_command(options);
    if (command == "licenses") return licenses_command(options);
    if (command == "report") return report_command(options);
    if (command == "load") return load_command(options);
    if (command == "sql") return sql_command(options);
    return eval_command(options);
  } catch (const std::bad_alloc&) {
    std::cerr << "tally: out of memory\n";
    return kExitFailed;
  } catch (const DiagnosticError& error) {
    std::cerr << format_diagnostic(error.diagnostic(), nullptr);
    return kExitFailed;
  } catch (const std::exception& error) {
    // Every expected failure is a located diagnostic; this is a bug, reported as one.
    std::cerr << "tally: internal error: " << error.what()
              << "\nplease report it with the command that caused it\n";
    return kExitFailed;
  }
}
