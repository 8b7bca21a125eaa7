// Helpers shared by the data reader tests: inputs written to temporary files
// and read back through read_observations with the contract schema.
#pragma once

#include "diagnostic.hpp"
#include "table.hpp"

#include <string>
#include <string_view>

namespace tally::test {

// A file in the system temp directory holding `text`; removed on destruction.
class TempFile {
public:
  TempFile(std::string_view text, std::string_view extension);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

private:
  std::string path_;
};

// The contract's 18 column names, comma-separated, in the contract's order.
std::string contract_header();

// Reads `text` as a file with `extension` using the contract schema.
Table read_text(std::string_view text, std::string_view extension = ".csv", const ReadOptions& options = {});

// The diagnostic reading `text` throws; fails the test when it throws none.
// The file name in the diagnostic is replaced by "input" so tests can compare it.
Diagnostic read_failure(std::string_view text, std::string_view extension = ".csv",
                        const ReadOptions& options = {});

// Read options that skip bad rows; that stop past `max_rows` rows.
ReadOptions skipping_bad_rows();
ReadOptions at_most(std::size_t max_rows, bool skip_bad_rows = false);

// Text of a string column's cell.
std::string_view string_cell(const Table& table, std::string_view column, std::size_t row);

// "file:line:column: message", for comparing a diagnostic with one string.
std::string located(const Diagnostic& diagnostic);

// The contract schema's index of a column.
std::size_t column_index(std::string_view name);

} // namespace tally::test
