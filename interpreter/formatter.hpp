// The canonical layout of a rule file, behind `tally fmt`. The layout itself
// is specified at the top of formatter.cpp and in docs/language.md
// ("Formatting").
//
// Design: a token-level formatter guided by the grammar, not an AST printer.
// The file is parsed with the same PEGTL grammar as the parser, keeping only
// its tokens and the few rules that decide layout (statements, block braces,
// the value after `=`, a unary minus, a data row); comments come from
// comments_of(). The tokens are then written out again, in their order and
// with their text unchanged, with canonical spacing, indentation and blank
// lines. Only whitespace between tokens changes, so the formatter cannot
// change what a file means. An AST printer was the alternative; it was not
// chosen because the AST keeps neither parentheses, nor comments, nor the
// author's line breaks, so it would need a comment-attachment pass and a
// line-breaking algorithm, and a slip in either (a lost pair of parentheses
// around a filtered operand) would silently change a rule.
#pragma once

#include "diagnostic.hpp"
#include <tally/limits.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace tally {

struct FormatResult {
  std::optional<std::string> text; // the canonical text, when the file parses
  std::optional<Diagnostic> error; // otherwise the parser's diagnostic (parse_rules)
};

// Formats one rule file. A file that parse_rules rejects is never formatted:
// the result holds its error and no text. `file_name` only locates the error.
FormatResult format_rules(const std::string& file_name, std::string_view source, const Limits& limits = {});

} // namespace tally
