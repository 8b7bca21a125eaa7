#include "data_test_support.hpp"
#include "tests/support/contract_schema.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using tally::test::at_most;
using tally::test::column_index;
using tally::test::located;
using tally::test::read_failure;
using tally::test::read_text;
using tally::test::skipping_bad_rows;
using tally::test::string_cell;

namespace {

tally::Table read_lines(std::string_view text, const tally::ReadOptions& options = {}) {
  return read_text(text, ".jsonl", options);
}

std::string failure(std::string_view text, const tally::ReadOptions& options = {}) {
  return located(read_failure(text, ".jsonl", options));
}

// A valid object with `members` appended (each starting with ',').
std::string object(std::string_view members) {
  return fmt::format("{{\"observed_at\":\"2026-01-01\",\"asset_id\":\"a\",\"source\":\"scanner\"{}}}\n",
                     members);
}

} // namespace

TEST_CASE("JSON Lines objects are read with the CSV's field names", "[jsonl]") {
  const std::string text =
      "{\"observed_at\": \"2026-01-01T08:00Z\", \"asset_id\": \"h-1\", \"asset_type\": \"host\", \"source\": "
      "\"agent\", \"agent_id\": \"ag-1\", \"vulns\": 12, \"open_ports\": \"3\", \"findings\": null, "
      "\"modules\": [\"VM\", \"PC\"], \"tags\": \"prod;pci\"}\n"
      "\n"
      "  "
      "{\"source\":\"cloud_connector\",\"asset_id\":\"vm-2\",\"observed_at\":\"2026-01-02\",\"cloud\":"
      "\"gcp\","
      "\"instance_id\":\"i-7\",\"tags\":[]}  \r\n";
  const tally::Table table = read_lines(text);
  REQUIRE(table.rows == 2);
  CHECK(table.line == std::vector<std::uint64_t>{1, 3});
  CHECK(string_cell(table, "agent_id", 0) == "ag-1");
  CHECK(table.columns[column_index("vulns")].ints == std::vector<std::int64_t>{12, 0});
  CHECK(table.columns[column_index("open_ports")].ints == std::vector<std::int64_t>{3, 0});
  CHECK(table.columns[column_index("modules")].bits[0] == 0b11u);
  CHECK(table.columns[column_index("tags")].set_offsets == std::vector<std::uint32_t>{0, 2, 2});
  CHECK(table.columns[column_index("cloud")].enums[1] == 2);
  CHECK(table.day[1] == *tally::parse_date("2026-01-02"));
  CHECK(table.columns[column_index("findings")].present); // given, as null
  CHECK_FALSE(table.columns[column_index("os")].present);
  CHECK(table.skipped.empty());
}

TEST_CASE("string escapes decode to UTF-8", "[jsonl]") {
  const tally::Table table =
      read_lines(object(",\"os_name\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\",\"agent_id\":\"caf\\u00e9 \\u20AC "
                        "\\uD83D\\uDE00 "
                        "\\u0041\"") +
                 object(",\"os_name\":\"plain é\""));
  REQUIRE(table.rows == 2);
  CHECK(string_cell(table, "os_name", 0) == "q\" b\\ s/ \b\f\n\r\t");
  CHECK(string_cell(table, "agent_id", 0) == "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 A");
  CHECK(string_cell(table, "os_name", 1) == "plain é");
}

TEST_CASE("unknown keys are kept by name and their values skipped", "[jsonl]") {
  const tally::Table table =
      read_lines(object(",\"meta\":{\"a\":[1,2.5e3,{\"b\":null}],\"c\":true},\"region\":\"eu\"") +
                 object(",\"region\":false"));
  REQUIRE(table.rows == 2);
  CHECK(table.extra_columns == std::vector<std::string>{"meta", "region"});
}

TEST_CASE("keys may come in any order on every line", "[jsonl]") {
  const tally::Table table =
      read_lines("{\"asset_id\":\"a\",\"source\":\"scanner\",\"observed_at\":\"2026-01-01\"}\n"
                 "{\"observed_at\":\"2026-01-02\",\"source\":\"cmdb\",\"asset_id\":\"b\"}\n"
                 "{\"source\":\"easm\",\"observed_at\":\"2026-01-03\",\"asset_id\":\"c\"}\n");
  REQUIRE(table.rows == 3);
  CHECK(string_cell(table, "asset_id", 2) == "c");
  CHECK(table.columns[column_index("source")].enums == std::vector<std::uint8_t>{1, 8, 3});
}

TEST_CASE("values a column cannot take are located at the value", "[jsonl]") {
  CHECK(failure(object(",\"vulns\":1.5")) ==
        "input:1:71: number `1.5` in column `vulns` is not a whole number");
  CHECK(failure(object(",\"vulns\":1e3")) ==
        "input:1:71: number `1e3` in column `vulns` is not a whole number");
  CHECK(failure(object(",\"vulns\":-2")) == "input:1:71: negative count `-2` in column `vulns`");
  CHECK(failure(object(",\"os\":true")) ==
        "input:1:68: `true` in column `os`: no column takes true or false");
  CHECK(failure(object(",\"os\":[\"linux\"]")) ==
        "input:1:68: an array is only allowed in a set column; `os` has type enum");
  CHECK(failure(object(",\"os\":{}")) == "input:1:68: an object is not allowed as the value of `os`");
  CHECK(failure(object(",\"tags\":[\"a\",3]")) ==
        "input:1:75: items of set column `tags` must be strings, found `3`");
  CHECK(failure(object(",\"tags\":[\"a;b\"]")) ==
        "input:1:71: set item `a;b` in column `tags` contains `;`, which separates items");
  CHECK(failure(object(",\"modules\":[\"VM\",\"EDX\"]")) ==
        "input:1:73: unknown item `EDX` in column `modules`; did you mean `EDR`?");
  CHECK(failure("{\"observed_at\":\"2026-02-30\",\"asset_id\":\"a\",\"source\":\"scanner\"}\n") ==
        "input:1:16: invalid date `2026-02-30` in column `observed_at`");
  const tally::Diagnostic error = read_failure(object(",\"status\":\"actve\""), ".jsonl");
  CHECK(located(error) == "input:1:72: unknown value `actve` for column `status`; did you mean `active`?");
  CHECK(error.code == "E0705");
  CHECK(error.length == 7);
}

TEST_CASE("missing and null values are empty cells", "[jsonl]") {
  CHECK(failure("{\"observed_at\":\"2026-01-01\",\"source\":\"scanner\"}\n") ==
        "input:1:1: missing value for required column `asset_id`");
  CHECK(failure("{\"observed_at\":\"2026-01-01\",\"asset_id\":null,\"source\":\"scanner\"}\n") ==
        "input:1:40: missing value for required column `asset_id`");
  CHECK(failure("{\"observed_at\":\"2026-01-01\",\"asset_id\":\"a\",\"source\":\"agent\"}\n") ==
        "input:1:1: missing value for column `agent_id`, which is required when `source` is `agent`");
}

TEST_CASE("JSON syntax errors are located", "[jsonl]") {
  CHECK(failure("[1,2]\n") == "input:1:1: expected a JSON object starting with `{`, found `[`");
  CHECK(failure(object("") + "  \"x\"\n") ==
        "input:2:3: expected a JSON object starting with `{`, found `\"`");
  CHECK(failure("{\"observed_at\" \"2026-01-01\"}\n") ==
        "input:1:16: expected `:` after key `observed_at`, found `\"`");
  CHECK(failure("{\"observed_at\":\"2026-01-01\" \"asset_id\":\"a\"}\n") ==
        "input:1:29: expected `,` or `}` after the value of `observed_at`, found `\"`");
  CHECK(failure("{\"observed_at\":\"2026-01-01\",}\n") ==
        "input:1:29: expected a key in double quotes, found `}`");
  CHECK(failure("{\"observed_at\":\"2026-01-01\"\n") ==
        "input:1:28: expected `,` or `}` after the value of `observed_at`, found the end of the line");
  CHECK(failure(object("") + "{\"asset_id\":\"a\"} x\n") ==
        "input:2:18: unexpected text after the object; JSON Lines holds one object per line");
  CHECK(failure("{\"asset_id\":\"abc}\n") == "input:1:13: unterminated string: no closing `\"` on this line");
  CHECK(failure("{\"asset_id\":\"a\tb\"}\n") ==
        "input:1:15: control character inside a string; write it as an escape such as \\t");
  CHECK(failure("{\"asset_id\":\"a\\qb\"}\n") == "input:1:15: invalid escape `\\q` in a string");
  CHECK(failure("{\"asset_id\":\"a\\u12G4\"}\n") ==
        "input:1:15: `\\u` must be followed by four hexadecimal digits");
  CHECK(failure("{\"asset_id\":\"a\\uDE00\"}\n") ==
        "input:1:15: unpaired low surrogate `\\uDE00` in a string");
  CHECK(failure("{\"asset_id\":\"a\\uD83Dx\"}\n") ==
        "input:1:15: high surrogate `\\uD83D` is not followed by a low surrogate `\\uDC00`..`\\uDFFF`");
  CHECK(failure("{\"asset_id\":\"a\\uD83D\\u0041\"}\n") ==
        "input:1:15: high surrogate `\\uD83D` is not followed by a low surrogate `\\uDC00`..`\\uDFFF`");
  CHECK(failure("{\"vulns\":01}\n") ==
        "input:1:11: expected `,` or `}` after the value of `vulns`, found `1`");
  CHECK(failure("{\"vulns\":1.}\n") == "input:1:12: expected digits after `.` in a number");
  CHECK(failure("{\"vulns\":nul}\n") == "input:1:10: expected a value, found `n`");
  CHECK(failure("{\"vulns\":}\n") == "input:1:10: expected a value, found `}`");
  CHECK(failure("{\"x\":" + std::string(70, '[') + std::string(70, ']') + "}\n") ==
        "input:1:70: values nested deeper than 64 levels");
  const tally::Diagnostic error = read_failure("{\"asset_id\":\"a\",\"asset_id\":\"b\"}\n", ".jsonl");
  CHECK(located(error) == "input:1:17: duplicate key `asset_id` (first at column 2)");
  CHECK(error.code == "E0702");
}

TEST_CASE("duplicate unknown keys are errors too", "[jsonl]") {
  CHECK(failure(object(",\"x\":1,\"x\":2")) == "input:1:69: duplicate key `x` (first at column 63)");
}

TEST_CASE("skip_bad_rows records bad lines and keeps the good ones", "[jsonl]") {
  const std::string text = object(",\"vulns\":1") + "{oops}\n" + object(",\"vulns\":2.0") + "\n" +
                           object(",\"vulns\":3") + object(",\"status\":\"gone\"");
  const tally::Table table = read_lines(text, skipping_bad_rows());
  REQUIRE(table.rows == 2);
  CHECK(table.line == std::vector<std::uint64_t>{1, 5});
  CHECK(table.columns[column_index("vulns")].ints == std::vector<std::int64_t>{1, 3});
  REQUIRE(table.skipped.size() == 3);
  CHECK(table.skipped[0].line == 2);
  CHECK(table.skipped[0].column == 2);
  CHECK(table.skipped[1].line == 3);
  CHECK(table.skipped[1].message == "number `2.0` in column `vulns` is not a whole number");
  CHECK(table.skipped[2].line == 6);
}

TEST_CASE("columns the rules need must appear in some object", "[jsonl]") {
  tally::ReadOptions options;
  options.needed_columns = {{"findings", "ETM"}};
  const tally::Diagnostic error = read_failure(object(",\"vulns\":1") + object(""), ".jsonl", options);
  CHECK(located(error) ==
        "input:0:0: column `findings` is needed by product ETM but the table has no such column");
  CHECK(error.code == "E0704");
  CHECK(error.help.empty());
  CHECK(read_failure(object(",\"findngs\":1"), ".jsonl", options).help ==
        "the input has a column `findngs`; is it `findings` misspelt?");
  CHECK(read_lines(object("") + object(",\"findings\":null"), options).rows == 2);
  options.needed_columns = {{"region", "MY-RULE"}};
  CHECK(read_lines(object(",\"region\":[1]"), options).rows == 1);
}

TEST_CASE("a JSON Lines file may be empty or start with a BOM", "[jsonl]") {
  CHECK(read_lines("").rows == 0);
  CHECK(read_lines("\n \n").rows == 0);
  const tally::Table table = read_lines("\xEF\xBB\xBF" + object(""));
  CHECK(table.rows == 1);
  CHECK(table.extra_columns.empty());
}

TEST_CASE("JSON Lines reading stops past max_rows", "[jsonl]") {
  CHECK(failure(object("") + "\n" + object("") + object(""), at_most(2)) ==
        "input:4:1: too many rows (limit is 2)");
}
