#include "lint.hpp"

#include "comments.hpp"
#include "engine.hpp"
#include "examples.hpp"
#include "lint_filters.hpp"
#include "lint_numbers.hpp"
#include "lower.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>

namespace tally {

namespace {

using plan::is;

Diagnostic warning(const ast::Name& name, std::string code, std::string message, std::string help = {}) {
  return {Severity::warning, std::move(code), name.pos, name.length, std::move(message), std::move(help)};
}

// The components that usage reads, directly or through later components.
std::set<std::size_t> components_used(const plan::ProductPlan& product) {
  std::set<std::size_t> used;
  std::function<void(const plan::NumPtr&)> visit = [&](const plan::NumPtr& num) {
    if (!num) return;
    std::visit(
        [&](const auto& n) {
          using Node = decltype(n);
          if constexpr (is<Node, plan::ComponentRef>) {
            if (used.insert(n.index).second) visit(product.components[n.index].daily);
          } else if constexpr (is<Node, plan::Negate> || is<Node, plan::HourlyAverage> ||
                               is<Node, plan::Round>) {
            visit(n.operand);
          } else if constexpr (is<Node, plan::Binary>) {
            visit(n.left);
            visit(n.right);
          }
        },
        num->node);
  };
  visit(product.usage);
  return used;
}

class Linter {
public:
  explicit Linter(const Program& program) : program_(program) {}

  std::vector<Diagnostic> run() {
    std::vector<Diagnostic> ignored; // compile() already reported these
    const auto globals = default_params(global_params(program_), ignored);
    std::set<std::string, std::less<>> everything;
    for (const auto& name : program_.product_names())
      everything.insert(name);
    LowerTrace all;
    for (const auto* product : program_.products) {
      const auto params = default_params(params_of(*product), ignored);
      LowerTrace trace;
      const auto plan = lower_product({program_, globals, params, everything, &trace}, *product, ignored);
      if (!plan) continue;
      check_product(*product, *plan, trace);
      all.lets_used.insert(trace.lets_used.begin(), trace.lets_used.end());
      all.global_params_used.insert(trace.global_params_used.begin(), trace.global_params_used.end());
      for (const auto& filter : trace.row_filters)
        note_filter(filter);
    }
    check_top_level(all);
    report_filters();
    check_examples();
    return std::move(diagnostics_);
  }

private:
  const Program& program_;
  std::vector<Diagnostic> diagnostics_;
  // Every lowering of one filter expression (a prelude definition is lowered
  // once per product and per call): a verdict must hold for all of them.
  struct FilterVerdicts {
    bool reads_parameters = false;
    std::set<FilterTruth> truths;
  };
  std::map<const ast::Expr*, FilterVerdicts> filters_;

  void check_product(const ast::ProductDecl& product, const plan::ProductPlan& plan,
                     const LowerTrace& trace) {
    for (const auto& let : product.lets)
      if (!trace.lets_used.count(&let))
        diagnostics_.push_back(warning(
            let.name, "W0201",
            fmt::format("definition `{}` is not used by product `{}`", let.name.text, product.name.text),
            "remove it, or use it where it was meant to apply"));
    for (const auto& param : product.params)
      if (param.name.text != "ratio" && !trace.product_params_used.count(param.name.text))
        diagnostics_.push_back(warning(
            param.name, "W0202",
            fmt::format("parameter `{}` is not used by product `{}`", param.name.text, product.name.text),
            "a subscription that sets it would change nothing"));
    // A license's components are the breakdown its report shows, not parts of its usage.
    const auto used = components_used(plan);
    for (std::size_t i = 0; i < product.components.size() && !product.license; ++i)
      if (!used.count(i))
        diagnostics_.push_back(warning(
            product.components[i].name, "W0203",
            fmt::format("component `{}` does not contribute to `usage`", product.components[i].name.text),
            "add it to `usage`, or make it a `let` if it only names a set"));
    if (product.examples.empty())
      diagnostics_.push_back(warning(product.name, "W0401",
                                     fmt::format("product `{}` has no example", product.name.text),
                                     "add an `example` block with the seed's worked numbers"));
    check_numbers(plan, diagnostics_);
  }

  // Top-level definitions and parameters in the files the user named.
  void check_top_level(const LowerTrace& all) {
    for (const auto& file : program_.files) {
      if (file.imported) continue;
      for (const auto& let : file.lets)
        if (!all.lets_used.count(&let))
          diagnostics_.push_back(warning(
              let.name, "W0201", fmt::format("definition `{}` is not used by any product", let.name.text),
              "remove it, or use it where it was meant to apply"));
      for (const auto& param : file.params)
        if (!all.global_params_used.count(param.name.text))
          diagnostics_.push_back(warning(
              param.name, "W0202", fmt::format("parameter `{}` is not used by any product", param.name.text),
              "a subscription that sets it would change nothing"));
    }
  }

  void note_filter(const LowerTrace::RowFilter& filter) {
    auto& verdicts = filters_[filter.at];
    if (filter.reads_parameters) {
      verdicts.reads_parameters = true;
      return;
    }
    verdicts.truths.insert(filter_truth(filter.before, filter.condition, program_.schema));
  }

  void report_filters() {
    for (const auto& [at, verdicts] : filters_) {
      if (verdicts.reads_parameters || verdicts.truths.size() != 1) continue;
      const auto& condition = *at->args[1];
      const auto truth = *verdicts.truths.begin();
      if (truth == FilterTruth::never)
        diagnostics_.push_back({Severity::warning, "W0301", condition.pos,
                                ast::extent_on_first_line(condition),
                                "this condition can never be true of the rows it filters",
                                "nothing passes it: check the values against the filters before it"});
      else if (truth == FilterTruth::always)
        diagnostics_.push_back({Severity::warning, "W0302", condition.pos,
                                ast::extent_on_first_line(condition),
                                "this condition is always true of the rows it filters",
                                "it removes nothing: drop it, or check it says what was meant"});
    }
  }

  // A failing example is an error in the file, as `tally test` reports it.
  void check_examples() {
    for (const auto& outcome : run_examples(program_)) {
      diagnostics_.insert(diagnostics_.end(), outcome.failures.begin(), outcome.failures.end());
      diagnostics_.insert(diagnostics_.end(), outcome.warnings.begin(), outcome.warnings.end());
    }
  }
};

// `# lint: allow W0203 -- why`: the warnings with those codes on the comment's
// line, or, for a comment alone on its line, on the next line with code.
struct Allowance {
  SourcePos at; // the comment
  std::uint32_t line;
  std::string code;
  bool used = false;
};

std::vector<Allowance> allowances_in(const std::string& file, const std::string& text,
                                     const SourceRegistry& sources) {
  static const std::regex directive(R"(^\s*lint:\s*allow\s+((?:[EW]\d{4}[\s,]*)+))");
  static const std::regex code(R"([EW]\d{4})");
  std::vector<Allowance> out;
  for (const auto& comment : comments_of(text)) {
    std::smatch match;
    if (!std::regex_search(comment.text, match, directive)) continue;
    auto line = comment.line;
    if (!comment.trailing) // the next line that holds code
      while (const auto next = sources.line(file, ++line)) {
        const auto first = next->find_first_not_of(" \t");
        if (first != std::string_view::npos && (*next)[first] != '#') break;
      }
    const std::string codes = match[1];
    for (std::sregex_iterator it(codes.begin(), codes.end(), code), end; it != end; ++it)
      out.push_back({{file, comment.line, comment.column}, line, it->str()});
  }
  return out;
}

// Drops the warnings an allowance covers; reports allowances that cover none.
void apply_allowances(std::vector<Diagnostic>& diagnostics, const SourceRegistry& sources) {
  std::vector<Allowance> allowances;
  for (const auto& [file, text] : sources.files()) {
    auto found = allowances_in(file, text, sources);
    allowances.insert(allowances.end(), found.begin(), found.end());
  }
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    if (d.severity == Severity::error) return false;
    for (auto& allowance : allowances)
      if (allowance.at.file == d.pos.file && allowance.line == d.pos.line && allowance.code == d.code)
        return allowance.used = true;
    return false;
  });
  for (const auto& allowance : allowances)
    if (!allowance.used)
      diagnostics.push_back({Severity::warning, "W0403", allowance.at, 1,
                             fmt::format("`lint: allow {}` allows nothing here", allowance.code),
                             "remove it, or move it next to the warning it is meant for"});
}

void sort_stably(std::vector<Diagnostic>& diagnostics) {
  auto key = [](const Diagnostic& d) {
    return std::tie(d.pos.file, d.pos.line, d.pos.column, d.code, d.message);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
                    diagnostics.end());
}

} // namespace

std::vector<Diagnostic> lint_program(const Program& program) {
  return Linter(program).run();
}

std::vector<Diagnostic> lint(const std::vector<std::filesystem::path>& inputs, SourceRegistry& sources,
                             const Limits& limits) {
  auto compiled = compile(inputs, sources, limits);
  auto diagnostics = std::move(compiled.diagnostics);
  if (compiled.program) {
    auto warnings = lint_program(*compiled.program);
    diagnostics.insert(diagnostics.end(), warnings.begin(), warnings.end());
    apply_allowances(diagnostics, sources);
  }
  sort_stably(diagnostics);
  return diagnostics;
}

} // namespace tally
