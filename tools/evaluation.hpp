// The steps eval, explain and diff share, through the embedding API: compile
// the rules (with the subscription file), bind the terms, read the data and
// evaluate.
#pragma once

#include "cli_options.hpp"

#include "interpreter/api/api_access.hpp"

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <vector>

namespace tally {

struct Evaluation {
  Rules rules;
  Contract contract;
  Observations observations;
  Usage usage;

  // What explain and the report renderers read.
  const SourceRegistry& sources() const { return api_access::Access::sources(rules); }
  const Program& program() const { return api_access::Access::program(rules); }
  const plan::Plan& plan() const { return api_access::Access::plan(contract); }
  const Table& table() const { return api_access::Access::table(observations); }
  const Report& report() const { return api_access::Access::report(usage); }
};

// Runs `rules` over the options' data and subscription. Every diagnostic is
// printed to `err`, a data error with the offending line quoted; nullopt when
// any step failed.
// `trace`, when given, records what binding the rules saw (explain uses it).
std::optional<Evaluation> run_evaluation(const std::vector<std::filesystem::path>& rules,
                                         const cli::Options& options, std::ostream& err,
                                         LowerTrace* trace = nullptr);
// The same, for rules already compiled (by compile_rules()).
std::optional<Evaluation> run_evaluation(Rules rules, const cli::Options& options, std::ostream& err,
                                         LowerTrace* trace = nullptr);

// The first step alone: the rule files with the options' subscription file,
// which must hold exactly one `subscription` block.
std::optional<Rules> compile_rules(const std::vector<std::filesystem::path>& rules,
                                   const cli::Options& options, std::ostream& err);

} // namespace tally
