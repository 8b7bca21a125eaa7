#include "commands.hpp"
#include "evaluation.hpp"
#include "report_format.hpp"

#include <iostream>

namespace tally {

int eval_command(const cli::Options& options) {
  const auto evaluation = run_evaluation(options.inputs, options, std::cerr);
  if (!evaluation) return kExitFailed;
  const auto& report = evaluation->report();
  std::cout << (options.format == "json"  ? format_json(report)
                : options.format == "csv" ? format_csv(report)
                                          : format_table(report));
  std::cout.flush();
  return std::cout ? kExitOk : kExitFailed;
}

} // namespace tally
