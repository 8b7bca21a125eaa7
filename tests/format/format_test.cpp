// The formatter: on every rule file of the repository it is idempotent, keeps
// the meaning (the same AST, positions aside) and every comment; then one test
// per layout rule, and the comment scanner it relies on.
#include "interpreter/comments.hpp"
#include "interpreter/formatter.hpp"
#include "interpreter/parser.hpp"
#include "tests/support/ast_dump.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace tally;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> tally_files_under(const std::vector<std::string>& folders) {
  std::vector<fs::path> files;
  for (const auto& folder : folders)
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(TALLY_SOURCE_DIR) / folder))
      if (entry.path().extension() == ".tally") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string format(std::string_view source) {
  const auto result = format_rules("test.tally", source);
  if (result.error) FAIL(format_diagnostic(*result.error, nullptr));
  REQUIRE(result.text);
  return *result.text;
}

std::string ast_of(const std::string& file, std::string_view source) {
  const auto parsed = parse_rules(file, source);
  if (parsed.error) FAIL(format_diagnostic(*parsed.error, nullptr));
  return test::ast_without_positions(*parsed.file);
}

std::vector<std::string> sorted_comment_texts(std::string_view source) {
  std::vector<std::string> texts;
  for (const auto& comment : comments_of(source))
    texts.push_back(comment.text);
  std::sort(texts.begin(), texts.end());
  return texts;
}

// ---------------------------------------------------------------- every rule file of the repository

TEST_CASE("formatting every rule file is idempotent and keeps its meaning and comments") {
  std::size_t formatted = 0;
  for (const auto& path : tally_files_under({"rules", "stdlib", "examples", "tests/lang"})) {
    INFO(path.string());
    const auto source = read_text(path);
    const auto result = format_rules(path.string(), source);
    if (!result.text) {
      // Only the syntax-error tests do not parse, and those the formatter refuses.
      CHECK(parse_rules(path.string(), source).error);
      continue;
    }
    ++formatted;
    const auto& text = *result.text;
    CHECK(format(text) == text);
    CHECK(ast_of(path.string(), text) == ast_of(path.string(), source));
    CHECK(sorted_comment_texts(text) == sorted_comment_texts(source));
  }
  CHECK(formatted >= 60);
}

TEST_CASE("the standard rule files are in canonical form") {
  for (const auto& path : tally_files_under({"rules", "stdlib", "examples"})) {
    INFO(path.string() << " is not formatted: run `tally fmt` on it");
    const auto source = read_text(path);
    CHECK(format(source) == source);
  }
}

// ---------------------------------------------------------------- layout rules

TEST_CASE("a file that does not parse is not formatted: its syntax error comes back") {
  const auto result = format_rules("broken.tally", "product P {\n  usage = 1 +\n}\n");
  CHECK_FALSE(result.text);
  REQUIRE(result.error);
  CHECK(result.error->code == "E0101");
  CHECK(result.error->pos.file == "broken.tally");
  CHECK(result.error->pos.line == 3);
}

TEST_CASE("one space around operators and `=` but none inside brackets or before a comma") {
  CHECK(format("let x=1+2*(3-4)/5\n") == "let x = 1 + 2 * (3 - 4) / 5\n");
  CHECK(format("let s = { a ,b,c }\n") == "let s = {a, b, c}\n");
  CHECK(format("let c = count( distinct asset_id of snapshot )\n") ==
        "let c = count (distinct asset_id of snapshot)\n");
  CHECK(format("let t = a!=b and c>=d or e<f\n") == "let t = a != b and c >= d or e < f\n");
  CHECK(format("let u = a   minus   b\n") == "let u = a minus b\n");
}

TEST_CASE("calls and parameter lists hug their name and a unary minus hugs its operand") {
  CHECK(format("let f ( a , b ) = g ( a , - b )\n") == "let f(a, b) = g(a, -b)\n");
  CHECK(format("let r = round ( x * 2 , half_up , 0 )\n") == "let r = round(x * 2, half_up, 0)\n");
  CHECK(format("let q = if subscribed ( ETM ) then 0 else - 1\n") ==
        "let q = if subscribed(ETM) then 0 else -1\n");
  CHECK(format("let n = 1 - -2\n") == "let n = 1 - -2\n");
}

TEST_CASE("a param reads `name: type` and product settings and expected fractions are tight") {
  CHECK(format("param ratio : decimal=1.5\n") == "param ratio: decimal = 1.5\n");
  CHECK(format("subscription \"s\" {\n  VMDR.ratio=1.4\n}\n") ==
        "subscription \"s\" {\n  VMDR.ratio = 1.4\n}\n");
  CHECK(format("product P {\n  example \"e\" {\n    expect usage = 1300 / 3\n  }\n}\n") ==
        "product P {\n  example \"e\" {\n    expect usage = 1300/3\n  }\n}\n");
}

TEST_CASE("two spaces per block level and tabs in the indentation become spaces") {
  const auto source = "product P {\n"
                      "\ttitle \"T\"\n"
                      "        method peak every 15 days\n"
                      "example \"e\" {\n"
                      "\t\t\tgiven a = 1\n"
                      "}\n"
                      "}\n";
  CHECK(format(source) == "product P {\n"
                          "  title \"T\"\n"
                          "  method peak every 15 days\n"
                          "  example \"e\" {\n"
                          "    given a = 1\n"
                          "  }\n"
                          "}\n");
}

TEST_CASE("every statement starts a line and a block's braces end and start lines") {
  CHECK(format("subscription \"s\" { start = 2026-01-01  products {A, B}  A.ratio = 2 }\n") ==
        "subscription \"s\" {\n"
        "  start = 2026-01-01\n"
        "  products {A, B}\n"
        "  A.ratio = 2\n"
        "}\n");
  CHECK(format("product P\n{\n}\n") == "product P {\n}\n");
  CHECK(format("product P # the header\n{\n}\n") == "product P { # the header\n}\n");
  CHECK(format("product P\n# a note\n\n{\n  title \"T\"\n}\n") ==
        "product P {\n  # a note\n  title \"T\"\n}\n");
}

TEST_CASE("a continuation line aligns under the statement's value") {
  CHECK(format("let assets = count distinct asset_id of snapshot\n"
               "  where live\n") == "let assets = count distinct asset_id of snapshot\n"
                                    "             where live\n");
  // Without `=`, under the token after the keyword.
  CHECK(format("product P {\n  example \"e\" {\n    given a = 1,\n b = 2\n  }\n}\n") ==
        "product P {\n  example \"e\" {\n    given a = 1,\n          b = 2\n  }\n}\n");
  // A value that starts on a later line is indented 4 more than its statement.
  CHECK(format("let x =\n1\n+ 2\n") == "let x =\n    1\n    + 2\n");
}

TEST_CASE("a continuation line inside an open bracket aligns one column after it") {
  CHECK(format("let s = {a,\nb,\n  c}\n") == "let s = {a,\n         b,\n         c}\n");
  CHECK(format("let x = count (a having b\nhaving c\n)\n") ==
        "let x = count (a having b\n               having c\n              )\n");
  // A bracket that ends its line: 2 more than its line, the closing one as much as that line.
  CHECK(format("let s = {\na,\nb\n}\n") == "let s = {\n  a,\n  b\n}\n");
}

TEST_CASE("at most one blank line and none at the ends or inside a block's braces") {
  CHECK(format("\n\nlet a = 1\n\n\n\nlet b = 2\n\n\n") == "let a = 1\n\nlet b = 2\n");
  CHECK(format("product P {\n\n  title \"T\"\n\n}\n") == "product P {\n  title \"T\"\n}\n");
  CHECK(format("let a = 1") == "let a = 1\n");
  CHECK(format("").empty());
  CHECK(format("\n  \n\n").empty());
}

TEST_CASE("data table cells are padded so that the separators line up") {
  const auto source = "product P {\n"
                      "  example \"e\" {\n"
                      "    data {\n"
                      "observed_at|asset_id|source\n"
                      "   2026-01-01 |  a-long-id  | agent\n"
                      "2026-01-02| b |\n"
                      "    }\n"
                      "  }\n"
                      "}\n";
  CHECK(format(source) == "product P {\n"
                          "  example \"e\" {\n"
                          "    data {\n"
                          "      observed_at | asset_id  | source\n"
                          "      2026-01-01  | a-long-id | agent\n"
                          "      2026-01-02  | b         |\n"
                          "    }\n"
                          "  }\n"
                          "}\n");
}

TEST_CASE("a comment in a data table keeps the blank line the grammar needs after it") {
  const auto source = "product P {\n"
                      "  example \"e\" {\n"
                      "    data { # the rows\n"
                      "\n"
                      "      a | b # the header\n"
                      "\n"
                      "      1 | \"x\" # a quote is part of the cell\n"
                      "\n"
                      "    }\n"
                      "  }\n"
                      "}\n";
  CHECK(format(source) == source);
}

TEST_CASE("schema columns line up their `:` and a blank line starts a new group") {
  const auto source = "schema s {\n"
                      "  column a: string\n"
                      "  column longer_name : integer default 0\n"
                      "  column b:enum {x,\n"
                      "  y}\n"
                      "\n"
                      "  column c : string\n"
                      "  ties b {y, x}\n"
                      "}\n";
  CHECK(format(source) == "schema s {\n"
                          "  column a           : string\n"
                          "  column longer_name : integer default 0\n"
                          "  column b           : enum {x,\n"
                          "                             y}\n"
                          "\n"
                          "  column c : string\n"
                          "  ties b {y, x}\n"
                          "}\n");
}

TEST_CASE("trailing comments stay on their line and line up over consecutive lines") {
  const auto source = "let a = 1   # one\n"
                      "let longer = 2 # two\n"
                      "let c = 3\n"
                      "let d = 4      # alone\n";
  CHECK(format(source) == "let a = 1      # one\n"
                          "let longer = 2 # two\n"
                          "let c = 3\n"
                          "let d = 4 # alone\n");
}

TEST_CASE("full-line comments keep their text and take the indentation of the next code") {
  const auto source = "product P {\n"
                      "#   indented text stays indented\n"
                      "      title \"T\"\n"
                      "  component c = count distinct asset_id of snapshot\n"
                      "# inside the statement\n"
                      "      where live\n"
                      "        # last in the block\n"
                      "}\n"
                      "   # at the end\n";
  CHECK(format(source) == "product P {\n"
                          "  #   indented text stays indented\n"
                          "  title \"T\"\n"
                          "  component c = count distinct asset_id of snapshot\n"
                          "                # inside the statement\n"
                          "                where live\n"
                          "  # last in the block\n"
                          "}\n"
                          "# at the end\n");
}

TEST_CASE("a `#` inside a string is not a comment") {
  const auto source = "product P {\n  title   \"Q # 1 \\\" # still\" # a comment\n}\n";
  CHECK(format(source) == "product P {\n  title \"Q # 1 \\\" # still\" # a comment\n}\n");
}

TEST_CASE("CRLF line ends become LF and a byte-order mark is dropped") {
  CHECK(format("let a = 1 # one\r\n\r\n\r\nlet b = 2\r\n") == "let a = 1 # one\n\nlet b = 2\n");
  CHECK(format("\xEF\xBB\xBFlet a = 1\n") == "let a = 1\n");
}

// ---------------------------------------------------------------- the comment scanner

TEST_CASE("comments_of finds each comment with its position and text and whether code precedes it") {
  const auto comments = comments_of("# first\nlet a = \"#no\" # second  \r\n  #third\n");
  REQUIRE(comments.size() == 3);
  CHECK(comments[0].line == 1);
  CHECK(comments[0].column == 1);
  CHECK(comments[0].text == " first");
  CHECK_FALSE(comments[0].trailing);
  CHECK(comments[1].line == 2);
  CHECK(comments[1].column == 15);
  CHECK(comments[1].text == " second");
  CHECK(comments[1].trailing);
  CHECK(comments[2].line == 3);
  CHECK(comments[2].column == 3);
  CHECK(comments[2].text == "third");
  CHECK_FALSE(comments[2].trailing);
}

TEST_CASE("comments_of skips escaped quotes in strings and stops an unterminated one at the line end") {
  const auto comments = comments_of("title \"a \\\" # b\" # c\nimport \"open # d\n# e\n");
  REQUIRE(comments.size() == 2);
  CHECK(comments[0].text == " c");
  CHECK(comments[1].text == " e");
}

TEST_CASE("comments_of reads data rows as the grammar does: a quote there opens no string") {
  const auto source = "product P {\n"
                      "  example \"data # 1\" {\n"
                      "    data { # open\n"
                      "\n"
                      "      a | \"b # c\n"
                      "\n"
                      "    } # close\n"
                      "    given x = 1 # given\n"
                      "  }\n"
                      "}\n";
  const auto comments = comments_of(source);
  REQUIRE(comments.size() == 4);
  CHECK(comments[0].text == " open");
  CHECK(comments[0].trailing);
  CHECK(comments[1].line == 5);
  CHECK(comments[1].text == " c");
  CHECK(comments[1].trailing);
  CHECK(comments[2].text == " close");
  CHECK(comments[3].text == " given");
}

TEST_CASE("comments_of knows `data` is a data table only directly inside an example") {
  // A schema may name a column `data`: `ties data {` opens a set, not a table.
  const auto source = "schema s {\n  ties data {\n    \"x # y\"}\n}\n# after\n";
  const auto comments = comments_of(source);
  REQUIRE(comments.size() == 1);
  CHECK(comments[0].text == " after");
}

TEST_CASE("comments_of ignores a byte-order mark before a comment") {
  const auto comments = comments_of("\xEF\xBB\xBF# first\n");
  REQUIRE(comments.size() == 1);
  CHECK_FALSE(comments[0].trailing);
  CHECK(comments[0].column == 4);
}

} // namespace
