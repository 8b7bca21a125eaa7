#include "comments.hpp"

#include <optional>

namespace tally {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}
bool is_word_first(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_word_other(char c) {
  return is_word_first(c) || (c >= '0' && c <= '9');
}

std::string_view without_trailing_blanks(std::string_view text) {
  while (!text.empty() && is_blank(text.back()))
    text.remove_suffix(1);
  return text;
}

// The comment starting at `hash` (the index of its `#` in `line`).
Comment comment_at(std::string_view line, std::uint32_t line_number, std::size_t hash, bool trailing) {
  return {line_number, static_cast<std::uint32_t>(hash + 1),
          std::string(without_trailing_blanks(line.substr(hash + 1))), trailing};
}

// Walks the file line by line. Code lines are split into just enough tokens
// to skip string literals and to recognise where a data table starts: the
// contextual word `data` directly inside an example's braces, followed by `{`
// and the end of the line (the grammar's data_keyword and data_open).
class CommentScanner {
public:
  std::vector<Comment> scan(std::string_view source) {
    if (source.substr(0, kByteOrderMark.size()) == kByteOrderMark) bom_length_ = kByteOrderMark.size();
    std::uint32_t line_number = 1;
    for (std::size_t start = 0; start <= source.size(); ++line_number) {
      const auto end = source.find('\n', start);
      const auto line =
          source.substr(start, end == std::string_view::npos ? source.size() - start : end - start);
      if (in_data_table_)
        scan_data_line(line, line_number);
      else
        scan_code(line, line_number, bom_length_);
      if (end == std::string_view::npos) break;
      start = end + 1;
      bom_length_ = 0;
    }
    return std::move(comments_);
  }

private:
  enum class TokenKind { none, word, string, other };
  struct Token {
    TokenKind kind = TokenKind::none;
    std::string_view text;
  };

  std::vector<Comment> comments_;
  std::vector<bool> open_braces_; // one per open `{`: true when it opens an example's body
  Token last_, before_last_;      // the two latest tokens, to recognise `example "title" {`
  bool in_data_table_ = false;
  std::size_t bom_length_ = 0; // a byte-order mark at the start of the file is not code

  void remember(TokenKind kind, std::string_view text) {
    before_last_ = last_;
    last_ = {kind, text};
  }

  bool opens_example_body() const {
    return last_.kind == TokenKind::string && before_last_.kind == TokenKind::word &&
           before_last_.text == "example";
  }

  bool directly_in_example_body() const { return !open_braces_.empty() && open_braces_.back(); }

  // Scans `line` from byte `from`, with `code_before` telling whether code
  // precedes that byte on the line.
  void scan_code(std::string_view line, std::uint32_t line_number, std::size_t from,
                 bool code_before = false) {
    for (std::size_t i = from; i < line.size();) {
      const char c = line[i];
      if (is_blank(c)) {
        ++i;
      } else if (c == '#') {
        comments_.push_back(comment_at(line, line_number, i, code_before));
        return;
      } else if (c == '"') {
        const auto end = string_end(line, i);
        remember(TokenKind::string, line.substr(i, end - i));
        i = end;
      } else if (is_word_first(c)) {
        auto end = i + 1;
        while (end < line.size() && is_word_other(line[end]))
          ++end;
        const auto word = line.substr(i, end - i);
        if (word == "data" && directly_in_example_body()) {
          if (const auto brace = data_table_open(line, end)) {
            enter_data_table(line, line_number, *brace);
            return;
          }
        }
        remember(TokenKind::word, word);
        i = end;
      } else {
        if (c == '{') open_braces_.push_back(opens_example_body());
        if (c == '}' && !open_braces_.empty()) open_braces_.pop_back();
        remember(TokenKind::other, line.substr(i, 1));
        ++i;
      }
      code_before = code_before || !is_blank(c);
    }
  }

  // One past the closing quote of the string literal opening at `quote`, or
  // the end of the line when the string is not closed on it.
  static std::size_t string_end(std::string_view line, std::size_t quote) {
    for (std::size_t i = quote + 1; i < line.size(); ++i) {
      if (line[i] == '\\')
        ++i;
      else if (line[i] == '"')
        return i + 1;
    }
    return line.size();
  }

  // After the word `data` (ending at `from`): the index of the `{` when only
  // blanks, that brace, blanks and an optional comment follow on the line.
  static std::optional<std::size_t> data_table_open(std::string_view line, std::size_t from) {
    const auto brace = line.find_first_not_of(" \t", from);
    if (brace == std::string_view::npos || line[brace] != '{') return std::nullopt;
    const auto rest = without_trailing_blanks(line.substr(brace + 1));
    const auto next = rest.find_first_not_of(" \t");
    if (next != std::string_view::npos && rest[next] != '#') return std::nullopt;
    return brace;
  }

  void enter_data_table(std::string_view line, std::uint32_t line_number, std::size_t brace) {
    const auto hash = line.find('#', brace);
    if (hash != std::string_view::npos) comments_.push_back(comment_at(line, line_number, hash, true));
    in_data_table_ = true;
    remember(TokenKind::other, line.substr(brace, 1));
  }

  // A table row, a blank or comment line, or the line closing the table,
  // where scanning resumes as code after the `}`.
  void scan_data_line(std::string_view line, std::uint32_t line_number) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return;
    if (line[first] == '}') {
      in_data_table_ = false;
      remember(TokenKind::other, line.substr(first, 1));
      scan_code(line, line_number, first + 1, true);
      return;
    }
    const auto hash = line.find('#');
    if (hash != std::string_view::npos)
      comments_.push_back(comment_at(line, line_number, hash, hash != first));
  }
};

} // namespace

std::vector<Comment> comments_of(std::string_view source) {
  return CommentScanner().scan(source);
}

} // namespace tally
