// pg::Session against a real server: tests/postgres/with_server.sh starts a
// private one and names its database in TALLY_TEST_DSN. What the SQL back end
// relies on: text results with NULL told apart, the rows of the last of
// several statements, one-line messages with their SQLSTATE, a connection
// still usable after any failure, and COPY that keeps nothing of a failed copy.
#include "tools/postgres_session.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

namespace {

using tally::pg::QueryResult;
using tally::pg::Session;
using tally::pg::SessionError;

std::string dsn() {
  const char* given = std::getenv("TALLY_TEST_DSN");
  if (!given) FAIL("TALLY_TEST_DSN is not set: run through tests/postgres/with_server.sh");
  return given;
}

std::optional<std::string> single(Session& session, const std::string& sql) {
  const QueryResult result = session.query(sql);
  REQUIRE(result.rows.size() == 1);
  REQUIRE(result.rows[0].size() == 1);
  return result.rows[0][0];
}

// The failure `run` throws, as "SQLSTATE: message".
template <class Run> std::string failure(Run&& run) {
  try {
    run();
  } catch (const SessionError& error) {
    return error.sqlstate() + ": " + error.what();
  }
  return "no error";
}

// Feeds `chunks` to copy_in, one per call.
std::function<bool(std::string&)> chunks_of(std::vector<std::string> chunks) {
  return [chunks = std::move(chunks), next = std::size_t{0}](std::string& chunk) mutable {
    if (next == chunks.size()) return false;
    chunk = chunks[next++];
    return true;
  };
}

} // namespace

TEST_CASE("a query's columns and rows come as text, NULL as no value") {
  Session session(dsn());
  const auto result = session.query("SELECT 1 AS one, NULL::text AS nothing, 'it''s é' AS text, "
                                    "ARRAY['a', 'b c'] AS items, '2026-01-02 03:04:05'::timestamp AS at");
  CHECK(result.columns == std::vector<std::string>{"one", "nothing", "text", "items", "at"});
  REQUIRE(result.rows.size() == 1);
  CHECK(result.rows[0] == std::vector<std::optional<std::string>>{"1", std::nullopt, "it's é", "{a,\"b c\"}",
                                                                  "2026-01-02 03:04:05"});
  CHECK(single(session, "SHOW client_encoding") == "UTF8");
}

TEST_CASE("several statements give the rows of the last") {
  Session session(dsn());
  const auto result = session.query("CREATE TEMP TABLE t (x int); INSERT INTO t VALUES (2), (1); "
                                    "SELECT x FROM t ORDER BY x");
  CHECK(result.columns == std::vector<std::string>{"x"});
  CHECK(result.rows == std::vector<std::vector<std::optional<std::string>>>{{"1"}, {"2"}});
  CHECK(session.query("DROP TABLE t").rows.empty());
  CHECK_NOTHROW(session.execute(""));
}

TEST_CASE("a failure is the server's message on one line, with its SQLSTATE") {
  Session session(dsn());
  CHECK(failure([&] { session.query("SELECT * FROM no_such_table"); }) ==
        "42P01: relation \"no_such_table\" does not exist");
  CHECK(failure([&] { session.execute("SELEC 1"); }) == "42601: syntax error at or near \"SELEC\"");
  // Statements sent together run as one transaction: nothing of them stays.
  CHECK(failure([&] {
          session.execute("CREATE TEMP TABLE u (x int); SELECT 1/0; CREATE TEMP TABLE v (x int)");
        }) == "22012: division by zero");
  CHECK(single(session, "SELECT to_regclass('pg_temp.u') IS NULL AND to_regclass('pg_temp.v') IS NULL") ==
        "t");
}

TEST_CASE("a refused connection says so, on one line") {
  try {
    Session session("host=/nonexistent-tally-socket-dir dbname=tally");
    FAIL("connected");
  } catch (const SessionError& error) {
    CHECK(std::string(error.what()) == "cannot connect to PostgreSQL: connection to server on socket "
                                       "\"/nonexistent-tally-socket-dir/.s.PGSQL.5432\" failed: No such file "
                                       "or directory");
    CHECK(error.sqlstate().empty());
  }
  CHECK(failure([] { Session session("not a connection string"); }) ==
        ": cannot connect to PostgreSQL: missing \"=\" after \"not\" in connection info string");
}

TEST_CASE("copy_in sends every chunk") {
  Session session(dsn());
  session.execute("CREATE TEMP TABLE c (x int, s text)");
  session.copy_in("COPY c (x, s) FROM STDIN", chunks_of({"1\tone\n2\t\\N\n", "", "3\ttab\\there\n"}));
  const auto result = session.query("SELECT x, s FROM c ORDER BY x");
  CHECK(result.rows == std::vector<std::vector<std::optional<std::string>>>{
                           {"1", "one"}, {"2", std::nullopt}, {"3", "tab\there"}});
}

TEST_CASE("a failed copy keeps nothing and leaves the session usable") {
  Session session(dsn());
  session.execute("CREATE TEMP TABLE c (x int)");

  SECTION("the server refuses a row") {
    CHECK(failure([&] {
            session.copy_in("COPY c FROM STDIN", chunks_of({"1\n", "two\n", "3\n"}));
          }) == "22P02: invalid input syntax for type integer: \"two\"");
  }
  SECTION("the chunks cannot be made") {
    CHECK_THROWS_WITH(session.copy_in("COPY c FROM STDIN",
                                      [calls = 0](std::string& chunk) mutable {
                                        if (++calls == 2) throw std::runtime_error("no more data");
                                        chunk = "1\n";
                                        return true;
                                      }),
                      "no more data");
  }
  SECTION("the statement is no COPY FROM STDIN") {
    CHECK(failure([&] { session.copy_in("SELECT 1", chunks_of({"1\n"})); }) ==
          ": copy_in() runs COPY ... FROM STDIN only");
    CHECK(failure([&] { session.copy_in("COPY c TO STDOUT", chunks_of({})); }) ==
          ": copy_in() runs COPY ... FROM STDIN only");
    CHECK(failure([&] { session.copy_in("COPY no_such_table FROM STDIN", chunks_of({})); }) ==
          "42P01: relation \"no_such_table\" does not exist");
  }
  SECTION("COPY through query()") {
    CHECK(failure([&] { session.query("COPY c FROM STDIN"); }) ==
          ": COPY is not run through query(): use copy_in()");
    CHECK(failure([&] { session.query("COPY (SELECT 1) TO STDOUT"); }) ==
          ": COPY is not run through query(): use copy_in()");
  }
  CHECK(single(session, "SELECT count(*) FROM c") == "0");
}
