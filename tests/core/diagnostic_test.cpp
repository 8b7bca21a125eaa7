#include "diagnostic.hpp"

#include <catch2/catch.hpp>

using tally::Diagnostic;
using tally::Severity;
using tally::SourceRegistry;

namespace {

Diagnostic error_at(std::string file, std::uint32_t line, std::uint32_t column, std::uint32_t length,
                    std::string message, std::string help = {}) {
  Diagnostic diagnostic;
  diagnostic.code = "E0201";
  diagnostic.pos = {std::move(file), line, column};
  diagnostic.length = length;
  diagnostic.message = std::move(message);
  diagnostic.help = std::move(help);
  return diagnostic;
}

} // namespace

TEST_CASE("severities have lowercase names", "[diagnostic]") {
  CHECK(tally::name_of(Severity::error) == "error");
  CHECK(tally::name_of(Severity::warning) == "warning");
  CHECK(tally::name_of(Severity::note) == "note");
}

TEST_CASE("the registry keeps file texts and finds their lines", "[diagnostic]") {
  SourceRegistry sources;
  const std::string& stored = sources.add("a.tally", "first\r\nsecond\n\nfourth");
  CHECK(stored == "first\r\nsecond\n\nfourth");
  REQUIRE(sources.text("a.tally") != nullptr);
  CHECK(sources.text("a.tally") == &stored);
  CHECK(sources.text("b.tally") == nullptr);

  CHECK(sources.line("a.tally", 1) == std::optional<std::string_view>("first"));
  CHECK(sources.line("a.tally", 2) == std::optional<std::string_view>("second"));
  CHECK(sources.line("a.tally", 3) == std::optional<std::string_view>(""));
  CHECK(sources.line("a.tally", 4) == std::optional<std::string_view>("fourth"));
  CHECK_FALSE(sources.line("a.tally", 5).has_value());
  CHECK_FALSE(sources.line("a.tally", 0).has_value());
  CHECK_FALSE(sources.line("b.tally", 1).has_value());
}

TEST_CASE("the line after a final newline exists and is empty", "[diagnostic]") {
  SourceRegistry sources;
  sources.add("a.tally", "only\n");
  CHECK(sources.line("a.tally", 2) == std::optional<std::string_view>(""));
  CHECK_FALSE(sources.line("a.tally", 3).has_value());
}

TEST_CASE("stored texts stay put when more files are added or a file is re-added", "[diagnostic]") {
  SourceRegistry sources;
  const std::string& first = sources.add("a.tally", "one");
  const char* first_bytes = first.data();
  for (int i = 0; i < 1000; ++i)
    sources.add("file" + std::to_string(i) + ".tally", std::string(100, 'x'));
  const std::string& replacement = sources.add("a.tally", "two");
  CHECK(first == "one");
  CHECK(first.data() == first_bytes);
  CHECK(*sources.text("a.tally") == "two");
  CHECK(sources.text("a.tally") == &replacement);
}

TEST_CASE("a diagnostic quotes its line and underlines the span", "[diagnostic]") {
  SourceRegistry sources;
  std::string text;
  for (int line = 1; line < 14; ++line)
    text += "# filler\n";
  text += "  where asset_typ in {host, vm}\n";
  sources.add("rules/vmdr.tally", text);

  const auto diagnostic =
      error_at("rules/vmdr.tally", 14, 9, 9, "unknown column `asset_typ`", "did you mean `asset_type`?");
  CHECK(tally::format_diagnostic(diagnostic, &sources) ==
        "rules/vmdr.tally:14:9: error: unknown column `asset_typ`\n"
        "   14 |   where asset_typ in {host, vm}\n"
        "      |         ^~~~~~~~~\n"
        "      = help: did you mean `asset_type`?\n");
}

TEST_CASE("the help line is optional and length 1 is a bare caret", "[diagnostic]") {
  SourceRegistry sources;
  sources.add("x.tally", "product VMDR {\n");
  const auto diagnostic = error_at("x.tally", 1, 14, 1, "expected `}`");
  CHECK(tally::format_diagnostic(diagnostic, &sources) == "x.tally:1:14: error: expected `}`\n"
                                                          "    1 | product VMDR {\n"
                                                          "      |              ^\n");
}

TEST_CASE("a byte-order mark counts in columns but is neither shown nor given a screen column",
          "[diagnostic]") {
  SourceRegistry sources;
  sources.add("x.tally", "\xEF\xBB\xBFimprot \"prelude\"\n");
  CHECK(tally::format_diagnostic(error_at("x.tally", 1, 11, 9, "expected a declaration"), &sources) ==
        "x.tally:1:11: error: expected a declaration\n"
        "    1 | improt \"prelude\"\n"
        "      |        ^~~~~~~~~\n");
}

TEST_CASE("a zero length still shows a caret", "[diagnostic]") {
  SourceRegistry sources;
  sources.add("x.tally", "ab");
  CHECK(tally::format_diagnostic(error_at("x.tally", 1, 3, 0, "unexpected end of file"), &sources) ==
        "x.tally:1:3: error: unexpected end of file\n"
        "    1 | ab\n"
        "      |   ^\n");
}

TEST_CASE("the gutter widens for long line numbers", "[diagnostic]") {
  SourceRegistry sources;
  std::string text;
  for (int line = 1; line < 123456; ++line)
    text += "\n";
  text += "x = 1";
  sources.add("big.tally", text);
  CHECK(tally::format_diagnostic(error_at("big.tally", 123456, 5, 1, "bad", "fix it"), &sources) ==
        "big.tally:123456:5: error: bad\n"
        "123456 | x = 1\n"
        "       |     ^\n"
        "       = help: fix it\n");
}

TEST_CASE("tabs are expanded alike in the quoted line and under it", "[diagnostic]") {
  SourceRegistry sources;
  sources.add("t.tally", "\tab\tcol x\n");
  // Byte 5 is the `c` of `col`; the tab before it ends at screen column 16.
  CHECK(tally::format_diagnostic(error_at("t.tally", 1, 5, 3, "bad column"), &sources) ==
        "t.tally:1:5: error: bad column\n"
        "    1 |         ab      col x\n"
        "      |                 ^~~\n");
  // An underline over `b`, the tab and `c` spans screen columns 9..16.
  CHECK(tally::format_diagnostic(error_at("t.tally", 1, 3, 3, "span"), &sources) ==
        "t.tally:1:3: error: span\n"
        "    1 |         ab      col x\n"
        "      |          ^~~~~~~~\n");
}

TEST_CASE("multi-byte characters take one column", "[diagnostic]") {
  SourceRegistry sources;
  sources.add("u.tally", "title \"Café\" x\n");
  // `x` is byte 15: the é takes two bytes but one column.
  CHECK(tally::format_diagnostic(error_at("u.tally", 1, 15, 1, "unexpected"), &sources) ==
        "u.tally:1:15: error: unexpected\n"
        "    1 | title \"Café\" x\n"
        "      |              ^\n");
}

TEST_CASE("a caret past the end of the line is placed after it", "[diagnostic]") {
  SourceRegistry sources;
  sources.add("e.tally", "abc\r\n");
  CHECK(tally::format_diagnostic(error_at("e.tally", 1, 5, 2, "expected `;`"), &sources) ==
        "e.tally:1:5: error: expected `;`\n"
        "    1 | abc\n"
        "      |     ^~\n");
}

TEST_CASE("without the source text only the headline and help are printed", "[diagnostic]") {
  const auto diagnostic = error_at("data.csv", 12, 5, 3, "unknown status `actve`", "did you mean `active`?");
  CHECK(tally::format_diagnostic(diagnostic, nullptr) == "data.csv:12:5: error: unknown status `actve`\n"
                                                         "      = help: did you mean `active`?\n");
  SourceRegistry sources;
  sources.add("other.csv", "x\n");
  CHECK(tally::format_diagnostic(error_at("data.csv", 12, 5, 3, "unknown status"), &sources) ==
        "data.csv:12:5: error: unknown status\n");
  sources.add("data.csv", "short\n");
  CHECK(tally::format_diagnostic(error_at("data.csv", 12, 5, 3, "line beyond the file"), &sources) ==
        "data.csv:12:5: error: line beyond the file\n");
}

TEST_CASE("the headline leaves out unknown parts of the location", "[diagnostic]") {
  SourceRegistry sources;
  sources.add("f.tally", "abc\n");
  CHECK(tally::format_diagnostic(error_at("f.tally", 0, 0, 1, "file is empty"), &sources) ==
        "f.tally: error: file is empty\n");
  CHECK(tally::format_diagnostic(error_at("f.tally", 1, 0, 1, "line-wide problem"), &sources) ==
        "f.tally:1: error: line-wide problem\n"
        "    1 | abc\n");
  CHECK(tally::format_diagnostic(error_at("", 0, 0, 1, "no rule files given"), nullptr) ==
        "error: no rule files given\n");
  auto warning = error_at("f.tally", 1, 1, 3, "unused product");
  warning.severity = Severity::warning;
  CHECK(tally::format_diagnostic(warning, nullptr) == "f.tally:1:1: warning: unused product\n");
}

TEST_CASE("closest_match suggests plausible typos only", "[diagnostic]") {
  const std::vector<std::string> columns{"asset_id", "asset_type", "agent_id", "status", "source"};
  CHECK(tally::closest_match("asset_typ", columns) == "asset_type");
  CHECK(tally::closest_match("stauts", columns) == "status"); // adjacent swap counts once
  CHECK(tally::closest_match("asset_id", columns) == "asset_id");
  CHECK(tally::closest_match("observed", columns).empty());
  CHECK(tally::closest_match("x", columns).empty());
  CHECK(tally::closest_match("anything", {}).empty());
}

TEST_CASE("closest_match allows a third of the word's length in edits", "[diagnostic]") {
  // "abcdef" allows 2 edits; "abcxyz" needs 3.
  CHECK(tally::closest_match("abcdef", {"abcdxy"}) == "abcdxy");
  CHECK(tally::closest_match("abcdef", {"abcxyz"}).empty());
  // Short words still allow one edit.
  CHECK(tally::closest_match("ab", {"ax"}) == "ax");
  CHECK(tally::closest_match("ab", {"xy"}).empty());
}

TEST_CASE("closest_match breaks ties by candidate order", "[diagnostic]") {
  CHECK(tally::closest_match("cat", {"bat", "hat", "cut"}) == "bat");
  CHECK(tally::closest_match("cat", {"hat", "bat"}) == "hat");
  CHECK(tally::closest_match("cat", {"hat", "cat"}) == "cat"); // a closer match beats an earlier one
}

TEST_CASE("a DiagnosticError carries its diagnostic and a one-line message", "[diagnostic]") {
  const auto diagnostic = error_at("data.csv", 12, 5, 1, "negative count `-3`", "counts are integers >= 0");
  const tally::DiagnosticError error(diagnostic);
  CHECK(std::string(error.what()) == "data.csv:12:5: error: negative count `-3`");
  CHECK(error.diagnostic().pos.line == 12);
  CHECK(error.diagnostic().code == "E0201");
  CHECK(error.diagnostic().help == "counts are integers >= 0");
}
