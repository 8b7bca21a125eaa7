#include "tools/ledger/ledger.hpp"

#include "tools/ledger/errors.hpp"
#include "tools/ledger/qlu.hpp"
#include "tools/ledger/schema.hpp"
#include "tools/ledger/stored.hpp"
#include "tools/output_text.hpp"

#include <fmt/format.h>

#include <chrono>

namespace tally::ledger {

namespace {

std::string terms_json(const SubscriptionTerms& terms) {
  return fmt::format(
      R"({{"name": {}, "start": "{}", "end": "{}", "purchased_qlu": "{}", "primary_contact": {}}})",
      json_string(terms.name), format_date(terms.start), format_date(terms.end), qlu_text(terms.purchased),
      json_string(terms.primary_contact));
}

} // namespace

Day stored_day(const Database& database, const std::string& text) {
  const auto day = parse_date(text);
  if (!day)
    throw StorageError(fmt::format("{}: the ledger holds a malformed day `{}`", database.path(), text));
  return *day;
}

Rational stored_qlu(const Database& database, const std::string& text) {
  const auto qlu = parse_decimal(text);
  if (!qlu)
    throw StorageError(fmt::format("{}: the ledger holds a malformed quantity `{}`", database.path(), text));
  return *qlu;
}

std::string Clock::timestamp() const {
  const auto seconds = now - start_of(today());
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(today()), seconds / 3600, seconds / 60 % 60,
                     seconds % 60);
}

Clock Clock::system() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return {std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count()};
}

Rational PoolView::allocated() const {
  Rational total = 0;
  for (const auto& [product, qlu] : allocations)
    total += qlu;
  return total;
}

std::optional<Day> PoolView::next_rebalance() const {
  if (!last_change) return std::nullopt;
  return last_change->effective + kRebalanceIntervalDays;
}

// ------------------------------------------------------------------ opening

Ledger Ledger::open(const std::filesystem::path& path, Open mode, Clock clock) {
  if (mode == Open::existing && !std::filesystem::exists(path))
    throw InputError(fmt::format("no ledger at {} (`tally pool create` makes one)", path.string()));
  return Ledger(
      Database::open(path, mode == Open::create ? Database::Open::create : Database::Open::existing), clock);
}

Ledger::Ledger(Database database, Clock clock) : database_(std::move(database)), clock_(clock) {
  migrate(database_);
}

// ------------------------------------------------------------------ shared steps

Ledger::Subscription Ledger::find(const std::string& name) {
  auto row = database_.prepare("SELECT s.id, s.name, s.start_day, s.end_day, p.purchased_qlu, u.name "
                               "FROM subscriptions s JOIN pool p ON p.subscription_id = s.id "
                               "JOIN users u ON u.id = s.primary_contact WHERE s.name = ?1");
  row.bind(1, name);
  if (!row.step()) throw InputError(fmt::format("no subscription `{}` in {}", name, database_.path()));
  Subscription found{row.integer(0),
                     {row.text(1), stored_day(database_, row.text(2)), stored_day(database_, row.text(3)),
                      stored_qlu(database_, row.text(4)), row.text(5)}};
  row.run();
  return found;
}

bool Ledger::may_manage(const Subscription& subscription, const std::string& user) {
  if (user == subscription.terms.primary_contact) return true;
  auto grant = database_.prepare(
      "SELECT 1 FROM grants g JOIN users u ON u.id = g.user_id WHERE g.subscription_id = ?1 AND u.name = ?2");
  grant.bind_all(subscription.id, user);
  const bool granted = grant.step();
  grant.run();
  return granted;
}

AuditEntry Ledger::entry(const std::string& user, std::string action, const std::string& subscription) const {
  AuditEntry entry;
  entry.at = clock_.timestamp();
  entry.who = user;
  entry.action = std::move(action);
  entry.subscription = subscription;
  entry.outcome = "done";
  return entry;
}

void Ledger::refuse(Transaction& transaction, AuditEntry entry, const std::string& reason) {
  transaction.rollback();
  entry.outcome = "refused";
  entry.reason = reason;
  Transaction record(database_, Transaction::Kind::write);
  append_audit(database_, entry);
  record.commit();
  throw Refused(reason);
}

std::int64_t Ledger::user_id(const std::string& name) {
  database_.run("INSERT INTO users (name, added_at) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING", name,
                clock_.timestamp());
  auto row = database_.prepare("SELECT id FROM users WHERE name = ?1");
  row.bind(1, name);
  row.step();
  const auto id = row.integer(0);
  row.run();
  return id;
}

Allocations Ledger::allocations(std::int64_t subscription_id) {
  auto rows = database_.prepare("SELECT product, qlu FROM allocations WHERE subscription_id = ?1");
  rows.bind(1, subscription_id);
  Allocations current;
  while (rows.step())
    current.emplace(rows.text(0), stored_qlu(database_, rows.text(1)));
  return current;
}

std::optional<LastChange> Ledger::last_change(std::int64_t subscription_id) {
  auto row =
      database_.prepare("SELECT kind, effective_day FROM allocation_changes WHERE subscription_id = ?1 "
                        "ORDER BY effective_day DESC, id DESC LIMIT 1");
  row.bind(1, subscription_id);
  if (!row.step()) return std::nullopt;
  LastChange last{row.text(0), stored_day(database_, row.text(1))};
  row.run();
  return last;
}

PoolView Ledger::view(const Subscription& subscription) {
  PoolView pool{subscription.terms, {}, allocations(subscription.id), last_change(subscription.id)};
  auto granted = database_.prepare("SELECT u.name FROM grants g JOIN users u ON u.id = g.user_id WHERE "
                                   "g.subscription_id = ?1 ORDER BY u.name");
  granted.bind(1, subscription.id);
  while (granted.step())
    pool.granted.push_back(granted.text(0));
  return pool;
}

// ------------------------------------------------------------------ subscriptions and rights

bool Ledger::create_subscription(const std::string& user, const SubscriptionTerms& terms) {
  require_name(user, "the acting user");
  require_name(terms.name, "the subscription's name");
  require_name(terms.primary_contact, "the primary contact");
  if (terms.end < terms.start)
    throw InputError(fmt::format("the end day {} is before the start day {}", format_date(terms.end),
                                 format_date(terms.start)));
  if (terms.purchased <= 0) throw InputError("the pool must hold more than 0 QLU");
  Transaction transaction(database_, Transaction::Kind::write);
  auto existing = database_.prepare("SELECT 1 FROM subscriptions WHERE name = ?1");
  existing.bind(1, terms.name);
  if (existing.step()) {
    existing.run();
    const auto found = find(terms.name).terms;
    if (found == terms) return false;
    throw InputError(
        fmt::format("subscription `{}` already exists, with other terms: {} .. {}, {} QLU purchased, "
                    "primary contact {}",
                    found.name, format_date(found.start), format_date(found.end), qlu_shown(found.purchased),
                    found.primary_contact));
  }
  auto created = database_.prepare("INSERT INTO subscriptions (name, start_day, end_day, primary_contact, "
                                   "created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
  created.bind_all(terms.name, format_date(terms.start), format_date(terms.end),
                   user_id(terms.primary_contact), clock_.timestamp());
  created.step();
  const auto id = created.integer(0);
  created.run();
  database_.run("INSERT INTO pool (subscription_id, purchased_qlu) VALUES (?1, ?2)", id,
                qlu_text(terms.purchased));
  auto done = entry(user, "create", terms.name);
  done.after = terms_json(terms);
  append_audit(database_, done);
  transaction.commit();
  return true;
}

bool Ledger::grant(const std::string& user, const std::string& subscription, const std::string& grantee) {
  require_name(user, "the acting user");
  require_name(grantee, "the user to grant the right to");
  Transaction transaction(database_, Transaction::Kind::write);
  const auto found = find(subscription);
  auto attempt = entry(user, "grant", subscription);
  attempt.after = grantee_json(grantee);
  const auto& contact = found.terms.primary_contact;
  if (user != contact)
    refuse(transaction, attempt,
           fmt::format("{} may not grant rights on {}: only its primary contact, {}, may", user, subscription,
                       contact));
  if (grantee == contact)
    throw InputError(
        fmt::format("{} is the primary contact of {} and always has the right", grantee, subscription));
  if (may_manage(found, grantee)) return false;
  database_.run(
      "INSERT INTO grants (subscription_id, user_id, granted_by, granted_at) VALUES (?1, ?2, ?3, ?4)",
      found.id, user_id(grantee), user, clock_.timestamp());
  append_audit(database_, attempt);
  transaction.commit();
  return true;
}

bool Ledger::revoke(const std::string& user, const std::string& subscription, const std::string& grantee) {
  require_name(user, "the acting user");
  require_name(grantee, "the user to revoke the right of");
  Transaction transaction(database_, Transaction::Kind::write);
  const auto found = find(subscription);
  auto attempt = entry(user, "revoke", subscription);
  attempt.before = grantee_json(grantee);
  const auto& contact = found.terms.primary_contact;
  if (user != contact)
    refuse(transaction, attempt,
           fmt::format("{} may not revoke rights on {}: only its primary contact, {}, may", user,
                       subscription, contact));
  if (grantee == contact)
    throw InputError(
        fmt::format("{} is the primary contact of {}: the right cannot be revoked", grantee, subscription));
  if (!may_manage(found, grantee)) return false;
  database_.run("DELETE FROM grants WHERE subscription_id = ?1 AND user_id = ?2", found.id, user_id(grantee));
  append_audit(database_, attempt);
  transaction.commit();
  return true;
}

// ------------------------------------------------------------------ views

Ledger::Subscription Ledger::managed(Transaction& transaction, const std::string& user,
                                     const std::string& subscription, const std::string& action,
                                     std::string_view what) {
  require_name(user, "the acting user");
  const auto found = find(subscription);
  if (!may_manage(found, user))
    refuse(transaction, entry(user, action, subscription),
           fmt::format("{} may not {} {}: only its primary contact, {}, and the users granted the right may",
                       user, what, subscription, found.terms.primary_contact));
  return found;
}

PoolView Ledger::show(const std::string& user, const std::string& subscription) {
  Transaction transaction(database_, Transaction::Kind::read);
  return view(managed(transaction, user, subscription, "show", "view the allocations of"));
}

std::vector<AuditEntry> Ledger::audit(const std::string& user, const std::string& subscription) {
  Transaction transaction(database_, Transaction::Kind::read);
  managed(transaction, user, subscription, "audit", "view the audit log of");
  return read_audit(database_, subscription);
}

} // namespace tally::ledger
