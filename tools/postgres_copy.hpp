// An observation table as PostgreSQL sees it after `tally load`: one column
// per schema column, in schema order and named as in the schema, typed as
// the SQL back end reads it (sql::Dialect::column_type):
//   timestamp   -> timestamp (without time zone: the UTC value)
//   string      -> text      (an empty cell is NULL)
//   enumeration -> text      (the value's name; empty without a default is NULL)
//   integer     -> bigint
//   set         -> text[]    (an empty set is '{}'; declared items in declared order)
// and every cell as the reader stored it, defaults applied, so the database
// holds exactly the rows `tally eval` evaluates.
#pragma once

#include "schema.hpp"
#include "table.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tally::pg {

// `name` or `schema.name`, each part [a-z_][a-z0-9_]*: lowercase, so quoting
// it does not change which table it names.
bool is_table_name(std::string_view name);
// `name` quoted part by part ("schema"."name"), as the statements below use
// it: a keyword such as `user` or `order` is a table name only when quoted.
std::string quoted_table_name(std::string_view name);

std::string create_table_sql(const Schema& schema, std::string_view table_name);
std::string copy_sql(const Schema& schema, std::string_view table_name);

// A cell PostgreSQL cannot store: text with a NUL character.
class UnstorableCell : public std::runtime_error {
public:
  UnstorableCell(std::size_t row, std::string column, std::string message)
      : std::runtime_error(std::move(message)), row(row), column(std::move(column)) {}
  std::size_t row; // index into the table
  std::string column;
};

// The rows of `table` as COPY text format, a chunk of about `chunk_bytes` at
// a time (whole rows), for Session::copy_in.
class CopyRows {
public:
  static constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

  // Throws std::logic_error when a column does not hold a cell for every row
  // (a table read for a contract keeps only the columns it needs).
  CopyRows(const Schema& schema, const Table& table, std::size_t chunk_bytes = kChunkBytes);
  // Fills `chunk` with the next rows; false when every row has been given.
  // Throws UnstorableCell.
  bool next(std::string& chunk);
  std::size_t rows_given() const { return row_; }

private:
  // What is written for a column's declared values, escaped once.
  struct Values {
    std::vector<std::string> enum_text; // enumeration: each value, COPY-escaped
    std::vector<std::string> item_text; // declared set: each item as a quoted array element
  };
  void append_row(std::size_t row, std::string& out);
  void append_timestamp(Seconds instant, std::string& out);

  const Schema& schema_;
  const Table& table_;
  std::size_t chunk_bytes_;
  std::vector<Values> values_; // parallel to schema.columns
  std::size_t row_ = 0;
  // The text of the last day written: exports repeat the same day row after row.
  std::optional<Day> last_day_;
  std::string last_day_text_;
  bool last_day_bc_ = false;
};

} // namespace tally::pg
