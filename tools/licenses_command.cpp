// `tally licenses`: the per-asset licence model (docs/language.md, Licenses).
// Each `license NAME {...}` of the rules is counted on the as-of day, through
// the same steps as `tally eval`: its usage is the licences consumed, its
// `licensed` component those held within the limit, and every other
// component a breakdown the rule file chose to show. Its settings may be
// stored in the ledger, where only the admin and super users change them.
#include "commands.hpp"
#include "ledger_command.hpp"
#include "license_counts.hpp"
#include "output_text.hpp"
#include "text_table.hpp"

#include "tools/ledger/errors.hpp"

#include <fmt/format.h>

#include <iostream>

namespace tally {

namespace {

std::string format_table(const LicenseCounts& counts) {
  std::string out;
  for (const auto& count : counts.licenses) {
    out += fmt::format("{} ({}), as of {}\n", count.license, count.title, format_date(counts.as_of));
    TableColumn names{"", false, {}}, values{"", true, {}};
    const auto line = [&](std::string name, const Rational& value, std::string after = {}) {
      const auto text = to_decimal_text(value, 2);
      names.cells.push_back({std::move(name)});
      values.cells.push_back({text.text + after, text.rounded ? '~' : ' '});
    };
    const auto percent = count.percent();
    line("limit", count.limit);
    line("consumed", count.consumed,
         percent ? fmt::format(" ({}%)", to_decimal_text(*percent, 2).text) : std::string{});
    line("licensed", count.licensed);
    line("unlicensed", count.unlicensed());
    for (const auto& [name, value] : count.breakdown)
      line(name, value);
    const auto table = render_columns({names, values});
    out += table.substr(table.find('\n') + 1); // the columns have no headers: no header line
  }
  return out;
}

// "excluded_tags=test, limit=50"; "no settings" when there are none.
std::string format_settings(const ledger::LicenseSettings& settings) {
  if (settings.empty()) return "no settings";
  std::vector<std::string> shown;
  for (const auto& [name, value] : settings)
    shown.push_back(name + "=" + value);
  return fmt::format("{}", fmt::join(shown, ", "));
}

std::string json_number(const Rational& value) {
  return json_string(to_fraction_text(value));
}

std::string format_json(const LicenseCounts& counts) {
  std::string out =
      fmt::format("{{\n  \"as_of\": {},\n  \"licenses\": [", json_string(format_date(counts.as_of)));
  for (std::size_t i = 0; i < counts.licenses.size(); ++i) {
    const auto& count = counts.licenses[i];
    const auto percent = count.percent();
    out += fmt::format("{}\n    {{\"license\": {}, \"title\": {}, \"limit\": {}, \"consumed\": {}, "
                       "\"licensed\": {}, \"unlicensed\": {}, \"consumption_percent\": {}",
                       i ? "," : "", json_string(count.license), json_string(count.title),
                       json_number(count.limit), json_number(count.consumed), json_number(count.licensed),
                       json_number(count.unlicensed()), percent ? json_number(*percent) : "null");
    for (const auto& [name, value] : count.breakdown)
      out += fmt::format(", {}: {}", json_string(name), json_number(value));
    out += "}";
  }
  return out + "\n  ]\n}\n";
}

// Counts the licenses on the as-of day; a ledger's stored settings apply
// under those given with --set.
int count(const cli::Options& options) {
  std::optional<ledger::Ledger> book;
  if (!options.pool.ledger.empty())
    book = ledger::Ledger::open(options.pool.ledger, ledger::Ledger::Open::existing, clock_of(options.pool));
  const auto counts = count_licenses(options, book ? &*book : nullptr, std::cerr);
  if (!counts) return kExitFailed;
  std::cout << (options.format == "json" ? format_json(*counts) : format_table(*counts));
  return kExitOk;
}

// Stores settings the rules accept: they are bound as a subscription would
// bind them, so a misspelt parameter or a badly typed value is refused here,
// not at the next count.
int set(const cli::Options& options, ledger::Ledger& book, const ledger::Clock& clock) {
  const auto rules = license_rules(options, std::cerr);
  if (!rules) return kExitFailed;
  const auto& pool = options.pool;
  const auto licenses = rules->licenses();
  for (const auto& [name, changes] : options.terms.product_settings) {
    if (!is_license(licenses, name, std::cerr)) return kExitUsage;
    Terms terms;
    terms.origin = "--set";
    terms.start = format_date(clock.today());
    terms.products = {name};
    terms.product_settings[name] = book.license_settings(pool.user, pool.subscription, name);
    for (const auto& [param, value] : changes)
      terms.product_settings[name][param] = value;
    const auto bound = Contract::bind(*rules, terms);
    if (!bound) {
      std::cerr << bound.diagnostics().render();
      return kExitUsage;
    }
  }
  for (const auto& [name, changes] : options.terms.product_settings) {
    const bool changed = book.set_license_settings(pool.user, pool.subscription, name,
                                                   ledger::LicenseSettings(changes.begin(), changes.end()));
    std::cout << fmt::format("{} of {}: {}{}\n", name, pool.subscription,
                             format_settings(book.license_settings(pool.user, pool.subscription, name)),
                             changed ? "" : " (already so; nothing recorded)");
  }
  return kExitOk;
}

int run(const cli::Options& options) {
  const auto& pool = options.pool;
  if (pool.action.empty()) return count(options);
  const auto clock = clock_of(pool);
  auto book = ledger::Ledger::open(pool.ledger, ledger::Ledger::Open::existing, clock);
  if (pool.action == "set") return set(options, book, clock);
  if (pool.action == "role") {
    const auto role = pool.role == "super" ? ledger::LicenseRole::super_user : ledger::LicenseRole::sub_user;
    const bool changed = book.set_license_role(pool.user, pool.subscription, pool.grantee, role);
    std::cout << fmt::format("{} is {} of {}{}\n", pool.grantee,
                             role == ledger::LicenseRole::super_user ? "a super user" : "a sub-user",
                             pool.subscription, changed ? "" : " already; nothing recorded");
    return kExitOk;
  }
  for (const auto& name : options.licenses)
    std::cout << fmt::format("{}: {}\n", name,
                             format_settings(book.license_settings(pool.user, pool.subscription, name)));
  return kExitOk;
}

} // namespace

int licenses_command(const cli::Options& options) {
  return run_ledger_command([&] { return run(options); });
}

} // namespace tally
