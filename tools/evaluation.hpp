// The steps eval, explain and diff share: compile the rules (with the
// subscription file), bind the subscription, read the data and evaluate.
#pragma once

#include "cli_options.hpp"

#include "interpreter/lower.hpp"
#include "interpreter/plan.hpp"
#include "interpreter/program.hpp"
#include "interpreter/result.hpp"
#include "interpreter/table.hpp"

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <vector>

namespace tally {

struct Evaluation {
  SourceRegistry sources; // the rule files read
  std::shared_ptr<const Program> program;
  plan::Plan plan;
  Table table;
  Report report; // with its provenance
};

// Runs `rules` over the options' data and subscription. Every diagnostic is
// printed to `err`, a data error with the offending line quoted; nullopt when
// any step failed.
// `trace`, when given, records what binding the rules saw (explain uses it).
std::optional<Evaluation> run_evaluation(const std::vector<std::filesystem::path>& rules,
                                         const cli::Options& options, std::ostream& err,
                                         LowerTrace* trace = nullptr);

} // namespace tally
