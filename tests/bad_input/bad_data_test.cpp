// The bad-input data corpus (tests/bad_input/data): every observation file
// there is read with the standard prelude's schema, the way `tally eval` reads
// its data, and must produce exactly the diagnostic its sidecar NAME.expect
// states:
//
//   E0705 3:12 invalid date `2026-02-30`
//
// (code, line:column, a part of the message), thrown as a DiagnosticError with
// no table returned. A sidecar holding `ok ROWS` marks an input that looks
// hostile but is valid: it must be read without error, into ROWS rows.
#include "interpreter/engine.hpp"
#include "interpreter/program.hpp"
#include "interpreter/table.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(TALLY_SOURCE_DIR) / "tests" / "bad_input" / "data";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The prelude's schema, compiled once, as every rule file that imports it sees it.
const tally::Schema& prelude_schema() {
  static const std::shared_ptr<const tally::Program> program = [] {
    tally::SourceRegistry sources;
    auto compiled = tally::compile({fs::path(TALLY_SOURCE_DIR) / "stdlib" / "prelude.tally"}, sources);
    for (const auto& diagnostic : compiled.diagnostics)
      UNSCOPED_INFO(tally::format_diagnostic(diagnostic, &sources));
    REQUIRE(compiled.program);
    return compiled.program;
  }();
  return program->schema;
}

struct Expectation {
  bool valid = false;
  std::size_t rows = 0; // when valid
  std::string code;
  std::uint32_t line = 0, column = 0;
  std::string message;
};

Expectation expectation_of(const fs::path& sidecar) {
  static const std::regex error(R"(^(E\d{4}) (\d+):(\d+) (.*\S)\s*$)");
  static const std::regex ok(R"(^ok (\d+)\s*$)");
  std::string line = slurp(sidecar);
  line = line.substr(0, line.find('\n'));
  std::smatch match;
  Expectation out;
  if (std::regex_match(line, match, ok)) {
    out.valid = true;
    out.rows = std::stoul(match[1]);
  } else if (std::regex_match(line, match, error)) {
    out.code = match[1];
    out.line = static_cast<std::uint32_t>(std::stoul(match[2]));
    out.column = static_cast<std::uint32_t>(std::stoul(match[3]));
    out.message = match[4];
  } else {
    FAIL("malformed sidecar " << sidecar << ": `" << line << "`");
  }
  return out;
}

// Reads `path` and checks the outcome against `expected`.
void check_reading(const std::string& path, const Expectation& expected) {
  const tally::Schema& schema = prelude_schema();
  if (expected.valid) {
    const tally::Table table = tally::read_observations(path, schema, {});
    CHECK(table.rows == expected.rows);
    return;
  }
  std::optional<tally::Table> table;
  try {
    table = tally::read_observations(path, schema, {});
  } catch (const tally::DiagnosticError& error) {
    const tally::Diagnostic& d = error.diagnostic();
    INFO(tally::format_diagnostic(d, nullptr));
    CHECK(d.severity == tally::Severity::error);
    CHECK(d.code == expected.code);
    CHECK(d.pos.file == path);
    CHECK(d.pos.line == expected.line);
    CHECK(d.pos.column == expected.column);
    CHECK_THAT(d.message, Catch::Matchers::Contains(expected.message));
    return;
  }
  FAIL("read without error into " << table->rows << " rows; expected " << expected.code << " "
                                  << expected.line << ":" << expected.column << " " << expected.message);
}

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kCorpus))
    if (entry.is_regular_file() && entry.path().extension() != ".expect") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// A temporary file removed on destruction.
struct TempFile {
  explicit TempFile(const std::string& name, const std::string& text)
      : path((fs::temp_directory_path() / fmt::format("tally-bad-input-{}-{}", ::getpid(), name)).string()) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() {
    std::error_code ignored;
    fs::remove(path, ignored);
  }
  std::string path;
};

} // namespace

TEST_CASE("every file of the bad-input data corpus is reported as its sidecar says", "[bad_input]") {
  const auto files = corpus_files();
  REQUIRE(files.size() >= 40);
  for (const fs::path& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      fs::path sidecar = file;
      sidecar.replace_extension(".expect");
      REQUIRE(fs::exists(sidecar));
      check_reading(file.string(), expectation_of(sidecar));
    }
  }
}

TEST_CASE("every sidecar in the bad-input data corpus has its data file", "[bad_input]") {
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() != ".expect") continue;
    bool found = false;
    for (const auto& other : fs::directory_iterator(kCorpus))
      found = found || (other.path() != entry.path() && other.path().stem() == entry.path().stem());
    INFO(entry.path().filename().string());
    CHECK(found);
  }
}

// One megabyte in a single field, written at run time rather than committed.
TEST_CASE("a 1 MB field is read whole and a 1 MB unterminated one is located at its quote", "[bad_input]") {
  const std::string big(1 << 20, 'x');
  SECTION("a 1 MB asset id is a valid cell") {
    const TempFile file("big-field.csv", "observed_at,asset_id,source\n2026-01-01," + big + ",scanner\n");
    check_reading(file.path, {true, 1, {}, 0, 0, {}});
  }
  SECTION("a 1 MB quoted field that never closes") {
    const TempFile file("big-open-quote.csv",
                        "observed_at,asset_id,source\n2026-01-01,\"" + big + ",scanner\n");
    Expectation expected;
    expected.code = "E0702";
    expected.line = 2;
    expected.column = 12;
    expected.message = "unterminated";
    check_reading(file.path, expected);
  }
  SECTION("a 1 MB JSON string that never closes") {
    const TempFile file("big-open-string.jsonl",
                        "{\"observed_at\": \"2026-01-01\", \"asset_id\": \"" + big + "\n");
    Expectation expected;
    expected.code = "E0702";
    expected.line = 1;
    expected.column = 43;
    expected.message = "unterminated string";
    check_reading(file.path, expected);
  }
}
