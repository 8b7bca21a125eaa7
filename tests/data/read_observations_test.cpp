#include "data_test_support.hpp"
#include "tests/support/contract_schema.hpp"

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
