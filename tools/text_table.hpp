// Aligned text tables for people: the report's and the diff's.
#pragma once

#include <string>
#include <vector>

namespace tally {

struct Cell {
  std::string text;
  char marker = ' '; // '~' rounded, '*' partial, ' ' none
};

struct TableColumn {
  std::string header;
  bool align_right = false;
  std::vector<Cell> cells;
};

// Lines up every column, two spaces apart, without trailing blanks. A column
// where some cell has a marker reserves one character after its values for
// it, so digits stay aligned.
std::string render_columns(const std::vector<TableColumn>& columns);

} // namespace tally
