// Runs one language test file. A file states what the checker must say with
// comments of the form
//
//   # expect error 12:5: unknown column `asset_typ`
//
// (line:column and a part of the message). The file's examples run when it
// compiles, and their failures count as diagnostics. Every expected diagnostic
// must be reported, at that position, and nothing else may be: a file with no
// expectations compiles cleanly and every example in it passes.
#include "interpreter/engine.hpp"
#include "interpreter/examples.hpp"
#include "interpreter/program.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

namespace {

struct Expected {
  std::uint32_t line = 0, column = 0;
  std::string message;
  bool seen = false;
};

std::vector<Expected> expectations(const std::string& text) {
  static const std::regex pattern(R"(#\s*expect error (\d+):(\d+): (.*\S))");
  std::vector<Expected> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_search(line, match, pattern))
      out.push_back({static_cast<std::uint32_t>(std::stoul(match[1])),
                     static_cast<std::uint32_t>(std::stoul(match[2])), match[3], false});
  }
  return out;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: lang_test_runner FILE.tally\n";
    return 2;
  }
  const std::string path = argv[1];
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto expected = expectations(text.str());

  tally::SourceRegistry sources;
  const auto compiled = tally::compile({path}, sources);
  std::vector<tally::Diagnostic> reported = compiled.diagnostics;
  if (compiled.program)
    for (const auto& outcome : tally::run_examples(*compiled.program))
      for (const auto& failure : outcome.failures)
        reported.push_back(failure);

  int failures = 0;
  for (const auto& diagnostic : reported) {
    auto match = std::find_if(expected.begin(), expected.end(), [&](const Expected& e) {
      return !e.seen && e.line == diagnostic.pos.line && e.column == diagnostic.pos.column &&
             diagnostic.message.find(e.message) != std::string::npos;
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
    std::cerr << fmt::format("{}:{}:{}: missing expected error: {}\n", path, e.line, e.column, e.message);
  }
  std::cout << fmt::format("{}: {}\n", path, failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}
