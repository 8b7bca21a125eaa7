// A rule file's AST as text, without source positions or caret lengths: two
// files that differ only in layout give the same dump, and a difference in
// meaning shows up as a readable line-by-line difference.
#pragma once

#include "interpreter/ast.hpp"

#include <string>

namespace tally::test {

std::string ast_without_positions(const ast::File& file);

} // namespace tally::test
