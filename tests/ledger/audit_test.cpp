// The audit log: append-only whatever the writer, and in the order written.
#include "ledger_fixture.hpp"

#include <catch2/catch.hpp>

namespace {

using namespace ledger_test;
using Catch::Matchers::Contains;

TEST_CASE("the audit log refuses an UPDATE and a DELETE") {
  LedgerFixture fixture;
  fixture.with_acme();
  const auto before = dump(fixture.file);
  auto database = Database::open(fixture.file, Database::Open::existing);
  CHECK_THROWS_WITH(database.execute("UPDATE audit_log SET who = 'someone else'"),
                    Contains("the audit log is append-only: an entry cannot be changed"));
  CHECK_THROWS_WITH(database.execute("DELETE FROM audit_log"),
                    Contains("the audit log is append-only: an entry cannot be deleted"));
  CHECK_THROWS_WITH(
      database.execute("INSERT OR REPLACE INTO audit_log (id, at, who, action, subscription, outcome) "
                       "VALUES (1, '2026-01-01T00:00:00Z', 'x', 'create', 'acme-2026', 'done')"),
      Contains("the audit log is append-only: an entry cannot be replaced"));
  CHECK(dump(fixture.file) == before);
}

TEST_CASE("a refused entry has a reason and a done one has none") {
  LedgerFixture fixture;
  fixture.with_acme();
  auto database = Database::open(fixture.file, Database::Open::existing);
  CHECK_THROWS_WITH(database.execute("INSERT INTO audit_log (at, who, action, subscription, outcome) "
                                     "VALUES ('2026-01-01T00:00:00Z', 'x', 'show', 'acme-2026', 'refused')"),
                    Contains("CHECK constraint failed"));
  CHECK_THROWS_WITH(
      database.execute("INSERT INTO audit_log (at, who, action, subscription, outcome, after) "
                       "VALUES ('2026-01-01T00:00:00Z', 'x', 'show', 'acme-2026', 'done', '{oops')"),
      Contains("CHECK constraint failed"));
}

TEST_CASE("entries keep the order written with the time of each") {
  LedgerFixture fixture;
  fixture.with_acme("2025-12-20");
  Clock noon{start_of(day("2026-01-02")) + 12 * 3600 + 34 * 60 + 56};
  Ledger::open(fixture.file, Ledger::Open::existing, noon).grant("alice", "acme-2026", "bob");
  const auto audit = audit_entries(fixture.file, "acme-2026");
  REQUIRE(audit.size() == 2);
  CHECK(audit[0].id < audit[1].id);
  CHECK(audit[0].at == "2025-12-20T00:00:00Z");
  CHECK(audit[1].at == "2026-01-02T12:34:56Z");
}

TEST_CASE("each subscription reads its own audit log") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  ledger.create_subscription("admin", {"globex", day("2026-01-01"), day("2026-12-31"), qlu("500"), "gina"});
  CHECK(ledger.audit("alice", "acme-2026").size() == 1);
  CHECK(ledger.audit("gina", "globex").size() == 1);
  CHECK_THROWS_AS(ledger.audit("alice", "globex"), Refused);
}

} // namespace
