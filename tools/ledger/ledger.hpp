// The QFlex ledger (docs/ledger.md): subscriptions with their pools of
// purchased QLU, allocations per product and their history, who may view and
// change them, an append-only audit log, and the usage history, in one SQLite
// file. Every operation names its acting user and runs in one transaction: it
// is done whole or not at all. A refusal by a rule is written to the audit
// log in a transaction of its own and thrown as Refused; malformed requests
// throw InputError, and a ledger that cannot be used throws StorageError.
#pragma once

#include "tools/ledger/audit_log.hpp"
#include "tools/ledger/sqlite.hpp"

#include "interpreter/date.hpp"
#include "interpreter/number.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tally::ledger {

// Allocations may be rebalanced once in this many days (the seed's rule).
inline constexpr Day kRebalanceIntervalDays = 90;

// The operation's now, from the system clock or fixed by a test or a replay.
struct Clock {
  Seconds now = 0;
  Day today() const { return day_of(now); }
  std::string timestamp() const; // "2026-04-01T09:30:00Z"
  static Clock system();
};

struct SubscriptionTerms {
  std::string name;
  Day start = 0, end = 0; // inclusive
  Rational purchased;     // QLU in the pool
  std::string primary_contact;
  bool operator==(const SubscriptionTerms&) const = default;
};

using Allocations = std::map<std::string, Rational>; // product -> QLU

struct LastChange {
  std::string kind; // "allocate" (the first allocation) or "rebalance"
  Day effective = 0;
};

// A subscription's pool as the primary contact sees it.
struct PoolView {
  SubscriptionTerms terms;
  std::vector<std::string> granted; // users granted the right, by name (the primary contact always has it)
  Allocations allocations;
  std::optional<LastChange> last_change;

  Rational allocated() const;
  Rational available() const { return terms.purchased - allocated(); }
  std::optional<Day> next_rebalance() const; // the first effective day a rebalance may have
};

struct ProductChange {
  std::string product;
  std::optional<Rational> before; // nullopt: the product had no allocation
  Rational after;
};

struct AllocationResult {
  std::vector<ProductChange> changes; // empty: the allocations were already so; nothing was recorded
  PoolView pool;                      // after the change
};

// An exact value as the engine reports it: numerator and denominator in
// base 10, and the decimal shown (rounded to 6 places when not finite).
struct ExactText {
  std::string numerator, denominator, decimal;
  Rational value() const;
};

// One evaluated period of one product.
struct PeriodUsage {
  std::string product;
  Day start = 0, end = 0;
  bool partial = false; // the period goes on past the as-of day
  ExactText usage, qlu;
};

// One evaluation to record: every period up to `as_of`, and what it was
// computed from (the report's provenance).
struct UsageRun {
  Day as_of = 0;
  std::string engine, rules_sha256, data_sha256;
  std::vector<PeriodUsage> periods;
};

struct RecordResult {
  std::size_t added = 0, already = 0; // periods new to the ledger, and those it held already
};

// A product held against its allocation, at the latest period recorded.
struct ProductStatus {
  // Bands of the latest period's QLU against the allocation: over past 100%,
  // under below 50%.
  enum class Band { over, within, under, unallocated, no_usage };
  std::string product;
  std::optional<Rational> allocated;
  std::optional<PeriodUsage> latest;
  Rational used() const { return latest ? latest->qlu.value() : Rational(0); }
  Rational remaining() const { return allocated.value_or(0) - used(); }
  std::optional<Rational> percent() const; // of the allocation; nullopt without one
  Band band() const;
};

struct StatusView {
  SubscriptionTerms terms;
  std::optional<Day> as_of;            // of the latest recorded run; nullopt before any
  std::vector<ProductStatus> products; // allocated or recorded, by name
};

// Until a subscription sets its own: alerts at 80% and 100% of an allocation.
inline const std::vector<Rational> kDefaultThresholds{80, 100};

// A product's QLU in a period reaching a threshold of the allocation in force
// on the period's last day, when its period before was below it (or it has
// none): one alert per crossing.
struct Alert {
  std::string product;
  Rational threshold; // percent
  PeriodUsage period; // as last recorded
  Rational allocated;
  Rational percent() const { return period.qlu.value() * 100 / allocated; }
};

// History is kept for 12 months: the first day kept when `today` is the
// last (the day after the same date a year before; 29 February counts from
// 28 February).
Day oldest_kept_day(Day today);

// A period as last recorded, with the run it came from.
struct RecordedPeriod {
  PeriodUsage period;
  Day as_of = 0;
  std::string rules_sha256, data_sha256;
};

// One product's line of an allocation change.
struct AllocationRecord {
  Day effective = 0;
  std::string kind; // allocate | rebalance
  std::string product;
  std::optional<Rational> before;
  Rational after;
  std::string made_by;
};

using LicenseSettings = std::map<std::string, std::string>; // parameter -> text, as `--set` takes it

enum class LicenseRole { super_user, sub_user };

class Ledger {
public:
  enum class Open { existing, create };
  // Opens (or, with Open::create, creates) the file and migrates it.
  static Ledger open(const std::filesystem::path& path, Open mode, Clock clock);
  // Migrates `database`.
  Ledger(Database database, Clock clock);

  // false: a subscription with this name and these terms exists; nothing recorded.
  bool create_subscription(const std::string& user, const SubscriptionTerms& terms);

  // The right to view and change the allocations; only the primary contact
  // grants and revokes it. false: nothing to do, nothing recorded.
  bool grant(const std::string& user, const std::string& subscription, const std::string& grantee);
  bool revoke(const std::string& user, const std::string& subscription, const std::string& grantee);

  // The first allocation, and later ones: `requested` sets the named
  // products' QLU and leaves the others as they are. Each product must be one
  // of `products` (the rules' products). `effective` defaults to today, or the
  // subscription's start when that is later; it may not be before today
  // (usage already metered was held against the allocations then in force)
  // nor outside the term.
  AllocationResult allocate(const std::string& user, const std::string& subscription,
                            const Allocations& requested, std::optional<Day> effective,
                            const std::vector<std::string>& products);
  AllocationResult rebalance(const std::string& user, const std::string& subscription,
                             const Allocations& requested, std::optional<Day> effective,
                             const std::vector<std::string>& products);

  PoolView show(const std::string& user, const std::string& subscription);
  // The subscription's term, to evaluate the usage `user` will record;
  // refused as record_usage() would be.
  SubscriptionTerms terms_to_record(const std::string& user, const std::string& subscription);

  // Stores every period of `run` with its provenance, in one transaction.
  // A period already recorded for the same as-of day is kept as it was, so
  // recording the same run again adds nothing. Refused like show(); `run`
  // must lie within the term.
  RecordResult record_usage(const std::string& user, const std::string& subscription, const UsageRun& run);
  StatusView status(const std::string& user, const std::string& subscription);

  // The alert thresholds in percent, ascending. Setting them needs the right
  // and is audited; false: they were already so, nothing recorded.
  std::vector<Rational> thresholds(const std::string& user, const std::string& subscription);
  bool set_thresholds(const std::string& user, const std::string& subscription,
                      std::vector<Rational> percents);
  // Every crossing in the recorded history, by product and period.
  std::vector<Alert> alerts(const std::string& user, const std::string& subscription);

  // Reports for the days [from, to], which must lie within the 12 months kept
  // (oldest_kept_day .. today); each needs the right and is refused like show().
  // Periods that overlap the range, at their latest recorded value:
  std::vector<RecordedPeriod> usage_report(const std::string& user, const std::string& subscription, Day from,
                                           Day to);
  // The allocation changes effective in the range, product by product:
  std::vector<AllocationRecord> allocation_report(const std::string& user, const std::string& subscription,
                                                  Day from, Day to);
  // The audit entries written in the range:
  std::vector<AuditEntry> audit_report(const std::string& user, const std::string& subscription, Day from,
                                       Day to);
  // Removes the usage history of periods that ended before the 12 months
  // kept; audited. Returns how many periods were removed. The audit log is
  // never pruned.
  std::size_t prune(const std::string& user, const std::string& subscription);
  std::vector<AuditEntry> audit(const std::string& user, const std::string& subscription);

  // Patch Management licences (tools/ledger/licenses.cpp). Any user may read
  // a license's settings (sub-users only read); the primary contact (the
  // admin) and the super users it names may change them, and every change
  // or refusal is audited. `changes` maps a parameter to its new text.
  LicenseSettings license_settings(const std::string& user, const std::string& subscription,
                                   const std::string& license);
  bool set_license_settings(const std::string& user, const std::string& subscription,
                            const std::string& license, const LicenseSettings& changes);
  // Only the primary contact names super users; false: nothing to do.
  bool set_license_role(const std::string& user, const std::string& subscription, const std::string& grantee,
                        LicenseRole role);

private:
  struct Subscription {
    std::int64_t id = 0;
    SubscriptionTerms terms;
  };

  Subscription find(const std::string& name);
  bool may_manage(const Subscription& subscription, const std::string& user);
  bool is_super_user(const Subscription& subscription, const std::string& user);
  // find(), refused unless `user` may manage it; `action` names the attempt in the audit log.
  Subscription managed(Transaction& transaction, const std::string& user, const std::string& subscription,
                       const std::string& action, std::string_view what);
  // Rolls `transaction` back, records the refusal in a transaction of its own
  // and throws Refused.
  [[noreturn]] void refuse(Transaction& transaction, AuditEntry entry, const std::string& reason);
  AuditEntry entry(const std::string& user, std::string action, const std::string& subscription) const;
  Allocations allocations(std::int64_t subscription_id);
  std::vector<Rational> stored_thresholds(std::int64_t subscription_id);
  // InputError unless from <= to and both lie within the 12 months kept.
  void require_kept_range(Day from, Day to) const;
  std::optional<LastChange> last_change(std::int64_t subscription_id);
  PoolView view(const Subscription& subscription);
  std::int64_t user_id(const std::string& name);
  // InputError unless `day` is in the term and not before today.
  void require_effective(const Subscription& subscription, Day day) const;
  AllocationResult change_allocations(const std::string& kind, const std::string& user,
                                      const std::string& subscription, const Allocations& requested,
                                      std::optional<Day> effective, const std::vector<std::string>& products);

  Database database_;
  Clock clock_;
};

} // namespace tally::ledger
