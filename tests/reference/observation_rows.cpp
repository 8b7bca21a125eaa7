#include "tests/reference/observation_rows.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string>

namespace tally::reference {

namespace {
const std::vector<Row> kNoRows;
} // namespace

ObservationRows::ObservationRows(const Table& table, const Schema& schema)
    : table_(table), schema_(schema), observed_at_(column_named("observed_at")),
      asset_id_(column_named("asset_id")), asset_type_(column_named("asset_type")),
      source_(column_named("source")), agent_id_(column_named("agent_id")),
      instance_id_(column_named("instance_id")), cloud_(column_named("cloud")),
      status_(column_named("status")), open_ports_(column_named("open_ports")), vulns_(column_named("vulns")),
      findings_(column_named("findings")), modules_(column_named("modules")),
      ot_class_(column_named("ot_class")), last_event_at_(column_named("last_event_at")) {
  for (Row row = 0; row < size(); ++row)
    rows_by_day_[day(row)].push_back(row);
}

std::size_t ObservationRows::column_named(std::string_view name) const {
  std::optional<std::size_t> index = schema_.index_of(name);
  if (!index) throw std::invalid_argument("the schema has no column `" + std::string(name) + "`");
  return *index;
}

// A table whose column holds no cells (built without that column) reads as
// empty cells. RowAppender stores every column of every row, so `present` is
// not consulted: it says what the input file had, not what the table holds.
bool ObservationRows::cell_stored(std::size_t column, std::size_t stored_cells, Row row) const {
  return column < table_.columns.size() && row < stored_cells;
}

Seconds ObservationRows::observed_at(Row row) const {
  const ColumnData& data = table_.columns.at(observed_at_);
  if (!cell_stored(observed_at_, data.times.size(), row) || data.times[row] == kNoTime)
    throw std::invalid_argument("row " + std::to_string(row) + " has no observed_at");
  return data.times[row];
}

std::string_view ObservationRows::string_cell(std::size_t column, Row row) const {
  const ColumnData& data = table_.columns.at(column);
  if (!cell_stored(column, data.strings.size(), row)) return {};
  return table_.strings.view(data.strings[row]);
}

std::string_view ObservationRows::enum_cell(std::size_t column, Row row) const {
  const Column& declared = schema_.columns[column];
  const ColumnData& data = table_.columns.at(column);
  if (!cell_stored(column, data.enums.size(), row) || data.enums[row] == kNoEnum) {
    // The contract's "empty means" column: the declared default, if any.
    if (declared.default_value) return *declared.default_value;
    return {};
  }
  return declared.values.at(data.enums[row]);
}

std::int64_t ObservationRows::integer_cell(std::size_t column, Row row) const {
  const ColumnData& data = table_.columns.at(column);
  if (cell_stored(column, data.ints.size(), row)) return data.ints[row];
  const std::optional<std::string>& fallback = schema_.columns[column].default_value;
  std::int64_t value = 0;
  if (fallback) std::from_chars(fallback->data(), fallback->data() + fallback->size(), value);
  return value;
}

bool ObservationRows::has_module(Row row, std::string_view module) const {
  const Column& declared = schema_.columns[modules_];
  std::optional<std::size_t> bit = declared.value_index(module);
  if (!bit) throw std::invalid_argument("`" + std::string(module) + "` is not a declared module");
  const ColumnData& data = table_.columns.at(modules_);
  if (!cell_stored(modules_, data.bits.size(), row)) return false;
  return (data.bits[row] >> *bit) & 1U;
}

std::optional<Day> ObservationRows::last_event_day(Row row) const {
  const ColumnData& data = table_.columns.at(last_event_at_);
  if (!cell_stored(last_event_at_, data.times.size(), row) || data.times[row] == kNoTime) return std::nullopt;
  return day_of(data.times[row]);
}

bool ObservationRows::live(Row row) const {
  return one_of(status(row), {"active", "enabled"});
}

const std::vector<Row>& ObservationRows::rows_on(Day day) const {
  auto found = rows_by_day_.find(day);
  return found == rows_by_day_.end() ? kNoRows : found->second;
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), value) != names.end();
}

} // namespace tally::reference
