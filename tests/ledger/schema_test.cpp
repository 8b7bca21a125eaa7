// The schema and its migrations: an empty file is brought to the current
// version, a reopened one is left alone, one from a newer tally or another
// application is refused, and a failed migration leaves the version before.
#include "ledger_fixture.hpp"

#include "tools/ledger/schema.hpp"

#include <catch2/catch.hpp>

#include <fstream>

namespace {

using namespace ledger_test;
using Catch::Matchers::Contains;

std::vector<std::string> tables(Database& database) {
  std::vector<std::string> names;
  auto rows =
      database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                       "ORDER BY name");
  while (rows.step())
    names.push_back(rows.text(0));
  return names;
}

const int kLatest = static_cast<int>(migrations().back().version);

TEST_CASE("migrations run from version 1 without a gap") {
  int expected = 1;
  for (const auto& migration : migrations())
    CHECK(migration.version == expected++);
}

TEST_CASE("an empty file is migrated to the latest schema") {
  TempFolder folder;
  const auto file = folder.path() / "empty.db";
  std::ofstream{file};
  REQUIRE(std::filesystem::file_size(file) == 0);
  Ledger::open(file, Ledger::Open::existing, clock_on("2026-01-01"));
  auto database = Database::open(file, Database::Open::existing);
  CHECK(database.pragma_integer("user_version") == kLatest);
  CHECK(tables(database) == std::vector<std::string>{"alert_thresholds", "allocation_changes",
                                                     "allocation_history", "allocations", "audit_log",
                                                     "grants", "license_settings", "license_super_users",
                                                     "pool", "subscriptions", "usage_history", "users"});
}

TEST_CASE("reopening a ledger keeps its data and migrates nothing") {
  LedgerFixture fixture;
  fixture.with_acme();
  const auto before = dump(fixture.file);
  auto reopened = Ledger::open(fixture.file, Ledger::Open::existing, clock_on("2026-02-01"));
  CHECK(dump(fixture.file) == before);
  CHECK(reopened.show("alice", "acme-2026").terms == fixture.acme());
}

TEST_CASE("a ledger from a newer tally is refused") {
  LedgerFixture fixture;
  fixture.with_acme();
  Database::open(fixture.file, Database::Open::existing).execute("PRAGMA user_version = 99");
  const auto before = dump(fixture.file);
  CHECK_THROWS_WITH(Ledger::open(fixture.file, Ledger::Open::existing, clock_on("2026-01-01")),
                    Contains("the ledger's schema is version 99, newer than this tally knows (" +
                             std::to_string(kLatest) + "); use a newer tally"));
  CHECK(dump(fixture.file) == before);
}

TEST_CASE("an SQLite file of another application is refused") {
  TempFolder folder;
  const auto file = folder.path() / "other.db";
  SECTION("tables of its own") {
    Database::open(file, Database::Open::create).execute("CREATE TABLE notes (text TEXT)");
    CHECK_THROWS_WITH(Ledger::open(file, Ledger::Open::existing, clock_on("2026-01-01")),
                      Contains("not a tally ledger (an SQLite file that already holds other tables)"));
  }
  SECTION("another application id") {
    Database::open(file, Database::Open::create).execute("PRAGMA application_id = 42");
    CHECK_THROWS_WITH(Ledger::open(file, Ledger::Open::existing, clock_on("2026-01-01")),
                      Contains("not a tally ledger (another application made this SQLite file)"));
  }
}

TEST_CASE("a later migration upgrades a ledger in one transaction") {
  LedgerFixture fixture;
  fixture.with_acme();
  std::vector<Migration> steps(migrations().begin(), migrations().end());
  SECTION("it succeeds: the next version, the data kept") {
    steps.push_back({kLatest + 1, "ALTER TABLE users ADD COLUMN email TEXT; "
                                  "UPDATE users SET email = name || '@example.com';"});
    auto database = Database::open(fixture.file, Database::Open::existing);
    migrate(database, steps);
    CHECK(database.pragma_integer("user_version") == kLatest + 1);
    auto email = database.prepare("SELECT email FROM users WHERE name = 'alice'");
    REQUIRE(email.step());
    CHECK(email.text(0) == "alice@example.com");
  }
  SECTION("it fails midway: the version before, untouched") {
    steps.push_back(
        {kLatest + 1, "CREATE TABLE alerts (product TEXT); INSERT INTO no_such_table VALUES (1);"});
    const auto before = dump(fixture.file);
    auto database = Database::open(fixture.file, Database::Open::existing);
    CHECK_THROWS_WITH(migrate(database, steps), Contains("no such table: no_such_table"));
    CHECK(dump(fixture.file) == before);
  }
}

TEST_CASE("the schema's checks refuse what the code never writes") {
  LedgerFixture fixture;
  fixture.with_acme();
  auto database = Database::open(fixture.file, Database::Open::existing);
  CHECK_THROWS_WITH(database.execute("UPDATE pool SET purchased_qlu = '-5'"),
                    Contains("CHECK constraint failed"));
  CHECK_THROWS_WITH(database.execute("UPDATE pool SET purchased_qlu = '1e5'"),
                    Contains("CHECK constraint failed"));
  CHECK_THROWS_WITH(database.execute("UPDATE subscriptions SET end_day = '2026-02-30'"),
                    Contains("CHECK constraint failed"));
  CHECK_THROWS_WITH(database.execute("UPDATE subscriptions SET end_day = '2025-12-31'"),
                    Contains("CHECK constraint failed"));
  CHECK_THROWS_WITH(database.execute("INSERT INTO allocations VALUES (99, 'EDR', '5')"),
                    Contains("FOREIGN KEY constraint failed"));
}

TEST_CASE("usage history records a period for an as-of day once") {
  LedgerFixture fixture;
  fixture.with_acme();
  auto database = Database::open(fixture.file, Database::Open::existing);
  const std::string row =
      "(1, 'EDR', '2026-01-01', '2026-01-15', '2026-01-20', 0, '2650', '1', '2650', '15105', '2', '7552.5', "
      "'tally 0.1.0', '" +
      std::string(64, 'a') + "', '" + std::string(64, 'b') + "', 'billing', '2026-01-20T06:00:00Z')";
  const auto insert = [&](const std::string& verb) {
    return verb +
           " INTO usage_history (subscription_id, product, period_start, period_end, as_of, partial, "
           "usage_numerator, usage_denominator, usage_decimal, qlu_numerator, qlu_denominator, qlu_decimal, "
           "engine, rules_sha256, data_sha256, recorded_by, recorded_at) VALUES " +
           row;
  };
  database.execute(insert("INSERT OR IGNORE"));
  database.execute(insert("INSERT OR IGNORE"));
  auto count = database.prepare("SELECT count(*), qlu_decimal FROM usage_history");
  REQUIRE(count.step());
  CHECK(count.integer(0) == 1);
  CHECK(count.text(1) == "7552.5");
  CHECK_THROWS_WITH(database.execute(insert("INSERT")), Contains("UNIQUE constraint failed"));
}

} // namespace
