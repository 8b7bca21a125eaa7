// The usage history: each evaluated period of each product, recorded with the
// provenance of the run that produced it, and held against the allocations.
#include "tools/ledger/ledger.hpp"

#include "tools/ledger/errors.hpp"
#include "tools/ledger/qlu.hpp"
#include "tools/ledger/stored.hpp"

#include <fmt/format.h>

#include <set>

namespace tally::ledger {

namespace {

Integer integer_of(const std::string& digits, std::string_view what) {
  try {
    return Integer(digits);
  } catch (const std::exception&) {
    throw StorageError(fmt::format("a malformed {} `{}`", what, digits));
  }
}

std::string run_json(const UsageRun& run, std::size_t products, std::size_t added) {
  return fmt::format(R"({{"as_of": "{}", "products": {}, "periods": {}, "added": {}, "rules_sha256": "{}", )"
                     R"("data_sha256": "{}", "engine": "{}"}})",
                     format_date(run.as_of), products, run.periods.size(), added, run.rules_sha256,
                     run.data_sha256, run.engine);
}

} // namespace

PeriodUsage stored_period(const Database& database, const Statement& row) {
  return {
      row.text(0),         stored_day(database, row.text(1)),       stored_day(database, row.text(2)),
      row.integer(3) != 0, {row.text(4), row.text(5), row.text(6)}, {row.text(7), row.text(8), row.text(9)}};
}

Rational ExactText::value() const {
  return Rational(integer_of(numerator, "numerator"), integer_of(denominator, "denominator"));
}

std::optional<Rational> ProductStatus::percent() const {
  if (!allocated || *allocated == 0) return std::nullopt;
  return used() * 100 / *allocated;
}

ProductStatus::Band ProductStatus::band() const {
  if (!latest) return Band::no_usage;
  const auto share = percent();
  if (!share) return Band::unallocated;
  if (*share > 100) return Band::over;
  if (*share < 50) return Band::under;
  return Band::within;
}

SubscriptionTerms Ledger::terms_to_record(const std::string& user, const std::string& subscription) {
  Transaction transaction(database_, Transaction::Kind::read);
  return managed(transaction, user, subscription, "record", "record the usage of").terms;
}

RecordResult Ledger::record_usage(const std::string& user, const std::string& subscription,
                                  const UsageRun& run) {
  Transaction transaction(database_, Transaction::Kind::write);
  const auto found = managed(transaction, user, subscription, "record", "record the usage of");
  if (run.as_of < found.terms.start)
    throw InputError(fmt::format("the as-of day {} is before the start of {} ({})", format_date(run.as_of),
                                 subscription, format_date(found.terms.start)));
  RecordResult result;
  std::set<std::string> products;
  for (const auto& period : run.periods) {
    products.insert(period.product);
    auto inserted = database_.prepare(
        "INSERT INTO usage_history (subscription_id, product, period_start, period_end, as_of, partial, "
        "usage_numerator, usage_denominator, usage_decimal, qlu_numerator, qlu_denominator, qlu_decimal, "
        "engine, rules_sha256, data_sha256, recorded_by, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
        "ON CONFLICT DO NOTHING RETURNING id");
    inserted.bind_all(found.id, period.product, format_date(period.start), format_date(period.end),
                      format_date(run.as_of), std::int64_t{period.partial}, period.usage.numerator,
                      period.usage.denominator, period.usage.decimal, period.qlu.numerator,
                      period.qlu.denominator, period.qlu.decimal, run.engine, run.rules_sha256,
                      run.data_sha256, user, clock_.timestamp());
    if (inserted.step()) {
      ++result.added;
      inserted.run();
    } else {
      ++result.already;
    }
  }
  if (result.added == 0) return result; // nothing changed: nothing to audit
  auto done = entry(user, "record", subscription);
  done.after = run_json(run, products.size(), result.added);
  append_audit(database_, done);
  transaction.commit();
  return result;
}

StatusView Ledger::status(const std::string& user, const std::string& subscription) {
  Transaction transaction(database_, Transaction::Kind::read);
  const auto found = managed(transaction, user, subscription, "status", "view the usage of");
  StatusView status{found.terms, std::nullopt, {}};
  std::map<std::string, ProductStatus> products;
  for (const auto& [product, qlu] : allocations(found.id))
    products[product] = ProductStatus{product, qlu, std::nullopt};

  auto latest_run = database_.prepare("SELECT max(as_of) FROM usage_history WHERE subscription_id = ?1");
  latest_run.bind(1, found.id);
  latest_run.step();
  if (!latest_run.is_null(0)) status.as_of = stored_day(database_, latest_run.text(0));
  latest_run.run();
  if (status.as_of) {
    // Each product's period with the latest start, in the latest run.
    auto periods = database_.prepare(fmt::format(
        "SELECT {} FROM usage_history h WHERE subscription_id = ?1 AND as_of = ?2 AND period_start = "
        "(SELECT max(period_start) FROM usage_history WHERE subscription_id = ?1 AND as_of = ?2 AND "
        "product = h.product)",
        kPeriodColumns));
    periods.bind_all(found.id, format_date(*status.as_of));
    while (periods.step()) {
      auto period = stored_period(database_, periods);
      auto& product = products[period.product];
      product.product = period.product;
      product.latest = std::move(period);
    }
  }
  for (auto& [name, product] : products)
    status.products.push_back(std::move(product));
  return status;
}

} // namespace tally::ledger
