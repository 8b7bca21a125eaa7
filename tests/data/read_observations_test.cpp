#include "data_test_support.hpp"
#include "interpreter/sha256.hpp"
#include "tests/support/contract_schema.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

using tally::test::read_text;
using tally::test::TempFile;

namespace {

constexpr std::string_view kCsv = "observed_at,asset_id,source\n2026-01-01,a,scanner\n";
constexpr std::string_view kJsonLines =
    "{\"observed_at\":\"2026-01-01\",\"asset_id\":\"a\",\"source\":\"scanner\"}\n";

} // namespace

TEST_CASE("the format follows the file extension", "[read]") {
  CHECK(read_text(kCsv, ".csv").rows == 1);
  CHECK(read_text(kJsonLines, ".jsonl").rows == 1);
  CHECK(read_text(kJsonLines, ".ndjson").rows == 1);
  CHECK(read_text(kJsonLines, ".JSONL").rows == 1);
  CHECK(read_text(kCsv, ".CSV").rows == 1);
  // The extension wins over the content: this CSV file holds JSON.
  CHECK(tally::test::read_failure(kJsonLines, ".csv")
            .message.starts_with("in the header: quote inside unquoted field 1"));
}

TEST_CASE("without a known extension the first non-blank byte decides", "[read]") {
  CHECK(read_text(kCsv, ".txt").rows == 1);
  CHECK(read_text(kCsv, "").rows == 1);
  CHECK(read_text("\n  \r\n" + std::string(kJsonLines), ".txt").rows == 1);
  CHECK(read_text("\xEF\xBB\xBF" + std::string(kJsonLines), ".data").rows == 1);
  CHECK(read_text(kJsonLines, "").rows == 1);
}

TEST_CASE("the table remembers where its rows came from", "[read]") {
  const TempFile file(kCsv, ".csv");
  const tally::Table table = tally::read_observations(file.path(), tally::test::contract_schema(), {});
  CHECK(table.path == file.path());
}

TEST_CASE("a file that cannot be read is an error about the whole file", "[read]") {
  const tally::Schema schema = tally::test::contract_schema();
  const std::string missing = (std::filesystem::temp_directory_path() / "tally_no_such_file.csv").string();
  try {
    tally::read_observations(missing, schema, {});
    FAIL("no error");
  } catch (const tally::DiagnosticError& error) {
    CHECK(error.diagnostic().code == "E0701");
    CHECK(error.diagnostic().pos.file == missing);
    CHECK(error.diagnostic().pos.line == 0);
    CHECK(error.diagnostic().message == "cannot read `" + missing + "`: No such file or directory");
  }
  const std::string directory = std::filesystem::temp_directory_path().string();
  CHECK_THROWS_WITH(tally::read_observations(directory, schema, {}),
                    Catch::Contains("cannot read `" + directory + "`: it is a directory"));
}

// A large file is hashed on a second thread while it is parsed; the digest
// must be the whole file's whatever the timing, and the parse unaffected by
// the pages handed back behind it.
TEST_CASE("a large file's digest and rows are those of the whole file", "[read]") {
  std::string text = "observed_at,asset_id,source\n";
  std::size_t rows = 0;
  while (text.size() < (std::size_t{12} << 20)) {
    text += "2026-01-0" + std::to_string(rows % 9 + 1) + ",asset-" + std::to_string(rows) + ",scanner\n";
    ++rows;
  }
  const TempFile file(text, ".csv");
  std::vector<tally::ReadProgress> reports;
  tally::ReadOptions options;
  options.on_progress = [&](const tally::ReadProgress& progress) { reports.push_back(progress); };
  const tally::Table table = tally::read_observations(file.path(), tally::test::contract_schema(), options);
  CHECK(table.rows == rows);
  CHECK(table.sha256 == tally::sha256_hex(text));
  CHECK(table.strings.view(table.columns[1].strings.back()) == "asset-" + std::to_string(rows - 1));
  REQUIRE(reports.size() >= 12);
  CHECK(reports.back().bytes_total == text.size());
  CHECK(reports.back().bytes_read <= text.size());
  CHECK(std::is_sorted(reports.begin(), reports.end(),
                       [](const auto& a, const auto& b) { return a.rows < b.rows; }));
}

TEST_CASE("a table read for some columns checks every cell but keeps only those", "[read]") {
  const std::string text = "observed_at,asset_id,source,vulns,os_name\n2026-01-01,a,scanner,3,Ubuntu\n";
  tally::ReadOptions options;
  options.needed_columns = {{"vulns", "P"}};
  options.keep_needed_columns_only = true;
  const tally::Table table = read_text(text, ".csv", options);
  const auto& schema = tally::test::contract_schema();
  CHECK(table.columns[*schema.index_of("vulns")].ints == std::vector<std::int64_t>{3});
  CHECK(table.columns[*schema.index_of("asset_id")].strings.size() == 1);
  CHECK(table.columns[*schema.index_of("observed_at")].times.size() == 1);
  CHECK(table.columns[*schema.index_of("os_name")].strings.empty());
  CHECK(table.columns[*schema.index_of("source")].enums.empty());
  CHECK(table.columns[*schema.index_of("tags")].set_offsets.empty());
  CHECK(table.columns[*schema.index_of("source")].present);
  // A cell of a column not kept is still checked, text columns included.
  CHECK(
      tally::test::read_failure("observed_at,asset_id,source,vulns\n2026-01-01,a,scannr,1\n", ".csv", options)
          .message.starts_with("unknown value `scannr` for column `source`"));
  const auto bad_text = [&](std::string_view column) {
    const std::string header = "observed_at,asset_id,source,vulns," + std::string(column);
    return tally::test::read_failure(header + "\n2026-01-01,a,scanner,1,ok\xff\n", ".csv", options).message;
  };
  CHECK(bad_text("os_name").starts_with("invalid UTF-8 byte 0xff in column `os_name`"));
  CHECK(bad_text("tags").starts_with("invalid UTF-8 byte 0xff in column `tags`"));
}
