// The grammar itself: PEGTL's analyzer finds no rule that can loop without
// consuming input, and the parser builds the tree the precedence rules promise.
#include "grammar/errors.hpp"
#include "interpreter/parser.hpp"

#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include <sstream>

namespace {

using namespace tally;
using ast::ExprKind;

TEST_CASE("the grammar has no cycle without progress") {
  CHECK(tao::pegtl::analyze<grammar::file>(false) == 0);
}

// A compact rendering of an expression tree: (op left right), names bare.
std::string shape(const ast::Expr& e) {
  std::ostringstream out;
  switch (e.kind) {
  case ExprKind::name:
    return e.text;
  case ExprKind::number:
    return e.text;
  case ExprKind::binary:
    return "(" + e.text + " " + shape(*e.args[0]) + " " + shape(*e.args[1]) + ")";
  case ExprKind::compare:
    return "(" + e.text + " " + shape(*e.args[0]) + " " + shape(*e.args[1]) + ")";
  case ExprKind::logical: {
    out << "(" << e.text;
    for (const auto& arg : e.args)
      out << " " << shape(*arg);
    out << ")";
    return out.str();
  }
  case ExprKind::logical_not:
    return "(not " + shape(*e.args[0]) + ")";
  case ExprKind::filter:
    return "(" + e.text + " " + shape(*e.args[0]) + " " + shape(*e.args[1]) + ")";
  case ExprKind::distinct:
    return "(distinct " + e.name + " " + shape(*e.args[0]) + ")";
  case ExprKind::count:
    return "(count " + shape(*e.args[0]) + ")";
  case ExprKind::snapshot:
    return "snapshot";
  case ExprKind::term:
    return "term";
  case ExprKind::all_assets:
    return "(all-assets " + shape(*e.args[0]) + ")";
  case ExprKind::negate:
    return "(- " + shape(*e.args[0]) + ")";
  default:
    return "?";
  }
}

std::string parse_let(const std::string& expression) {
  const auto parsed = parse_rules("t.tally", "let x = " + expression + "\n");
  REQUIRE(parsed.file);
  REQUIRE(parsed.file->lets.size() == 1);
  return shape(*parsed.file->lets.front().value);
}

TEST_CASE("arithmetic precedence and associativity") {
  CHECK(parse_let("a + b / 100") == "(+ a (/ b 100))");
  CHECK(parse_let("a - b - c") == "(- (- a b) c)");
  CHECK(parse_let("2 / 3 * e") == "(* (/ 2 3) e)");
  CHECK(parse_let("a * b + c * d") == "(+ (* a b) (* c d))");
  CHECK(parse_let("-a * b") == "(* (- a) b)");
}

TEST_CASE("logical precedence: not binds tighter than and, and tighter than or") {
  CHECK(parse_let("a or b and c") == "(or a (and b c))");
  CHECK(parse_let("not a and b") == "(and (not a) b)");
  CHECK(parse_let("a = 1 or b = 2") == "(or (= a 1) (= b 2))");
  CHECK(parse_let("x = a + b") == "(= x (+ a b))");
}

// The fuzzer found a comparison whose operator was followed by a comment: the
// operator's text took the comment with it, and checking the rule then read
// an operator that does not exist.
TEST_CASE("a comment after a comparison operator is not part of the operator") {
  CHECK(parse_let("a = # the kind\n  b") == "(= a b)");
  CHECK(parse_let("a >=# at least\n 2") == "(>= a 2)");
  CHECK(parse_let("a !=\t# not\n b") == "(!= a b)");
}

TEST_CASE("filters apply to everything before them, one after another") {
  CHECK(parse_let("distinct agent_id of term where source = agent unless all assets purged") ==
        "(unless (where (distinct agent_id term) (= source agent)) (all-assets purged))");
  CHECK(parse_let("count distinct asset_id of snapshot where findings > 0") ==
        "(count (where (distinct asset_id snapshot) (> findings 0)))");
  CHECK(parse_let("count (a having g) + count (b having g)") ==
        "(+ (count (having a g)) (count (having b g)))");
}

TEST_CASE("syntax errors are located and say what was expected") {
  const auto parsed = parse_rules("t.tally", "product P {\n  method peak every days\n}\n");
  REQUIRE_FALSE(parsed.file);
  CHECK(parsed.error->pos.line == 2);
  CHECK(parsed.error->pos.column == 21);
  CHECK(parsed.error->message == "expected a whole number of days");
}

TEST_CASE("nesting past the parser's limit is an error, not a stack overflow") {
  const std::string deep = std::string(100000, '(') + "1" + std::string(100000, ')');
  const auto parsed = parse_rules("t.tally", "let x = " + deep + "\n");
  REQUIRE_FALSE(parsed.file);
  CHECK(parsed.error->code == "E0104");
  CHECK(parsed.error->message.find("nested too deeply") != std::string::npos);
}

TEST_CASE("every node carries its source position") {
  const auto parsed = parse_rules("t.tally", "let x =\n  a + bb\n");
  REQUIRE(parsed.file);
  const auto& sum = *parsed.file->lets.front().value;
  CHECK(sum.args[1]->pos.line == 2);
  CHECK(sum.args[1]->pos.column == 7);
  CHECK(sum.args[1]->length == 2);
}

} // namespace

namespace {

TEST_CASE("rule text must be UTF-8, the first bad byte is located") {
  CHECK(tally::parse_rules("t.tally", "# caf\xc3\xa9 \xe2\x82\xac\nlet x = 1\n").file); // é and € are fine
  const auto parsed = tally::parse_rules("t.tally", "let x = 1\nlet y = \"\xff\"\n");
  REQUIRE_FALSE(parsed.file);
  CHECK(parsed.error->code == "E0106");
  CHECK(parsed.error->pos.line == 2);
  CHECK(parsed.error->pos.column == 10);
  CHECK(parsed.error->message == "invalid UTF-8 byte 0xff");
  CHECK_FALSE(tally::parse_rules("t.tally", "let x = \"\xc0\xaf\"\n").file);     // overlong
  CHECK_FALSE(tally::parse_rules("t.tally", "let x = \"\xed\xa0\x80\"\n").file); // a surrogate
  CHECK_FALSE(tally::parse_rules("t.tally", "let x = \"\xe2\x82\"\n").file);     // truncated
}

} // namespace

namespace {

// Regression: operator nodes kept by the selector have no text of their own;
// their caret width once came from reading past the end of that missing text.
TEST_CASE("operator nodes have a position and a one-character caret") {
  const auto parsed = tally::parse_rules("t.tally", "let x = a and b or c\nlet y = 1 + 2 * 3\n");
  REQUIRE(parsed.file);
  const auto& logical = *parsed.file->lets[0].value;
  CHECK(logical.kind == tally::ast::ExprKind::logical);
  CHECK(logical.pos.line == 1);
  CHECK(logical.length == 1);
  CHECK(logical.args[0]->length == 1);
  const auto& sum = *parsed.file->lets[1].value;
  CHECK(sum.pos.column == 9);
  CHECK(sum.args[1]->length == 1);
}

} // namespace

TEST_CASE("every input limit is enforced, named, and says how to raise it") {
  tally::Limits limits;
  limits.max_nesting = 100; // about four parentheses: every grammar rule entered is a level
  limits.max_identifier_length = 8;
  limits.max_rule_bytes = 200;

  const auto deep =
      parse_rules("t.tally", "let x = " + std::string(40, '(') + "1" + std::string(40, ')') + "\n", limits);
  REQUIRE(deep.error);
  CHECK(deep.error->code == "E0104");
  CHECK(deep.error->message == "expression nested too deeply (limit is 100 grammar levels)");
  CHECK(deep.error->help.find("--max-nesting") != std::string::npos);
  CHECK(parse_rules("t.tally", "let x = ((1))\n", limits).file);

  const auto long_name = parse_rules("t.tally", "let x = 1\nlet abcdefghi = 2\n", limits);
  REQUIRE(long_name.error);
  CHECK(long_name.error->code == "E0109");
  CHECK(long_name.error->pos.line == 2);
  CHECK(long_name.error->pos.column == 5);
  CHECK(long_name.error->message == "a name of 9 bytes is longer than the limit of 8");
  CHECK(long_name.error->help.find("--max-identifier-length") != std::string::npos);
  CHECK(parse_rules("t.tally", "let abcdefgh = 2\n", limits).file);

  const auto big = parse_rules("t.tally", "let x = 1\n" + std::string(200, '#') + "\n", limits);
  REQUIRE(big.error);
  CHECK(big.error->code == "E0108");
  CHECK(big.error->message == "rule source of 211 bytes is larger than the limit of 200");
  CHECK(big.error->help.find("--max-rule-bytes") != std::string::npos);
}
