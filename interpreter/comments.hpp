// The `#` comments of a rule file, found without parsing it, for the
// formatter (which must keep every comment) and for lint suppression comments.
//
// A `#` starts a comment anywhere except inside a string literal ("...",
// where `\"` does not end the string). Titles, imports and quoted set items
// are all string literals. Data-table rows (the lines between `data {` and its
// closing `}` in an example) follow the grammar's row rule instead: a cell is
// raw text that can hold neither `#` nor a string, so in a row a `#` always
// starts a comment and a `"` is just a character of the cell.
//
// The scan never fails: on a file that does not parse it still reports every
// `#` that is not inside a string literal (an unterminated string ends at the
// end of its line, as the parser reports it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tally {

struct Comment {
  std::uint32_t line = 0;   // 1-based line of the `#`
  std::uint32_t column = 0; // 1-based column of the `#`, in bytes (as SourcePos counts them)
  std::string text;         // what follows the `#` up to the end of its line, as written, except
                            // that trailing spaces, tabs and carriage returns are left out
  bool trailing = false;    // code precedes the `#` on its line
};

// Every comment of `source`, in the order they appear.
std::vector<Comment> comments_of(std::string_view source);

} // namespace tally
