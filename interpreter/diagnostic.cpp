#include "diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tally {

namespace {

constexpr std::size_t kTabWidth = 8;
constexpr std::size_t kMinimumGutterWidth = 5;

// "file:line:col: severity: message", leaving out the parts that are unknown.
std::string headline(const Diagnostic& diagnostic) {
  std::string location = diagnostic.pos.file;
  if (!location.empty() && diagnostic.pos.line > 0) {
    location += fmt::format(":{}", diagnostic.pos.line);
    if (diagnostic.pos.column > 0) location += fmt::format(":{}", diagnostic.pos.column);
  }
  if (!location.empty()) location += ": ";
  return fmt::format("{}{}: {}", location, name_of(diagnostic.severity), diagnostic.message);
}

bool is_utf8_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// The screen column at which each byte of `line` starts (plus one entry for the
// end of the line), with tabs expanded to the next multiple of kTabWidth and
// each UTF-8 character taking one column. A byte-order mark starting the line
// (the first line of a file) is not shown and takes none.
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::vector<std::size_t> screen_columns(std::string_view line) {
  std::vector<std::size_t> columns;
  columns.reserve(line.size() + 1);
  std::size_t column = 0;
  const std::size_t mark = line.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char byte = line[i];
    columns.push_back(column);
    if (i < mark) continue;
    if (byte == '\t')
      column += kTabWidth - column % kTabWidth;
    else if (!is_utf8_continuation(byte))
      ++column;
  }
  columns.push_back(column);
  return columns;
}

std::string expand_tabs(std::string_view line) {
  if (line.starts_with(kByteOrderMark)) line.remove_prefix(kByteOrderMark.size());
  std::string expanded;
  std::size_t column = 0;
  for (char byte : line) {
    if (byte == '\t') {
      const std::size_t width = kTabWidth - column % kTabWidth;
      expanded.append(width, ' ');
      column += width;
    } else {
      expanded += byte;
      if (!is_utf8_continuation(byte)) ++column;
    }
  }
  return expanded;
}

// The screen column where byte `offset` starts; offsets past the end of the
// line (a caret just after the last character) continue one column per byte.
std::size_t screen_column_at(const std::vector<std::size_t>& columns, std::size_t offset) {
  const std::size_t line_length = columns.size() - 1;
  if (offset <= line_length) return columns[offset];
  return columns[line_length] + (offset - line_length);
}

std::string caret_line(std::string_view line, std::uint32_t column, std::uint32_t length) {
  const std::vector<std::size_t> columns = screen_columns(line);
  const std::size_t first_byte = column - 1;
  const std::size_t start = screen_column_at(columns, first_byte);
  const std::size_t end = screen_column_at(columns, first_byte + std::max<std::uint32_t>(length, 1));
  const std::size_t width = std::max<std::size_t>(end - start, 1);
  return std::string(start, ' ') + '^' + std::string(width - 1, '~');
}

std::size_t decimal_width(std::uint32_t value) {
  return fmt::formatted_size("{}", value);
}

// Optimal string alignment distance: edits are insertions, deletions,
// substitutions and swaps of two adjacent characters.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> distance(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    distance[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    distance[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      distance[i][j] =
          std::min({distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        distance[i][j] = std::min(distance[i][j], distance[i - 2][j - 2] + 1);
    }
  }
  return distance[a.size()][b.size()];
}

} // namespace

std::string_view name_of(Severity severity) {
  switch (severity) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::note:
    return "note";
  }
  return "error";
}

const std::string& SourceRegistry::add(std::string name, std::string text) {
  files_.emplace_back(name, std::move(text));
  // A file added again replaces the old text for lookups; the old text stays
  // alive because earlier callers may still hold views into it.
  index_.insert_or_assign(std::move(name), files_.size() - 1);
  return files_.back().second;
}

const std::string* SourceRegistry::text(std::string_view name) const {
  const auto found = index_.find(name);
  return found == index_.end() ? nullptr : &files_[found->second].second;
}

std::optional<std::string_view> SourceRegistry::excerpt(const SourcePos& pos, std::uint32_t length) const {
  const auto whole_line = line(pos.file, pos.line);
  if (!whole_line || pos.column == 0 || pos.column > whole_line->size()) return std::nullopt;
  return whole_line->substr(pos.column - 1, length);
}

std::optional<std::string_view> SourceRegistry::line(std::string_view name, std::uint32_t line) const {
  const std::string* whole = text(name);
  if (whole == nullptr || line == 0) return std::nullopt;
  std::string_view rest = *whole;
  for (std::uint32_t skipped = 1; skipped < line; ++skipped) {
    const std::size_t newline = rest.find('\n');
    if (newline == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(newline + 1);
  }
  std::string_view current = rest.substr(0, rest.find('\n'));
  if (!current.empty() && current.back() == '\r') current.remove_suffix(1);
  return current;
}

std::string format_diagnostic(const Diagnostic& diagnostic, const SourceRegistry* sources) {
  std::string rendered = headline(diagnostic) + '\n';
  const SourcePos& pos = diagnostic.pos;
  std::optional<std::string_view> line;
  if (sources != nullptr && pos.line > 0) line = sources->line(pos.file, pos.line);

  const std::size_t gutter =
      line ? std::max(kMinimumGutterWidth, decimal_width(pos.line)) : kMinimumGutterWidth;
  if (line) {
    rendered += fmt::format("{:>{}} | {}\n", pos.line, gutter, expand_tabs(*line));
    if (pos.column > 0)
      rendered += fmt::format("{:>{}} | {}\n", "", gutter, caret_line(*line, pos.column, diagnostic.length));
  }
  if (!diagnostic.help.empty()) rendered += fmt::format("{:>{}} = help: {}\n", "", gutter, diagnostic.help);
  return rendered;
}

std::string closest_match(std::string_view wrong, const std::vector<std::string>& candidates) {
  const std::size_t threshold = std::max<std::size_t>(1, wrong.size() / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = threshold + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(wrong, candidate);
    if (distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  return best == nullptr ? std::string{} : *best;
}

DiagnosticError::DiagnosticError(Diagnostic diagnostic)
    : std::runtime_error(headline(diagnostic)), diagnostic_(std::move(diagnostic)) {}

} // namespace tally
