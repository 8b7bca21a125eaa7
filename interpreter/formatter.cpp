// The canonical layout of a rule file. format_rules() writes exactly this, so
// formatting its own output changes nothing. Widths count characters (UTF-8
// code points), not bytes.
//
// Lines
//  - Line ends are LF (CRLF input becomes LF); no line ends in blanks; the
//    file ends with exactly one newline (a file with no code and no comment
//    becomes empty); a byte-order mark is dropped.
//  - Every statement starts a line: a declaration (import, schema, let, param,
//    product, subscription), a product item (title, method, param, let,
//    component, usage, qlu, example), an example item (a setting, given,
//    expect, products, data), a subscription item (products, a setting) and a
//    schema's column or ties. Any other line break the author wrote inside a
//    statement is kept, and no other is added.
//  - A block's `{` (schema, product, example, subscription, data) ends the
//    line of its header, even when written on a later line (a comment in
//    between then follows it), and its `}` stands on a line of its own. The
//    braces of a set or a product list are not blocks but brackets.
//  - Blank lines: at most one in a row; none at the start or the end of the
//    file, right after a block's `{` or right before its `}`. Except in a data
//    table, where the blank line the grammar needs after a comment stays.
//
// Indentation, in spaces (a tab in the input is just a blank)
//  - A statement, a data row and a block's `}`: 2 per enclosing block.
//  - A continuation line (a statement's second line or later) is aligned:
//      * inside a bracket left open on an earlier line: one column
//        after that bracket when code follows it on its line, and a line that
//        starts with the closing bracket goes under the bracket; when the
//        bracket ends its line, the lines inside are indented 2 more than the
//        bracket's line and the closing bracket as much as that line;
//      * otherwise under the statement's value: the first token after its `=`
//        (let, component, usage, qlu, param, a setting) or after its leading
//        keyword (every other statement);
//      * a line before the value's line is indented 4 more than the statement.
//  - A full-line comment is indented like the code line after it; before a
//    block's `}` and at the end of the file, like the block's statements.
//
// Spacing within a line
//  - One space between tokens, with these exceptions: none after an opening
//    bracket, `(` or `{` (of a set or a product list); none before `,` or a
//    closing bracket; none around `.`
//    (VMDR.ratio); none between a name and the `(` of its call or parameter
//    list (f(x), round(...), subscribed(ETM), let f(rows)); none after a unary
//    minus (-x); none around the `/` of an expected fraction (usage = 1300/3);
//    none before the `:` of a param (param ratio: decimal = 1.5).
//  - Schema columns read `column NAME : TYPE ...`; in a run of column
//    declarations that no blank line interrupts, the names are padded so that
//    the `:` line up.
//  - Data tables: every cell is trimmed and padded to the widest cell of its
//    column in the table, cells are joined by ` | `, and the row then loses
//    its trailing blanks.
//  - A comment keeps its text (trailing blanks aside). A comment that follows
//    code stays on that code's line; on consecutive lines that each end in
//    such a comment, the comments start in one column, one space after the
//    longest code among those lines.
#include "formatter.hpp"

#include "comments.hpp"
#include "grammar/grammar.hpp"
#include "parser.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace tally {
namespace {

namespace pegtl = tao::pegtl;
namespace pt = pegtl::parse_tree;
namespace g = tally::grammar;

constexpr std::size_t kBlockIndent = 2;
constexpr std::size_t kBracketIndent = 2;
constexpr std::size_t kEarlyContinuationIndent = 4;

// ---------------------------------------------------------------- what the grammar tells the layout

// The part a grammar rule plays in the layout. Rules without one are not kept
// in the parse tree: their tokens belong to the nearest rule that has one.
enum class Role {
  none,
  // tokens
  spaced, // names, keywords, literals and operators: a space on each side
  open_paren,
  close_paren,
  open_brace,
  close_brace,
  comma,
  colon,
  dot,
  minus,
  slash,
  data_row,
  // rules around tokens
  cell,
  statement,
  column_statement,
  block_statement, // a statement holding a block of statements: schema, product, example, subscription
  data_block,      // a data table, a block of rows
  value,           // the value after a statement's `=`
  negation,        // a unary minus
  group,           // a parenthesized expression: a space before its `(`
  call,            // a call: its `(` follows the name directly, as a parameter list's does
  fraction,        // the `/ 3` of an expected value 1300/3
};

template <typename Rule> inline constexpr Role role_of = Role::none;

#define TALLY_ROLE(rule, role) template <> inline constexpr Role role_of<rule> = Role::role;
#define TALLY_KEYWORD_ROLE(keyword) TALLY_ROLE(g::kw_##keyword, spaced)
TALLY_RESERVED_WORDS(TALLY_KEYWORD_ROLE)
TALLY_CONTEXT_WORDS(TALLY_KEYWORD_ROLE)
#undef TALLY_KEYWORD_ROLE

TALLY_ROLE(g::identifier, spaced)
TALLY_ROLE(g::product_name, spaced)
TALLY_ROLE(g::date_literal, spaced)
TALLY_ROLE(g::decimal_literal, spaced)
TALLY_ROLE(g::digits, spaced)
TALLY_ROLE(g::string_literal, spaced)
TALLY_ROLE(g::true_literal, spaced) // these two derive from kw_true and kw_false rather than use them
TALLY_ROLE(g::false_literal, spaced)
TALLY_ROLE(pegtl::one<'='>, spaced)
TALLY_ROLE(pegtl::one<'+'>, spaced)
TALLY_ROLE(pegtl::one<'*'>, spaced)
TALLY_ROLE(pegtl::one<'<'>, spaced)
TALLY_ROLE(pegtl::one<'>'>, spaced)
using not_equal = pegtl::string<'!', '='>;
using less_or_equal = pegtl::string<'<', '='>;
using greater_or_equal = pegtl::string<'>', '='>;
TALLY_ROLE(not_equal, spaced)
TALLY_ROLE(less_or_equal, spaced)
TALLY_ROLE(greater_or_equal, spaced)
TALLY_ROLE(pegtl::one<'('>, open_paren)
TALLY_ROLE(pegtl::one<')'>, close_paren)
TALLY_ROLE(pegtl::one<'{'>, open_brace)
TALLY_ROLE(pegtl::one<'}'>, close_brace)
TALLY_ROLE(pegtl::one<','>, comma)
TALLY_ROLE(pegtl::one<':'>, colon)
TALLY_ROLE(pegtl::one<'.'>, dot)
TALLY_ROLE(pegtl::one<'-'>, minus)
TALLY_ROLE(pegtl::one<'/'>, slash)
TALLY_ROLE(g::data_keyword, spaced) // its text ends in the blanks before the table's `{`
TALLY_ROLE(g::data_line, data_row)
TALLY_ROLE(g::cell, cell)

TALLY_ROLE(g::import_decl, statement)
TALLY_ROLE(g::let_decl, statement)
TALLY_ROLE(g::param_decl, statement)
TALLY_ROLE(g::ties_decl, statement)
TALLY_ROLE(g::title_decl, statement)
TALLY_ROLE(g::method_decl, statement)
TALLY_ROLE(g::component_decl, statement)
TALLY_ROLE(g::usage_decl, statement)
TALLY_ROLE(g::qlu_decl, statement)
TALLY_ROLE(g::given_decl, statement)
TALLY_ROLE(g::expect_decl, statement)
TALLY_ROLE(g::products_decl, statement)
TALLY_ROLE(g::setting, statement)
TALLY_ROLE(g::product_setting, statement)
TALLY_ROLE(g::column_decl, column_statement)
TALLY_ROLE(g::schema_decl, block_statement)
TALLY_ROLE(g::product_decl, block_statement)
TALLY_ROLE(g::license_decl, block_statement)
TALLY_ROLE(g::example_decl, block_statement)
TALLY_ROLE(g::subscription_decl, block_statement)
TALLY_ROLE(g::data_decl, data_block)
TALLY_ROLE(g::defined_value, value)
TALLY_ROLE(g::param_default, value)
TALLY_ROLE(g::setting_value, value)
TALLY_ROLE(g::negate, negation)
TALLY_ROLE(g::parenthesized, group)
TALLY_ROLE(g::call, call)
TALLY_ROLE(g::round_call, call)
TALLY_ROLE(g::subscribed_call, call)
TALLY_ROLE(g::expected_denominator, fraction)
#undef TALLY_ROLE

struct LayoutNode : pt::basic_node<LayoutNode> {
  Role role = Role::none;

  template <typename Rule, typename ParseInput, typename... States>
  void start(const ParseInput& in, States&&... states) {
    basic_node::template start<Rule>(in, states...);
    role = role_of<Rule>;
  }
};

template <typename Rule> struct layout_selector : std::bool_constant<role_of<Rule> != Role::none> {};

bool is_token(Role role) {
  switch (role) {
  case Role::spaced:
  case Role::open_paren:
  case Role::close_paren:
  case Role::open_brace:
  case Role::close_brace:
  case Role::comma:
  case Role::colon:
  case Role::dot:
  case Role::minus:
  case Role::slash:
    return true;
  default:
    return false;
  }
}

bool holds_block(Role role) {
  return role == Role::block_statement || role == Role::data_block;
}

bool is_statement(Role role) {
  return role == Role::statement || role == Role::column_statement || holds_block(role);
}

// ---------------------------------------------------------------- tokens

enum class Brace { none, open_bracket, close_bracket, open_block, close_block };

struct Token {
  std::string text;               // as written (a data row has cells instead)
  bool is_data_row = false;       // a whole row of a data table
  std::vector<std::string> cells; // a data row's cells, trimmed
  // Where it goes in the layout: where it was written, except for a block's `{`.
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t source_line = 0; // where it was written
  Brace brace = Brace::none;
  bool tight_before = false, tight_after = false; // no space on that side
  bool starts_statement = false;
  bool starts_value = false; // what continuation lines of its statement align under
  bool column_colon = false; // the `:` of a schema column
  bool opens_data_table = false;
};

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Flattens the layout tree into tokens, marking where statements and their
// values start.
class TokenCollector {
public:
  std::vector<Token> collect(const LayoutNode& root) {
    visit_children(root, /*holds_statements=*/true);
    return std::move(tokens_);
  }

private:
  std::vector<Token> tokens_;
  const LayoutNode* current_statement_ = nullptr;
  bool statement_pending_ = false;
  bool value_pending_ = false;
  std::size_t statement_tokens_ = 0;
  bool value_is_second_token_ = false;

  void visit_children(const LayoutNode& node, bool holds_statements) {
    for (const auto& child : node.children)
      visit(*child, node, holds_statements);
  }

  void visit(const LayoutNode& node, const LayoutNode& parent, bool parent_holds_statements) {
    if (is_statement(node.role) && parent_holds_statements) begin_statement(node);
    if (node.role == Role::value && &parent == current_statement_) value_pending_ = true;
    if (node.role == Role::data_row)
      add(data_row(node));
    else if (is_token(node.role))
      add(token(node, parent));
    else
      visit_children(node, node.role == Role::block_statement);
  }

  // A statement's value is what follows its `=`; a statement without one
  // (import, given, column, ...) continues under the token after its keyword.
  void begin_statement(const LayoutNode& statement) {
    current_statement_ = &statement;
    statement_pending_ = true;
    statement_tokens_ = 0;
    value_is_second_token_ = std::none_of(statement.children.begin(), statement.children.end(),
                                          [](const auto& child) { return child->role == Role::value; });
  }

  void add(Token token) {
    token.starts_statement = std::exchange(statement_pending_, false);
    ++statement_tokens_;
    const bool second_token = value_is_second_token_ && statement_tokens_ == 2;
    token.starts_value = (std::exchange(value_pending_, false) || second_token) && token.brace == Brace::none;
    tokens_.push_back(std::move(token));
  }

  static Token token(const LayoutNode& node, const LayoutNode& parent) {
    Token out;
    out.text = std::string(trimmed(node.string_view()));
    out.line = out.source_line = static_cast<std::uint32_t>(node.begin().line);
    out.column = static_cast<std::uint32_t>(node.begin().column);
    const bool in_block_header = holds_block(parent.role);
    switch (node.role) {
    case Role::open_paren:
      out.brace = Brace::open_bracket;
      out.tight_before = parent.role != Role::group; // a call's or a parameter list's
      out.tight_after = true;
      break;
    case Role::close_paren:
      out.brace = Brace::close_bracket;
      out.tight_before = true;
      break;
    case Role::open_brace:
      out.brace = in_block_header ? Brace::open_block : Brace::open_bracket;
      out.tight_after = !in_block_header;
      out.opens_data_table = parent.role == Role::data_block;
      break;
    case Role::close_brace:
      out.brace = in_block_header ? Brace::close_block : Brace::close_bracket;
      out.tight_before = !in_block_header;
      break;
    case Role::comma:
      out.tight_before = true;
      break;
    case Role::colon:
      out.column_colon = parent.role == Role::column_statement;
      out.tight_before = !out.column_colon;
      break;
    case Role::dot:
      out.tight_before = out.tight_after = true;
      break;
    case Role::minus:
      out.tight_after = parent.role == Role::negation;
      break;
    case Role::slash:
      out.tight_before = out.tight_after = parent.role == Role::fraction;
      break;
    default:
      break;
    }
    return out;
  }

  static Token data_row(const LayoutNode& node) {
    Token out;
    out.is_data_row = true;
    out.line = out.source_line = static_cast<std::uint32_t>(node.begin().line);
    out.column = static_cast<std::uint32_t>(node.begin().column);
    for (const auto& cell : node.children)
      out.cells.emplace_back(trimmed(cell->string_view()));
    return out;
  }
};

// A block's `{` written on a later line than its header moves up to the end
// of the header's last token, ahead of any comment in between.
void join_block_openers_to_headers(std::vector<Token>& tokens) {
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    if (tokens[i].brace != Brace::open_block) continue;
    const auto& header_end = tokens[i - 1];
    tokens[i].line = header_end.line;
    tokens[i].column = header_end.column + static_cast<std::uint32_t>(header_end.text.size());
  }
}

// ---------------------------------------------------------------- lines

enum class LineKind { statement, continuation, block_close, data_row, comment };

struct Line {
  LineKind kind = LineKind::comment;
  std::vector<const Token*> tokens;
  std::optional<std::string> comment; // from its `#` on
  bool blank_before = false;
  std::size_t column_name_width = 0;    // a schema column: the width its name is padded to
  std::vector<std::size_t> cell_widths; // a data row: its table's column widths

  bool ends_with_block_opener() const { return !tokens.empty() && tokens.back()->brace == Brace::open_block; }
};

LineKind kind_of_line_starting_with(const Token& token) {
  if (token.starts_statement) return LineKind::statement;
  if (token.brace == Brace::close_block) return LineKind::block_close;
  if (token.is_data_row) return LineKind::data_row;
  return LineKind::continuation;
}

// Splits the tokens and comments into output lines: the author's line breaks,
// plus those that put every statement and block brace where the layout wants.
class LineBuilder {
public:
  std::vector<Line> build(const std::vector<Token>& tokens, const std::vector<Comment>& comments) {
    auto comment = comments.begin();
    for (const auto& token : tokens) {
      for (; comment != comments.end() && precedes(*comment, token); ++comment)
        add(*comment);
      add(token);
    }
    for (; comment != comments.end(); ++comment)
      add(*comment);
    return std::move(lines_);
  }

private:
  std::vector<Line> lines_;
  std::uint32_t last_source_line_ = 0; // the last line written so far, to see blank lines in between

  static bool precedes(const Comment& comment, const Token& token) {
    return comment.line < token.line || (comment.line == token.line && comment.column < token.column);
  }

  void add(const Comment& comment) {
    const bool stays_trailing =
        comment.trailing && !lines_.empty() && !lines_.back().tokens.empty() && !lines_.back().comment;
    if (!stays_trailing) start_line(LineKind::comment, comment.line);
    lines_.back().comment = "#" + comment.text;
    last_source_line_ = std::max(last_source_line_, comment.line);
  }

  void add(const Token& token) {
    if (starts_new_line(token)) start_line(kind_of_line_starting_with(token), token.source_line);
    lines_.back().tokens.push_back(&token);
    last_source_line_ = std::max(last_source_line_, token.source_line);
  }

  bool starts_new_line(const Token& token) const {
    if (lines_.empty() || lines_.back().comment) return true;
    if (token.brace == Brace::open_block) return false; // it ends its header's line
    if (token.starts_statement || token.brace == Brace::close_block || token.is_data_row) return true;
    const Token& previous = *lines_.back().tokens.back();
    if (previous.brace == Brace::open_block || previous.brace == Brace::close_block || previous.is_data_row)
      return true;
    return token.source_line != last_source_line_;
  }

  void start_line(LineKind kind, std::uint32_t source_line) {
    Line line;
    line.kind = kind;
    line.blank_before = !lines_.empty() && source_line > last_source_line_ + 1 &&
                        !lines_.back().ends_with_block_opener() && kind != LineKind::block_close;
    lines_.push_back(std::move(line));
  }
};

// In a data table a comment takes the end of its line with it, and the
// grammar still wants a line end after it (data_open, data_line_end,
// blank_line): in a file that parses, a blank line follows every such
// comment, and it must stay even right after the table's `{` or before its `}`.
void keep_blank_lines_after_table_comments(std::vector<Line>& lines) {
  bool in_table = false;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (!lines[i].tokens.empty() && lines[i].tokens.back()->opens_data_table)
      in_table = true;
    else if (lines[i].kind == LineKind::block_close)
      in_table = false;
    if (in_table && lines[i].comment) lines[i + 1].blank_before = true;
  }
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// ---------------------------------------------------------------- alignment within groups of lines

// Gives every data row the column widths of its table: the rows up to the
// table's closing brace (comment lines in between are not rows).
void align_data_tables(std::vector<Line>& lines) {
  std::vector<Line*> rows;
  const auto close_table = [&] {
    std::vector<std::size_t> widths;
    for (const Line* row : rows) {
      const auto& cells = row->tokens.front()->cells;
      widths.resize(std::max(widths.size(), cells.size()));
      for (std::size_t i = 0; i < cells.size(); ++i)
        widths[i] = std::max(widths[i], display_width(cells[i]));
    }
    for (Line* row : rows)
      row->cell_widths = widths;
    rows.clear();
  };
  for (auto& line : lines) {
    if (line.kind == LineKind::data_row)
      rows.push_back(&line);
    else if (line.kind != LineKind::comment)
      close_table();
  }
  close_table();
}

bool declares_column_on_its_first_line(const Line& line) {
  return line.kind == LineKind::statement && line.tokens.size() >= 3 && line.tokens[0]->text == "column" &&
         line.tokens[2]->column_colon;
}

// Pads the names of consecutive schema columns so that their `:` line up.
void align_schema_columns(std::vector<Line>& lines) {
  std::vector<Line*> group;
  const auto close_group = [&] {
    std::size_t widest = 0;
    for (const Line* line : group)
      widest = std::max(widest, display_width(line->tokens[1]->text));
    for (Line* line : group)
      line->column_name_width = widest;
    group.clear();
  };
  for (auto& line : lines) {
    if (line.blank_before) close_group();
    if (declares_column_on_its_first_line(line))
      group.push_back(&line);
    else if (line.kind == LineKind::statement || line.kind == LineKind::block_close)
      close_group();
  }
  close_group();
}

// ---------------------------------------------------------------- rendering

struct OpenBracket {
  std::size_t column = 0;      // where the bracket is written
  std::size_t line_indent = 0; // the indentation of its line
  bool code_follows = false;   // code follows the bracket on its line
};

// Writes the lines top to bottom, tracking the blocks and brackets open at each
// line, where the current statement started and where its value is.
class Renderer {
public:
  // The code of each line, indentation included; comments are added later.
  std::vector<std::string> render(const std::vector<Line>& lines) {
    std::vector<std::string> code;
    for (std::size_t i = 0; i < lines.size(); ++i)
      code.push_back(lines[i].kind == LineKind::comment ? std::string(comment_indent(lines, i), ' ')
                                                        : render_code(lines[i]));
    return code;
  }

private:
  std::size_t depth_ = 0; // open blocks
  std::vector<OpenBracket> brackets_;
  std::size_t statement_indent_ = 0;
  std::optional<std::size_t> value_column_;

  std::size_t indent_of(const Line& line) const {
    switch (line.kind) {
    case LineKind::statement:
    case LineKind::data_row:
      return depth_ * kBlockIndent;
    case LineKind::block_close:
      return (depth_ - 1) * kBlockIndent;
    case LineKind::continuation:
      return continuation_indent(*line.tokens.front());
    case LineKind::comment:
      break;
    }
    return depth_ * kBlockIndent;
  }

  std::size_t continuation_indent(const Token& first) const {
    if (!brackets_.empty()) {
      const auto& bracket = brackets_.back();
      const bool closes_it = first.brace == Brace::close_bracket;
      if (bracket.code_follows) return closes_it ? bracket.column : bracket.column + 1;
      return closes_it ? bracket.line_indent : bracket.line_indent + kBracketIndent;
    }
    if (value_column_) return *value_column_;
    return statement_indent_ + kEarlyContinuationIndent;
  }

  // Like the next code line, or like the statements of the block the comment
  // ends (and at the end of the file).
  std::size_t comment_indent(const std::vector<Line>& lines, std::size_t index) const {
    for (std::size_t i = index + 1; i < lines.size(); ++i) {
      if (lines[i].kind == LineKind::comment) continue;
      if (lines[i].kind == LineKind::block_close) break;
      return indent_of(lines[i]);
    }
    return depth_ * kBlockIndent;
  }

  std::string render_code(const Line& line) {
    const std::size_t indent = indent_of(line);
    if (line.kind == LineKind::data_row) return std::string(indent, ' ') + data_row(line);
    std::string out(indent, ' ');
    std::size_t width = indent;
    for (std::size_t i = 0; i < line.tokens.size(); ++i) {
      const Token& token = *line.tokens[i];
      if (i > 0) {
        const auto gap = space_before(*line.tokens[i - 1], token, line.column_name_width);
        out.append(gap, ' ');
        width += gap;
      }
      track(token, line, i, width, indent);
      out += token.text;
      width += display_width(token.text);
    }
    return out;
  }

  static std::size_t space_before(const Token& left, const Token& right, std::size_t column_name_width) {
    if (right.column_colon)
      return 1 + column_name_width - std::min(column_name_width, display_width(left.text));
    return left.tight_after || right.tight_before ? 0 : 1;
  }

  // Updates the open blocks and brackets and the statement's alignment with
  // the token about to be written at `column`.
  void track(const Token& token, const Line& line, std::size_t index, std::size_t column,
             std::size_t indent) {
    if (token.starts_statement) {
      statement_indent_ = indent;
      value_column_.reset();
      brackets_.clear();
    }
    if (token.starts_value) value_column_ = column;
    switch (token.brace) {
    case Brace::open_bracket:
      brackets_.push_back({column, indent, index + 1 < line.tokens.size()});
      break;
    case Brace::close_bracket:
      if (!brackets_.empty()) brackets_.pop_back();
      break;
    case Brace::open_block:
      ++depth_;
      break;
    case Brace::close_block:
      --depth_;
      break;
    case Brace::none:
      break;
    }
  }

  // The cells padded to their column's width, without the blanks that would end the row.
  static std::string data_row(const Line& line) {
    const auto& cells = line.tokens.front()->cells;
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += " | ";
      out += cells[i];
      out.append(line.cell_widths[i] - display_width(cells[i]), ' ');
    }
    out.erase(out.find_last_not_of(' ') + 1);
    return out;
  }
};

bool has_trailing_comment(const Line& line) {
  return line.comment && !line.tokens.empty();
}

// One past the last of the consecutive lines that end in a comment, from `first` on.
std::size_t end_of_trailing_comments(const std::vector<Line>& lines, std::size_t first) {
  auto end = first + 1;
  while (end < lines.size() && has_trailing_comment(lines[end]) && !lines[end].blank_before)
    ++end;
  return end;
}

// Joins code and comments into the final text, lining up the trailing
// comments of consecutive lines one space after the longest code among them.
std::string assemble(const std::vector<Line>& lines, const std::vector<std::string>& code) {
  std::string out;
  for (std::size_t first = 0; first < lines.size();) {
    const auto end = has_trailing_comment(lines[first]) ? end_of_trailing_comments(lines, first) : first + 1;
    std::size_t comment_column = 0;
    for (auto i = first; i < end; ++i)
      comment_column = std::max(comment_column, display_width(code[i]) + 1);
    for (auto i = first; i < end; ++i) {
      if (lines[i].blank_before) out += '\n';
      out += code[i];
      if (has_trailing_comment(lines[i])) out.append(comment_column - display_width(code[i]), ' ');
      out += lines[i].comment.value_or("");
      out += '\n';
    }
    first = end;
  }
  return out;
}

// LF line ends and no byte-order mark: the layout's tokens and comments are
// then found on the same lines, at the same columns, as in the grammar's view.
std::string normalized_input(std::string_view source) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (source.substr(0, kByteOrderMark.size()) == kByteOrderMark) source.remove_prefix(kByteOrderMark.size());
  std::string out;
  out.reserve(source.size());
  for (std::size_t i = 0; i < source.size(); ++i)
    if (!(source[i] == '\r' && i + 1 < source.size() && source[i + 1] == '\n')) out += source[i];
  return out;
}

std::vector<Token> tokens_of(const std::string& text) {
  pegtl::memory_input input(text.data(), text.size(), "");
  const auto root = pt::parse<g::file, LayoutNode, layout_selector>(input);
  if (!root) throw std::logic_error("formatter: the grammar rejects a file that parse_rules accepted");
  auto tokens = TokenCollector().collect(*root);
  join_block_openers_to_headers(tokens);
  return tokens;
}

// The layout only changes blanks, and moves a block's `{` ahead of a comment:
// the other characters of the file, counted, must all come out again. A
// comment the scanner missed would otherwise vanish from the file.
bool same_characters_apart_from_blanks(std::string_view before, std::string_view after) {
  std::array<std::ptrdiff_t, 256> balance{};
  const auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  for (const char c : before)
    if (!is_blank(c)) ++balance[static_cast<unsigned char>(c)];
  for (const char c : after)
    if (!is_blank(c)) --balance[static_cast<unsigned char>(c)];
  return std::all_of(balance.begin(), balance.end(), [](std::ptrdiff_t count) { return count == 0; });
}

} // namespace

FormatResult format_rules(const std::string& file_name, std::string_view source, const Limits& limits) {
  auto parsed = parse_rules(file_name, source, limits);
  if (!parsed.file) return {std::nullopt, std::move(parsed.error)};
  const auto text = normalized_input(source);
  const auto tokens = tokens_of(text);
  const auto comments = comments_of(text);
  auto lines = LineBuilder().build(tokens, comments);
  keep_blank_lines_after_table_comments(lines);
  align_data_tables(lines);
  align_schema_columns(lines);
  auto formatted = assemble(lines, Renderer().render(lines));
  if (!same_characters_apart_from_blanks(text, formatted))
    throw std::logic_error("formatter: the layout of `" + file_name + "` would lose or add text");
  return {std::move(formatted), std::nullopt};
}

} // namespace tally
