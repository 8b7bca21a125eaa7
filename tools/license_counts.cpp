#include "license_counts.hpp"

#include "evaluation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace tally {

namespace {

LicenseCount count_of(const ProductResult& license) {
  LicenseCount out{license.product, license.title, license.license_limit.value_or(0), 0, 0, {}};
  const PeriodResult& day = license.periods.back();
  out.consumed = day.usage;
  for (const auto& [name, value] : day.components) {
    if (name == "licensed")
      out.licensed = value;
    else
      out.breakdown.emplace_back(name, value);
  }
  return out;
}

} // namespace

bool is_license(const std::vector<std::string>& licenses, const std::string& name, std::ostream& err) {
  if (std::find(licenses.begin(), licenses.end(), name) != licenses.end()) return true;
  err << fmt::format("tally: the rules have no license `{}` (licenses: {})\n", name,
                     fmt::join(licenses, ", "));
  return false;
}

std::optional<Rational> LicenseCount::percent() const {
  if (limit == 0) return std::nullopt;
  return consumed * 100 / limit;
}

std::optional<Rules> license_rules(const cli::Options& options, std::ostream& err) {
  auto rules = compile_rules(options.inputs, options, err);
  if (!rules) return std::nullopt;
  if (rules->licenses().empty()) {
    err << "tally: the rules declare no `license NAME {...}`\n";
    return std::nullopt;
  }
  return *rules;
}

std::optional<LicenseCounts> count_licenses(const cli::Options& options, ledger::Ledger* book,
                                            std::ostream& err) {
  const auto rules = license_rules(options, err);
  if (!rules) return std::nullopt;
  const auto licenses = rules->licenses();
  cli::Options day = options;
  day.terms.products = options.licenses.empty() ? licenses : options.licenses;
  for (const auto& name : *day.terms.products)
    if (!is_license(licenses, name, err)) return std::nullopt;
  if (book)
    for (const auto& name : *day.terms.products)
      for (const auto& [param, value] :
           book->license_settings(options.pool.user, options.pool.subscription, name))
        day.terms.product_settings[name].emplace(param, value); // --set wins
  // One day is evaluated: the as-of day is the term.
  day.terms.start = options.terms.as_of;
  day.terms.end = options.terms.as_of;
  const auto evaluated = run_evaluation(*rules, day, err);
  if (!evaluated) return std::nullopt;
  const Report& report = evaluated->report();
  LicenseCounts counts{report.as_of, {}};
  for (const auto& product : report.products)
    if (product.license_limit && !product.periods.empty()) counts.licenses.push_back(count_of(product));
  return counts;
}

} // namespace tally
