// A hand-written parser for the small part of JSON an observation needs: one
// flat object per line whose values are strings, whole numbers, null, or (for
// set columns) arrays of strings. Values of unknown keys may be any JSON and
// are skipped. A line never continues past its newline (JSON strings cannot
// hold a raw newline), so every line is parsed on its own and a bad line can be
// skipped without losing the next.
#include "jsonl_reader.hpp"

#include "text_equal.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <fmt/format.h>
#include <vector>

namespace tally {

namespace {

constexpr int kDeepestNesting = 64;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

std::string_view shown(std::string_view text) {
  return text.substr(0, 60);
}

class JsonlReader {
public:
  explicit JsonlReader(ObservationSink& sink)
      : sink_(sink), schema_(sink.schema()), table_(sink.table()), appender_(sink.appender()),
        key_names_(schema_.column_names()), seen_in_row_(key_names_.size(), 0),
        first_column_(key_names_.size(), 0) {}

  // Reading starts `skip` bytes in (past a byte-order mark), but columns count
  // from the first byte, as they do in rule files.
  void read(std::string_view bytes, std::size_t skip) {
    const char* at = bytes.data();
    const char* end = at + bytes.size();
    begin_ = at;
    for (std::uint64_t line = 1; at < end; ++line) {
      const char* newline =
          static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
      const char* line_end = newline != nullptr ? newline : end;
      read_line(at, line == 1 ? at + skip : at, line_end, line);
      at = line_end + 1;
    }
  }

private:
  void read_line(const char* line_start, const char* begin, const char* end, std::uint64_t line) {
    at_ = begin;
    line_start_ = line_start;
    line_end_ = end;
    line_ = line;
    skip_whitespace();
    if (at_ == line_end_) return;
    sink_.count_record(line, static_cast<std::size_t>(line_end_ - begin_));
    if (!decoded_.empty()) decoded_.clear();
    ++row_stamp_;
    appender_.begin_row(line);
    if (!parse_object()) {
      sink_.reject_row(error_code_, error_, error_width_);
      return;
    }
    BadRow bad;
    if (!appender_.end_row(bad)) sink_.reject_row(data_error::bad_value, bad, 1);
  }

  std::uint32_t column_of(const char* at) const { return static_cast<std::uint32_t>(at - line_start_ + 1); }

  bool fail(std::string_view code, const char* where, std::size_t width, std::string message) {
    error_code_ = code;
    error_ = BadRow{line_, column_of(where), std::move(message)};
    error_width_ = static_cast<std::uint32_t>(std::max<std::size_t>(width, 1));
    return false;
  }

  bool syntax_error(const char* where, std::string message) {
    return fail(data_error::malformed, where, 1, std::move(message));
  }

  void skip_whitespace() {
    while (at_ != line_end_ && (*at_ == ' ' || *at_ == '\t' || *at_ == '\r'))
      ++at_;
  }

  std::string found_here() const {
    if (at_ == line_end_) return "the end of the line";
    return fmt::format("`{}`", *at_);
  }

  bool parse_object() {
    if (*at_ != '{')
      return syntax_error(at_,
                          fmt::format("expected a JSON object starting with `{{`, found {}", found_here()));
    ++at_;
    skip_whitespace();
    if (at_ != line_end_ && *at_ == '}') {
      ++at_;
      return expect_line_end();
    }
    for (std::size_t position = 0;; ++position) {
      if (at_ == line_end_ || *at_ != '"')
        return syntax_error(at_, fmt::format("expected a key in double quotes, found {}", found_here()));
      const char* key_at = at_;
      std::string_view key;
      if (!parse_string(key)) return false;
      const std::size_t slot = slot_of(key, position);
      if (seen_in_row_[slot] == row_stamp_)
        return fail(data_error::malformed, key_at, static_cast<std::size_t>(at_ - key_at),
                    fmt::format("duplicate key `{}` (first at column {})", shown(key), first_column_[slot]));
      seen_in_row_[slot] = row_stamp_;
      first_column_[slot] = column_of(key_at);
      skip_whitespace();
      if (at_ == line_end_ || *at_ != ':')
        return syntax_error(at_,
                            fmt::format("expected `:` after key `{}`, found {}", shown(key), found_here()));
      ++at_;
      skip_whitespace();
      if (slot < schema_.columns.size()) {
        table_.columns[slot].present = true;
        if (!read_cell(slot)) return false;
      } else if (!skip_value(0)) {
        return false;
      }
      skip_whitespace();
      if (at_ != line_end_ && *at_ == ',') {
        ++at_;
        skip_whitespace();
        continue;
      }
      if (at_ != line_end_ && *at_ == '}') {
        ++at_;
        return expect_line_end();
      }
      return syntax_error(at_, fmt::format("expected `,` or `}}` after the value of `{}`, found {}",
                                           shown(key), found_here()));
    }
  }

  bool expect_line_end() {
    skip_whitespace();
    if (at_ != line_end_)
      return syntax_error(at_, "unexpected text after the object; JSON Lines holds one object per line");
    return true;
  }

  // The slot of a key: schema columns first, then the input's unknown keys.
  // Lines usually repeat the previous line's key order, so that is tried first.
  std::size_t slot_of(std::string_view key, std::size_t position) {
    if (position < recent_slots_.size() && same_text(key_names_[recent_slots_[position]], key))
      return recent_slots_[position];
    std::size_t slot = 0;
    while (slot < key_names_.size() && !same_text(key_names_[slot], key))
      ++slot;
    if (slot == key_names_.size()) {
      key_names_.emplace_back(key);
      table_.extra_columns.emplace_back(key);
      seen_in_row_.resize(key_names_.size(), 0);
      first_column_.resize(key_names_.size(), 0);
    }
    if (position >= recent_slots_.size()) recent_slots_.resize(position + 1, 0);
    recent_slots_[position] = slot;
    return slot;
  }

  bool read_cell(std::size_t column_index) {
    const Column& column = schema_.columns[column_index];
    const char* value_at = at_;
    if (at_ == line_end_) return syntax_error(at_, fmt::format("expected a value for `{}`", column.name));
    std::string_view text;
    switch (*at_) {
    case '"':
      if (!parse_string(text)) return false;
      break;
    case '[':
      if (column.type != ColumnType::set)
        return fail(data_error::bad_value, at_, 1,
                    fmt::format("an array is only allowed in a set column; `{}` has type {}", column.name,
                                name_of(column.type)));
      if (!parse_set_items(column, text)) return false;
      break;
    case '{':
      return fail(data_error::bad_value, at_, 1,
                  fmt::format("an object is not allowed as the value of `{}`", column.name));
    case 't':
    case 'f':
      if (!parse_literal()) return false;
      return fail(data_error::bad_value, value_at, static_cast<std::size_t>(at_ - value_at),
                  fmt::format("`{}` in column `{}`: no column takes true or false",
                              std::string_view(value_at, static_cast<std::size_t>(at_ - value_at)),
                              column.name));
    case 'n':
      if (!parse_literal()) return false;
      break; // null: an empty cell
    default: {
      bool whole = true;
      if (!parse_number(whole)) return false;
      text = std::string_view(value_at, static_cast<std::size_t>(at_ - value_at));
      if (!whole)
        return fail(
            data_error::bad_value, value_at, text.size(),
            fmt::format("number `{}` in column `{}` is not a whole number", shown(text), column.name));
    }
    }
    if (!appender_.set_cell(column_index, text, column_of(value_at), error_)) {
      error_code_ = data_error::bad_value;
      error_width_ = static_cast<std::uint32_t>(std::max<std::ptrdiff_t>(at_ - value_at, 1));
      return false;
    }
    return true;
  }

  // A set column may be given as an array of strings; its items are joined
  // with ';' and then read exactly like a CSV cell.
  bool parse_set_items(const Column& column, std::string_view& joined_view) {
    std::string& joined = decoded_.emplace_back();
    ++at_;
    skip_whitespace();
    if (at_ != line_end_ && *at_ == ']') {
      ++at_;
      joined_view = joined;
      return true;
    }
    for (;;) {
      if (at_ == line_end_ || *at_ != '"')
        return fail(
            data_error::bad_value, at_, 1,
            fmt::format("items of set column `{}` must be strings, found {}", column.name, found_here()));
      const char* item_at = at_;
      std::string_view item;
      if (!parse_string(item)) return false;
      if (item.find(';') != std::string_view::npos)
        return fail(data_error::bad_value, item_at, static_cast<std::size_t>(at_ - item_at),
                    fmt::format("set item `{}` in column `{}` contains `;`, which separates items",
                                shown(item), column.name));
      if (!joined.empty()) joined.push_back(';');
      joined.append(item);
      skip_whitespace();
      if (at_ != line_end_ && *at_ == ',') {
        ++at_;
        skip_whitespace();
        continue;
      }
      if (at_ != line_end_ && *at_ == ']') {
        ++at_;
        joined_view = joined;
        return true;
      }
      return syntax_error(at_, fmt::format("expected `,` or `]` in the array, found {}", found_here()));
    }
  }

  // Skips the value of a key the schema does not know, whatever its shape.
  bool skip_value(int depth) {
    if (depth >= kDeepestNesting) // depth 0 is a value of the line's object: 64 levels in all
      return syntax_error(at_, fmt::format("values nested deeper than {} levels", kDeepestNesting));
    if (at_ == line_end_) return syntax_error(at_, "expected a value, found the end of the line");
    std::string_view ignored;
    bool whole = true;
    switch (*at_) {
    case '"':
      return parse_string(ignored);
    case 't':
    case 'f':
    case 'n':
      return parse_literal();
    case '[':
    case '{': {
      const char close = *at_ == '[' ? ']' : '}';
      ++at_;
      skip_whitespace();
      if (at_ != line_end_ && *at_ == close) {
        ++at_;
        return true;
      }
      for (;;) {
        if (close == '}') {
          if (at_ == line_end_ || *at_ != '"')
            return syntax_error(at_, fmt::format("expected a key in double quotes, found {}", found_here()));
          if (!parse_string(ignored)) return false;
          skip_whitespace();
          if (at_ == line_end_ || *at_ != ':')
            return syntax_error(at_, fmt::format("expected `:`, found {}", found_here()));
          ++at_;
          skip_whitespace();
        }
        if (!skip_value(depth + 1)) return false;
        skip_whitespace();
        if (at_ != line_end_ && *at_ == ',') {
          ++at_;
          skip_whitespace();
          continue;
        }
        if (at_ != line_end_ && *at_ == close) {
          ++at_;
          return true;
        }
        return syntax_error(at_, fmt::format("expected `,` or `{}`, found {}", close, found_here()));
      }
    }
    default:
      return parse_number(whole);
    }
  }

  bool parse_literal() {
    for (const std::string_view literal : {"true", "false", "null"}) {
      if (static_cast<std::size_t>(line_end_ - at_) >= literal.size() &&
          std::memcmp(at_, literal.data(), literal.size()) == 0) {
        at_ += literal.size();
        return true;
      }
    }
    return syntax_error(at_, fmt::format("expected a value, found {}", found_here()));
  }

  // JSON's number grammar; `whole` is false when it has a fraction or an exponent.
  bool parse_number(bool& whole) {
    const char* start = at_;
    if (at_ != line_end_ && *at_ == '-') ++at_;
    if (at_ == line_end_ || !is_digit(*at_))
      return syntax_error(start, fmt::format("expected a value, found {}", found_here()));
    if (*at_ == '0')
      ++at_;
    else
      while (at_ != line_end_ && is_digit(*at_))
        ++at_;
    whole = true;
    if (at_ != line_end_ && *at_ == '.') {
      whole = false;
      ++at_;
      if (at_ == line_end_ || !is_digit(*at_))
        return syntax_error(at_, "expected digits after `.` in a number");
      while (at_ != line_end_ && is_digit(*at_))
        ++at_;
    }
    if (at_ != line_end_ && (*at_ == 'e' || *at_ == 'E')) {
      whole = false;
      ++at_;
      if (at_ != line_end_ && (*at_ == '+' || *at_ == '-')) ++at_;
      if (at_ == line_end_ || !is_digit(*at_))
        return syntax_error(at_, "expected digits in a number's exponent");
      while (at_ != line_end_ && is_digit(*at_))
        ++at_;
    }
    return true;
  }

  // at_ is on the opening quote. Strings without escapes are views into the
  // file; the others are decoded into decoded_.
  bool parse_string(std::string_view& text) {
    const char* open = at_;
    const char* at = open + 1;
    while (at != line_end_ && *at != '"' && *at != '\\' && static_cast<unsigned char>(*at) >= 0x20)
      ++at;
    if (at != line_end_ && *at == '"') {
      text = std::string_view(open + 1, static_cast<std::size_t>(at - open - 1));
      at_ = at + 1;
      return true;
    }
    std::string& decoded = decoded_.emplace_back(open + 1, at);
    while (at != line_end_) {
      const char c = *at;
      if (c == '"') {
        text = decoded;
        at_ = at + 1;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20)
        return syntax_error(at, "control character inside a string; write it as an escape such as \\t");
      if (c != '\\') {
        decoded.push_back(c);
        ++at;
        continue;
      }
      if (at + 1 == line_end_) break;
      const char kind = at[1];
      static constexpr std::string_view kEscaped = "\"\\/bfnrt";
      static constexpr std::string_view kMeaning = "\"\\/\b\f\n\r\t";
      if (const std::size_t simple = kEscaped.find(kind); simple != std::string_view::npos) {
        decoded.push_back(kMeaning[simple]);
        at += 2;
        continue;
      }
      if (kind != 'u') return syntax_error(at, fmt::format("invalid escape `\\{}` in a string", kind));
      std::uint32_t code_point = 0;
      if (!read_hex4(at, code_point)) return false;
      if (code_point >= 0xDC00 && code_point <= 0xDFFF)
        return syntax_error(at, fmt::format("unpaired low surrogate `\\u{:04X}` in a string", code_point));
      if (code_point >= 0xD800 && code_point <= 0xDBFF) {
        std::uint32_t low = 0;
        if (line_end_ - at < 12 || at[6] != '\\' || at[7] != 'u' || !read_hex4(at + 6, low) || low < 0xDC00 ||
            low > 0xDFFF)
          return syntax_error(at, fmt::format("high surrogate `\\u{:04X}` is not followed by a low surrogate "
                                              "`\\uDC00`..`\\uDFFF`",
                                              code_point));
        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
        at += 6;
      }
      append_utf8(decoded, code_point);
      at += 6;
    }
    return syntax_error(open, "unterminated string: no closing `\"` on this line");
  }

  // `at` is on a backslash followed by 'u'.
  bool read_hex4(const char* at, std::uint32_t& value) {
    value = 0;
    for (int i = 2; i < 6; ++i) {
      const int digit = at + i < line_end_ ? hex_value(at[i]) : -1;
      if (digit < 0) return syntax_error(at, "`\\u` must be followed by four hexadecimal digits");
      value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    return true;
  }

  ObservationSink& sink_;
  const Schema& schema_;
  Table& table_;
  RowAppender& appender_;

  const char* begin_ = nullptr;
  const char* at_ = nullptr;
  const char* line_start_ = nullptr;
  const char* line_end_ = nullptr;
  std::uint64_t line_ = 0;
  std::uint64_t row_stamp_ = 0;
  std::vector<std::string> key_names_;      // per slot: schema columns, then unknown keys
  std::vector<std::uint64_t> seen_in_row_;  // per slot: the row stamp it was last seen in
  std::vector<std::uint32_t> first_column_; // per slot: where this row gave it
  std::vector<std::size_t> recent_slots_;   // per key position: the previous line's slot
  std::deque<std::string> decoded_;         // a deque, so views into earlier strings stay valid

  BadRow error_;
  std::string_view error_code_ = data_error::malformed;
  std::uint32_t error_width_ = 1;
};

} // namespace

void read_jsonl(std::string_view bytes, ObservationSink& sink) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  const std::size_t skip = bytes.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  sink.reserve_for(bytes);
  JsonlReader(sink).read(bytes, skip);

  // A column is in a JSON Lines table when any object has its key.
  const Schema& schema = sink.schema();
  const Table& table = sink.table();
  std::vector<std::string> input_columns = table.extra_columns;
  for (std::size_t i = 0; i < schema.columns.size(); ++i)
    if (table.columns[i].present) input_columns.push_back(schema.columns[i].name);
  sink.require_needed_columns(input_columns, 0, 0);
}

} // namespace tally
