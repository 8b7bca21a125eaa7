#include "tools/diagnostic_output.hpp"

#include "interpreter/diagnostic_codes.hpp"
#include "tools/output_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

namespace tally {

namespace {

// ------------------------------------------------------------------ a small JSON tree

// Enough of JSON to build a document and print it with two-space indents, the
// members of each object in the order they were set.
class Json {
public:
  static Json text(std::string_view value) { return Json(Kind::scalar, json_string(value)); }
  static Json number(std::uint64_t value) { return Json(Kind::scalar, std::to_string(value)); }
  static Json boolean(bool value) { return Json(Kind::scalar, value ? "true" : "false"); }
  static Json object() { return Json(Kind::object, {}); }
  static Json array() { return Json(Kind::array, {}); }

  Json& set(std::string key, Json value) {
    members_.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  Json& push(Json value) {
    members_.emplace_back(std::string{}, std::move(value));
    return *this;
  }
  bool empty() const { return members_.empty(); }

  void write(std::string& out, std::size_t indent) const {
    if (kind_ == Kind::scalar) {
      out += scalar_;
      return;
    }
    const char open = kind_ == Kind::object ? '{' : '[';
    const char close = kind_ == Kind::object ? '}' : ']';
    out += open;
    if (members_.empty()) {
      out += close;
      return;
    }
    out += '\n';
    for (std::size_t i = 0; i < members_.size(); ++i) {
      out.append(indent + 2, ' ');
      if (kind_ == Kind::object) out += json_string(members_[i].first) + ": ";
      members_[i].second.write(out, indent + 2);
      out += i + 1 < members_.size() ? ",\n" : "\n";
    }
    out.append(indent, ' ');
    out += close;
  }

private:
  enum class Kind { scalar, object, array };
  Json(Kind kind, std::string scalar) : kind_(kind), scalar_(std::move(scalar)) {}

  Kind kind_;
  std::string scalar_;                                // the JSON text of a scalar
  std::vector<std::pair<std::string, Json>> members_; // keys are empty in an array
};

// ------------------------------------------------------------------ shared

std::uint32_t end_column(const Diagnostic& diagnostic) {
  if (diagnostic.pos.column == 0) return 0;
  return diagnostic.pos.column + std::max<std::uint32_t>(diagnostic.length, 1);
}

struct Counts {
  std::size_t errors = 0, warnings = 0, notes = 0;
};

Counts count(const std::vector<Diagnostic>& diagnostics) {
  Counts counts;
  for (const Diagnostic& diagnostic : diagnostics) {
    switch (diagnostic.severity) {
    case Severity::error:
      ++counts.errors;
      break;
    case Severity::warning:
      ++counts.warnings;
      break;
    case Severity::note:
      ++counts.notes;
      break;
    }
  }
  return counts;
}

// ------------------------------------------------------------------ SARIF

constexpr std::string_view kSarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSourceRoot = "%SRCROOT%";

// Pseudo-files such as "<command line>" and diagnostics without a file have
// no location a SARIF viewer could open.
bool is_real_file(std::string_view file) {
  return !file.empty() && file.front() != '<';
}

bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// A path as a URI reference: `/` separates segments, anything that is not an
// unreserved character (spaces, `%`, `#`, non-ASCII bytes) is percent-encoded.
std::string percent_encoded_path(std::string_view path) {
  std::string encoded;
  for (char byte : path) {
    const auto c = static_cast<unsigned char>(byte);
    if (c == '\\' || c == '/')
      encoded += '/';
    else if (is_unreserved(c))
      encoded += byte;
    else
      encoded += fmt::format("%{:02X}", c);
  }
  return encoded;
}

bool is_absolute(std::string_view path) {
  return !path.empty() && (path.front() == '/' || path.front() == '\\');
}

// An artifactLocation: a relative path stays relative to %SRCROOT%, an
// absolute one (a standard-library import) becomes a file: URI.
Json artifact_location(std::string_view file, std::optional<std::size_t> index) {
  Json location = Json::object();
  if (is_absolute(file)) {
    location.set("uri", Json::text("file://" + percent_encoded_path(file)));
  } else {
    location.set("uri", Json::text(percent_encoded_path(file)));
    location.set("uriBaseId", Json::text(kSourceRoot));
  }
  if (index) location.set("index", Json::number(*index));
  return location;
}

bool is_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// The 1-based Unicode code point column of the 1-based byte column `column`;
// past the end of the line each further byte is one column.
std::uint32_t code_point_column(std::string_view line, std::uint32_t column) {
  const std::size_t offset = column - 1;
  const std::size_t within = std::min(offset, line.size());
  std::uint32_t points = 0;
  for (std::size_t i = 0; i < within; ++i)
    points += is_continuation(line[i]) ? 0 : 1;
  return points + static_cast<std::uint32_t>(offset - within) + 1;
}

// Text as a sentence: trailing blanks dropped, a final period added unless it
// already ends in punctuation, and optionally a capital first letter.
std::string sentence(std::string_view text, bool capitalize) {
  std::string result(text);
  while (!result.empty() && (result.back() == ' ' || result.back() == '\n'))
    result.pop_back();
  if (result.empty()) return result;
  if (capitalize && result.front() >= 'a' && result.front() <= 'z')
    result.front() = static_cast<char>(result.front() - 'a' + 'A');
  if (result.back() != '.' && result.back() != '?' && result.back() != '!') result += '.';
  return result;
}

// "unknown name `x`. Help: did you mean `y`?": the message and the help keep
// their own words (both often start with code), each made a sentence.
std::string message_text(const Diagnostic& diagnostic) {
  std::string text = sentence(diagnostic.message, false);
  if (text.empty()) text = "(no message).";
  if (!diagnostic.help.empty()) text += " Help: " + sentence(diagnostic.help, false);
  return text;
}

Json rule_descriptor(std::string_view code, Severity used_with) {
  Json rule = Json::object();
  rule.set("id", Json::text(code));
  const CodeInfo* info = code_info(code);
  if (info != nullptr) {
    rule.set("name", Json::text(info->name));
    rule.set("shortDescription", Json::object().set("text", Json::text(sentence(info->title, true))));
    std::string full = sentence(info->title, true);
    if (!info->example.empty()) full += " Example: " + sentence(info->example, false);
    rule.set("fullDescription", Json::object().set("text", Json::text(full)));
  }
  rule.set("defaultConfiguration",
           Json::object().set("level", Json::text(name_of(info ? info->severity : used_with))));
  rule.set("helpUri", Json::text(kDiagnosticsDocUri));
  return rule;
}

Json physical_location(const Diagnostic& diagnostic, const SourceRegistry& sources,
                       std::size_t artifact_index) {
  const SourcePos& pos = diagnostic.pos;
  Json physical = Json::object();
  physical.set("artifactLocation", artifact_location(pos.file, artifact_index));
  if (pos.line == 0) return physical;

  const std::optional<std::string_view> line = sources.line(pos.file, pos.line);
  Json region = Json::object();
  region.set("startLine", Json::number(pos.line));
  if (pos.column > 0) {
    std::uint32_t start = pos.column, end = end_column(diagnostic);
    std::string_view covered;
    if (line) {
      const auto line_end = static_cast<std::uint32_t>(line->size() + 1);
      // A caret just past the end of the line (a missing `}`) marks an empty
      // region there; otherwise the underline stops at the end of the line.
      end = start >= line_end ? start : std::min(end, line_end);
      covered = line->substr(std::min<std::size_t>(start - 1, line->size()), end - start);
      start = code_point_column(*line, start);
      end = code_point_column(*line, end);
    }
    region.set("startColumn", Json::number(start));
    region.set("endColumn", Json::number(end));
    if (!covered.empty()) region.set("snippet", Json::object().set("text", Json::text(covered)));
  }
  physical.set("region", std::move(region));
  if (line)
    physical.set("contextRegion", Json::object()
                                      .set("startLine", Json::number(pos.line))
                                      .set("snippet", Json::object().set("text", Json::text(*line))));
  return physical;
}

bool sarif_order(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.pos.file, a.pos.line, a.pos.column, a.code) <
         std::tie(b.pos.file, b.pos.line, b.pos.column, b.code);
}

} // namespace

std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics, const SourceRegistry& /*sources*/) {
  std::string json = "{\n  \"diagnostics\": [";
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    json += i == 0 ? "\n" : ",\n";
    json += fmt::format("    {{\"code\": {}, \"severity\": {}, \"file\": {}, \"line\": {}, \"column\": {}, "
                        "\"end_column\": {}, \"message\": {}, \"help\": {}}}",
                        json_string(d.code), json_string(name_of(d.severity)), json_string(d.pos.file),
                        d.pos.line, d.pos.line == 0 ? 0 : d.pos.column, d.pos.line == 0 ? 0 : end_column(d),
                        json_string(d.message), json_string(d.help));
  }
  json += diagnostics.empty() ? "],\n" : "\n  ],\n";
  const Counts counts = count(diagnostics);
  json += fmt::format("  \"errors\": {},\n  \"warnings\": {},\n  \"notes\": {}\n}}\n", counts.errors,
                      counts.warnings, counts.notes);
  return json;
}

std::string diagnostics_sarif(const std::vector<Diagnostic>& diagnostics, const SourceRegistry& sources,
                              std::string_view tool_version, const std::vector<std::string>& files_analyzed) {
  std::vector<Diagnostic> sorted = diagnostics;
  std::stable_sort(sorted.begin(), sorted.end(), sarif_order);

  // Artifacts: the files analyzed as given, then any other file a result is in.
  std::vector<std::string> artifact_files;
  std::map<std::string, std::size_t, std::less<>> artifact_index;
  const auto add_artifact = [&](const std::string& file) {
    if (!is_real_file(file) || artifact_index.count(file)) return;
    artifact_index.emplace(file, artifact_files.size());
    artifact_files.push_back(file);
  };
  for (const std::string& file : files_analyzed)
    add_artifact(file);
  const std::size_t analyzed_count = artifact_files.size();
  for (const Diagnostic& diagnostic : sorted) // sorted, so these are in path order
    add_artifact(diagnostic.pos.file);

  // Rules: each code that occurs, in code order.
  std::map<std::string, Severity> codes;
  for (const Diagnostic& diagnostic : sorted)
    if (!diagnostic.code.empty()) codes.emplace(diagnostic.code, diagnostic.severity);
  Json rules = Json::array();
  std::map<std::string, std::size_t, std::less<>> rule_index;
  for (const auto& [code, severity] : codes) {
    rule_index.emplace(code, rule_index.size());
    rules.push(rule_descriptor(code, severity));
  }

  Json driver = Json::object();
  driver.set("name", Json::text("tally"));
  driver.set("version", Json::text(tool_version));
  driver.set("informationUri", Json::text(kDiagnosticsDocUri));
  driver.set("rules", std::move(rules));

  Json artifacts = Json::array();
  for (std::size_t i = 0; i < artifact_files.size(); ++i) {
    Json artifact = Json::object();
    artifact.set("location", artifact_location(artifact_files[i], std::nullopt));
    if (i < analyzed_count) artifact.set("roles", Json::array().push(Json::text("analysisTarget")));
    artifacts.push(std::move(artifact));
  }

  Json results = Json::array();
  for (const Diagnostic& diagnostic : sorted) {
    Json result = Json::object();
    if (!diagnostic.code.empty()) {
      result.set("ruleId", Json::text(diagnostic.code));
      result.set("ruleIndex", Json::number(rule_index.at(diagnostic.code)));
    }
    result.set("level", Json::text(name_of(diagnostic.severity))); // SARIF levels share the names
    result.set("message", Json::object().set("text", Json::text(message_text(diagnostic))));
    if (is_real_file(diagnostic.pos.file)) {
      const std::size_t index = artifact_index.at(diagnostic.pos.file);
      result.set("locations", Json::array().push(Json::object().set(
                                  "physicalLocation", physical_location(diagnostic, sources, index))));
    }
    if (!diagnostic.help.empty())
      result.set("properties", Json::object().set("help", Json::text(diagnostic.help)));
    results.push(std::move(result));
  }

  Json run = Json::object();
  run.set("tool", Json::object().set("driver", std::move(driver)));
  run.set("invocations", Json::array().push(Json::object().set("executionSuccessful", Json::boolean(true))));
  run.set("artifacts", std::move(artifacts));
  run.set("results", std::move(results));
  run.set("columnKind", Json::text("unicodeCodePoints"));

  Json log = Json::object();
  log.set("$schema", Json::text(kSarifSchema));
  log.set("version", Json::text("2.1.0"));
  log.set("runs", Json::array().push(std::move(run)));

  std::string out;
  log.write(out, 0);
  return out + "\n";
}

} // namespace tally
