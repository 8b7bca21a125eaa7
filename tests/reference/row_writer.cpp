#include "tests/reference/row_writer.hpp"

#include <stdexcept>

namespace tally::test {

RowWriter::RowWriter(const Schema& schema, Table& table) : schema_(schema), appender_(schema, table) {
  for (std::size_t i = 0; i < schema.columns.size(); ++i)
    columns_.emplace(schema.columns[i].name, i);
}

template <class Cells> void RowWriter::append_cells(const Cells& cells) {
  std::uint64_t line = next_line_++;
  appender_.begin_row(line);
  BadRow error;
  auto reject = [&](const std::string& why) {
    throw std::logic_error("test row " + std::to_string(line) + " of schema `" + schema_.name + "`: " + why);
  };
  for (const auto& [name, text] : cells) {
    auto column = columns_.find(name);
    if (column == columns_.end()) reject("no column `" + std::string(name) + "`");
    if (!appender_.set_cell(column->second, text, 1, error)) reject(error.message);
  }
  if (!appender_.end_row(error)) reject(error.message);
}

void RowWriter::append(std::initializer_list<Cell> cells) {
  append_cells(cells);
}

void RowWriter::append(const std::vector<Cell>& cells) {
  append_cells(cells);
}

} // namespace tally::test
