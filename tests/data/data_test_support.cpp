#include "data_test_support.hpp"

#include "tests/support/contract_schema.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

namespace tally::test {

TempFile::TempFile(std::string_view text, std::string_view extension) {
  static int counter = 0;
  path_ = (std::filesystem::temp_directory_path() /
           fmt::format("tally_data_test_{}_{}{}", ::getpid(), counter++, extension))
              .string();
  std::ofstream out(path_, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  REQUIRE(out.good());
}

TempFile::~TempFile() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

std::string contract_header() {
  std::string header;
  for (const std::string& name : contract_schema().column_names()) {
    if (!header.empty()) header += ',';
    header += name;
  }
  return header;
}

Table read_text(std::string_view text, std::string_view extension, const ReadOptions& options) {
  const TempFile file(text, extension);
  return read_observations(file.path(), contract_schema(), options);
}

Diagnostic read_failure(std::string_view text, std::string_view extension, const ReadOptions& options) {
  const TempFile file(text, extension);
  try {
    read_observations(file.path(), contract_schema(), options);
  } catch (const DiagnosticError& error) {
    Diagnostic diagnostic = error.diagnostic();
    CHECK(diagnostic.pos.file == file.path());
    diagnostic.pos.file = "input";
    return diagnostic;
  }
  FAIL("reading did not fail");
  return {};
}

ReadOptions skipping_bad_rows() {
  ReadOptions options;
  options.skip_bad_rows = true;
  return options;
}

ReadOptions at_most(std::size_t max_rows, bool skip_bad_rows) {
  ReadOptions options;
  options.max_rows = max_rows;
  options.skip_bad_rows = skip_bad_rows;
  return options;
}

std::string_view string_cell(const Table& table, std::string_view column, std::size_t row) {
  const auto index = contract_schema().index_of(column);
  REQUIRE(index);
  return table.strings.view(table.columns[*index].strings.at(row));
}

std::string located(const Diagnostic& diagnostic) {
  return fmt::format("{}:{}:{}: {}", diagnostic.pos.file, diagnostic.pos.line, diagnostic.pos.column,
                     diagnostic.message);
}

std::size_t column_index(std::string_view name) {
  return *contract_schema().index_of(name);
}

} // namespace tally::test
