// Located diagnostics, shared by the parser, the checker, the data readers and
// the evaluator, so that every error a user sees has one format:
//
//   rules/vmdr.tally:14:9: error: unknown column `asset_typ`
//      14 |   where asset_typ in {host, vm}
//         |         ^~~~~~~~~
//         = help: did you mean `asset_type`?
#pragma once

#include <tally/diagnostic.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tally {

// Owns the text of every file a run reads, so diagnostics can quote the line
// they point at. Stored texts never move once added.
class SourceRegistry {
public:
  const std::string& add(std::string name, std::string text);
  const std::string* text(std::string_view name) const;
  std::optional<std::string_view> line(std::string_view name, std::uint32_t line) const;
  // The `length` bytes of source from `pos` (fewer at the end of its line);
  // nullopt when the file, line or column is unknown.
  std::optional<std::string_view> excerpt(const SourcePos& pos, std::uint32_t length) const;
  // Every file added, in the order added: {name, text}.
  const std::deque<std::pair<std::string, std::string>>& files() const { return files_; }

private:
  std::deque<std::pair<std::string, std::string>> files_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

// Renders one diagnostic; the excerpt and caret are shown when `sources` knows the file.
std::string format_diagnostic(const Diagnostic& diagnostic, const SourceRegistry* sources);

// The closest candidate by edit distance when it is plausibly a typo of `wrong`
// (distance at most max(1, wrong.size() / 3)); empty otherwise.
std::string closest_match(std::string_view wrong, const std::vector<std::string>& candidates);

// A fatal, located error (bad data row, runtime failure). Carries one diagnostic.
class DiagnosticError : public std::runtime_error {
public:
  explicit DiagnosticError(Diagnostic diagnostic);
  const Diagnostic& diagnostic() const noexcept { return diagnostic_; }

private:
  Diagnostic diagnostic_;
};

} // namespace tally
