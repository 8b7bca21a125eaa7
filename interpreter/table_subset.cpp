#include "table_subset.hpp"

namespace tally {

namespace {

// Copies row `row` of every column `from` stores into `to`, re-interning strings.
void copy_row(const ColumnData& from, ColumnData& to, std::size_t row, const StringPool& from_strings,
              StringPool& to_strings) {
  if (!from.ints.empty()) to.ints.push_back(from.ints[row]);
  if (!from.times.empty()) to.times.push_back(from.times[row]);
  if (!from.enums.empty()) to.enums.push_back(from.enums[row]);
  if (!from.bits.empty()) to.bits.push_back(from.bits[row]);
  if (!from.strings.empty()) to.strings.push_back(to_strings.intern(from_strings.view(from.strings[row])));
  if (!from.set_offsets.empty()) {
    if (to.set_offsets.empty()) to.set_offsets.push_back(0);
    for (auto item = from.set_offsets[row]; item < from.set_offsets[row + 1]; ++item)
      to.set_items.push_back(to_strings.intern(from_strings.view(from.set_items[item])));
    to.set_offsets.push_back(static_cast<std::uint32_t>(to.set_items.size()));
  }
}

} // namespace

Table select_rows(const Table& table, const std::vector<std::size_t>& rows) {
  Table subset;
  subset.path = table.path;
  subset.sha256 = table.sha256;
  subset.extra_columns = table.extra_columns;
  subset.columns.resize(table.columns.size());
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    subset.columns[c].present = table.columns[c].present;
  for (const auto row : rows) {
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      copy_row(table.columns[c], subset.columns[c], row, table.strings, subset.strings);
    subset.day.push_back(table.day[row]);
    subset.line.push_back(table.line[row]);
    ++subset.rows;
  }
  return subset;
}

Table rows_of_asset(const Table& table, const Schema& schema, std::string_view asset) {
  std::vector<std::size_t> rows;
  if (const auto id = table.strings.find(asset)) {
    const auto& ids = table.columns[*schema.index_of(kAssetColumn)].strings;
    for (std::size_t row = 0; row < table.rows; ++row)
      if (ids[row] == *id) rows.push_back(row);
  }
  return select_rows(table, rows);
}

} // namespace tally
