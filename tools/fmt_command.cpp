#include "fmt_command.hpp"

#include "interpreter/diagnostic.hpp"
#include "interpreter/formatter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <unordered_map>

namespace tally {
namespace {

namespace fs = std::filesystem;

constexpr int kOk = 0;
constexpr int kWouldChange = 1;
constexpr int kError = 2;
constexpr std::size_t kContextLines = 3;

// ---------------------------------------------------------------- line diff

// A line with its newline, so that a last line without one differs from the
// same text with one.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto length = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

enum class EditKind { keep, remove, insert };

struct Edit {
  EditKind kind;
  std::size_t before_line; // 0-based index into `before` (keep, remove) ...
  std::size_t after_line;  // ... and into `after` (keep, insert)
};

// A shortest edit script by Hirschberg's divide and conquer over the longest
// common subsequence: quadratic time, but linear memory, so a file whose every
// line changes (CRLF to LF) costs no more memory than its size.
class LineDiff {
public:
  LineDiff(const std::vector<std::string_view>& before, const std::vector<std::string_view>& after) {
    std::unordered_map<std::string_view, int> ids;
    for (const auto line : before)
      before_.push_back(ids.try_emplace(line, static_cast<int>(ids.size())).first->second);
    for (const auto line : after)
      after_.push_back(ids.try_emplace(line, static_cast<int>(ids.size())).first->second);
  }

  std::vector<Edit> edits() {
    edits_.clear();
    diff(0, before_.size(), 0, after_.size());
    removals_first();
    return std::move(edits_);
  }

private:
  std::vector<int> before_, after_; // lines as ids: equal lines, equal ids
  std::vector<Edit> edits_;

  // Within each run of changes, the removed lines come before the inserted
  // ones, as diff(1) prints them; positions are then counted again.
  void removals_first() {
    for (auto run = edits_.begin(); run != edits_.end();) {
      const auto end =
          std::find_if(run, edits_.end(), [](const Edit& e) { return e.kind == EditKind::keep; });
      std::stable_partition(run, end, [](const Edit& e) { return e.kind == EditKind::remove; });
      run = end == edits_.end() ? end : end + 1;
    }
    std::size_t b = 0, a = 0;
    for (auto& edit : edits_) {
      edit.before_line = b;
      edit.after_line = a;
      b += edit.kind != EditKind::insert;
      a += edit.kind != EditKind::remove;
    }
  }

  void keep(std::size_t b, std::size_t a) { edits_.push_back({EditKind::keep, b, a}); }
  void remove(std::size_t b, std::size_t a) { edits_.push_back({EditKind::remove, b, a}); }
  void insert(std::size_t b, std::size_t a) { edits_.push_back({EditKind::insert, b, a}); }

  // Edits turning before_[b0, b1) into after_[a0, a1).
  void diff(std::size_t b0, std::size_t b1, std::size_t a0, std::size_t a1) {
    while (b0 < b1 && a0 < a1 && before_[b0] == after_[a0])
      keep(b0++, a0++);
    std::size_t common_tail = 0;
    while (b1 - common_tail > b0 && a1 - common_tail > a0 &&
           before_[b1 - common_tail - 1] == after_[a1 - common_tail - 1])
      ++common_tail;
    b1 -= common_tail;
    a1 -= common_tail;

    if (b0 == b1) {
      for (auto a = a0; a < a1; ++a)
        insert(b0, a);
    } else if (a0 == a1) {
      for (auto b = b0; b < b1; ++b)
        remove(b, a0);
    } else if (b1 - b0 == 1) {
      diff_single_line(b0, a0, a1);
    } else {
      const auto middle = b0 + (b1 - b0) / 2;
      const auto split = best_split(b0, middle, b1, a0, a1);
      diff(b0, middle, a0, split);
      diff(middle, b1, split, a1);
    }
    for (std::size_t k = 0; k < common_tail; ++k)
      keep(b1 + k, a1 + k);
  }

  // before_[b] against after_[a0, a1): kept if it is among them, else replaced.
  void diff_single_line(std::size_t b, std::size_t a0, std::size_t a1) {
    const auto found = std::find(after_.begin() + static_cast<std::ptrdiff_t>(a0),
                                 after_.begin() + static_cast<std::ptrdiff_t>(a1), before_[b]);
    const auto match = static_cast<std::size_t>(found - after_.begin());
    if (match == a1) {
      remove(b, a0);
      for (auto a = a0; a < a1; ++a)
        insert(b + 1, a);
      return;
    }
    for (auto a = a0; a < match; ++a)
      insert(b, a);
    keep(b, match);
    for (auto a = match + 1; a < a1; ++a)
      insert(b + 1, a);
  }

  // Where after_[a0, a1) splits so that before_[b0, middle) maps onto its
  // first part and before_[middle, b1) onto the rest, keeping the most lines.
  std::size_t best_split(std::size_t b0, std::size_t middle, std::size_t b1, std::size_t a0, std::size_t a1) {
    const auto forward = lcs_lengths(b0, middle, a0, a1, false);
    const auto backward = lcs_lengths(middle, b1, a0, a1, true);
    const auto width = a1 - a0;
    std::size_t best = 0;
    for (std::size_t k = 0; k <= width; ++k)
      if (forward[k] + backward[width - k] > forward[best] + backward[width - best]) best = k;
    return a0 + best;
  }

  // lengths[k]: the longest common subsequence of before_[b0, b1) and the
  // first k lines of after_[a0, a1) (the last k, read backwards, if reversed).
  std::vector<std::size_t> lcs_lengths(std::size_t b0, std::size_t b1, std::size_t a0, std::size_t a1,
                                       bool reversed) const {
    const auto width = a1 - a0;
    std::vector<std::size_t> row(width + 1, 0), next(width + 1, 0);
    for (std::size_t i = 0; i < b1 - b0; ++i) {
      const int line = before_[reversed ? b1 - 1 - i : b0 + i];
      for (std::size_t k = 1; k <= width; ++k) {
        const int other = after_[reversed ? a1 - k : a0 + k - 1];
        next[k] = line == other ? row[k - 1] + 1 : std::max(row[k], next[k - 1]);
      }
      std::swap(row, next);
    }
    return row;
  }
};

std::string diff_line(char sign, std::string_view line) {
  std::string out(1, sign);
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
  return out;
}

// `-l,n`: a range of n lines from line l, or, for no lines, the line before.
std::string hunk_range(std::size_t first, std::size_t count) {
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

std::string hunk(const std::vector<Edit>& edits, std::size_t begin, std::size_t end,
                 const std::vector<std::string_view>& before, const std::vector<std::string_view>& after) {
  std::size_t removed = 0, inserted = 0;
  std::string body;
  for (auto i = begin; i < end; ++i) {
    const auto& edit = edits[i];
    removed += edit.kind != EditKind::insert;
    inserted += edit.kind != EditKind::remove;
    body += edit.kind == EditKind::insert   ? diff_line('+', after[edit.after_line])
            : edit.kind == EditKind::remove ? diff_line('-', before[edit.before_line])
                                            : diff_line(' ', before[edit.before_line]);
  }
  return fmt::format("@@ -{} +{} @@\n", hunk_range(edits[begin].before_line, removed),
                     hunk_range(edits[begin].after_line, inserted)) +
         body;
}

// The end of the hunk whose first change is edits[change]: changes closer than
// two contexts apart share a hunk.
std::size_t hunk_end(const std::vector<Edit>& edits, std::size_t change) {
  auto end = change;
  while (end < edits.size()) {
    if (edits[end].kind != EditKind::keep) {
      ++end;
      continue;
    }
    auto next_change = end;
    while (next_change < edits.size() && edits[next_change].kind == EditKind::keep)
      ++next_change;
    if (next_change == edits.size() || next_change - end > 2 * kContextLines)
      return std::min(next_change, end + kContextLines);
    end = next_change;
  }
  return end;
}

// ---------------------------------------------------------------- files

Diagnostic file_error(const fs::path& path, std::string code, std::string message) {
  return {Severity::error, std::move(code), {path.string(), 0, 0}, 1, std::move(message), {}};
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

bool write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

// Writes `text` beside `path` and renames it over `path`: a reader sees the
// old file or the new one, never a mix. The file keeps its permissions; a
// symbolic link keeps pointing at the file it named, which is the one rewritten.
bool replace_file(const fs::path& path, const std::string& text) {
  std::error_code ec;
  const auto target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : path;
  if (ec) return false;
  auto temporary = target;
  temporary += ".fmt-tmp";
  if (!write_file(temporary, text)) {
    fs::remove(temporary, ec);
    return false;
  }
  std::error_code ignored; // keeping the permissions is best effort: the text is what matters
  fs::permissions(temporary, fs::status(target, ignored).permissions(), ignored);
  fs::rename(temporary, target, ec);
  if (!ec) return true;
  fs::remove(temporary, ignored);
  return false;
}

class FmtRun {
public:
  FmtRun(FmtMode mode, const Limits& limits, std::ostream& out, std::ostream& err)
      : mode_(mode), limits_(limits), out_(out), err_(err) {}

  void run(const fs::path& input) {
    std::error_code ec;
    if (!fs::is_directory(input, ec)) {
      format_file(input);
      return;
    }
    const auto files = tally_files_in(input);
    if (!files)
      report(file_error(input, "E0105", fmt::format("cannot read `{}`", input.string())));
    else if (files->empty())
      report(file_error(input, "E0105", "no .tally files in this folder"));
    else
      for (const auto& file : *files)
        format_file(file);
  }

  int exit_code() const { return failed_ ? kError : would_change_ ? kWouldChange : kOk; }

private:
  FmtMode mode_;
  const Limits& limits_;
  std::ostream& out_;
  std::ostream& err_;
  SourceRegistry sources_;
  bool failed_ = false;
  bool would_change_ = false;

  // Every `*.tally` below `folder`, sorted; nullopt when the folder cannot be listed.
  static std::optional<std::vector<fs::path>> tally_files_in(const fs::path& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec) && it->path().extension() == ".tally") files.push_back(it->path());
    if (ec) return std::nullopt;
    std::sort(files.begin(), files.end());
    return files;
  }

  void report(const Diagnostic& diagnostic) {
    err_ << format_diagnostic(diagnostic, &sources_);
    failed_ = true;
  }

  void format_file(const fs::path& path) {
    const auto name = path.string();
    const auto text = read_file(path);
    if (!text) {
      report(file_error(path, "E0105", fmt::format("cannot read `{}`", name)));
      return;
    }
    const auto& source = sources_.add(name, *text);
    const auto formatted = format_rules(name, source, limits_);
    if (formatted.error) {
      report(*formatted.error);
      return;
    }
    if (*formatted.text != source) apply(path, source, *formatted.text);
  }

  void apply(const fs::path& path, const std::string& source, const std::string& formatted) {
    const auto name = path.string();
    switch (mode_) {
    case FmtMode::write:
      if (replace_file(path, formatted))
        out_ << "formatted " << name << '\n';
      else
        report(file_error(path, "E0107", fmt::format("cannot write `{}`", name)));
      break;
    case FmtMode::check:
      out_ << name << '\n';
      would_change_ = true;
      break;
    case FmtMode::diff:
      out_ << unified_diff(path.generic_string(), source, formatted);
      would_change_ = true;
      break;
    }
  }
};

} // namespace

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after) {
  const auto before_lines = lines_of(before);
  const auto after_lines = lines_of(after);
  const auto edits = LineDiff(before_lines, after_lines).edits();
  std::string out;
  for (std::size_t i = 0; i < edits.size();) {
    if (edits[i].kind == EditKind::keep) {
      ++i;
      continue;
    }
    const auto begin = i - std::min(i, kContextLines);
    const auto end = hunk_end(edits, i);
    out += hunk(edits, begin, end, before_lines, after_lines);
    i = end;
  }
  if (out.empty()) return out;
  return fmt::format("--- a/{}\n+++ b/{}\n", path, path) + out;
}

int run_fmt(const std::vector<std::filesystem::path>& inputs, FmtMode mode, std::ostream& out,
            std::ostream& err, const Limits& limits) {
  FmtRun run(mode, limits, out, err);
  for (const auto& input : inputs)
    run.run(input);
  return run.exit_code();
}

} // namespace tally
