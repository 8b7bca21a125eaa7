#include "table.hpp"

namespace tally {

std::size_t stored_cells(const Column& column, const ColumnData& data) {
  switch (column.type) {
  case ColumnType::integer:
    return data.ints.size();
  case ColumnType::timestamp:
    return data.times.size();
  case ColumnType::string:
    return data.strings.size();
  case ColumnType::enumeration:
    return data.enums.size();
  case ColumnType::set:
    if (!column.values.empty()) return data.bits.size();
    return data.set_offsets.empty() ? 0 : data.set_offsets.size() - 1;
  }
  return 0;
}

} // namespace tally
