#include "examples.hpp"

#include "closed_form.hpp"
#include "evaluator.hpp"
#include "subscription.hpp"

#include <fmt/format.h>

namespace tally {
namespace {

class ExampleRunner {
public:
  ExampleRunner(const Program& program, const ast::ProductDecl& product, const ast::ExampleDecl& example,
                const ExampleObserver& observe)
      : program_(program), product_(product), example_(example), observe_(observe) {
    outcome_.product = product.name.text;
    outcome_.title = example.title;
    outcome_.pos = example.pos;
  }

  ExampleOutcome run() {
    try {
      const auto plan = bind_example();
      if (!plan) return std::move(outcome_);
      if (!example_.data.empty())
        check_table(*plan);
      else
        check_given(*plan);
    } catch (const DiagnosticError& error) {
      outcome_.failures.push_back(error.diagnostic());
    }
    return std::move(outcome_);
  }

private:
  const Program& program_;
  const ast::ProductDecl& product_;
  const ast::ExampleDecl& example_;
  const ExampleObserver& observe_;
  LowerTrace trace_;
  ExampleOutcome outcome_;

  void fail(const SourcePos& pos, std::string message, std::string help = {}) {
    outcome_.failures.push_back({Severity::error, "E0901", pos, 1, std::move(message), std::move(help)});
  }

  std::optional<plan::Plan> bind_example() {
    Subscription subscription;
    for (const auto& setting : example_.settings) {
      Setting value{setting_text(*setting.value), setting.name.pos};
      const auto& name = setting.name.text;
      if (name == "start")
        subscription.start = value;
      else if (name == "end")
        subscription.end = value;
      else if (name == "as_of")
        subscription.as_of = value;
      else if (program_.params.count(name))
        subscription.globals[name] = value;
      else
        subscription.product_params[product_.name.text][name] = value;
    }
    // A `given` example has no days; its term only has to exist.
    if (!subscription.start) subscription.start = Setting{"2026-01-01", example_.pos};
    if (example_.data.empty() && example_.given.empty())
      fail(example_.pos, "an example needs `given` component values or a `data` table");
    // An example buys its own product alone unless it says otherwise, so a
    // cross-product rule (`subscribed(ETM)`) is tested both ways on purpose.
    subscription.products.emplace();
    if (example_.products) {
      for (const auto& product : *example_.products)
        subscription.products->push_back({product.text, product.pos});
      const bool own_bought = std::any_of(example_.products->begin(), example_.products->end(),
                                          [&](const ast::Name& p) { return p.text == product_.name.text; });
      if (!own_bought)
        fail(example_.pos, fmt::format("the example's `products` must include `{}`", product_.name.text));
    } else {
      subscription.products->push_back({product_.name.text, example_.pos});
    }
    subscription.only = {product_.name.text};
    auto bound = bind(program_, subscription, observe_ ? &trace_ : nullptr);
    for (auto& diagnostic : bound.diagnostics)
      outcome_.failures.push_back(std::move(diagnostic));
    if (!outcome_.failures.empty()) return std::nullopt;
    return std::move(bound.plan);
  }

  void check_given(const plan::Plan& plan) {
    const auto& product = plan.products.front();
    std::vector<Rational> components(product.components.size());
    std::vector<bool> given(product.components.size(), false);
    for (const auto& setting : example_.given) {
      const auto at = std::find_if(product.components.begin(), product.components.end(),
                                   [&](const plan::Component& c) { return c.name == setting.name.text; });
      if (at == product.components.end()) {
        fail(setting.name.pos,
             fmt::format("product `{}` has no component `{}`", product.name, setting.name.text));
        continue;
      }
      if (setting.value->kind != ast::ExprKind::number) {
        fail(setting.value->pos, fmt::format("component `{}` must be given a number", setting.name.text));
        continue;
      }
      const auto index = static_cast<std::size_t>(at - product.components.begin());
      components[index] = setting.value->value;
      given[index] = true;
    }
    for (std::size_t i = 0; i < given.size(); ++i)
      if (!given[i])
        fail(example_.pos,
             fmt::format("the example does not give component `{}`", product.components[i].name));
    if (!outcome_.failures.empty()) return;
    if (observe_) observe_({plan, trace_, nullptr, nullptr, &components});
    const Rational usage = ClosedForm(components, nullptr)(*product.usage);
    const Rational qlu = ClosedForm(components, &usage)(*product.qlu);
    PeriodResult period;
    period.usage = usage;
    period.qlu = qlu;
    for (std::size_t i = 0; i < components.size(); ++i)
      period.components.emplace_back(product.components[i].name, components[i]);
    for (const auto& expectation : example_.expectations) {
      if (expectation.period)
        fail(expectation.period_pos, "a `given` example has no periods; drop the date");
      else
        compare(expectation, period);
    }
  }

  Table build_table() {
    const auto& schema = program_.schema;
    Table table;
    table.path = example_.pos.file;
    RowAppender appender(schema, table);
    const auto& header = example_.data.front();
    std::vector<std::optional<std::size_t>> columns;
    for (const auto& cell : header) {
      const auto index = schema.index_of(cell.text);
      if (!index) {
        const auto suggestion = closest_match(cell.text, schema.column_names());
        outcome_.failures.push_back(
            {Severity::error, "E0202", cell.pos, static_cast<std::uint32_t>(cell.text.size()),
             fmt::format("unknown column `{}`", cell.text),
             suggestion.empty() ? std::string{} : fmt::format("did you mean `{}`?", suggestion)});
      } else {
        table.columns[*index].present = true;
      }
      columns.push_back(index);
    }
    for (std::size_t r = 1; r < example_.data.size(); ++r) {
      const auto& row = example_.data[r];
      if (row.size() != header.size()) {
        fail(row.front().pos, fmt::format("expected {} cells, found {}", header.size(), row.size()));
        continue;
      }
      appender.begin_row(row.front().pos.line);
      BadRow bad;
      bool ok = true;
      for (std::size_t c = 0; c < row.size() && ok; ++c) {
        if (!columns[c]) continue;
        ok = appender.set_cell(*columns[c], row[c].text, row[c].pos.column, bad, true);
      }
      if (ok) ok = appender.end_row(bad);
      if (!ok) fail({example_.pos.file, static_cast<std::uint32_t>(bad.line), bad.column}, bad.message);
    }
    return table;
  }

  void check_table(const plan::Plan& plan) {
    const auto table = build_table();
    if (!outcome_.failures.empty()) return;
    const auto report = evaluate(plan, program_.schema, table);
    if (observe_) observe_({plan, trace_, &table, &report, nullptr});
    const auto& periods = report.products.front().periods;
    for (const auto& expectation : example_.expectations) {
      if (periods.empty()) {
        fail(expectation.name.pos, "the evaluation produced no periods");
        continue;
      }
      const PeriodResult* period = &periods.back();
      if (expectation.period) {
        period = nullptr;
        for (const auto& candidate : periods)
          if (candidate.start == *expectation.period) period = &candidate;
        if (!period) {
          fail(expectation.period_pos,
               fmt::format("no period starts on {}", format_date(*expectation.period)),
               fmt::format("periods start on {} ... {}", format_date(periods.front().start),
                           format_date(periods.back().start)));
          continue;
        }
      }
      compare(expectation, *period);
    }
  }

  void compare(const ast::Expectation& expectation, const PeriodResult& period) {
    const auto& name = expectation.name.text;
    std::optional<Rational> actual;
    if (name == "usage")
      actual = period.usage;
    else if (name == "qlu")
      actual = period.qlu;
    else
      for (const auto& [component, value] : period.components)
        if (component == name) actual = value;
    if (!actual) {
      fail(expectation.name.pos,
           fmt::format("`{}` is not `usage`, `qlu` or a component of this product", name));
      return;
    }
    if (*actual == expectation.value) return;
    const auto shown = to_decimal_text(*actual);
    const auto rounded_form = rounding_explanation(expectation, *actual);
    if (!rounded_form.empty())
      outcome_.warnings.push_back(
          {Severity::warning, "W0402", expectation.name.pos, static_cast<std::uint32_t>(name.size()),
           fmt::format("expected {} = {} is {}; examples compare exact values", name, expectation.value_text,
                       rounded_form),
           fmt::format("expect the exact value, `{} = {}`, or declare the rounding in the rules", name,
                       to_fraction_text(*actual))});
    fail(expectation.name.pos,
         fmt::format("expected {} = {}, got {}{}", name, expectation.value_text, shown.text,
                     shown.rounded ? fmt::format(" (exactly {})", to_fraction_text(*actual)) : std::string{}),
         rounded_form.empty() ? std::string{}
                              : fmt::format("{} = {} is {}", name, expectation.value_text, rounded_form));
  }

  // "the exact 1300/3 rounded to 2 places" when the expected value is the actual
  // one rounded to the places it is written with, in some mode; empty otherwise.
  static std::string rounding_explanation(const ast::Expectation& expectation, const Rational& actual) {
    const auto& text = expectation.value_text;
    if (text.find('/') != std::string::npos) return {};
    const auto point = text.find('.');
    const int places = point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
    for (const auto mode : {RoundingMode::half_even, RoundingMode::half_up, RoundingMode::floor,
                            RoundingMode::ceiling, RoundingMode::toward_zero})
      if (round_to(actual, mode, places) == expectation.value)
        return fmt::format("the exact {} rounded to {} place{}", to_fraction_text(actual), places,
                           places == 1 ? "" : "s");
    return {};
  }
};

} // namespace

std::vector<ExampleOutcome> run_examples(const Program& program, const ExampleObserver& observe) {
  std::vector<ExampleOutcome> outcomes;
  for (const auto* product : program.products)
    for (const auto& example : product->examples)
      outcomes.push_back(ExampleRunner(program, *product, example, observe).run());
  return outcomes;
}

} // namespace tally
