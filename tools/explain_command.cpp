// `tally explain`: renders interpreter/explain.hpp's answers as text.
#include "commands.hpp"
#include "evaluation.hpp"

#include "interpreter/explain.hpp"

#include <fmt/format.h>

#include <iostream>

namespace tally {

namespace {

std::string shown(const Rational& value) {
  const auto text = to_decimal_text(value);
  if (!text.rounded) return group_thousands(text.text);
  return fmt::format("~{} ({})", group_thousands(text.text), to_fraction_text(value));
}

std::string where(const SourcePos& pos) {
  return fmt::format("{}:{}:{}", pos.file, pos.line, pos.column);
}

std::string step_text(const ExplainStep& step, const SourceRegistry& sources) {
  if (step.clause == "where" || step.clause == "having" || step.clause == "unless" ||
      step.clause == "minus" || step.clause == "first")
    return fmt::format("{} {}", step.clause, sources.excerpt(step.pos, step.length).value_or(""));
  return fmt::format("{} rows", step.clause);
}

// Why a count came to zero: the first step at which the asset had no units left.
std::string verdict(const CountExplanation& count, const SourceRegistry& sources) {
  if (count.value != 0) return "counted";
  for (const auto& step : count.steps) {
    if (step.depth != 0 || step.units != 0) continue;
    if (&step == &count.steps.front())
      return fmt::format("not counted: none of its {} has a value in `{}`", step_text(step, sources),
                         count.key);
    return fmt::format("excluded by `{}` at {}", step_text(step, sources), where(step.pos));
  }
  return "not counted";
}

void print_asset(const AssetExplanation& answer, const SourceRegistry& sources) {
  std::vector<std::string> counted;
  for (const auto& component : answer.components)
    if (component.value != 0) counted.push_back(component.name);
  std::cout << fmt::format("{}: asset {} on {}: {}\n", answer.product, answer.asset, format_date(answer.day),
                           counted.empty() ? "not counted"
                                           : fmt::format("counted in {}", fmt::join(counted, ", ")));
  std::cout << fmt::format("  {} row{} on the day, {} earlier in the term; usage from this asset alone: {}\n",
                           answer.rows_on_day, answer.rows_on_day == 1 ? "" : "s", answer.rows_before,
                           shown(answer.usage));
  for (const auto& component : answer.components) {
    std::cout << fmt::format("\ncomponent {} = {} ({})\n", component.name, shown(component.value),
                             where(component.pos));
    for (const auto& count : component.counts) {
      std::cout << fmt::format("  count distinct {} at {}: {}\n", count.key, where(count.pos),
                               verdict(count, sources));
      for (const auto& step : count.steps) {
        const auto label = fmt::format("{}{}{}", std::string(4 + 2 * step.depth, ' '),
                                       step.depth ? "removed if " : "", step_text(step, sources));
        std::cout << fmt::format("{:<64} {:>6}  {}\n", label, shown(step.units), where(step.pos));
      }
    }
  }
}

void print_rounding(std::string_view what, const std::vector<RoundingStep>& steps) {
  if (steps.empty()) {
    std::cout << fmt::format("  {}: no rounding\n", what);
    return;
  }
  for (const auto& step : steps)
    std::cout << fmt::format("  {}: round({}, {}) at {}: {} -> {}\n", what, name_of(step.mode), step.places,
                             where(step.pos), shown(step.before), shown(step.after));
}

void print_period(const PeriodExplanation& answer) {
  const auto& period = answer.period;
  std::cout << fmt::format("{} period {}: {} .. {}{} ({})\n", answer.product, answer.number,
                           format_date(period.start), format_date(period.end),
                           period.partial ? ", partial" : "", answer.method);
  const bool peak = answer.method == "peak";
  std::cout << fmt::format("  {} {}: U = {}\n", peak ? "peak day" : "day", format_date(answer.day),
                           shown(answer.day_usage));
  std::vector<std::string> components;
  for (const auto& [name, value] : answer.day_components)
    components.push_back(fmt::format("{} = {}", name, shown(value)));
  std::cout << fmt::format("  components that day: {}\n",
                           components.empty() ? "none" : fmt::format("{}", fmt::join(components, ", ")));
  print_rounding("usage that day", answer.usage_rounding);
  if (!peak) {
    std::vector<std::string> averaged;
    for (const auto& [name, value] : period.components)
      averaged.push_back(fmt::format("{} = {}", name, shown(value)));
    std::cout << fmt::format("  over the window ({}): {}; usage = {}\n", answer.method,
                             fmt::join(averaged, ", "), shown(period.usage));
  }
  std::cout << fmt::format("  usage {} at ratio {}\n", shown(period.usage), shown(answer.ratio));
  print_rounding("qlu", answer.qlu_rounding);
  std::cout << fmt::format("  QLU = {}\n", shown(period.qlu));
}

} // namespace

int explain_command(const cli::Options& options) {
  std::optional<Day> day;
  if (options.day) {
    day = parse_date(*options.day);
    if (!day) {
      std::cerr << fmt::format("tally: --day takes a date YYYY-MM-DD, not `{}`\n", *options.day);
      return kExitUsage;
    }
  }
  LowerTrace trace;
  const auto evaluation = run_evaluation(options.inputs, options, std::cerr, &trace);
  if (!evaluation) return kExitFailed;
  const auto& schema = evaluation->program().schema;
  if (evaluation->plan().products.empty()) {
    std::cerr << fmt::format("tally: the subscription does not buy `{}`\n", options.product);
    return kExitFailed;
  }
  if (options.period) {
    const auto answer = explain_period(evaluation->plan(), schema, evaluation->table(), *options.period);
    if (!answer) {
      std::cerr << fmt::format("tally: `{}` has {} period{} up to the as-of day, not {}\n", options.product,
                               evaluation->report().products.front().periods.size(),
                               evaluation->report().products.front().periods.size() == 1 ? "" : "s",
                               *options.period);
      return kExitFailed;
    }
    print_period(*answer);
    return kExitOk;
  }
  const auto& report = evaluation->report();
  if (*day < report.start || *day > report.as_of) {
    std::cerr << fmt::format("tally: {} is outside the evaluated days {} .. {}\n", format_date(*day),
                             format_date(report.start), format_date(report.as_of));
    return kExitFailed;
  }
  const auto answer =
      explain_asset(evaluation->plan(), trace, schema, evaluation->table(), options.asset, *day);
  if (answer.rows == 0) {
    std::cerr << fmt::format("tally: no row of {} has asset_id `{}`\n", options.data.string(), options.asset);
    return kExitFailed;
  }
  print_asset(answer, evaluation->sources());
  return kExitOk;
}

} // namespace tally
