// Allocating the pool across products, and rebalancing it: the rules of the
// seed's QFlex model (docs/ledger.md, "Rules").
#include "tools/ledger/errors.hpp"
#include "tools/ledger/ledger.hpp"
#include "tools/ledger/qlu.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tally::ledger {

namespace {

void require_known(const Allocations& requested, const std::vector<std::string>& products) {
  if (requested.empty()) throw InputError("name at least one product and its QLU");
  for (const auto& [product, qlu] : requested)
    if (std::find(products.begin(), products.end(), product) == products.end()) {
      auto known = products;
      std::sort(known.begin(), known.end());
      throw InputError(
          fmt::format("unknown product `{}`: the rules define {}", product, fmt::join(known, ", ")));
    }
}

std::vector<ProductChange> differences(const Allocations& current, const Allocations& requested) {
  std::vector<ProductChange> changes;
  for (const auto& [product, qlu] : requested) {
    const auto found = current.find(product);
    if (found == current.end())
      changes.push_back({product, std::nullopt, qlu});
    else if (found->second != qlu)
      changes.push_back({product, found->second, qlu});
  }
  return changes;
}

Rational total(const Allocations& allocations) {
  Rational sum = 0;
  for (const auto& [product, qlu] : allocations)
    sum += qlu;
  return sum;
}

std::string change_name(const LastChange& change) {
  return change.kind == "allocate" ? "the first allocation" : "the last rebalance";
}

} // namespace

void Ledger::require_effective(const Subscription& subscription, Day day) const {
  const auto& terms = subscription.terms;
  if (day < terms.start || day > terms.end)
    throw InputError(fmt::format("the effective day {} is outside the term of {} ({} .. {})",
                                 format_date(day), terms.name, format_date(terms.start),
                                 format_date(terms.end)));
  if (day < clock_.today())
    throw InputError(fmt::format("the effective day {} is before today ({}): usage already metered was held "
                                 "against the allocations then in force",
                                 format_date(day), format_date(clock_.today())));
}

AllocationResult Ledger::allocate(const std::string& user, const std::string& subscription,
                                  const Allocations& requested, std::optional<Day> effective,
                                  const std::vector<std::string>& products) {
  return change_allocations("allocate", user, subscription, requested, effective, products);
}

AllocationResult Ledger::rebalance(const std::string& user, const std::string& subscription,
                                   const Allocations& requested, std::optional<Day> effective,
                                   const std::vector<std::string>& products) {
  return change_allocations("rebalance", user, subscription, requested, effective, products);
}

AllocationResult Ledger::change_allocations(const std::string& kind, const std::string& user,
                                            const std::string& subscription, const Allocations& requested,
                                            std::optional<Day> effective,
                                            const std::vector<std::string>& products) {
  if (user.empty()) throw InputError("the acting user cannot be empty");
  Transaction transaction(database_, Transaction::Kind::write);
  const auto found = find(subscription);
  const auto current = allocations(found.id);
  auto proposed = current;
  for (const auto& [product, qlu] : requested)
    proposed.insert_or_assign(product, qlu);
  const auto last = last_change(found.id);
  const Day day = effective.value_or(std::max(clock_.today(), found.terms.start));

  auto attempt = entry(user, kind, subscription);
  if (last) attempt.before = allocations_json(last->effective, current);
  attempt.after = allocations_json(day, proposed);
  if (!may_manage(found, user))
    refuse(transaction, attempt,
           fmt::format("{} may not change the allocations of {}: only its primary contact, {}, and the users "
                       "granted the right may",
                       user, subscription, found.terms.primary_contact));

  require_known(requested, products);
  require_effective(found, day);
  const auto changes = differences(current, requested);
  if (kind == "allocate" && last && !changes.empty())
    throw InputError(fmt::format("{} already has allocations (effective {}): change them with `rebalance`",
                                 subscription, format_date(last->effective)));
  if (kind == "rebalance" && !last)
    throw InputError(fmt::format("{} has no allocations yet: make the first with `allocate`", subscription));
  if (changes.empty()) return {{}, view(found)};

  if (last && day < last->effective + kRebalanceIntervalDays)
    refuse(
        transaction, attempt,
        fmt::format("allocations may be rebalanced once every {} days: {} of {} took effect {}, so the next "
                    "rebalance is possible from {}, not {}",
                    kRebalanceIntervalDays, change_name(*last), subscription, format_date(last->effective),
                    format_date(last->effective + kRebalanceIntervalDays), format_date(day)));
  const auto allocated = total(proposed);
  if (allocated > found.terms.purchased)
    refuse(transaction, attempt,
           fmt::format("the allocations of {} would total {} QLU, {} more than the {} QLU purchased",
                       subscription, qlu_shown(allocated), qlu_shown(allocated - found.terms.purchased),
                       qlu_shown(found.terms.purchased)));

  auto change =
      database_.prepare("INSERT INTO allocation_changes (subscription_id, kind, effective_day, made_by, "
                        "made_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
  change.bind_all(found.id, kind, format_date(day), user, clock_.timestamp());
  change.step();
  const auto change_id = change.integer(0);
  change.run();
  for (const auto& [product, before, after] : changes) {
    database_.run("INSERT INTO allocation_history (change_id, product, qlu_before, qlu_after) "
                  "VALUES (?1, ?2, ?3, ?4)",
                  change_id, product, before ? std::optional(qlu_text(*before)) : std::nullopt,
                  qlu_text(after));
    database_.run("INSERT INTO allocations (subscription_id, product, qlu) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (subscription_id, product) DO UPDATE SET qlu = excluded.qlu",
                  found.id, product, qlu_text(after));
  }
  append_audit(database_, attempt);
  auto pool = view(found);
  transaction.commit();
  return {changes, std::move(pool)};
}

} // namespace tally::ledger
