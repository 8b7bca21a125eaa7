#include "commands.hpp"
#include "evaluation.hpp"
#include "postgres_eval.hpp"
#include "report_format.hpp"

#include <iostream>

namespace tally {

namespace {

int print_report(const Report& report, const cli::Options& options) {
  std::cout << (options.format == "json"  ? format_json(report)
                : options.format == "csv" ? format_csv(report)
                                          : format_table(report));
  std::cout.flush();
  return std::cout ? kExitOk : kExitFailed;
}

} // namespace

int eval_command(const cli::Options& options) {
  if (options.engine == "postgres") {
    const auto contract = bind_rules(options, std::cerr);
    if (!contract) return kExitFailed;
    const auto report = evaluate_on_postgres(*contract, options, std::cerr);
    return report ? print_report(*report, options) : kExitFailed;
  }
  const auto evaluation = run_evaluation(options.inputs, options, std::cerr);
  if (!evaluation) return kExitFailed;
  return print_report(evaluation->report(), options);
}

} // namespace tally
