// The commands that read rule files only: check, lint, fmt, test.
#include "commands.hpp"
#include "diagnostic_output.hpp"
#include "fmt_command.hpp"
#include "junit_output.hpp"

#include "interpreter/coverage.hpp"
#include "interpreter/engine.hpp"
#include "interpreter/examples.hpp"
#include "interpreter/lint.hpp"
#include "interpreter/program.hpp"
#include "interpreter/provenance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>

namespace tally {

void print_diagnostics(const std::vector<Diagnostic>& diagnostics, const SourceRegistry& sources,
                       std::ostream& err) {
  for (const auto& diagnostic : diagnostics)
    err << format_diagnostic(diagnostic, &sources);
}

namespace {

std::size_t count_of(const std::vector<Diagnostic>& diagnostics, Severity severity) {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [&](const Diagnostic& d) { return d.severity == severity; }));
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

void print_coverage(const std::vector<FileCoverage>& files, const SourceRegistry& sources) {
  std::cout << "\ncoverage: what the examples exercised\n";
  for (const auto& file : files) {
    std::size_t total[3] = {}, exercised[3] = {};
    for (const auto& item : file.items) {
      ++total[static_cast<int>(item.kind)];
      exercised[static_cast<int>(item.kind)] += item.exercised;
    }
    std::cout << fmt::format("  {}: filters {}/{}, components {}/{}, roundings {}/{}\n", file.file,
                             exercised[0], total[0], exercised[1], total[1], exercised[2], total[2]);
    for (const auto& item : file.items) {
      if (item.exercised) continue;
      const auto text = sources.excerpt(item.pos, item.length).value_or(item.label);
      const auto what = item.kind == CoverageItem::Kind::filter      ? fmt::format("{} {}", item.label, text)
                        : item.kind == CoverageItem::Kind::component ? fmt::format("component {}", item.label)
                                                                     : item.label;
      std::cout << fmt::format("    {}:{}: {}: {}\n", item.pos.line, item.pos.column, what, item.missing);
    }
  }
}

} // namespace

int check_command(const cli::Options& options) {
  SourceRegistry sources;
  const auto compiled = compile(options.inputs, sources, options.limits);
  print_diagnostics(compiled.diagnostics, sources, std::cerr);
  if (!compiled.program) {
    std::cerr << plural(count_of(compiled.diagnostics, Severity::error), "error") << "\n";
    return kExitFailed;
  }
  std::cout << fmt::format("ok: {} checked\n", plural(compiled.program->products.size(), "product"));
  return kExitOk;
}

int lint_command(const cli::Options& options) {
  SourceRegistry sources;
  auto diagnostics = lint(options.inputs, sources, options.limits);
  const auto errors = count_of(diagnostics, Severity::error);
  const auto warnings = count_of(diagnostics, Severity::warning);
  std::size_t hidden = 0;
  if (options.max_errors) {
    // Everything up to and including the N-th error, in the stable order.
    std::size_t seen = 0;
    const auto cut = std::find_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
      return d.severity == Severity::error && ++seen > *options.max_errors;
    });
    hidden = static_cast<std::size_t>(diagnostics.end() - cut);
    diagnostics.erase(cut, diagnostics.end());
  }
  if (options.format == "json") {
    std::cout << diagnostics_json(diagnostics, sources);
  } else if (options.format == "sarif") {
    // The files read, and any named file that could not be.
    std::vector<std::string> files;
    for (const auto& [name, _] : sources.files())
      files.push_back(name);
    for (const auto& input : options.inputs)
      if (!sources.text(input.string()) && !std::filesystem::is_directory(input))
        files.push_back(input.string());
    std::cout << diagnostics_sarif(diagnostics, sources, tally_version(), files);
  } else {
    print_diagnostics(diagnostics, sources, std::cout);
    if (hidden > 0)
      std::cout << fmt::format("{} not shown (--max-errors {})\n", plural(hidden, "more diagnostic"),
                               *options.max_errors);
    std::cout << fmt::format("{}, {}\n", plural(errors, "error"), plural(warnings, "warning"));
  }
  if (errors > 0) return kExitLintErrors;
  return options.strict && warnings > 0 ? kExitFailed : kExitOk;
}

int fmt_command(const cli::Options& options) {
  const auto mode = options.fmt_check ? FmtMode::check : options.fmt_diff ? FmtMode::diff : FmtMode::write;
  return run_fmt(options.inputs, mode, std::cout, std::cerr, options.limits);
}

int test_command(const cli::Options& options) {
  SourceRegistry sources;
  const auto compiled = compile(options.inputs, sources, options.limits);
  print_diagnostics(compiled.diagnostics, sources, std::cerr);
  if (!compiled.program) return kExitFailed;
  std::optional<CoverageCollector> coverage;
  if (options.coverage) coverage.emplace(*compiled.program);
  ExampleObserver observe;
  if (coverage) observe = [&](const ExampleRun& run) { coverage->observe(run); };
  std::size_t passed = 0, failed = 0;
  const auto outcomes = run_examples(*compiled.program, observe);
  for (const auto& outcome : outcomes) {
    if (outcome.failures.empty()) {
      ++passed;
      std::cout << fmt::format("PASS {}: {}\n", outcome.product, outcome.title);
      continue;
    }
    ++failed;
    std::cout << fmt::format("FAIL {}: {} ({}:{})\n", outcome.product, outcome.title, outcome.pos.file,
                             outcome.pos.line);
    std::cout.flush();
    print_diagnostics(outcome.failures, sources, std::cerr);
  }
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  if (coverage) print_coverage(coverage->files(), sources);
  if (options.junit) {
    std::ofstream out(*options.junit, std::ios::binary);
    out << junit_xml(outcomes, sources);
    if (!out.flush()) {
      std::cerr << fmt::format("tally: cannot write `{}`\n", options.junit->string());
      return kExitFailed;
    }
  }
  return failed == 0 ? kExitOk : kExitFailed;
}

} // namespace tally
