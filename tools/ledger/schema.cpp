#include "tools/ledger/schema.hpp"

#include <fmt/format.h>

namespace tally::ledger {

namespace {

// "TALY" in the SQLite header, so a ledger is told from other SQLite files.
constexpr std::int64_t kApplicationId = 0x54414C59;

// A migration's text never changes once released (a ledger at its version
// was made by it), so each is spelt out in full. Conventions: quantities of
// QLU are exact decimal text ("7552.5"), never floating point, and the GLOB
// checks keep a sign or an exponent out; days are ISO text, checked against
// date(day, '+0 days'), which moves an impossible day such as 2026-02-30 on
// to March; timestamps are UTC, "2026-04-01T09:30:00Z".
constexpr std::string_view kVersion1 = R"(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (name <> ''),
  added_at TEXT NOT NULL CHECK (added_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')
) STRICT;

CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (name <> ''),
  start_day TEXT NOT NULL CHECK (start_day IS date(start_day, '+0 days')),
  end_day TEXT NOT NULL CHECK (end_day IS date(end_day, '+0 days') AND end_day >= start_day),
  primary_contact INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')
) STRICT;

CREATE TABLE pool (
  subscription_id INTEGER PRIMARY KEY REFERENCES subscriptions (id),
  purchased_qlu TEXT NOT NULL CHECK (purchased_qlu GLOB '[0-9]*' AND purchased_qlu NOT GLOB '*[^0-9.]*')
) STRICT;

CREATE TABLE grants (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL CHECK (granted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
  PRIMARY KEY (subscription_id, user_id)
) STRICT;

CREATE TABLE allocations (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  product TEXT NOT NULL CHECK (product <> ''),
  qlu TEXT NOT NULL CHECK (qlu GLOB '[0-9]*' AND qlu NOT GLOB '*[^0-9.]*'),
  PRIMARY KEY (subscription_id, product)
) STRICT;

CREATE TABLE allocation_changes (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  kind TEXT NOT NULL CHECK (kind IN ('allocate', 'rebalance')),
  effective_day TEXT NOT NULL CHECK (effective_day IS date(effective_day, '+0 days')),
  made_by TEXT NOT NULL,
  made_at TEXT NOT NULL CHECK (made_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')
) STRICT;
CREATE INDEX allocation_changes_by_day ON allocation_changes (subscription_id, effective_day);

CREATE TABLE allocation_history (
  change_id INTEGER NOT NULL REFERENCES allocation_changes (id),
  product TEXT NOT NULL CHECK (product <> ''),
  qlu_before TEXT CHECK (qlu_before GLOB '[0-9]*' AND qlu_before NOT GLOB '*[^0-9.]*'),
  qlu_after TEXT NOT NULL CHECK (qlu_after GLOB '[0-9]*' AND qlu_after NOT GLOB '*[^0-9.]*'),
  PRIMARY KEY (change_id, product)
) STRICT;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  subscription TEXT NOT NULL,
  before TEXT CHECK (before IS NULL OR json_valid(before)),
  after TEXT CHECK (after IS NULL OR json_valid(after)),
  outcome TEXT NOT NULL CHECK (outcome IN ('done', 'refused')),
  reason TEXT,
  CHECK ((outcome = 'refused') = (reason IS NOT NULL))
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be deleted');
END;
-- INSERT OR REPLACE deletes the row it replaces without firing the DELETE
-- trigger (unless recursive_triggers is on), so it is refused here.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be replaced');
END;

CREATE TABLE usage_history (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  product TEXT NOT NULL CHECK (product <> ''),
  period_start TEXT NOT NULL CHECK (period_start IS date(period_start, '+0 days')),
  period_end TEXT NOT NULL CHECK (period_end IS date(period_end, '+0 days') AND period_end >= period_start),
  as_of TEXT NOT NULL CHECK (as_of IS date(as_of, '+0 days')),
  partial INTEGER NOT NULL CHECK (partial IN (0, 1)),
  usage_numerator TEXT NOT NULL CHECK (usage_numerator GLOB '[0-9-]*' AND usage_numerator NOT GLOB '?*[^0-9]*'),
  usage_denominator TEXT NOT NULL CHECK (usage_denominator GLOB '[1-9]*' AND usage_denominator NOT GLOB '*[^0-9]*'),
  usage_decimal TEXT NOT NULL,
  qlu_numerator TEXT NOT NULL CHECK (qlu_numerator GLOB '[0-9-]*' AND qlu_numerator NOT GLOB '?*[^0-9]*'),
  qlu_denominator TEXT NOT NULL CHECK (qlu_denominator GLOB '[1-9]*' AND qlu_denominator NOT GLOB '*[^0-9]*'),
  qlu_decimal TEXT NOT NULL,
  engine TEXT NOT NULL,
  rules_sha256 TEXT NOT NULL CHECK (length(rules_sha256) = 64 AND rules_sha256 NOT GLOB '*[^0-9a-f]*'),
  data_sha256 TEXT NOT NULL CHECK (length(data_sha256) = 64 AND data_sha256 NOT GLOB '*[^0-9a-f]*'),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
  UNIQUE (subscription_id, product, period_start, period_end, as_of)
) STRICT;
)";

// Version 2: the thresholds, in percent of each allocation, whose crossing
// raises an alert (80 and 100 until a subscription sets its own).
constexpr std::string_view kVersion2 = R"(
CREATE TABLE alert_thresholds (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  percent TEXT NOT NULL CHECK (percent GLOB '[0-9]*' AND percent NOT GLOB '*[^0-9.]*'),
  PRIMARY KEY (subscription_id, percent)
) STRICT;
)";

// Version 3: Patch Management licences. A license's parameters as its rule
// file names them (`limit`, `included_tags`, ...), in the text `tally
// licenses --set` takes; and the super users who, with the primary contact
// (the admin), may change them.
constexpr std::string_view kVersion3 = R"(
CREATE TABLE license_settings (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  license TEXT NOT NULL CHECK (license <> ''),
  name TEXT NOT NULL CHECK (name <> ''),
  value TEXT NOT NULL,
  PRIMARY KEY (subscription_id, license, name)
) STRICT;

CREATE TABLE license_super_users (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL CHECK (granted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
  PRIMARY KEY (subscription_id, user_id)
) STRICT;
)";

constexpr Migration kMigrations[] = {{1, kVersion1}, {2, kVersion2}, {3, kVersion3}};

// Whether a file at version 0 is a fresh one: no tables, no other owner.
void require_ledger(Database& database, std::int64_t version) {
  const auto application = database.pragma_integer("application_id");
  if (application != kApplicationId && (application != 0 || version != 0))
    throw StorageError(
        fmt::format("{}: not a tally ledger (another application made this SQLite file)", database.path()));
  if (version != 0) return;
  auto tables = database.prepare("SELECT count(*) FROM sqlite_schema");
  tables.step();
  if (tables.integer(0) != 0)
    throw StorageError(fmt::format("{}: not a tally ledger (an SQLite file that already holds other tables)",
                                   database.path()));
}

} // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

void migrate(Database& database, std::span<const Migration> steps) {
  const int known = steps.empty() ? 0 : steps.back().version;
  for (const auto& step : steps) {
    // Read under the write lock: another process may have migrated meanwhile.
    Transaction transaction(database, Transaction::Kind::write);
    const auto version = database.pragma_integer("user_version");
    require_ledger(database, version);
    if (version > known)
      throw StorageError(
          fmt::format("{}: the ledger's schema is version {}, newer than this tally knows ({}); "
                      "use a newer tally",
                      database.path(), version, known));
    if (version >= step.version) continue;
    database.execute(step.sql);
    database.execute(
        fmt::format("PRAGMA user_version = {}; PRAGMA application_id = {}", step.version, kApplicationId));
    transaction.commit();
  }
}

} // namespace tally::ledger
