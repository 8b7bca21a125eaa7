// What the CSV and JSON Lines readers share once the syntax is dealt with:
// the appender, the error policy (throw, or skip and record under
// skip_bad_rows), the row limit, and the checks that the input has the columns
// the schema and the selected rules need.
#pragma once

#include "table.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tally {

// Diagnostic codes of the data readers (documented in docs/diagnostics.md).
namespace data_error {
inline constexpr std::string_view unreadable = "E0701";     // the file cannot be opened or read
inline constexpr std::string_view malformed = "E0702";      // CSV quoting / field count, JSON syntax
inline constexpr std::string_view bad_header = "E0703";     // empty file, empty or duplicate column name
inline constexpr std::string_view missing_column = "E0704"; // required or rule-needed column absent
inline constexpr std::string_view bad_value = "E0705"; // a cell the column's type rejects, or a missing value
inline constexpr std::string_view too_many_rows = "E0706"; // past ReadOptions::max_rows
inline constexpr std::string_view bad_schema = "E0707";    // a schema the appender cannot store
} // namespace data_error

// Throws E0704 at (path, line, column) unless `input_columns` holds every
// column of `needed` ({column, the product that first needs it}).
void require_needed_columns(const std::string& path,
                            const std::vector<std::pair<std::string, std::string>>& needed,
                            const std::vector<std::string>& input_columns, std::uint64_t line,
                            std::uint32_t column);

// One name of an input's header: a CSV header field, or a column a host names.
struct HeaderField {
  std::string_view name;
  std::uint64_t line = 0;
  std::uint32_t column = 0, width = 1; // where the name stands, for errors
};

class ObservationSink {
public:
  ObservationSink(const std::string& path, const Schema& schema, Table& table, const ReadOptions& options);

  const Schema& schema() const { return schema_; }
  Table& table() { return table_; }
  RowAppender& appender() { return appender_; }

  // Sizes every column for the rows `input` (the whole file) is likely to
  // hold, judged from its first lines, so that appending rarely reallocates.
  void reserve_for(std::string_view input);
  // Called once per data record, with the offset in the input where reading
  // has got to; throws once the record count passes max_rows.
  void count_record(std::uint64_t line, std::size_t offset) {
    if (++records_ > options_.max_rows) fail_too_many_rows(line);
    if (offset >= next_progress_) report_progress(offset);
  }
  // A row that cannot be used: thrown, or recorded in table.skipped when skipping bad rows.
  void reject_row(std::string_view code, const BadRow& bad, std::uint32_t length);
  // Throws whatever the options say: used for errors that concern the file as a whole.
  [[noreturn]] void fail(std::string_view code, std::uint64_t line, std::uint32_t column,
                         std::uint32_t length, std::string message, std::string help = {}) const;
  // Throws at (line, column) unless `input_columns` (the names the input
  // has) holds every required schema column and every rule-needed column.
  // A near miss in the input (`asset_typ`) is offered as help.
  void require_columns(const std::vector<std::string>& input_columns, std::uint64_t line,
                       std::uint32_t column) const;
  // Takes the input's column names: maps each to the schema column it fills
  // (nullopt: not in the schema, kept in table.extra_columns) and marks those
  // present. An empty or repeated name is an error at its field; then every
  // column the schema requires or the rules need must be there, checked at
  // (line, column).
  std::vector<std::optional<std::size_t>> take_header(const std::vector<HeaderField>& fields,
                                                      std::uint64_t line, std::uint32_t column);
  // The same, for the rule-needed columns only.
  void require_needed_columns(const std::vector<std::string>& input_columns, std::uint64_t line,
                              std::uint32_t column) const;

private:
  std::string path_;
  const Schema& schema_;
  Table& table_;
  const ReadOptions& options_;
  RowAppender appender_;
  std::vector<bool> stored_; // per schema column: its cells are kept
  std::uint64_t records_ = 0;
  std::size_t input_bytes_ = 0, next_progress_ = 0;

  [[noreturn]] void fail_too_many_rows(std::uint64_t line) const;
  void report_progress(std::size_t offset);
};

} // namespace tally
