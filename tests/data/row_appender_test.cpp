#include "table.hpp"
#include "tests/support/contract_schema.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using tally::BadRow;
using tally::kNoEnum;
using tally::kNoTime;

namespace {

struct Cell {
  std::string column, text;
};

// Appends rows through a RowAppender over the contract schema. Cell i of a
// row is given at byte column 10 * i + 1, so messages can be checked for it.
struct Appending {
  tally::Schema schema = tally::test::contract_schema();
  tally::Table table;
  tally::RowAppender appender{schema, table};

  // "" when the row was appended, else "line:column: message".
  std::string row(const std::vector<Cell>& cells, std::uint64_t line = 2) {
    appender.begin_row(line);
    BadRow error;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const auto index = schema.index_of(cells[i].column);
      REQUIRE(index);
      if (!appender.set_cell(*index, cells[i].text, static_cast<std::uint32_t>(10 * i + 1), error))
        return fmt::format("{}:{}: {}", error.line, error.column, error.message);
    }
    if (!appender.end_row(error)) return fmt::format("{}:{}: {}", error.line, error.column, error.message);
    return {};
  }

  const tally::ColumnData& data(std::string_view column) const {
    return table.columns[*schema.index_of(column)];
  }
  std::size_t value(std::string_view column, std::string_view value) const {
    return *schema.find(column)->value_index(value);
  }
};

std::vector<Cell> minimal(std::vector<Cell> extra = {}) {
  std::vector<Cell> cells = {{"observed_at", "2026-01-02"}, {"asset_id", "a1"}, {"source", "scanner"}};
  cells.insert(cells.end(), extra.begin(), extra.end());
  return cells;
}

} // namespace

TEST_CASE("the appender sizes the table's columns to the schema", "[appender]") {
  Appending appending;
  CHECK(appending.table.columns.size() == appending.schema.columns.size());
  CHECK(appending.table.rows == 0);
  CHECK(appending.data("tags").set_offsets == std::vector<std::uint32_t>{0});
}

TEST_CASE("empty cells take the column's default or its empty value", "[appender]") {
  Appending appending;
  REQUIRE(appending.row(minimal(), 7) == "");
  REQUIRE(appending.table.rows == 1);
  CHECK(appending.table.line == std::vector<std::uint64_t>{7});
  CHECK(appending.table.day == std::vector<tally::Day>{*tally::parse_date("2026-01-02")});
  CHECK(appending.data("observed_at").times[0] == tally::start_of(*tally::parse_date("2026-01-02")));
  CHECK(appending.table.strings.view(appending.data("asset_id").strings[0]) == "a1");
  CHECK(appending.data("asset_type").enums[0] == appending.value("asset_type", "other"));
  CHECK(appending.data("source").enums[0] == appending.value("source", "scanner"));
  CHECK(appending.data("status").enums[0] == appending.value("status", "active"));
  CHECK(appending.data("ot_class").enums[0] == appending.value("ot_class", "basic"));
  CHECK(appending.data("cloud").enums[0] == kNoEnum);
  CHECK(appending.data("os").enums[0] == kNoEnum);
  CHECK(appending.data("agent_id").strings[0] == 0u);
  CHECK(appending.data("open_ports").ints[0] == 0);
  CHECK(appending.data("vulns").ints[0] == 0);
  CHECK(appending.data("findings").ints[0] == 0);
  CHECK(appending.data("modules").bits[0] == 0u);
  CHECK(appending.data("last_event_at").times[0] == kNoTime);
  CHECK(appending.data("activated_at").times[0] == kNoTime);
  CHECK(appending.data("tags").set_offsets == std::vector<std::uint32_t>{0, 0});
  // Every column has exactly one value per row.
  for (const tally::ColumnData& column : appending.table.columns) {
    const std::size_t values = column.ints.size() + column.times.size() + column.strings.size() +
                               column.enums.size() + column.bits.size() +
                               (column.set_offsets.empty() ? 0 : column.set_offsets.size() - 1);
    CHECK(values == 1);
  }
}

TEST_CASE("cells are converted to their column's type", "[appender]") {
  Appending appending;
  REQUIRE(appending.row({{"observed_at", "2026-03-01T05:30Z"},
                         {"asset_id", "vm-7"},
                         {"asset_type", "vm"},
                         {"source", "agent"},
                         {"agent_id", "ag-1"},
                         {"instance_id", "i-0abc"},
                         {"cloud", "alibaba"},
                         {"status", "terminated"},
                         {"open_ports", "0"},
                         {"vulns", "9223372036854775807"},
                         {"findings", "00042"},
                         {"modules", "EDR; PM;;VM ;EDR"},
                         {"ot_class", "vulnerable"},
                         {"last_event_at", "2026-02-28T23:59:59Z"},
                         {"os", "linux"},
                         {"os_name", "Windows Server 2012 R2, Datacenter"},
                         {"tags", " prod ; pci;prod;; "},
                         {"activated_at", "2025-12-31"}}) == "");
  const tally::Day march_first = *tally::parse_date("2026-03-01");
  CHECK(appending.data("observed_at").times[0] == tally::start_of(march_first) + 5 * 3600 + 30 * 60);
  CHECK(appending.table.day[0] == march_first);
  CHECK(appending.data("asset_type").enums[0] == appending.value("asset_type", "vm"));
  CHECK(appending.data("cloud").enums[0] == appending.value("cloud", "alibaba"));
  CHECK(appending.data("status").enums[0] == appending.value("status", "terminated"));
  CHECK(appending.data("vulns").ints[0] == 9223372036854775807);
  CHECK(appending.data("findings").ints[0] == 42);
  const auto bit = [&](std::string_view module) {
    return std::uint64_t{1} << appending.value("modules", module);
  };
  CHECK(appending.data("modules").bits[0] == (bit("EDR") | bit("PM") | bit("VM")));
  CHECK(appending.data("ot_class").enums[0] == appending.value("ot_class", "vulnerable"));
  CHECK(appending.data("last_event_at").times[0] == tally::start_of(march_first) - 1);
  CHECK(appending.table.strings.view(appending.data("os_name").strings[0]) ==
        "Windows Server 2012 R2, Datacenter");
  CHECK(appending.data("activated_at").times[0] == tally::start_of(*tally::parse_date("2025-12-31")));

  const tally::ColumnData& tags = appending.data("tags");
  REQUIRE(tags.set_offsets == std::vector<std::uint32_t>{0, 2});
  CHECK(appending.table.strings.view(tags.set_items[0]) == "prod");
  CHECK(appending.table.strings.view(tags.set_items[1]) == "pci");
}

TEST_CASE("free set items of each row follow the offsets", "[appender]") {
  Appending appending;
  REQUIRE(appending.row(minimal({{"tags", "a;b"}})) == "");
  REQUIRE(appending.row(minimal({{"tags", " ; ;"}})) == "");
  REQUIRE(appending.row(minimal({{"tags", "b"}})) == "");
  const tally::ColumnData& tags = appending.data("tags");
  CHECK(tags.set_offsets == std::vector<std::uint32_t>{0, 2, 2, 3});
  CHECK(tags.set_items[2] == tags.set_items[1]);
}

TEST_CASE("integers are digits only, at least 0, within 64 bits", "[appender]") {
  Appending appending;
  CHECK(appending.row(minimal({{"vulns", "-3"}})) == "2:31: negative count `-3` in column `vulns`");
  CHECK(appending.row(minimal({{"vulns", "1.5"}})) ==
        "2:31: invalid number `1.5` in column `vulns`; expected a whole number >= 0 written with the digits "
        "0-9");
  CHECK(appending.row(minimal({{"open_ports", "+4"}}))
            .starts_with("2:31: invalid number `+4` in column `open_ports`"));
  CHECK(appending.row(minimal({{"open_ports", " 4"}})).starts_with("2:31: invalid number ` 4`"));
  CHECK(appending.row(minimal({{"findings", "-"}}))
            .starts_with("2:31: invalid number `-` in column `findings`"));
  CHECK(appending.row(minimal({{"findings", "9223372036854775808"}})) ==
        "2:31: number too large `9223372036854775808` in column `findings` (the largest is "
        "9223372036854775807)");
  CHECK(appending.row(minimal({{"findings", "99999999999999999999999"}}))
            .starts_with("2:31: number too large"));
  CHECK(appending.table.rows == 0);
}

TEST_CASE("enum cells must be declared values, typos get a suggestion", "[appender]") {
  Appending appending;
  CHECK(appending.row({{"observed_at", "2026-01-02"}, {"asset_id", "a1"}, {"source", "scaner"}}) ==
        "2:21: unknown value `scaner` for column `source`; did you mean `scanner`?");
  CHECK(appending.row(minimal({{"os", "solaris"}})) ==
        "2:31: unknown value `solaris` for column `os`; expected one of windows, linux, mac");
  CHECK(appending.row(minimal({{"asset_type", "mainframe"}})) ==
        "2:31: unknown value `mainframe` for column `asset_type`");
  CHECK(appending.row(minimal({{"status", "Active"}})) ==
        "2:31: unknown value `Active` for column `status`; did you mean `active`?");
  const std::string long_text(500, 'z');
  const std::string message = appending.row(minimal({{"asset_type", long_text}}));
  CHECK(message == fmt::format("2:31: unknown value `{}...` for column `asset_type`", std::string(60, 'z')));
}

TEST_CASE("declared sets reject unknown items", "[appender]") {
  Appending appending;
  CHECK(appending.row(minimal({{"modules", "VM;EDX"}})) ==
        "2:31: unknown item `EDX` in column `modules`; did you mean `EDR`?");
  CHECK(appending.row(minimal({{"modules", "VM;Patching"}})) ==
        "2:31: unknown item `Patching` in column `modules`");
  CHECK(appending.table.rows == 0);
}

TEST_CASE("timestamps must be real dates in the contract's formats", "[appender]") {
  Appending appending;
  CHECK(appending.row({{"observed_at", "2026-02-30"}, {"asset_id", "a1"}, {"source", "agent"}}) ==
        "2:1: invalid date `2026-02-30` in column `observed_at`");
  CHECK(appending.row({{"observed_at", "2026-01-01T24:00Z"}, {"asset_id", "a1"}, {"source", "agent"}}) ==
        "2:1: invalid date `2026-01-01T24:00Z` in column `observed_at`");
  CHECK(appending.row(minimal({{"last_event_at", "01/02/2026"}})) ==
        "2:31: invalid date `01/02/2026` in column `last_event_at`; expected YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM[:SS]Z (UTC)");
  CHECK(appending.row(minimal({{"last_event_at", "2026-01-01 10:00"}})).ends_with("(UTC)"));
  CHECK(appending.table.rows == 0);
}

TEST_CASE("a timestamp repeated on consecutive rows is read the same", "[appender]") {
  Appending appending;
  for (const char* text :
       {"2026-01-05", "2026-01-05", "2026-01-05T01:00Z", "2026-01-05T01:00Z", "2026-01-05"})
    REQUIRE(appending.row({{"observed_at", text}, {"asset_id", "a"}, {"source", "cmdb"}}) == "");
  const auto& times = appending.data("observed_at").times;
  const tally::Seconds day = tally::start_of(*tally::parse_date("2026-01-05"));
  CHECK(times == std::vector<tally::Seconds>{day, day, day + 3600, day + 3600, day});
}

TEST_CASE("required columns must be non-empty", "[appender]") {
  Appending appending;
  CHECK(appending.row({{"observed_at", "2026-01-02"}, {"asset_id", ""}, {"source", "scanner"}}) ==
        "2:11: missing value for required column `asset_id`");
  // A cell the row never gave is located at the start of the row.
  CHECK(appending.row({{"asset_id", "a"}, {"source", "scanner"}}) ==
        "2:1: missing value for required column `observed_at`");
  CHECK(appending.row({{"observed_at", "2026-01-02"}, {"asset_id", "a"}}) ==
        "2:1: missing value for required column `source`");
  CHECK(appending.table.rows == 0);
}

TEST_CASE("agent_id is required exactly on agent rows", "[appender]") {
  Appending appending;
  CHECK(appending.row(
            {{"observed_at", "2026-01-02"}, {"asset_id", "a"}, {"source", "agent"}, {"agent_id", ""}}) ==
        "2:31: missing value for column `agent_id`, which is required when `source` is `agent`");
  CHECK(appending.row(
            {{"observed_at", "2026-01-02"}, {"asset_id", "a"}, {"source", "agent"}, {"agent_id", "x"}}) ==
        "");
  CHECK(appending.row({{"observed_at", "2026-01-02"}, {"asset_id", "a"}, {"source", "scanner"}}) == "");
  CHECK(appending.table.rows == 2);
}

TEST_CASE("a rejected row leaves no trace in the table", "[appender]") {
  Appending appending;
  REQUIRE(appending.row(minimal({{"tags", "x;y"}, {"vulns", "4"}})) == "");
  CHECK(appending.row(minimal({{"tags", "z"}, {"vulns", "5"}, {"status", "gone"}})) != "");
  CHECK(appending.row(
            {{"observed_at", "2026-01-03"}, {"asset_id", "b"}, {"source", "agent"}, {"tags", "w"}}) != "");
  REQUIRE(appending.row(minimal({{"vulns", "6"}})) == "");
  CHECK(appending.table.rows == 2);
  CHECK(appending.data("vulns").ints == std::vector<std::int64_t>{4, 6});
  CHECK(appending.data("tags").set_offsets == std::vector<std::uint32_t>{0, 2, 2});
  CHECK(appending.data("tags").set_items.size() == 2);
  CHECK(appending.table.day.size() == 2);
  CHECK(appending.table.line.size() == 2);
  for (const tally::ColumnData& column : appending.table.columns)
    CHECK(column.ints.size() + column.times.size() + column.strings.size() + column.enums.size() +
              column.bits.size() + (column.set_offsets.empty() ? 0 : column.set_offsets.size() - 1) ==
          2);
}

TEST_CASE("a cell given twice in a row keeps the last text", "[appender]") {
  Appending appending;
  REQUIRE(appending.row(minimal({{"vulns", "1"}, {"vulns", ""}})) == "");
  REQUIRE(appending.row(minimal({{"vulns", "1"}, {"vulns", "3"}})) == "");
  CHECK(appending.data("vulns").ints == std::vector<std::int64_t>{0, 3});
}

TEST_CASE("a schema the appender cannot store is reported at its declaration", "[appender]") {
  tally::Table table;
  SECTION("a default that is not a declared value") {
    tally::Schema schema = tally::test::contract_schema();
    schema.columns[*schema.index_of("status")].default_value = "live";
    schema.columns[*schema.index_of("status")].pos = {"prelude.tally", 12, 3};
    try {
      tally::RowAppender appender(schema, table);
      FAIL("no error");
    } catch (const tally::DiagnosticError& error) {
      CHECK(error.diagnostic().pos.file == "prelude.tally");
      CHECK(error.diagnostic().pos.line == 12);
      CHECK(
          error.diagnostic().message ==
          "bad default: unknown value `live` for column `status`; expected one of active, enabled, inactive, "
          "disabled, decommissioned, terminated");
    }
  }
  SECTION("an integer default that is not a number") {
    tally::Schema schema = tally::test::contract_schema();
    schema.columns[*schema.index_of("vulns")].default_value = "none";
    CHECK_THROWS_WITH(tally::RowAppender(schema, table),
                      Catch::Contains("bad default: invalid number `none`"));
  }
  SECTION("a declared set of more than 64 items") {
    tally::Schema schema = tally::test::contract_schema();
    auto& modules = schema.columns[*schema.index_of("modules")].values;
    for (int i = 0; modules.size() <= 64; ++i)
      modules.push_back(fmt::format("M{}", i));
    CHECK_THROWS_WITH(tally::RowAppender(schema, table),
                      Catch::Contains("set column `modules` declares 65 items; at most 64 are supported"));
  }
  SECTION("an enum of 255 values") {
    tally::Schema schema = tally::test::contract_schema();
    auto& values = schema.columns[*schema.index_of("os")].values;
    for (int i = 0; values.size() < 255; ++i)
      values.push_back(fmt::format("os{}", i));
    CHECK_THROWS_WITH(tally::RowAppender(schema, table), Catch::Contains("at most 254 are supported"));
  }
  SECTION("no observed_at column") {
    tally::Schema schema = tally::test::contract_schema();
    schema.columns.erase(schema.columns.begin());
    CHECK_THROWS_WITH(tally::RowAppender(schema, table),
                      Catch::Contains("schema `observations` has no timestamp column `observed_at`"));
  }
}
