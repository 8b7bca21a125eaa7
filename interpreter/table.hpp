// The columnar observation table. Strings are interned once into dense ids;
// each schema column is one typed vector; every reader (CSV, JSON Lines, inline
// example data) funnels its cells through RowAppender, so validation lives in
// one place.
#pragma once

#include "date.hpp"
#include "diagnostic.hpp"
#include "packed_column.hpp"
#include "schema.hpp"

#include <tally/read_progress.hpp>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tally {

using StringId = std::uint32_t; // 0 is the empty string

class StringPool {
public:
  StringPool();
  StringId intern(std::string_view text);
  std::optional<StringId> find(std::string_view text) const; // nullopt when never interned
  std::string_view view(StringId id) const { return views_[id]; }
  std::size_t size() const { return views_.size(); }

private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_used_ = 0, block_size_ = 0;
  std::vector<std::string_view> views_;
  std::vector<std::uint32_t> slots_; // open addressing: id + 1, 0 = empty
  std::uint32_t lookup(std::string_view text, std::size_t hash) const;
  void grow();
};

inline constexpr Seconds kNoTime = std::numeric_limits<Seconds>::min();
inline constexpr std::uint8_t kNoEnum = 0xff;

struct ColumnData {
  bool present = false;                   // the input had this column
  PackedColumn<std::int64_t> ints;        // integer columns
  PackedColumn<Seconds> times;            // timestamp columns (kNoTime when empty)
  std::vector<StringId> strings;          // string columns (0 when empty)
  std::vector<std::uint8_t> enums;        // enum columns: value index, kNoEnum when empty without default
  PackedColumn<std::uint64_t> bits;       // set columns with declared values (at most 64): bit i = values[i]
  std::vector<std::uint32_t> set_offsets; // free sets: items of row r are
  std::vector<StringId> set_items;        //   set_items[set_offsets[r] .. set_offsets[r+1])
};

// How many rows' cells `data` holds for `column`: every row of the table,
// or none when a reader kept only the columns a contract needs.
std::size_t stored_cells(const Column& column, const ColumnData& data);

struct BadRow {
  std::uint64_t line = 0;   // 1-based line in the input file
  std::uint32_t column = 0; // 1-based byte column of the offending field
  std::string message;
  std::string code = {}; // why it was skipped (data_error::*), under skip_bad_rows
};

struct Table {
  std::string path;   // where the rows came from (for messages)
  std::string sha256; // of the bytes read
  std::size_t rows = 0;
  StringPool strings;
  std::vector<ColumnData> columns;        // parallel to schema.columns
  std::vector<Day> day;                   // day of observed_at, per row
  RowLines line;                          // input line of each row
  std::vector<std::string> extra_columns; // input columns the schema does not know (kept, unused)
  std::vector<BadRow> skipped;            // rows skipped under skip_bad_rows
};

struct ReadOptions {
  bool skip_bad_rows = false;
  std::size_t max_rows = std::numeric_limits<std::size_t>::max();
  // Columns the selected rules read. A column in this list that the input lacks
  // is an error naming the column and the first rule that needs it.
  std::vector<std::pair<std::string, std::string>> needed_columns; // {column, rule}
  // Store only the needed columns (and observed_at and asset_id); the others
  // are still checked cell by cell, but take no memory. A table read this way
  // serves only plans that read no other column (evaluation says so, E0803).
  bool keep_needed_columns_only = false;
  ReadProgressCallback on_progress; // optional
};

// One field of an input record, and where it stands in the input.
struct InputField {
  std::string_view text; // quotes removed, doubled quotes undone
  std::uint64_t line = 0;
  std::uint32_t column = 0; // where the field starts, quote included
  std::uint32_t width = 0;  // bytes the field occupies on its first line
};

// Converts and validates one row's cells and appends them to the table.
// Cells are given by schema column index; a missing cell is an empty cell.
class RowAppender {
public:
  RowAppender(const Schema& schema, Table& table);
  // Cells of the columns whose flag is false are checked but not stored.
  // Called before the first row.
  void store_only(const std::vector<bool>& columns);
  // Starts a row read from `line`. Cells are then given in any order.
  void begin_row(std::uint64_t line);
  // Returns false (and fills `error`) when the cell is invalid for its column.
  // `verbatim`: `text` is the input's own bytes from `byte_column` on (no quotes
  // or escapes removed), so a bad item of a set is located at the item itself.
  bool set_cell(std::size_t column, std::string_view text, std::uint32_t byte_column, BadRow& error,
                bool verbatim = false);
  // Checks cross-column rules (required, required_when) and appends. On
  // failure nothing is appended and `error` says why.
  bool end_row(BadRow& error);
  // A whole record in one call, as the CSV reader gives it: fields[i] fills
  // schema column columns[i], if any. On failure nothing is appended, `error`
  // says where, and `width` is how many bytes to underline there.
  bool append_record(std::uint64_t line, std::span<const InputField> fields,
                     std::span<const std::optional<std::size_t>> columns, BadRow& error,
                     std::uint32_t& width);

private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// Reads CSV (RFC 4180, header row) or JSON Lines, chosen by extension
// (.csv / .jsonl / .ndjson) or, failing that, by the first non-blank byte.
// Throws DiagnosticError located at file:line:column on the first bad row
// unless options.skip_bad_rows, in which case bad rows land in table.skipped.
Table read_observations(const std::string& path, const Schema& schema, const ReadOptions& options);

} // namespace tally
