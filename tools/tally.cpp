// The `tally` command line: a thin client of the pipeline in interpreter/.
//
//   tally check FILE|DIR...
//   tally test  FILE|DIR...
//   tally eval  --rules FILE|DIR... --data FILE [options]
//
// Exit codes: 0 success, 1 errors in the rules, the data or a failed example,
// 2 a command-line mistake.
#include "cli_options.hpp"
#include "report_format.hpp"

#include "interpreter/engine.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/examples.hpp"
#include "interpreter/program.hpp"
#include "interpreter/subscription.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using namespace tally;

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

void print_diagnostics(const std::vector<Diagnostic>& diagnostics, const SourceRegistry& sources) {
  for (const auto& diagnostic : diagnostics)
    std::cerr << format_diagnostic(diagnostic, &sources);
}

// Unknown columns are kept, as the contract says; but one that is a near miss
// of a schema column is almost certainly a typo that would otherwise leave the
// real column at its default.
void warn_about_extra_columns(const Table& table, const Schema& schema) {
  for (const auto& column : table.extra_columns) {
    const auto suggestion = closest_match(column, schema.column_names());
    if (suggestion.empty() || table.columns[*schema.index_of(suggestion)].present) continue;
    std::cerr << fmt::format(
        "{}:1: warning: column `{}` is not in the schema and is ignored; did you mean `{}`?\n", table.path,
        column, suggestion);
  }
}

int check(const cli::Options& options) {
  SourceRegistry sources;
  const auto compiled = compile(options.inputs, sources);
  print_diagnostics(compiled.diagnostics, sources);
  if (!compiled.program) {
    std::size_t errors = 0;
    for (const auto& d : compiled.diagnostics)
      errors += d.severity == Severity::error;
    std::cerr << fmt::format("{} error{}\n", errors, errors == 1 ? "" : "s");
    return kFailed;
  }
  std::cout << fmt::format("ok: {} product{} checked\n", compiled.program->products.size(),
                           compiled.program->products.size() == 1 ? "" : "s");
  return kOk;
}

int test(const cli::Options& options) {
  SourceRegistry sources;
  const auto compiled = compile(options.inputs, sources);
  print_diagnostics(compiled.diagnostics, sources);
  if (!compiled.program) return kFailed;
  std::size_t passed = 0, failed = 0;
  for (const auto& outcome : run_examples(*compiled.program)) {
    if (outcome.failures.empty()) {
      ++passed;
      std::cout << fmt::format("PASS {}: {}\n", outcome.product, outcome.title);
      continue;
    }
    ++failed;
    std::cout << fmt::format("FAIL {}: {} ({}:{})\n", outcome.product, outcome.title, outcome.pos.file,
                             outcome.pos.line);
    std::cout.flush();
    print_diagnostics(outcome.failures, sources);
  }
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  return failed == 0 ? kOk : kFailed;
}

int eval(const cli::Options& options) {
  SourceRegistry sources;
  auto inputs = options.inputs;
  if (options.subscription_file) inputs.push_back(*options.subscription_file);
  const auto compiled = compile(inputs, sources);
  print_diagnostics(compiled.diagnostics, sources);
  if (!compiled.program) return kFailed;
  const auto& program = *compiled.program;

  Subscription subscription;
  if (options.subscription_file) {
    if (program.subscriptions.size() != 1) {
      std::cerr << fmt::format("{}: error: expected exactly one `subscription` block, found {}\n",
                               options.subscription_file->string(), program.subscriptions.size());
      return kFailed;
    }
    subscription = subscription_from(*program.subscriptions.front());
  }
  override_subscription(subscription, options.subscription);

  auto bound = bind(program, subscription);
  print_diagnostics(bound.diagnostics, sources);
  if (!bound.plan) return kFailed;

  ReadOptions read_options;
  read_options.skip_bad_rows = options.skip_bad_rows;
  read_options.needed_columns = columns_needed(*bound.plan, program.schema);
  try {
    const auto table = read_observations(options.data.string(), program.schema, read_options);
    warn_about_extra_columns(table, program.schema);
    auto report = evaluate(*bound.plan, program.schema, table);
    report.rows_read = table.rows;
    report.skipped = table.skipped;
    const auto text = options.format == "json"  ? format_json(report)
                      : options.format == "csv" ? format_csv(report)
                                                : format_table(report);
    std::cout << text;
    std::cout.flush();
    return std::cout ? kOk : kFailed;
  } catch (const DiagnosticError& error) {
    // A data error quotes the offending line too: read the file only now.
    if (error.diagnostic().pos.file == options.data.string() && error.diagnostic().pos.line > 0) {
      std::ifstream in(options.data, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      sources.add(options.data.string(), text.str());
    }
    std::cerr << format_diagnostic(error.diagnostic(), &sources);
    return kFailed;
  }
}

} // namespace

int main(int argc, char** argv) {
  try {
    const auto parsed = tally::cli::parse(argc, argv);
    if (parsed.help) {
      std::cout << tally::cli::usage();
      return kOk;
    }
    if (!parsed.error.empty()) {
      std::cerr << "tally: " << parsed.error << "\n\n" << tally::cli::usage();
      return kUsage;
    }
    const auto& options = parsed.options;
    if (options.command == "check") return check(options);
    if (options.command == "test") return test(options);
    return eval(options);
  } catch (const std::bad_alloc&) {
    std::cerr << "tally: out of memory\n";
    return kFailed;
  } catch (const tally::DiagnosticError& error) {
    std::cerr << tally::format_diagnostic(error.diagnostic(), nullptr);
    return kFailed;
  } catch (const std::exception& error) {
    // Every expected failure is a located diagnostic; this is a bug, reported as one.
    std::cerr << "tally: internal error: " << error.what()
              << "\nplease report it with the command that caused it\n";
    return kFailed;
  }
}
