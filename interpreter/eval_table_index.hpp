// The evaluator's view of the table: rows grouped by day, and key columns as
// dense ids. Built once per evaluation; everything after it touches rows only
// through these groupings, never by scanning the whole table again.
#pragma once

#include "schema.hpp"
#include "table.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string_view>
#include <vector>

namespace tally::eval {

using RowIndex = std::uint32_t;
inline constexpr std::uint32_t kNoKey = std::numeric_limits<std::uint32_t>::max();

// A column's cells renumbered 0..count-1, so that per-unit and per-asset state
// fits in flat arrays sized by the number of distinct values in play.
struct DenseKeys {
  std::vector<std::uint32_t> of_row; // per table row; kNoKey for an empty cell or an unindexed row
  std::uint32_t count = 0;
};

constexpr Day day_of_hour(std::int64_t hour) {
  return static_cast<Day>(hour >= 0 ? hour / 24 : -((-hour + 23) / 24));
}

class TableIndex {
public:
  // Indexes the rows whose day is in first..last (none when first > last).
  TableIndex(const Schema& schema, const Table& table, Day first, Day last);

  const Schema& schema() const { return schema_; }
  const Table& table() const { return table_; }

  std::span<const RowIndex> rows_of_day(Day day) const;
  std::span<const RowIndex> indexed_rows() const { return rows_by_day_; }
  // Every indexed row lies in first_row()..last_row()-1 (in table order).
  RowIndex first_row() const { return first_row_; }
  RowIndex last_row() const { return last_row_; }
  bool indexed(RowIndex row) const { return table_.day[row] >= first_ && table_.day[row] <= last_; }

  std::size_t time_column() const { return time_column_; }
  const PackedColumn<Seconds>& observed_at() const { return table_.columns[time_column_].times; }

  // Throws when the table lacks the cells of `column`, naming the product that reads it.
  void require_cells(std::size_t column, std::string_view product) const;

  // Built on first use. Set columns have no keys (the caller checks).
  const DenseKeys& keys(std::size_t column);
  const DenseKeys& assets() { return keys(asset_column_); }
  std::size_t asset_column() const { return asset_column_; }

private:
  const Schema& schema_;
  const Table& table_;
  std::size_t time_column_ = 0, asset_column_ = 0;
  Day first_ = 0, last_ = -1;
  RowIndex first_row_ = 0, last_row_ = 0;
  std::vector<RowIndex> rows_by_day_;
  std::vector<std::uint32_t>
      day_offsets_;                       // rows of day d: [day_offsets_[d-first_], day_offsets_[d-first_+1])
  std::map<std::size_t, DenseKeys> keys_; // node-based: references stay valid
};

} // namespace tally::eval
