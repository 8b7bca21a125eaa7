#include "evaluation.hpp"

#include "commands.hpp"

#include "interpreter/engine.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/provenance.hpp"
#include "interpreter/subscription.hpp"

#include <fmt/format.h>

#include <fstream>
#include <ostream>
#include <sstream>

namespace tally {

namespace {

// Unknown columns are kept, as the contract says; but one that is a near miss
// of a schema column is almost certainly a typo that would otherwise leave the
// real column at its default.
void warn_about_extra_columns(const Table& table, const Schema& schema, std::ostream& err) {
  for (const auto& column : table.extra_columns) {
    const auto suggestion = closest_match(column, schema.column_names());
    if (suggestion.empty() || table.columns[*schema.index_of(suggestion)].present) continue;
    err << fmt::format("{}:1: warning: column `{}` is not in the schema and is ignored; did you mean `{}`?\n",
                       table.path, column, suggestion);
  }
}

// The settings given as flags, which the rule files' digests do not cover.
std::vector<std::string> command_line_settings(const Subscription& subscription) {
  std::vector<std::string> settings;
  const auto add = [&](std::string_view name, const std::optional<Setting>& setting) {
    if (setting) settings.push_back(fmt::format("{}={}", name, setting->text));
  };
  add("start", subscription.start);
  add("end", subscription.end);
  add("as_of", subscription.as_of);
  for (const auto& [name, setting] : subscription.globals)
    settings.push_back(fmt::format("{}={}", name, setting.text));
  for (const auto& [product, params] : subscription.product_params)
    for (const auto& [name, setting] : params)
      settings.push_back(fmt::format("{}.{}={}", product, name, setting.text));
  return settings;
}

std::optional<Subscription> subscription_of(const Program& program, const cli::Options& options,
                                            std::ostream& err) {
  Subscription subscription;
  if (options.subscription_file) {
    if (program.subscriptions.size() != 1) {
      err << fmt::format("{}: error: expected exactly one `subscription` block, found {}\n",
                         options.subscription_file->string(), program.subscriptions.size());
      return std::nullopt;
    }
    subscription = subscription_from(*program.subscriptions.front());
  }
  override_subscription(subscription, options.subscription);
  return subscription;
}

// A data error quotes the offending line too: the file is read only then.
void print_data_error(const Diagnostic& diagnostic, const cli::Options& options, SourceRegistry& sources,
                      std::ostream& err) {
  if (diagnostic.pos.file == options.data.string() && diagnostic.pos.line > 0) {
    std::ifstream in(options.data, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    sources.add(options.data.string(), text.str());
  }
  err << format_diagnostic(diagnostic, &sources);
}

} // namespace

std::optional<Evaluation> run_evaluation(const std::vector<std::filesystem::path>& rules,
                                         const cli::Options& options, std::ostream& err, LowerTrace* trace) {
  Evaluation evaluation;
  auto& sources = evaluation.sources;
  auto inputs = rules;
  if (options.subscription_file) inputs.push_back(*options.subscription_file);
  auto compiled = compile(inputs, sources, options.limits);
  print_diagnostics(compiled.diagnostics, sources, err);
  if (!compiled.program) return std::nullopt;
  evaluation.program = compiled.program;
  const auto& program = *evaluation.program;
  const auto subscription = subscription_of(program, options, err);
  if (!subscription) return std::nullopt;
  auto bound = bind(program, *subscription, trace);
  print_diagnostics(bound.diagnostics, sources, err);
  if (!bound.plan) return std::nullopt;
  evaluation.plan = std::move(*bound.plan);

  ReadOptions read_options;
  read_options.skip_bad_rows = options.skip_bad_rows;
  read_options.max_rows = options.limits.max_rows;
  read_options.needed_columns = columns_needed(evaluation.plan, program.schema);
  try {
    evaluation.table = read_observations(options.data.string(), program.schema, read_options);
    warn_about_extra_columns(evaluation.table, program.schema, err);
    evaluation.report = evaluate(evaluation.plan, program.schema, evaluation.table);
  } catch (const DiagnosticError& error) {
    print_data_error(error.diagnostic(), options, sources, err);
    return std::nullopt;
  }
  auto& report = evaluation.report;
  report.rows_read = evaluation.table.rows;
  report.skipped = evaluation.table.skipped;
  report.provenance = provenance_of(sources, evaluation.table);
  report.provenance.settings = command_line_settings(options.subscription);
  return evaluation;
}

} // namespace tally
