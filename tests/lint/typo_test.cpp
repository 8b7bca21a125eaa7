// The promise of `tally lint` to pricing analysts: a typo in any column name,
// enum value or parameter of any standard rule file is reported exactly where
// it was made. Every such word in rules/*.tally (outside comments, strings and
// declarations) is misspelt in turn, and lint must report a diagnostic at that
// line and column.
#include "interpreter/engine.hpp"
#include "interpreter/lint.hpp"
#include "interpreter/program.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// The words a typo in which lint must catch: columns, enum and set values, parameters.
std::set<std::string> watched_words(const tally::Program& program) {
  std::set<std::string> words;
  for (const auto& column : program.schema.columns) {
    words.insert(column.name);
    words.insert(column.values.begin(), column.values.end());
  }
  for (const auto& [name, _] : program.params)
    words.insert(name);
  for (const auto* product : program.products)
    for (const auto& param : product->params)
      words.insert(param.name.text);
  return words;
}

struct Word {
  std::size_t offset;
  std::uint32_t line, column;
  std::string text;
};

// Words of code: not in a comment or a string, not the name a declaration introduces,
// not a component named in `given`/`expect`.
std::vector<Word> code_words(const std::string& text) {
  static const std::regex word(R"([A-Za-z_][A-Za-z0-9_-]*)");
  static const std::set<std::string> declaring{"param", "column", "let", "component", "product", "schema"};
  std::vector<Word> out;
  std::size_t line_start = 0;
  std::uint32_t line = 1;
  while (line_start < text.size()) {
    auto line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    std::string code = text.substr(line_start, line_end - line_start);
    bool in_string = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
      if (code[i] == '"') in_string = !in_string;
      if (in_string || code[i] == '"') code[i] = ' ';
      if (!in_string && code[i] == '#') {
        code.resize(i);
        break;
      }
    }
    const auto first = code.find_first_not_of(' ');
    const bool names_components = first != std::string::npos && (code.compare(first, 6, "given ") == 0 ||
                                                                 code.compare(first, 7, "expect ") == 0);
    std::string previous;
    for (std::sregex_iterator it(code.begin(), code.end(), word), end; it != end; ++it) {
      const auto& match = *it;
      if (!names_components && !declaring.count(previous))
        out.push_back({line_start + static_cast<std::size_t>(match.position()), line,
                       static_cast<std::uint32_t>(match.position() + 1), match.str()});
      previous = match.str();
    }
    line_start = line_end + 1;
    ++line;
  }
  return out;
}

} // namespace

TEST_CASE("lint reports a typo in any column, value or parameter of the standard rules where it is") {
  const fs::path rules = fs::path(TALLY_SOURCE_DIR) / "rules";
  const auto scratch = fs::temp_directory_path() / fmt::format("tally-typo-{}", ::getpid());
  fs::remove_all(scratch);
  fs::copy(rules, scratch);
  std::size_t typos = 0;
  for (const auto& entry : fs::directory_iterator(rules)) {
    if (entry.path().extension() != ".tally") continue;
    const auto copy = scratch / entry.path().filename();
    const auto original = read(copy);
    tally::SourceRegistry sources;
    const auto compiled = tally::compile({copy}, sources);
    REQUIRE(compiled.program);
    const auto watched = watched_words(*compiled.program);
    for (const auto& word : code_words(original)) {
      if (!watched.count(word.text)) continue;
      auto typo = original;
      typo.insert(word.offset + word.text.size(), "q");
      write(copy, typo);
      tally::SourceRegistry typo_sources;
      const auto diagnostics = tally::lint({copy}, typo_sources);
      const bool located =
          std::any_of(diagnostics.begin(), diagnostics.end(), [&](const tally::Diagnostic& d) {
            return d.pos.file == copy.string() && d.pos.line == word.line && d.pos.column == word.column;
          });
      INFO(fmt::format("{}:{}:{}: `{}q`", entry.path().filename().string(), word.line, word.column,
                       word.text));
      CHECK(located);
      ++typos;
    }
    write(copy, original);
  }
  fs::remove_all(scratch);
  CHECK(typos > 500);
}
