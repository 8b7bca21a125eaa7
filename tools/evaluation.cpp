#include "evaluation.hpp"

#include "progress_line.hpp"

#include <fmt/format.h>

#include <ostream>

namespace tally {

namespace {

// Prints what a step reported and passes its value on.
template <class T> std::optional<T> reported(Outcome<T>&& outcome, std::ostream& err) {
  err << outcome.diagnostics().render();
  if (!outcome) return std::nullopt;
  return std::move(*outcome);
}

} // namespace

std::optional<Rules> compile_rules(const std::vector<std::filesystem::path>& rule_inputs,
                                   const cli::Options& options, std::ostream& err) {
  RuleSources sources;
  for (const auto& input : rule_inputs)
    sources.add_file(input);
  if (options.subscription_file) sources.add_file(*options.subscription_file);
  auto rules = reported(Rules::compile(sources, options.limits), err);
  if (!rules) return std::nullopt;
  if (options.subscription_file) {
    const auto blocks = api_access::Access::program(*rules).subscriptions.size();
    if (blocks != 1) {
      err << fmt::format("{}: error: expected exactly one `subscription` block, found {}\n",
                         options.subscription_file->string(), blocks);
      return std::nullopt;
    }
  }
  return rules;
}

std::optional<Evaluation> run_evaluation(const std::vector<std::filesystem::path>& rule_inputs,
                                         const cli::Options& options, std::ostream& err, LowerTrace* trace) {
  auto rules = compile_rules(rule_inputs, options, err);
  if (!rules) return std::nullopt;
  return run_evaluation(std::move(*rules), options, err, trace);
}

std::optional<Evaluation> run_evaluation(Rules rules, const cli::Options& options, std::ostream& err,
                                         LowerTrace* trace) {
  auto contract = reported(api_access::Access::bind(rules, options.terms, trace), err);
  if (!contract) return std::nullopt;
  auto read = [&] {
    cli::ProgressLine progress(options.data.filename().string(), cli::progress_wanted(options.quiet));
    return Observations::read(*contract, options.data,
                              {.skip_bad_rows = options.skip_bad_rows, .on_progress = progress.callback()});
  };
  auto observations = reported(read(), err);
  if (!observations) return std::nullopt;
  auto usage = reported(contract->evaluate(*observations), err);
  if (!usage) return std::nullopt;
  return Evaluation{std::move(rules), std::move(*contract), std::move(*observations), std::move(*usage)};
}

} // namespace tally
