// The scan is record by record: a record without any quote (nearly all of
// them) is split straight from the file's bytes, sixteen bytes per step; only
// records with quotes take the general path, and only fields with doubled
// quotes are copied.
#include "csv_reader.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <deque>
#include <fmt/format.h>
#include <optional>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tally {

namespace {

using Field = InputField;

const char* find_byte(const char* from, const char* to, char byte) {
  return static_cast<const char*>(std::memchr(from, byte, static_cast<std::size_t>(to - from)));
}

constexpr std::size_t kBlockBytes = 16;

// Bit i of `commas` is set when byte i of a block is ','; of `stops`, when
// it is '\n' or '"', the bytes that end the fast path.
struct BlockMasks {
  std::uint32_t commas = 0, stops = 0;
};

BlockMasks scan_block(const char* block, std::size_t size) {
  BlockMasks masks;
#if defined(__SSE2__)
  if (size == kBlockBytes) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
    const auto mask_of = [&](char wanted) {
      return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(wanted))));
    };
    masks.commas = mask_of(',');
    masks.stops = mask_of('\n') | mask_of('"');
    return masks;
  }
#endif
  for (std::size_t i = 0; i < size; ++i) {
    if (block[i] == ',')
      masks.commas |= std::uint32_t{1} << i;
    else if (block[i] == '\n' || block[i] == '"')
      masks.stops |= std::uint32_t{1} << i;
  }
  return masks;
}

class CsvScanner {
public:
  // Scanning starts `skip` bytes in (past a byte-order mark), but columns count
  // from the first byte, as they do in rule files.
  CsvScanner(std::string_view bytes, std::size_t skip, ObservationSink& sink)
      : begin_(bytes.data()), pos_(bytes.data() + skip), end_(bytes.data() + bytes.size()),
        line_start_(bytes.data()), sink_(sink) {}

  // Splits the next record into `fields`; false at the end of the input. A
  // malformed record is consumed to the end of its line and described in `error`.
  bool next_record(std::vector<Field>& fields, std::optional<BadRow>& error) {
    skip_blank_lines();
    if (pos_ == end_) return false;
    record_line_ = line_;
    fields.clear();
    error.reset();
    if (!unescaped_.empty()) unescaped_.clear();
    if (!split_plain(fields)) {
      fields.clear();
      split_quoted(fields, error);
    }
    return true;
  }

  std::uint64_t record_line() const { return record_line_; }
  // Bytes consumed: the offset of the next record.
  std::size_t offset() const { return static_cast<std::size_t>(pos_ - begin_); }

private:
  std::uint32_t column_of(const char* at) const { return static_cast<std::uint32_t>(at - line_start_ + 1); }

  void start_line(const char* after_newline) {
    pos_ = after_newline;
    line_start_ = after_newline;
    ++line_;
  }

  void skip_blank_lines() {
    while (pos_ != end_) {
      if (*pos_ == '\n')
        start_line(pos_ + 1);
      else if (*pos_ == '\r' && (pos_ + 1 == end_ || pos_[1] == '\n'))
        start_line(std::min(pos_ + 2, end_));
      else
        return;
    }
  }

  // The fast path: splits a record that has no quote before its newline,
  // sixteen bytes at a time. False (with `fields` partly filled) when a quote
  // shows up, so the caller can start over on the general path.
  bool split_plain(std::vector<Field>& fields) {
    const char* start = pos_;
    for (const char* block = pos_;; block += kBlockBytes) {
      const std::size_t available = static_cast<std::size_t>(end_ - block);
      const BlockMasks masks = scan_block(block, std::min(available, kBlockBytes));
      std::uint32_t commas = masks.commas;
      const bool record_ends = masks.stops != 0 || available <= kBlockBytes;
      std::size_t record_end = available < kBlockBytes ? available : kBlockBytes;
      if (masks.stops != 0) {
        record_end = static_cast<std::size_t>(std::countr_zero(masks.stops));
        if (block[record_end] == '"') return false;
        commas &= (std::uint32_t{1} << record_end) - 1;
      }
      for (; commas != 0; commas &= commas - 1) {
        const char* comma = block + std::countr_zero(commas);
        push_plain(fields, start, comma);
        start = comma + 1;
      }
      if (!record_ends) continue;
      const char* line_end = block + record_end;
      push_plain(fields, start, line_end > start && line_end[-1] == '\r' ? line_end - 1 : line_end);
      if (line_end == end_)
        pos_ = end_;
      else
        start_line(line_end + 1);
      return true;
    }
  }

  void push_plain(std::vector<Field>& fields, const char* start, const char* stop) const {
    // Member by member: building a Field aside and copying it in stalls on
    // store forwarding, once per cell.
    Field& field = fields.emplace_back();
    field.width = static_cast<std::uint32_t>(stop - start);
    field.text = std::string_view(start, field.width);
    field.line = line_;
    field.column = column_of(start);
  }

  // The general path: quoted fields, doubled quotes, newlines inside quotes.
  void split_quoted(std::vector<Field>& fields, std::optional<BadRow>& error) {
    const char* at = pos_;
    for (;;) {
      const std::uint64_t field_line = line_;
      const std::uint32_t field_column = column_of(at);
      if (at != end_ && *at == '"') {
        const char* content = at + 1;
        const char* close = content;
        bool doubled = false;
        for (;;) {
          close = find_byte(close, end_, '"');
          // The rest of the file would be one field: no row boundary can be
          // trusted after this point, so this is fatal even when skipping bad rows.
          if (close == nullptr)
            sink_.fail(data_error::malformed, field_line, field_column, 1,
                       "unterminated quoted field: no closing `\"` before the end of the file");
          if (close + 1 != end_ && close[1] == '"') {
            doubled = true;
            close += 2;
            continue;
          }
          break;
        }
        const char* first_line_end = find_byte(content, close, '\n');
        const auto width =
            static_cast<std::uint32_t>((first_line_end != nullptr ? first_line_end : close + 1) - at);
        for (const char* newline = first_line_end; newline != nullptr;
             newline = find_byte(newline + 1, close, '\n')) {
          line_start_ = newline + 1;
          ++line_;
        }
        fields.push_back(
            Field{doubled ? undo_doubled_quotes(content, close) : std::string_view(content, close - content),
                  field_line, field_column, width});
        at = close + 1;
        if (at == end_) {
          pos_ = end_;
          return;
        }
        if (*at == ',') {
          ++at;
          continue;
        }
        if (*at == '\n' || (*at == '\r' && (at + 1 == end_ || at[1] == '\n'))) {
          finish_record(at);
          return;
        }
        return resync(
            at, error,
            BadRow{field_line, field_column,
                   fmt::format("unexpected `{}` after the closing quote of field {}; a quote inside a "
                               "quoted field is written `\"\"`",
                               *at, fields.size())});
      }

      const char* stop = at;
      while (stop != end_ && *stop != ',' && *stop != '\n' && *stop != '"')
        ++stop;
      if (stop != end_ && *stop == '"')
        return resync(
            stop, error,
            BadRow{field_line, field_column,
                   fmt::format("quote inside unquoted field {}; quote the whole field and double the "
                               "quote, as in \"a\"\"b\"",
                               fields.size() + 1)});
      const bool record_ends = stop == end_ || *stop == '\n';
      const char* content_end = record_ends && stop > at && stop[-1] == '\r' ? stop - 1 : stop;
      const auto width = static_cast<std::uint32_t>(content_end - at);
      fields.push_back(Field{{at, width}, field_line, field_column, width});
      if (stop == end_) {
        pos_ = end_;
        return;
      }
      if (*stop == ',') {
        at = stop + 1;
        continue;
      }
      return finish_record(stop);
    }
  }

  // `at` is the record's '\n' or the '\r' of its "\r\n" (or a final '\r').
  void finish_record(const char* at) {
    const char* newline = find_byte(at, end_, '\n');
    if (newline == nullptr)
      pos_ = end_;
    else
      start_line(newline + 1);
  }

  // Abandons a malformed record at its current line's end.
  void resync(const char* at, std::optional<BadRow>& error, BadRow bad) {
    error = std::move(bad);
    finish_record(at);
  }

  std::string_view undo_doubled_quotes(const char* content, const char* close) {
    std::string& text = unescaped_.emplace_back();
    text.reserve(static_cast<std::size_t>(close - content));
    for (const char* c = content; c != close; ++c) {
      text.push_back(*c);
      if (*c == '"') ++c; // the second quote of a doubled pair
    }
    return text;
  }

  const char* begin_;
  const char* pos_;
  const char* end_;
  const char* line_start_;
  std::uint64_t line_ = 1;
  std::uint64_t record_line_ = 1;
  ObservationSink& sink_;
  std::deque<std::string> unescaped_; // a deque, so views into earlier fields stay valid
};

} // namespace

void read_csv(std::string_view bytes, ObservationSink& sink) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  const std::size_t skip = bytes.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;

  CsvScanner scanner(bytes, skip, sink);
  std::vector<Field> fields;
  std::optional<BadRow> error;
  if (!scanner.next_record(fields, error))
    sink.fail(data_error::bad_header, 0, 0, 1, "empty file: no header row");
  if (error)
    sink.fail(data_error::malformed, error->line, error->column, 1, "in the header: " + error->message);

  std::vector<HeaderField> header;
  for (const Field& field : fields)
    header.push_back({field.text, field.line, field.column, field.width});
  const auto target = sink.take_header(header, scanner.record_line(), 1);
  sink.reserve_for(bytes);

  RowAppender& appender = sink.appender();
  BadRow bad;
  std::uint32_t bad_width = 1;
  while (scanner.next_record(fields, error)) {
    const std::uint64_t line = scanner.record_line();
    sink.count_record(line, scanner.offset());
    if (error) {
      sink.reject_row(data_error::malformed, *error, 1);
      continue;
    }
    if (fields.size() != target.size()) {
      const Field& at = fields.size() > target.size() ? fields[target.size()] : fields.back();
      const std::uint32_t column = fields.size() > target.size() ? at.column : at.column + at.width;
      sink.reject_row(
          data_error::malformed,
          BadRow{at.line, column, fmt::format("expected {} fields, found {}", target.size(), fields.size())},
          1);
      continue;
    }
    if (!appender.append_record(line, fields, target, bad, bad_width))
      sink.reject_row(data_error::bad_value, bad, bad_width);
  }
}

} // namespace tally
