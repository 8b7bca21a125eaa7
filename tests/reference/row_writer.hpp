// Builds observation tables for tests through RowAppender, cells given by
// column name, so generated tables pass exactly the validation real input does.
#pragma once

#include "schema.hpp"
#include "table.hpp"

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tally::test {

using Cell = std::pair<std::string_view, std::string>; // column name, cell text

class RowWriter {
public:
  RowWriter(const Schema& schema, Table& table);

  // Appends one row; columns not given are empty cells. A rejected row is a bug
  // in the test that built it: throws std::logic_error quoting the appender's message.
  void append(std::initializer_list<Cell> cells);
  void append(const std::vector<Cell>& cells);

private:
  const Schema& schema_;
  RowAppender appender_;
  std::map<std::string, std::size_t, std::less<>> columns_;
  std::uint64_t next_line_ = 2; // as if read from a CSV file after its header line

  template <class Cells> void append_cells(const Cells& cells);
};

} // namespace tally::test
