// Contract: rules bound to a subscription's terms, and their evaluation.
#include "api_access.hpp"

#include "evaluator.hpp"
#include "observation_sink.hpp"
#include "provenance.hpp"
#include "subscription.hpp"

#include <fmt/format.h>

namespace tally {

namespace {

using api_access::Access;

// The host's terms in the binder's form, located in `terms.origin`.
Subscription subscription_of(const Terms& terms) {
  const SourcePos origin{terms.origin, 0, 0};
  const auto setting = [&](const std::string& text) { return Setting{text, origin}; };
  Subscription out;
  if (terms.start) out.start = setting(*terms.start);
  if (terms.end) out.end = setting(*terms.end);
  if (terms.as_of) out.as_of = setting(*terms.as_of);
  for (const auto& [name, text] : terms.settings)
    out.globals[name] = setting(text);
  for (const auto& [product, settings] : terms.product_settings)
    for (const auto& [name, text] : settings)
      out.product_params[product][name] = setting(text);
  if (terms.products) {
    out.products.emplace();
    for (const auto& product : *terms.products)
      out.products->push_back(setting(product));
  }
  out.only = terms.only;
  return out;
}

// NAME=VALUE for each term the host set, which the rule files' digests do not cover.
std::vector<std::string> settings_of(const Terms& terms) {
  std::vector<std::string> settings;
  const auto add = [&](std::string_view name, const std::optional<std::string>& text) {
    if (text) settings.push_back(fmt::format("{}={}", name, *text));
  };
  add("start", terms.start);
  add("end", terms.end);
  add("as_of", terms.as_of);
  for (const auto& [name, text] : terms.settings)
    settings.push_back(fmt::format("{}={}", name, text));
  for (const auto& [product, settings_of_product] : terms.product_settings)
    for (const auto& [name, text] : settings_of_product)
      settings.push_back(fmt::format("{}.{}={}", product, name, text));
  return settings;
}

// The rules' own `subscription` block, if they state one, under the host's terms.
std::optional<Subscription> subscription_under(const Program& program, const Terms& terms,
                                               std::vector<Diagnostic>& diagnostics) {
  Subscription subscription;
  if (program.subscriptions.size() > 1) {
    diagnostics.push_back({Severity::error, "E0603", program.subscriptions[1]->pos, 1,
                           "a second `subscription` block: the rules evaluated may state only one",
                           fmt::format("the first is at {}:{}", program.subscriptions[0]->pos.file,
                                       program.subscriptions[0]->pos.line)});
    return std::nullopt;
  }
  if (!program.subscriptions.empty()) subscription = subscription_from(*program.subscriptions.front());
  override_subscription(subscription, subscription_of(terms));
  return subscription;
}

} // namespace

Outcome<Contract> Contract::bind(const Rules& rules, const Terms& terms) {
  return Access::bind(rules, terms, nullptr);
}

std::vector<std::pair<std::string, std::string>> Contract::columns_needed() const {
  return tally::columns_needed(state_->plan, Access::program(state_->rules).schema);
}

Outcome<Usage> Contract::evaluate(const Observations& observations) const {
  return Access::evaluate(*this, observations);
}

namespace api_access {

Outcome<Contract> Access::bind(const Rules& rules, const Terms& terms, LowerTrace* trace) {
  std::vector<Diagnostic> diagnostics;
  const auto subscription = subscription_under(program(rules), terms, diagnostics);
  std::optional<plan::Plan> plan;
  if (subscription) {
    auto bound = tally::bind(program(rules), *subscription, trace);
    diagnostics = std::move(bound.diagnostics);
    plan = std::move(bound.plan);
  }
  auto rendered = Access::diagnostics(std::move(diagnostics), rules.state_->sources);
  if (!plan) return Outcome<Contract>(std::move(rendered));
  Contract contract;
  contract.state_ =
      std::make_shared<const Contract::State>(Contract::State{rules, std::move(*plan), settings_of(terms)});
  return Outcome<Contract>(std::move(contract), std::move(rendered));
}

Outcome<Usage> Access::evaluate(const Contract& contract, const Observations& observations) {
  const auto& rules = contract.state_->rules;
  const auto& table = observations.state_->table;
  const auto failed = [&](Diagnostic diagnostic) {
    return Outcome<Usage>(diagnostics({std::move(diagnostic)}, rules.state_->sources));
  };
  if (observations.state_->rules.state_ != rules.state_)
    return failed({Severity::error,
                   "E0708",
                   {table.path, 0, 0},
                   1,
                   "this table was read for other rules than the contract's",
                   "read or build the observations with the Rules the Contract was bound from"});
  const auto& schema = program(rules).schema;
  try {
    std::vector<std::string> present;
    for (std::size_t i = 0; i < schema.columns.size(); ++i)
      if (table.columns[i].present) present.push_back(schema.columns[i].name);
    require_needed_columns(table.path, contract.columns_needed(), present, 0, 0);
    Report report = tally::evaluate(contract.state_->plan, schema, table);
    report.rows_read = table.rows;
    report.skipped = table.skipped;
    report.provenance = provenance_of(*rules.state_->sources, table);
    report.provenance.settings = contract.state_->settings;
    return Outcome<Usage>(usage(std::move(report)), diagnostics({}, rules.state_->sources));
  } catch (const DiagnosticError& error) {
    return failed(error.diagnostic());
  }
}

} // namespace api_access
} // namespace tally
