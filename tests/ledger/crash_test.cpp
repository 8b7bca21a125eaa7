// Crash safety: a write that fails or stops midway leaves the ledger exactly
// as it was. Faults are injected with triggers the tests add to the file, so
// the code under test is the code the command runs.
#include "ledger_fixture.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace ledger_test;
using Catch::Matchers::Contains;

constexpr int kCrashed = 42;

// A ledger with acme-2026 allocated on 2026-01-01, and a trigger that runs
// `action` when a rebalance updates its first allocation: after the change,
// its first history line and that update, before the rest and the audit entry.
void prepare(const LedgerFixture& fixture, const std::string& action) {
  fixture.with_acme().allocate("alice", "acme-2026",
                               {{"VMDR", qlu("50000")}, {"EDR", qlu("7552.5")}, {"CSAM", qlu("14200")}},
                               std::nullopt, kProducts);
  Database::open(fixture.file, Database::Open::existing)
      .execute("CREATE TRIGGER fault AFTER UPDATE ON allocations BEGIN " + action + "; END");
}

Allocations rebalancing() {
  return {{"CSAM", qlu("10000")}, {"EDR", qlu("10000")}, {"VMDR", qlu("45000")}};
}

TEST_CASE("a statement failing midway through a rebalance leaves the ledger as it was") {
  LedgerFixture fixture;
  prepare(fixture, "SELECT RAISE(ABORT, 'injected fault')");
  const auto before = dump(fixture.file);
  auto later = fixture.open_on("2026-04-01");
  CHECK_THROWS_WITH(later.rebalance("alice", "acme-2026", rebalancing(), std::nullopt, kProducts),
                    Contains("injected fault"));
  CHECK(dump(fixture.file) == before);
}

TEST_CASE("a failing audit entry undoes the change it records") {
  LedgerFixture fixture;
  fixture.open_on("2026-01-01");
  Database::open(fixture.file, Database::Open::existing)
      .execute(
          "CREATE TRIGGER fault BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'injected fault'); END");
  const auto before = dump(fixture.file);
  CHECK_THROWS_WITH(fixture.open_on("2026-01-01").create_subscription("admin", fixture.acme()),
                    Contains("injected fault"));
  CHECK(dump(fixture.file) == before);
}

// Runs the rebalance in a child process that `prepare` made die midway,
// without unwinding or rolling back.
void rebalance_and_die(const LedgerFixture& fixture) {
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    try {
      auto database = Database::open(fixture.file, Database::Open::existing);
      sqlite3_create_function(
          database.handle(), "crash", 0, SQLITE_UTF8, nullptr,
          [](sqlite3_context*, int, sqlite3_value**) { _exit(kCrashed); }, nullptr, nullptr);
      Ledger ledger(std::move(database), clock_on("2026-04-01"));
      ledger.rebalance("alice", "acme-2026", rebalancing(), std::nullopt, kProducts);
      _exit(0); // the rebalance finished: the fault was never reached
    } catch (...) {
      _exit(1);
    }
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == kCrashed);
}

void rebalance_after_the_crash(const LedgerFixture& fixture) {
  Database::open(fixture.file, Database::Open::existing).execute("DROP TRIGGER fault");
  auto ledger = fixture.open_on("2026-04-01");
  CHECK(ledger.show("alice", "acme-2026").last_change->kind == "allocate");
  CHECK(ledger.rebalance("alice", "acme-2026", rebalancing(), std::nullopt, kProducts).changes.size() == 3);
}

TEST_CASE("a process killed midway through a rebalance leaves the previous state") {
  LedgerFixture fixture;
  prepare(fixture, "SELECT crash()");
  const auto before = dump(fixture.file);
  rebalance_and_die(fixture);
  // It had begun writing: its journal is left behind, never committed.
  CHECK(std::filesystem::exists(fixture.file.string() + "-journal"));
  CHECK(dump(fixture.file) == before);
  rebalance_after_the_crash(fixture);
}

// Enough is written before the crash that SQLite spills pages into the file
// itself, so the next open must roll them back from the journal.
TEST_CASE("a process killed after writing into the file is rolled back on the next open") {
  LedgerFixture fixture;
  prepare(fixture,
          "INSERT INTO users (name, added_at) VALUES (hex(zeroblob(8000000)), '2026-04-01T00:00:00Z'); "
          "SELECT crash()");
  const auto before = dump(fixture.file);
  const auto size_before = std::filesystem::file_size(fixture.file);
  rebalance_and_die(fixture);
  CHECK(std::filesystem::file_size(fixture.file) > size_before);
  CHECK(dump(fixture.file) == before);
  CHECK_FALSE(std::filesystem::exists(fixture.file.string() + "-journal"));
  rebalance_after_the_crash(fixture);
}

} // namespace
