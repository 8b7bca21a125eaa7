// Runs one language test file. A file states what the checker must say with
// comments of the form
//
//   # expect error 12:5: unknown column `asset_typ`
//   # expect warning 7:3: is not used
//
// (severity, line:column and a part of the message). The file's examples run
// when it compiles, and their failures count as diagnostics. Every expected
// diagnostic must be reported, at that position and severity, and nothing else
// may be: a file with no expectations compiles cleanly and every example in it
// passes. With --lint the file is linted, so warnings count too.
//
// A file that has no room for such a comment (an empty file, one of only
// whitespace, one whose bytes a comment cannot sit beside) states them in a
// sidecar file beside it, NAME.expect for NAME.tally, holding the same
// `expect error L:C: ...` lines (the `#` is optional there). The sidecar's
// expectations are added to the file's own; without a sidecar nothing changes.
#include "interpreter/engine.hpp"
#include "interpreter/examples.hpp"
#include "interpreter/lint.hpp"
#include "interpreter/program.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

namespace {

struct Expected {
  tally::Severity severity = tally::Severity::error;
  std::uint32_t line = 0, column = 0;
  std::string message;
  bool seen = false;
};

// In a rule file an expectation is a comment anywhere on a line; in a sidecar
// it is a whole line, with or without its `#`.
std::vector<Expected> expectations(const std::string& text, bool sidecar = false) {
  static const std::regex in_comment(R"(#\s*expect (error|warning) (\d+):(\d+): (.*\S))");
  static const std::regex whole_line(R"(^\s*#?\s*expect (error|warning) (\d+):(\d+): (.*\S))");
  const std::regex& pattern = sidecar ? whole_line : in_comment;
  std::vector<Expected> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_search(line, match, pattern))
      out.push_back({match[1] == "error" ? tally::Severity::error : tally::Severity::warning,
                     static_cast<std::uint32_t>(std::stoul(match[2])),
                     static_cast<std::uint32_t>(std::stoul(match[3])), match[4], false});
  }
  return out;
}

} // namespace

int main(int argc, char** argv) {
  const bool lint_mode = argc == 3 && std::string_view(argv[1]) == "--lint";
  if (argc != 2 && !lint_mode) {
    std::cerr << "usage: lang_test_runner [--lint] FILE.tally\n";
    return 2;
  }
  const std::string path = argv[argc - 1];
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto expected = expectations(text.str());
  if (const auto dot = path.rfind('.');
      dot != std::string::npos && path.find('/', dot) == std::string::npos) {
    std::ifstream sidecar(path.substr(0, dot) + ".expect", std::ios::binary);
    if (sidecar) {
      std::ostringstream sidecar_text;
      sidecar_text << sidecar.rdbuf();
      for (auto& e : expectations(sidecar_text.str(), true))
        expected.push_back(std::move(e));
    }
  }

  tally::SourceRegistry sources;
  std::vector<tally::Diagnostic> reported;
  if (lint_mode) {
    reported = tally::lint({path}, sources);
  } else {
    const auto compiled = tally::compile({path}, sources);
    reported = compiled.diagnostics;
    if (compiled.program)
      for (const auto& outcome : tally::run_examples(*compiled.program))
        for (const auto& failure : outcome.failures)
          reported.push_back(failure);
  }

  int failures = 0;
  for (const auto& diagnostic : reported) {
    auto match = std::find_if(expected.begin(), expected.end(), [&](const Expected& e) {
      return !e.seen && e.severity == diagnostic.severity && e.line == diagnostic.pos.line &&
             e.column == diagnostic.pos.column && diagnostic.message.find(e.message) != std::string::npos;
    });
    if (match != expected.end()) {
      match->seen = true;
      continue;
    }
    ++failures;
    std::cerr << "unexpected diagnostic:\n" << tally::format_diagnostic(diagnostic, &sources);
  }
  for (const auto& e : expected) {
    if (e.seen) continue;
    ++failures;
    std::cerr << fmt::format("{}:{}:{}: missing expected {}: {}\n", path, e.line, e.column,
                             name_of(e.severity), e.message);
  }
  std::cout << fmt::format("{}: {}\n", path, failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}
