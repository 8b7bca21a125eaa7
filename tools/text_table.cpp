#include "text_table.hpp"

#include <algorithm>
#include <string_view>

namespace tally {

namespace {

std::string padded(std::string_view text, std::size_t width, bool align_right) {
  const std::string padding(width - std::min(width, text.size()), ' ');
  return align_right ? padding + std::string(text) : std::string(text) + padding;
}

void trim_trailing_spaces(std::string& line) {
  line.erase(line.find_last_not_of(' ') + 1);
}

} // namespace

std::string render_columns(const std::vector<TableColumn>& columns) {
  const std::size_t rows = columns.empty() ? 0 : columns.front().cells.size();
  std::vector<std::string> lines(rows + 1);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const TableColumn& column = columns[c];
    std::size_t width = column.header.size();
    bool has_marker = false;
    for (const Cell& cell : column.cells) {
      width = std::max(width, cell.text.size());
      has_marker = has_marker || cell.marker != ' ';
    }
    const std::string separator = c == 0 ? "" : "  ";
    lines[0] += separator + padded(column.header, width, column.align_right) + (has_marker ? " " : "");
    for (std::size_t r = 0; r < rows; ++r) {
      const Cell& cell = column.cells[r];
      lines[r + 1] += separator + padded(cell.text, width, column.align_right);
      if (has_marker) lines[r + 1] += cell.marker;
    }
  }
  std::string rendered;
  for (std::string& line : lines) {
    trim_trailing_spaces(line);
    rendered += line + '\n';
  }
  return rendered;
}

} // namespace tally
