// `tally pool`: the QFlex ledger's commands (docs/ledger.md). The rules are
// read through the embedding API alone, for their products.
#include "commands.hpp"
#include "evaluation.hpp"
#include "ledger_command.hpp"
#include "pool_output.hpp"

#include "tools/ledger/ledger.hpp"
#include "tools/ledger/qlu.hpp"

#include <fmt/format.h>

#include <iostream>

namespace tally {

namespace {

std::optional<Day> optional_date(const std::optional<std::string>& text, std::string_view option) {
  if (!text) return std::nullopt;
  return date_option(text, option);
}

int create(const cli::PoolOptions& pool, const ledger::Clock& clock) {
  ledger::SubscriptionTerms terms;
  terms.name = pool.subscription;
  terms.start = date_option(pool.start, "--start");
  terms.end = pool.end ? date_option(pool.end, "--end") : default_term_end(terms.start);
  terms.purchased = ledger::parse_qlu(*pool.purchased, "--purchased");
  terms.primary_contact = pool.contact.empty() ? pool.user : pool.contact;
  auto book = ledger::Ledger::open(pool.ledger, ledger::Ledger::Open::create, clock);
  if (!book.create_subscription(pool.user, terms)) {
    std::cout << fmt::format("subscription {} already exists with these terms; nothing recorded\n",
                             terms.name);
    return kExitOk;
  }
  std::cout << fmt::format("created subscription {}: {} .. {}, {} QLU purchased, primary contact {}\n",
                           terms.name, format_date(terms.start), format_date(terms.end),
                           ledger::qlu_shown(terms.purchased), terms.primary_contact);
  return kExitOk;
}

// The rules' products, or nullopt with the diagnostics printed.
std::optional<std::vector<std::string>> rule_products(const cli::Options& options) {
  RuleSources sources;
  for (const auto& input : options.inputs)
    sources.add_file(input);
  const auto rules = Rules::compile(sources, options.limits);
  std::cerr << rules.diagnostics().render();
  if (!rules) return std::nullopt;
  return rules->products();
}

int change_allocations(const cli::Options& options, ledger::Ledger& book) {
  const auto& pool = options.pool;
  ledger::Allocations requested;
  for (const auto& [product, qlu] : pool.qlu)
    requested.emplace(product, ledger::parse_qlu(qlu, fmt::format("the QLU of {}", product)));
  const auto effective = optional_date(pool.effective, "--effective");
  const auto products = rule_products(options);
  if (!products) return kExitUsage;
  const bool first = pool.action == "allocate";
  const auto result = first ? book.allocate(pool.user, pool.subscription, requested, effective, *products)
                            : book.rebalance(pool.user, pool.subscription, requested, effective, *products);
  if (result.changes.empty()) {
    std::cout << fmt::format("the allocations of {} are already as given; nothing recorded\n",
                             pool.subscription);
    return kExitOk;
  }
  std::cout << fmt::format("{} {}, effective {}:\n", first ? "allocated" : "rebalanced", pool.subscription,
                           format_date(result.pool.last_change->effective))
            << format_changes(result.changes) << "\n"
            << format_pool(result.pool);
  return kExitOk;
}

ledger::ExactText exact_text(const Exact& value) {
  return {value.numerator, value.denominator, value.decimal};
}

// Evaluates the subscription's term as `tally eval --start --end` would over
// the same data (through the same steps, on the embedding API), and records
// every period.
int record(const cli::Options& options, ledger::Ledger& book) {
  const auto& pool = options.pool;
  const auto term = book.terms_to_record(pool.user, pool.subscription);
  cli::Options evaluation = options;
  evaluation.terms.start = format_date(term.start);
  evaluation.terms.end = format_date(term.end);
  evaluation.terms.as_of = pool.as_of;
  if (pool.purge_rules) evaluation.terms.settings["purge_rules"] = "true";
  const auto evaluated = run_evaluation(options.inputs, evaluation, std::cerr);
  if (!evaluated) return kExitUsage;
  const Usage& usage = evaluated->usage;

  ledger::UsageRun run;
  run.as_of = date_option(usage.as_of(), "the evaluation's as-of day");
  run.engine = usage.provenance().engine;
  run.rules_sha256 = usage.provenance().rules_sha256;
  run.data_sha256 = usage.provenance().data.sha256;
  for (const auto& product : usage.products())
    for (const auto& period : product.periods)
      run.periods.push_back({product.product, date_option(period.start, "a period's start"),
                             date_option(period.end, "a period's end"), period.partial,
                             exact_text(period.usage), exact_text(period.qlu)});
  const auto result = book.record_usage(pool.user, pool.subscription, run);
  std::cout << fmt::format("recorded {} periods of {} products for {} as of {}", result.added,
                           usage.products().size(), pool.subscription, format_date(run.as_of));
  std::cout << (result.already > 0 ? fmt::format(" ({} already recorded)\n", result.already) : "\n");
  return kExitOk;
}

int export_report(const cli::Options& options, ledger::Ledger& book, const ledger::Clock& clock) {
  const auto& pool = options.pool;
  const Day from = pool.from ? date_option(pool.from, "--from") : ledger::oldest_kept_day(clock.today());
  const Day to = pool.to ? date_option(pool.to, "--to") : clock.today();
  const bool json = options.format == "json";
  if (pool.report == "usage") {
    const auto periods = book.usage_report(pool.user, pool.subscription, from, to);
    std::cout << (json ? format_usage_json(periods) : format_usage_csv(periods));
  } else if (pool.report == "subscription") {
    const auto changes = book.allocation_report(pool.user, pool.subscription, from, to);
    const auto terms = book.show(pool.user, pool.subscription).terms;
    std::cout << (json ? format_subscription_json(terms, changes) : format_subscription_csv(terms, changes));
  } else {
    const auto entries = book.audit_report(pool.user, pool.subscription, from, to);
    std::cout << (json ? format_audit_json(entries) : format_audit_csv(entries));
  }
  return kExitOk;
}

int run(const cli::Options& options) {
  const auto& pool = options.pool;
  const auto clock = clock_of(pool);
  if (pool.action == "create") return create(pool, clock);
  auto book = ledger::Ledger::open(pool.ledger, ledger::Ledger::Open::existing, clock);
  if (pool.action == "grant") {
    const bool granted = book.grant(pool.user, pool.subscription, pool.grantee);
    std::cout << (granted ? fmt::format("{} may now view and change the allocations of {}\n", pool.grantee,
                                        pool.subscription)
                          : fmt::format("{} already has the right on {}; nothing recorded\n", pool.grantee,
                                        pool.subscription));
    return kExitOk;
  }
  if (pool.action == "revoke") {
    const bool revoked = book.revoke(pool.user, pool.subscription, pool.grantee);
    std::cout << (revoked ? fmt::format("{} may no longer view or change the allocations of {}\n",
                                        pool.grantee, pool.subscription)
                          : fmt::format("{} has no right on {} to revoke; nothing recorded\n", pool.grantee,
                                        pool.subscription));
    return kExitOk;
  }
  if (pool.action == "show") {
    std::cout << format_pool(book.show(pool.user, pool.subscription));
    return kExitOk;
  }
  if (pool.action == "record") return record(options, book);
  if (pool.action == "status") {
    std::cout << format_status(book.status(pool.user, pool.subscription));
    return kExitOk;
  }
  if (pool.action == "alerts") {
    std::cout << format_alerts(book.thresholds(pool.user, pool.subscription),
                               book.alerts(pool.user, pool.subscription));
    return kExitOk;
  }
  if (pool.action == "thresholds") {
    std::vector<Rational> percents;
    for (const auto& text : pool.percents)
      percents.push_back(ledger::parse_qlu(text, "--percent"));
    const bool changed = book.set_thresholds(pool.user, pool.subscription, percents);
    std::cout << fmt::format("alert thresholds of {}: {}{}\n", pool.subscription,
                             format_percents(book.thresholds(pool.user, pool.subscription)),
                             changed ? "" : " (already so; nothing recorded)");
    return kExitOk;
  }
  if (pool.action == "export") return export_report(options, book, clock);
  if (pool.action == "prune") {
    const auto removed = book.prune(pool.user, pool.subscription);
    std::cout << fmt::format("removed the usage history of {} periods ended before {}\n", removed,
                             format_date(ledger::oldest_kept_day(clock.today())));
    return kExitOk;
  }
  if (pool.action == "audit") {
    const auto entries = book.audit(pool.user, pool.subscription);
    std::cout << (options.format == "json" ? format_audit_json(entries) : format_audit_csv(entries));
    return kExitOk;
  }
  return change_allocations(options, book);
}

} // namespace

int pool_command(const cli::Options& options) {
  return run_ledger_command([&] { return run(options); });
}

} // namespace tally
