// Binding a subscription to the rules: settings from a subscription block
// (parsed and checked like rules) and from flags, each error located where the
// setting was written.
#include "interpreter/engine.hpp"
#include "interpreter/program.hpp"
#include "interpreter/subscription.hpp"

#include <catch2/catch.hpp>

namespace {

using namespace tally;

const char* const kRules = R"(import "prelude"
product A {
  method peak every 15 days
  param ratio: decimal = 2
  usage = 1
  qlu = if subscribed(B) then 0 else usage * ratio
}
product B-2 {
  method peak every 15 days
  param ratio: decimal = 1
  usage = 1
  qlu = usage * ratio
}
product B {
  method rolling average over 90 days
  param ratio: decimal = 3
  usage = 1
  qlu = usage * ratio
}
)";

struct Bound {
  BindResult result;
  std::shared_ptr<const Program> program;
};

Bound bind_text(const std::string& subscription_block, const Subscription& flags = {}) {
  SourceRegistry sources;
  auto compiled = compile_source("t.tally", std::string(kRules) + subscription_block, sources);
  REQUIRE(compiled.program);
  REQUIRE(compiled.program->subscriptions.size() == 1);
  auto subscription = subscription_from(*compiled.program->subscriptions.front());
  override_subscription(subscription, flags);
  return {bind(*compiled.program, subscription), compiled.program};
}

TEST_CASE("a subscription chooses products, ratios and the term") {
  const auto bound =
      bind_text("subscription \"s\" {\n start = 2026-01-01\n products {A}\n A.ratio = 1.7\n}\n");
  REQUIRE(bound.result.plan);
  const auto& plan = *bound.result.plan;
  CHECK(plan.start == *parse_date("2026-01-01"));
  CHECK(plan.end == *parse_date("2026-12-31"));
  REQUIRE(plan.products.size() == 1);
  CHECK(plan.products[0].name == "A");
  CHECK(plan.products[0].ratio == Rational(17, 10));
}

TEST_CASE("products are reported in the order the subscription lists them, names may hold hyphens") {
  const auto bound = bind_text("subscription \"s\" {\n start = 2026-01-01\n products {B, B-2, A}\n}\n");
  REQUIRE(bound.result.plan);
  const auto& products = bound.result.plan->products;
  REQUIRE(products.size() == 3);
  CHECK(products[0].name == "B");
  CHECK(products[1].name == "B-2");
  CHECK(products[2].name == "A");
}

TEST_CASE("a cross-product fact follows the products bought") {
  const auto without_b = bind_text("subscription \"s\" {\n start = 2026-01-01\n products {A}\n}\n");
  const auto with_b = bind_text("subscription \"s\" {\n start = 2026-01-01\n products {A, B}\n}\n");
  REQUIRE(without_b.result.plan);
  REQUIRE(with_b.result.plan);
  // Folded at bind time: qlu is usage * ratio without B, the constant 0 with it.
  CHECK(std::holds_alternative<plan::Binary>(without_b.result.plan->products[0].qlu->node));
  const auto* constant = std::get_if<plan::Constant>(&with_b.result.plan->products[0].qlu->node);
  REQUIRE(constant);
  CHECK(constant->value == 0);
}

TEST_CASE("flags override the subscription file") {
  Subscription flags;
  flags.product_params["A"]["ratio"] = Setting{"5", {"<command line>", 0, 0}};
  flags.end = Setting{"2026-06-30", {"<command line>", 0, 0}};
  const auto bound = bind_text("subscription \"s\" {\n start = 2026-01-01\n A.ratio = 1.7\n}\n", flags);
  REQUIRE(bound.result.plan);
  CHECK(bound.result.plan->end == *parse_date("2026-06-30"));
  CHECK(bound.result.plan->products[0].ratio == 5);
}

TEST_CASE("every bad setting is reported where its name was written, with the likely name") {
  const auto bound = bind_text("subscription \"s\" {\n"
                               "  start = 2026-01-01\n"
                               "  products {A, BB}\n"
                               "  A.ration = 1.7\n"
                               "  purge_rule = true\n"
                               "  B.ratio = true\n"
                               "}\n");
  REQUIRE_FALSE(bound.result.plan);
  const auto& d = bound.result.diagnostics;
  REQUIRE(d.size() == 4);
  // Sorted by position: line 22 (products), 23 (A.ration), 24 (purge_rule), 25 (B.ratio).
  CHECK(d[0].message == "the subscription buys unknown product `BB`");
  CHECK(d[0].pos.line == 22);
  CHECK(d[0].pos.column == 16);
  CHECK(d[0].help == "did you mean `B`?");
  CHECK(d[1].message == "product `A` has no parameter `ration`");
  CHECK(d[1].pos.line == 23);
  CHECK(d[1].help == "did you mean `ratio`?");
  CHECK(d[2].message == "unknown setting `purge_rule`");
  CHECK(d[2].help == "did you mean `purge_rules`?");
  CHECK(d[3].message == "`ratio` must be a decimal value, not `true`");
  CHECK(d[3].pos.line == 25);
}

TEST_CASE("a term needs a start, and an end after it") {
  SourceRegistry sources;
  const auto compiled = compile_source("t.tally", kRules, sources);
  REQUIRE(compiled.program);
  Subscription none;
  const auto missing = bind(*compiled.program, none);
  REQUIRE_FALSE(missing.plan);
  CHECK(missing.diagnostics.front().code == "E0601");

  Subscription backwards;
  backwards.start = Setting{"2026-05-01", {"<command line>", 0, 0}};
  backwards.end = Setting{"2026-04-30", {"<command line>", 0, 0}};
  const auto reversed = bind(*compiled.program, backwards);
  REQUIRE_FALSE(reversed.plan);
  CHECK(reversed.diagnostics.front().code == "E0602");
}

TEST_CASE("a 29 February start ends on 28 February of the next year") {
  SourceRegistry sources;
  const auto compiled = compile_source("t.tally", kRules, sources);
  Subscription leap;
  leap.start = Setting{"2024-02-29", {"<command line>", 0, 0}};
  const auto bound = bind(*compiled.program, leap);
  REQUIRE(bound.plan);
  CHECK(format_date(bound.plan->end) == "2025-02-28");
}

} // namespace

TEST_CASE("a program with more products than the limit is refused at the first one past it") {
  tally::Limits limits;
  limits.max_products = 3;
  tally::SourceRegistry sources;
  const auto compiled = tally::compile({TALLY_RULES_DIR}, sources, limits);
  REQUIRE_FALSE(compiled.program);
  REQUIRE(compiled.diagnostics.size() == 1);
  const auto& error = compiled.diagnostics.front();
  CHECK(error.code == "E0407");
  CHECK(error.message == "too many products (limit is 3)");
  CHECK(error.help == "raise the limit with --max-products");
  // Files load in name order, imports first: cdr, cis, cs, then etm (csam imports it).
  CHECK(error.pos.file.find("etm.tally") != std::string::npos);
}
