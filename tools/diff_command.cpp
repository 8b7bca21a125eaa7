// `tally diff`: both versions of the rules over the same data and subscription.
#include "commands.hpp"
#include "evaluation.hpp"
#include "report_diff.hpp"

#include <iostream>

namespace tally {

int diff_command(const cli::Options& options) {
  const auto old_evaluation = run_evaluation(options.old_inputs, options, std::cerr);
  if (!old_evaluation) return kExitUsage;
  const auto new_evaluation = run_evaluation(options.inputs, options, std::cerr);
  if (!new_evaluation) return kExitUsage;
  const auto diff = diff_reports(old_evaluation->report(), new_evaluation->report());
  std::cout << (options.format == "json"  ? diff_json(diff)
                : options.format == "csv" ? diff_csv(diff)
                                          : diff_table(diff));
  std::cout.flush();
  if (!std::cout) return kExitUsage;
  return diff.changed() ? kExitFailed : kExitOk;
}

} // namespace tally
