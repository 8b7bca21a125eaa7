#include "schema.hpp"

namespace tally {

std::string_view name_of(ColumnType type) {
  switch (type) {
  case ColumnType::timestamp:
    return "timestamp";
  case ColumnType::string:
    return "string";
  case ColumnType::enumeration:
    return "enum";
  case ColumnType::integer:
    return "integer";
  case ColumnType::set:
    return "set";
  }
  return "unknown";
}

std::optional<std::size_t> Column::value_index(std::string_view value) const {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] == value) return i;
  return std::nullopt;
}

const Column* Schema::find(std::string_view name) const {
  for (const Column& column : columns)
    if (column.name == name) return &column;
  return nullptr;
}

std::optional<std::size_t> Schema::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  return std::nullopt;
}

std::vector<std::string> Schema::column_names() const {
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (const Column& column : columns)
    names.push_back(column.name);
  return names;
}

} // namespace tally
