#include "eval_table_index.hpp"

#include "eval_errors.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace tally::eval {

namespace {

SourcePos table_pos(const Table& table) {
  return SourcePos{table.path.empty() ? "<table>" : table.path, 0, 0};
}

// Numbers the values of the indexed rows in table order; `id_of` maps a cell
// to a hashable value, or nullopt when the cell is empty.
template <class Cell, class IdOf> DenseKeys renumber(const TableIndex& index, IdOf&& id_of) {
  DenseKeys keys;
  keys.of_row.assign(index.table().rows, kNoKey);
  std::unordered_map<Cell, std::uint32_t> numbers;
  for (RowIndex row = index.first_row(); row < index.last_row(); ++row) {
    if (!index.indexed(row)) continue;
    const std::optional<Cell> cell = id_of(row);
    if (!cell) continue;
    const auto [it, inserted] = numbers.try_emplace(*cell, keys.count);
    if (inserted) ++keys.count;
    keys.of_row[row] = it->second;
  }
  return keys;
}

} // namespace

TableIndex::TableIndex(const Schema& schema, const Table& table, Day first, Day last)
    : schema_(schema), table_(table), first_(first), last_(last) {
  const auto time_column = schema.index_of(kTimeColumn);
  const auto asset_column = schema.index_of(kAssetColumn);
  if (!time_column || schema.columns[*time_column].type != ColumnType::timestamp)
    fail(kMalformedPlan, table_pos(table),
         fmt::format("the schema has no timestamp column `{}`", kTimeColumn));
  if (!asset_column || schema.columns[*asset_column].type != ColumnType::string)
    fail(kMalformedPlan, table_pos(table), fmt::format("the schema has no string column `{}`", kAssetColumn));
  time_column_ = *time_column;
  asset_column_ = *asset_column;
  if (table.rows >= kNoKey)
    fail(kMissingColumnData, table_pos(table),
         fmt::format("the table has {} rows; at most {} can be evaluated at once", table.rows, kNoKey - 1));
  const bool columns_match = table.columns.size() == schema.columns.size() || table.rows == 0;
  if (!columns_match || table.day.size() != table.rows)
    fail(kMissingColumnData, table_pos(table), "the table does not match the schema it was read with");
  require_cells(time_column_, "every product");
  require_cells(asset_column_, "every product");

  if (first_ > last_) return;
  const std::size_t days = static_cast<std::size_t>(last_ - first_) + 1;
  day_offsets_.assign(days + 1, 0);
  for (const Day day : table.day)
    if (day >= first_ && day <= last_) ++day_offsets_[static_cast<std::size_t>(day - first_) + 1];
  for (std::size_t i = 1; i <= days; ++i)
    day_offsets_[i] += day_offsets_[i - 1];
  rows_by_day_.resize(day_offsets_[days]);
  std::vector<std::uint32_t> next(day_offsets_.begin(), day_offsets_.end() - 1);
  bool any = false;
  for (std::size_t row = 0; row < table.rows; ++row) {
    const Day day = table.day[row];
    if (day < first_ || day > last_) continue;
    rows_by_day_[next[static_cast<std::size_t>(day - first_)]++] = static_cast<RowIndex>(row);
    if (!any) first_row_ = static_cast<RowIndex>(row);
    last_row_ = static_cast<RowIndex>(row + 1);
    any = true;
  }
}

std::span<const RowIndex> TableIndex::rows_of_day(Day day) const {
  if (day < first_ || day > last_) return {};
  const std::size_t slot = static_cast<std::size_t>(day - first_);
  return std::span<const RowIndex>(rows_by_day_)
      .subspan(day_offsets_[slot], day_offsets_[slot + 1] - day_offsets_[slot]);
}

void TableIndex::require_cells(std::size_t column, std::string_view product) const {
  const Column& declared = schema_.columns[column];
  const std::size_t stored =
      column < table_.columns.size() ? stored_cells(declared, table_.columns[column]) : 0;
  const bool read_but_not_kept = column < table_.columns.size() && table_.columns[column].present;
  if (stored != table_.rows)
    fail(kMissingColumnData, table_pos(table_),
         fmt::format("the table has no cells for column `{}`, which {} reads", declared.name, product),
         read_but_not_kept
             ? "a table read for a contract keeps only the columns that contract's products read; read it "
               "for this contract, or for the rules alone"
             : "");
}

const DenseKeys& TableIndex::keys(std::size_t column) {
  if (const auto found = keys_.find(column); found != keys_.end()) return found->second;
  const Column& declared = schema_.columns[column];
  static const ColumnData kNoCells; // an empty table may come without columns
  const ColumnData& data = column < table_.columns.size() ? table_.columns[column] : kNoCells;
  DenseKeys keys;
  switch (declared.type) {
  case ColumnType::string: {
    // String ids are already dense over the pool; renumbering only the ids in
    // play keeps per-unit arrays small when the pool holds other columns' text.
    std::vector<std::uint32_t> number_of_id(table_.strings.size(), kNoKey);
    keys.of_row.assign(table_.rows, kNoKey);
    for (RowIndex row = first_row_; row < last_row_; ++row) {
      const StringId id = data.strings[row];
      if (!indexed(row)) continue;
      if (id == 0) continue;
      if (number_of_id[id] == kNoKey) number_of_id[id] = keys.count++;
      keys.of_row[row] = number_of_id[id];
    }
    break;
  }
  case ColumnType::enumeration:
    keys.of_row.assign(table_.rows, kNoKey);
    // Every storable index, so that a cell beyond the declared values cannot
    // address past the per-unit arrays.
    keys.count = kNoEnum;
    for (RowIndex row = first_row_; row < last_row_; ++row)
      if (indexed(row) && data.enums[row] != kNoEnum) keys.of_row[row] = data.enums[row];
    break;
  case ColumnType::integer:
    keys = renumber<std::int64_t>(*this,
                                  [&](RowIndex row) { return std::optional<std::int64_t>(data.ints[row]); });
    break;
  case ColumnType::timestamp:
    keys = renumber<Seconds>(*this, [&](RowIndex row) {
      return data.times[row] == kNoTime ? std::nullopt : std::optional<Seconds>(data.times[row]);
    });
    break;
  case ColumnType::set:
    break;
  }
  return keys_.emplace(column, std::move(keys)).first->second;
}

} // namespace tally::eval
