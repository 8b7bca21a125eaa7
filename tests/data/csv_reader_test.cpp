#include "data_test_support.hpp"
#include "tests/support/contract_schema.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using tally::test::at_most;
using tally::test::column_index;
using tally::test::contract_header;
using tally::test::located;
using tally::test::read_failure;
using tally::test::read_text;
using tally::test::skipping_bad_rows;
using tally::test::string_cell;

namespace {

constexpr std::string_view kMinimalHeader = "observed_at,asset_id,source\n";

} // namespace

TEST_CASE("a CSV file with every contract column is read row by row", "[csv]") {
  const std::string text =
      contract_header() +
      "\n2026-01-01,h-1,host,agent,ag-1,,,active,3,7,1,VM;PC,,2026-01-01,windows,Windows 11,"
      "prod,2025-06-01\n"
      "2026-01-02T10:15:00Z,vm-2,vm,cloud_connector,,i-9,aws,terminated,,,,,,,,,,\n";
  const tally::Table table = read_text(text);
  REQUIRE(table.rows == 2);
  CHECK(table.line == std::vector<std::uint64_t>{2, 3});
  CHECK(string_cell(table, "asset_id", 0) == "h-1");
  CHECK(string_cell(table, "agent_id", 0) == "ag-1");
  CHECK(string_cell(table, "instance_id", 1) == "i-9");
  CHECK(table.columns[column_index("vulns")].ints == std::vector<std::int64_t>{7, 0});
  CHECK(table.columns[column_index("cloud")].enums == std::vector<std::uint8_t>{tally::kNoEnum, 0});
  CHECK(table.day[1] == *tally::parse_date("2026-01-02"));
  CHECK(table.extra_columns.empty());
  CHECK(table.skipped.empty());
  for (const tally::ColumnData& column : table.columns)
    CHECK(column.present);
}

TEST_CASE("column order is free and absent columns read as empty", "[csv]") {
  const tally::Table table = read_text("source,status,asset_id,observed_at\nscanner,inactive,a,2026-01-01\n");
  REQUIRE(table.rows == 1);
  CHECK(table.columns[column_index("status")].enums[0] == 2);
  CHECK(table.columns[column_index("status")].present);
  CHECK_FALSE(table.columns[column_index("vulns")].present);
  CHECK(table.columns[column_index("vulns")].ints == std::vector<std::int64_t>{0});
  CHECK(table.columns[column_index("asset_type")].enums[0] == 14); // default `other`
}

TEST_CASE("unknown header columns are kept by name and their cells ignored", "[csv]") {
  const tally::Table table =
      read_text("region,observed_at,asset_id,owner,source\neu,2026-01-01,a,\"x,y\",scanner\n");
  REQUIRE(table.rows == 1);
  CHECK(table.extra_columns == std::vector<std::string>{"region", "owner"});
  CHECK(string_cell(table, "asset_id", 0) == "a");
}

TEST_CASE("CSV quoting follows RFC 4180", "[csv]") {
  const std::string text = "observed_at,asset_id,source,os_name,tags\n"
                           "2026-01-01,\"a,1\",scanner,\"Windows \"\"Server\"\"\",\"\"\n"
                           "2026-01-01,\"multi\nline\r\nid\",scanner,\"\"\"\",x\n"
                           "\"2026-01-02\",b,\"agent\",,\n";
  SECTION("quoted fields, doubled quotes, embedded newlines") {
    const tally::Table table = read_text(text, ".csv", skipping_bad_rows());
    REQUIRE(table.rows == 2);
    CHECK(string_cell(table, "asset_id", 0) == "a,1");
    CHECK(string_cell(table, "os_name", 0) == "Windows \"Server\"");
    CHECK(string_cell(table, "asset_id", 1) == "multi\nline\r\nid");
    CHECK(string_cell(table, "os_name", 1) == "\"");
    CHECK(table.line == std::vector<std::uint64_t>{2, 3});
    // The agent row lacks agent_id; it starts on line 6, after the record that spans lines 3 to 5.
    REQUIRE(table.skipped.size() == 1);
    CHECK(table.skipped[0].line == 6);
    CHECK(table.skipped[0].message ==
          "missing value for column `agent_id`, which is required when `source` is `agent`");
  }
  SECTION("a field after an embedded newline is located on its own line") {
    const tally::Diagnostic error =
        read_failure("observed_at,asset_id,source\n2026-01-01,\"two\nlines\",scaner\n");
    CHECK(located(error) == "input:3:8: unknown value `scaner` for column `source`; did you mean `scanner`?");
  }
}

TEST_CASE("CRLF line endings, a BOM, blank lines and a missing final newline are accepted", "[csv]") {
  const std::string text = "\xEF\xBB\xBFobserved_at,asset_id,source\r\n\r\n2026-01-01,a,scanner\r\n"
                           "\r\n\n2026-01-01,\"b\",scanner\r\n2026-01-02,c,cmdb";
  const tally::Table table = read_text(text);
  REQUIRE(table.rows == 3);
  CHECK(table.line == std::vector<std::uint64_t>{3, 6, 7});
  CHECK(string_cell(table, "asset_id", 2) == "c");
  CHECK(table.columns[column_index("source")].enums[2] == 8); // cmdb, not "cmdb\r"
  CHECK(table.extra_columns.empty());                         // the BOM is not part of the first name
  // A final CR without LF is a line end too, on the plain and the quoted path.
  for (const char* last_line : {"2026-01-02,c,cmdb\r", "2026-01-02,\"c\",cmdb\r", "2026-01-02,c,\"cmdb\"\r"})
    CHECK(read_text(std::string("observed_at,asset_id,source\n") + last_line)
              .columns[column_index("source")]
              .enums == std::vector<std::uint8_t>{8});
}

TEST_CASE("records of every length split correctly at any alignment", "[csv]") {
  // The fast path scans sixteen bytes at a time: a first row of growing
  // length, then ids of growing length, move every delimiter across block
  // boundaries, the file's last byte included.
  for (const std::string_view ending : {"\n", "\r\n"}) {
    for (std::size_t shift = 1; shift <= 16; ++shift) {
      std::string text = fmt::format("observed_at,asset_id,source,vulns{}2026-01-01,{},cmdb,0{}", ending,
                                     std::string(shift, 's'), ending);
      for (std::size_t length = 1; length <= 40; ++length)
        text += fmt::format("2026-01-01,{},scanner,{}{}", std::string(length, 'a'), length, ending);
      const std::string without_final_newline = text.substr(0, text.size() - ending.size());
      for (const std::string& variant : {text, without_final_newline}) {
        const tally::Table table = read_text(variant);
        REQUIRE(table.rows == 41);
        REQUIRE(string_cell(table, "asset_id", 0).size() == shift);
        for (std::size_t row = 1; row <= 40; ++row) {
          REQUIRE(string_cell(table, "asset_id", row).size() == row);
          REQUIRE(table.columns[column_index("vulns")].ints[row] == static_cast<std::int64_t>(row));
        }
      }
    }
  }
}

TEST_CASE("an empty file has no header row", "[csv]") {
  for (const char* text : {"", "\n\n", "\xEF\xBB\xBF", "\r\n"}) {
    const tally::Diagnostic error = read_failure(text);
    CHECK(error.code == "E0703");
    CHECK(error.pos.line == 0);
    CHECK(error.message == "empty file: no header row");
  }
}

TEST_CASE("header errors are located and always fatal", "[csv]") {
  const tally::ReadOptions skipping = skipping_bad_rows();
  CHECK(located(read_failure("observed_at,asset_id,source,asset_id\n", ".csv", skipping)) ==
        "input:1:29: duplicate column `asset_id` in the header (fields 2 and 4)");
  CHECK(located(read_failure("observed_at,asset_id,,source\n", ".csv", skipping)) ==
        "input:1:22: empty column name in the header (field 3)");
  CHECK(located(read_failure("observed_at,asset_id,source,\n", ".csv", skipping)) ==
        "input:1:29: empty column name in the header (field 4)");
  const tally::Diagnostic missing =
      read_failure("observed_at,source,vulns\n2026-01-01,scanner,1\n", ".csv", skipping);
  CHECK(located(missing) == "input:1:1: missing required column `asset_id`");
  CHECK(missing.code == "E0704");
  CHECK(missing.help.empty());
  const tally::Diagnostic misspelt = read_failure("observed_at,asset_ID,source\n2026-01-01,a,scanner\n");
  CHECK(located(misspelt) == "input:1:1: missing required column `asset_id`");
  CHECK(misspelt.help == "the input has a column `asset_ID`; is it `asset_id` misspelt?");
  CHECK(located(read_failure("asset_id,source\n")) == "input:1:1: missing required column `observed_at`");
  CHECK(located(read_failure("observed_at,asset_id\n")) == "input:1:1: missing required column `source`");
  CHECK(located(read_failure("observed_at,\"asset_id,source\n")) ==
        "input:1:13: unterminated quoted field: no closing `\"` before the end of the file");
}

TEST_CASE("columns the selected rules need must be in the header", "[csv]") {
  tally::ReadOptions options;
  options.needed_columns = {{"status", "CSAM"}, {"findings", "ETM"}};
  const std::string text = "observed_at,asset_id,source,status\n2026-01-01,a,scanner,active\n";
  CHECK(located(read_failure(text, ".csv", options)) ==
        "input:1:1: column `findings` is needed by product ETM but the table has no such column");
  const std::string misspelt = "observed_at,asset_id,source,status,finding\n2026-01-01,a,scanner,active,1\n";
  CHECK(read_failure(misspelt, ".csv", options).help ==
        "the input has a column `finding`; is it `findings` misspelt?");
  // A needed column may be one the schema does not know, if the input has it.
  options.needed_columns = {{"region", "MY-RULE"}};
  CHECK(read_text("observed_at,asset_id,source,region\n2026-01-01,a,scanner,eu\n", ".csv", options).rows ==
        1);
}

TEST_CASE("a row with the wrong number of fields is located", "[csv]") {
  CHECK(located(read_failure("observed_at,asset_id,source\n2026-01-01,a\n")) ==
        "input:2:13: expected 3 fields, found 2");
  CHECK(located(read_failure("observed_at,asset_id,source\n2026-01-01,a,scanner,extra,more\n")) ==
        "input:2:22: expected 3 fields, found 5");
  const tally::Diagnostic error = read_failure(contract_header() + "\n" + std::string(16, ',') + "\n");
  CHECK(error.message == "expected 18 fields, found 17");
  CHECK(error.code == "E0702");
}

TEST_CASE("malformed quoting is a located row error", "[csv]") {
  CHECK(located(read_failure("observed_at,asset_id,source\n2026-01-01,a\"b,scanner\n")) ==
        "input:2:12: quote inside unquoted field 2; quote the whole field and double the quote, as in "
        "\"a\"\"b\"");
  CHECK(located(read_failure("observed_at,asset_id,source\n2026-01-01,\"a\"b,scanner\n")) ==
        "input:2:12: unexpected `b` after the closing quote of field 2; a quote inside a quoted field is "
        "written `\"\"`");
  const tally::Diagnostic unterminated = read_failure(
      "observed_at,asset_id,source\n2026-01-01,a,scanner\n2026-01-02,\"b,scanner\n2026-01-03,c,cmdb\n",
      ".csv", skipping_bad_rows());
  CHECK(located(unterminated) ==
        "input:3:12: unterminated quoted field: no closing `\"` before the end of the file");
}

TEST_CASE("bad cells are reported at their line and column", "[csv]") {
  const std::string header(kMinimalHeader);
  CHECK(located(read_failure(header + "2026-01-01,a,scanner\n2026-02-30,b,scanner\n")) ==
        "input:3:1: invalid date `2026-02-30` in column `observed_at`");
  CHECK(located(read_failure(header + "2026-01-01,asset-1,scaner\n")) ==
        "input:2:20: unknown value `scaner` for column `source`; did you mean `scanner`?");
  CHECK(located(read_failure(header + "2026-01-01,,scanner\n")) ==
        "input:2:12: missing value for required column `asset_id`");
  CHECK(located(read_failure("observed_at,asset_id,source,vulns\n2026-01-01,a,scanner,-2\n")) ==
        "input:2:22: negative count `-2` in column `vulns`");
  const tally::Diagnostic error = read_failure(header + "2026-01-01,\"a\",\"scaner\"\n");
  CHECK(located(error) == "input:2:16: unknown value `scaner` for column `source`; did you mean `scanner`?");
  CHECK(error.code == "E0705");
  CHECK(error.length == 8);
  // A bad item of a set is located at the item; in a quoted cell, at the cell.
  const std::string modules_header = "observed_at,asset_id,source,modules\n";
  CHECK(located(read_failure(modules_header + "2026-01-01,a,agent,VM;EDX\n")) ==
        "input:2:23: unknown item `EDX` in column `modules`; did you mean `EDR`?");
  CHECK(located(read_failure(modules_header + "2026-01-01,a,agent,\"VM;EDX\"\n")) ==
        "input:2:20: unknown item `EDX` in column `modules`; did you mean `EDR`?");
}

TEST_CASE("skip_bad_rows keeps reading and records every bad row", "[csv]") {
  const std::string text = "observed_at,asset_id,source,vulns\n"
                           "2026-01-01,a,scanner,1\n"
                           "2026-01-01,b,scaner,2\n"
                           "2026-01-01,c,scanner\n"
                           "2026-01-01,\"d\"x,scanner,3\n"
                           "2026-01-01,e,scanner,4\n"
                           "2026-01-01,f,scanner,-5\n";
  const tally::Table table = read_text(text, ".csv", skipping_bad_rows());
  REQUIRE(table.rows == 2);
  CHECK(table.line == std::vector<std::uint64_t>{2, 6});
  CHECK(table.columns[column_index("vulns")].ints == std::vector<std::int64_t>{1, 4});
  REQUIRE(table.skipped.size() == 4);
  CHECK(table.skipped[0].line == 3);
  CHECK(table.skipped[0].column == 14);
  CHECK(table.skipped[0].message == "unknown value `scaner` for column `source`; did you mean `scanner`?");
  CHECK(table.skipped[1].line == 4);
  CHECK(table.skipped[1].message == "expected 4 fields, found 3");
  CHECK(table.skipped[2].line == 5);
  CHECK(table.skipped[2].column == 12);
  CHECK(table.skipped[3].line == 7);
  CHECK(table.skipped[3].message == "negative count `-5` in column `vulns`");
}

TEST_CASE("reading stops past max_rows", "[csv]") {
  const std::string text = "observed_at,asset_id,source\n2026-01-01,a,scanner\n\n2026-01-01,b,scanner\n"
                           "2026-01-01,c,scanner\n";
  CHECK(read_text(text, ".csv", at_most(3)).rows == 3);
  const tally::Diagnostic error = read_failure(text, ".csv", at_most(2, true));
  CHECK(located(error) == "input:5:1: too many rows (limit is 2)");
  CHECK(error.code == "E0706");
}

// Blank lines make the first lines' average length tiny, so the rows guessed
// from the file's size were once many times the limit: gigabytes of them ran
// out of memory before reading a row.
TEST_CASE("the rows reserved for a file never pass max_rows", "[csv]") {
  const std::string text = "observed_at,asset_id,source\n" + std::string(1 << 20, '\n');
  const tally::Table table = read_text(text, ".csv", at_most(100));
  CHECK(table.rows == 0);
  CHECK(table.day.capacity() <= 100);
}
