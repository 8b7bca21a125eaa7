// The observation table as `tally load` sends it to PostgreSQL: the DDL the
// SQL back end's queries rely on, and COPY text with every escape, checked
// without a server (tests/cli/postgres_load_test.sh checks what a server reads).
#include "tests/support/contract_schema.hpp"
#include "tools/postgres_copy.hpp"

#include "interpreter/sql/postgres_dialect.hpp"

#include <catch2/catch.hpp>

namespace {

using tally::Column;
using tally::ColumnType;

// Every column type, with and without a default, and both kinds of set.
tally::Schema small_schema() {
  tally::Schema schema;
  schema.name = "observations";
  schema.columns = {
      Column{"observed_at", ColumnType::timestamp, {}, true, {}, 0, {}, {}},
      Column{"asset_id", ColumnType::string, {}, true, {}, 0, {}, {}},
      Column{"kind", ColumnType::enumeration, {"a", "b"}, false, {}, 0, {}, {}},
      Column{"status", ColumnType::enumeration, {"on", "off"}, false, {}, 0, std::string("on"), {}},
      Column{"count", ColumnType::integer, {}, false, {}, 0, {}, {}},
      Column{"modules", ColumnType::set, {"X", "Y", "Z"}, false, {}, 0, {}, {}},
      Column{"tags", ColumnType::set, {}, false, {}, 0, {}, {}},
      Column{"seen_at", ColumnType::timestamp, {}, false, {}, 0, {}, {}},
  };
  return schema;
}

struct Rows {
  tally::Schema schema = small_schema();
  tally::Table table;
  tally::RowAppender appender{schema, table};

  // Cells in schema order; "" is an empty cell.
  void add(const std::vector<std::string>& cells) {
    appender.begin_row(table.rows + 2);
    tally::BadRow error;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      INFO(error.message);
      REQUIRE(appender.set_cell(i, cells[i], 1, error));
    }
    INFO(error.message);
    REQUIRE(appender.end_row(error));
  }

  std::string copy_text(std::size_t chunk_bytes = tally::pg::CopyRows::kChunkBytes) {
    tally::pg::CopyRows rows(schema, table, chunk_bytes);
    std::string all, chunk;
    while (rows.next(chunk))
      all += chunk;
    return all;
  }
};

} // namespace

TEST_CASE("table names are plain lowercase identifiers, optionally schema-qualified") {
  using tally::pg::is_table_name;
  CHECK(is_table_name("observations"));
  CHECK(is_table_name("_obs_2026"));
  CHECK(is_table_name("metering.observations"));
  for (const auto* bad :
       {"", "Observations", "2026obs", "a-b", "a b", "a.b.c", ".a", "a.", "\"a\"", "obs;drop"})
    CHECK_FALSE(is_table_name(bad));
  CHECK(tally::pg::quoted_table_name("metering.observations") == "\"metering\".\"observations\"");
}

TEST_CASE("the table has one column per schema column, in order, typed as the SQL back end reads it") {
  CHECK(tally::pg::create_table_sql(small_schema(), "obs") == "CREATE TABLE \"obs\" (\n"
                                                              "  \"observed_at\" timestamp,\n"
                                                              "  \"asset_id\" text,\n"
                                                              "  \"kind\" text,\n"
                                                              "  \"status\" text,\n"
                                                              "  \"count\" bigint,\n"
                                                              "  \"modules\" text[],\n"
                                                              "  \"tags\" text[],\n"
                                                              "  \"seen_at\" timestamp\n"
                                                              ")");
  CHECK(tally::pg::copy_sql(small_schema(), "s.obs") ==
        "COPY \"s\".\"obs\" (\"observed_at\", \"asset_id\", \"kind\", \"status\", \"count\", \"modules\", "
        "\"tags\", \"seen_at\") FROM STDIN");
}

TEST_CASE("the contract's columns get the documented types") {
  const auto schema = tally::test::contract_schema();
  const auto type = [&](std::string_view name) {
    return tally::sql::postgres_dialect().column_type(schema.find(name)->type);
  };
  CHECK(type("observed_at") == "timestamp");
  CHECK(type("asset_id") == "text");
  CHECK(type("asset_type") == "text");
  CHECK(type("open_ports") == "bigint");
  CHECK(type("modules") == "text[]");
  CHECK(type("tags") == "text[]");
}

TEST_CASE("cells are written as the reader stored them: defaults applied, empty cells NULL") {
  Rows rows;
  rows.add({"2026-01-01T14:29:23Z", "h-1", "b", "", "7", "Z;X", "", "2026-01-02"});
  rows.add({"2026-01-01", "h-2", "", "off", "", "", "", ""});
  CHECK(rows.copy_text() == "2026-01-01 14:29:23\th-1\tb\ton\t7\t{\"X\",\"Z\"}\t{}\t2026-01-02 00:00:00\n"
                            "2026-01-01 00:00:00\th-2\t\\N\toff\t0\t{}\t{}\t\\N\n");
}

TEST_CASE("text is escaped for COPY, and set items for the array literal first") {
  Rows rows;
  rows.add({"2026-01-01", "tab\there\nnew line\\ cr\r", "", "", "", "",
            "x\"y; back\\slash ;comma,brace};NULL;tab\tin", ""});
  CHECK(rows.copy_text() ==
        "2026-01-01 00:00:00\ttab\\there\\nnew line\\\\ cr\\r\t\\N\ton\t0\t{}\t"
        "{\"x\\\\\"y\",\"back\\\\\\\\slash\",\"comma,brace}\",\"NULL\",\"tab\\tin\"}\t\\N\n");
}

TEST_CASE("year 0 is 1 BC to PostgreSQL") {
  Rows rows;
  rows.add({"0000-03-01T01:02:03Z", "h", "", "", "", "", "", "9999-12-31T23:59:59Z"});
  CHECK(rows.copy_text() == "0001-03-01 01:02:03 BC\th\t\\N\ton\t0\t{}\t{}\t9999-12-31 23:59:59\n");
}

TEST_CASE("rows come in chunks of whole rows") {
  Rows rows;
  for (int i = 0; i < 3; ++i)
    rows.add({"2026-01-01", "h" + std::to_string(i), "", "", "", "", "", ""});
  tally::pg::CopyRows copy(rows.schema, rows.table, 1);
  std::string chunk;
  for (int i = 0; i < 3; ++i) {
    REQUIRE(copy.next(chunk));
    CHECK(chunk == "2026-01-01 00:00:00\th" + std::to_string(i) + "\t\\N\ton\t0\t{}\t{}\t\\N\n");
  }
  CHECK_FALSE(copy.next(chunk));
  CHECK(copy.rows_given() == 3);
  CHECK(rows.copy_text(100) == rows.copy_text());
}

TEST_CASE("a NUL character, which PostgreSQL text cannot hold, names its row and column") {
  Rows rows;
  rows.add({"2026-01-01", "fine", "", "", "", "", "", ""});
  rows.add({"2026-01-01", "fine", "", "", "", "", std::string("a\0b", 3), ""});
  try {
    rows.copy_text();
    FAIL("no error");
  } catch (const tally::pg::UnstorableCell& cell) {
    CHECK(cell.row == 1);
    CHECK(cell.column == "tags");
    CHECK(std::string(cell.what()) ==
          "column `tags` holds a NUL character, which PostgreSQL text cannot store");
  }
}

TEST_CASE("a table without every column's cells is refused") {
  tally::Table table;
  table.rows = 1;
  table.columns.resize(small_schema().columns.size());
  CHECK_THROWS_AS(tally::pg::CopyRows(small_schema(), table), std::logic_error);
}
