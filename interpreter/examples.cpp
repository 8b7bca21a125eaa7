#include "examples.hpp"

#include "evaluator.hpp"
#include "subscription.hpp"

#include <fmt/format.h>

namespace tally {
namespace {

// A `given` example has no table: usage and QLU follow from the stated
// component values by the product's own expressions.
class ClosedForm {
public:
  ClosedForm(const std::vector<Rational>& components, const Rational* usage)
      : components_(components), usage_(usage) {}

  Rational operator()(const plan::Num& num) const {
    return std::visit([&](const auto& n) { return value(n, num.pos); }, num.node);
  }

private:
  const std::vector<Rational>& components_;
  const Rational* usage_;

  Rational value(const plan::Constant& n, const SourcePos&) const { return n.value; }
  Rational value(const plan::ComponentRef& n, const SourcePos&) const { return components_.at(n.index); }
  Rational value(const plan::UsageRef&, const SourcePos&) const { return *usage_; }
  Rational value(const plan::Negate& n, const SourcePos&) const { return -(*this)(*n.operand); }
  Rational value(const plan::Round& n, const SourcePos&) const {
    return round_to((*this)(*n.operand), n.mode, n.places);
  }
  Rational value(const plan::Binary& n, const SourcePos& pos) const {
    const auto a = (*this)(*n.left);
    const auto b = (*this)(*n.right);
    if (n.op == plan::Arith::div && b == 0)
      throw DiagnosticError({Severity::error, "E0801", pos, 1, "division by zero", {}});
    return plan::apply(n.op, a, b);
  }
  template <class Node> Rational value(const Node&, const SourcePos& pos) const {
    throw DiagnosticError({Severity::error, "E0902", pos, 1,
                           "this expression counts rows; a `given` example can only state component values",
                           "use a `data` table for this example"});
  }
};

class ExampleRunner {
public:
  ExampleRunner(const Program& program, const ast::ProductDecl& product, const ast::ExampleDecl& example)
      : program_(program), product_(product), example_(example) {
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
        check_given(plan->products.front());
    } catch (const DiagnosticError& error) {
      outcome_.failures.push_back(error.diagnostic());
    }
    return std::move(outcome_);
  }

private:
  const Program& program_;
  const ast::ProductDecl& product_;
  const ast::ExampleDecl& example_;
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
    auto bound = bind(program_, subscription);
    for (auto& diagnostic : bound.diagnostics)
      outcome_.failures.push_back(std::move(diagnostic));
    if (!outcome_.failures.empty()) return std::nullopt;
    return std::move(bound.plan);
  }

  void check_given(const plan::ProductPlan& product) {
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
        ok = appender.set_cell(*columns[c], row[c].text, row[c].pos.column, bad);
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
    fail(
        expectation.name.pos,
        fmt::format("expected {} = {}, got {}{}", name, expectation.value_text, shown.text,
                    shown.rounded ? fmt::format(" (exactly {})", to_fraction_text(*actual)) : std::string{}));
  }
};

} // namespace

std::vector<ExampleOutcome> run_examples(const Program& program) {
  std::vector<ExampleOutcome> outcomes;
  for (const auto* product : program.products)
    for (const auto& example : product->examples)
      outcomes.push_back(ExampleRunner(program, *product, example).run());
  return outcomes;
}

} // namespace tally
