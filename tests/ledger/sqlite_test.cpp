// The SQLite layer: the connection's settings, typed binds, the transaction
// guard, and errors that name the file and the SQL that failed.
#include "ledger_fixture.hpp"

#include <catch2/catch.hpp>

#include <fstream>

namespace {

using namespace ledger_test;
using Catch::Matchers::Contains;

Database scratch(const TempFolder& folder) {
  auto database = Database::open(folder.path() / "scratch.db", Database::Open::create);
  database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, note TEXT)");
  return database;
}

std::int64_t rows_in_t(Database& database) {
  auto count = database.prepare("SELECT count(*) FROM t");
  count.step();
  return count.integer(0);
}

TEST_CASE("a connection enforces foreign keys and keeps a rollback journal") {
  TempFolder folder;
  auto database = scratch(folder);
  CHECK(database.pragma_integer("foreign_keys") == 1);
  CHECK(database.pragma_integer("busy_timeout") == 5000);
  CHECK(database.pragma_integer("synchronous") == 2); // FULL
  auto mode = database.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.text(0) == "delete");
}

TEST_CASE("typed binds round-trip integers and text and NULL") {
  TempFolder folder;
  auto database = scratch(folder);
  const std::string awkward = "O'Brien; DROP TABLE t; -- \"quoted\"";
  database.run("INSERT INTO t (id, name, note) VALUES (?1, ?2, ?3)", std::int64_t{9007199254740993}, awkward,
               std::optional<std::string>());
  auto row = database.prepare("SELECT id, name, note FROM t");
  REQUIRE(row.step());
  CHECK(row.integer(0) == 9007199254740993);
  CHECK(row.text(1) == awkward);
  CHECK(row.is_null(2));
  CHECK_FALSE(row.optional_text(2));
  CHECK_FALSE(row.step());
}

TEST_CASE("a transaction rolls back unless committed") {
  TempFolder folder;
  auto database = scratch(folder);
  {
    Transaction transaction(database, Transaction::Kind::write);
    database.run("INSERT INTO t (name) VALUES ('dropped')");
  }
  CHECK(rows_in_t(database) == 0);
  CHECK_FALSE(database.in_transaction());
  {
    Transaction transaction(database, Transaction::Kind::write);
    database.run("INSERT INTO t (name) VALUES ('kept')");
    transaction.commit();
  }
  CHECK(rows_in_t(database) == 1);
}

TEST_CASE("an exception inside a transaction leaves nothing of it") {
  TempFolder folder;
  auto database = scratch(folder);
  database.run("INSERT INTO t (name) VALUES ('first')");
  try {
    Transaction transaction(database, Transaction::Kind::write);
    database.run("INSERT INTO t (name) VALUES ('second')");
    database.run("INSERT INTO t (name) VALUES ('first')"); // UNIQUE fails
    transaction.commit();
    FAIL("the duplicate was accepted");
  } catch (const StorageError&) {
  }
  CHECK(rows_in_t(database) == 1);
}

TEST_CASE("errors name the file and the SQL operation") {
  TempFolder folder;
  auto database = scratch(folder);
  database.run("INSERT INTO t (name) VALUES ('x')");
  CHECK_THROWS_WITH(
      database.run("INSERT INTO t (name) VALUES ('x')"),
      Contains("scratch.db: running `INSERT INTO t (name) VALUES ('x')` failed: UNIQUE constraint "
               "failed: t.name"));
  CHECK_THROWS_WITH(database.prepare("SELEC 1"), Contains("scratch.db: preparing `SELEC 1` failed"));
  CHECK_THROWS_WITH(database.execute("CREATE TABLE t (x)"), Contains("table t already exists"));
}

TEST_CASE("opening a missing file without create fails with the path") {
  TempFolder folder;
  CHECK_THROWS_WITH(Database::open(folder.path() / "missing.db", Database::Open::existing),
                    Contains("missing.db: opening failed"));
}

TEST_CASE("a file that is not SQLite is refused with a clear message") {
  TempFolder folder;
  const auto file = folder.path() / "notes.txt";
  std::ofstream(file)
      << "these are not the bytes of a database, and there are enough of them to fill a header\n";
  CHECK_THROWS_WITH(Database::open(file, Database::Open::existing), Contains("file is not a database"));
}

} // namespace
