// Source text -> AST. Syntax errors stop at the first one (a PEG has no
// recovery point that would not invent follow-on errors) and come back as a
// located diagnostic in the common format.
#pragma once

#include "ast.hpp"
#include "diagnostic.hpp"
#include <tally/limits.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace tally {

struct ParseResult {
  std::optional<ast::File> file;
  std::optional<Diagnostic> error;
};

// Nesting deeper than limits.max_nesting (e.g. thousands of nested
// parentheses) is rejected before it can exhaust the stack, and so is a name
// longer than limits.max_identifier_length.
ParseResult parse_rules(const std::string& file_name, std::string_view text, const Limits& limits = {});

} // namespace tally
