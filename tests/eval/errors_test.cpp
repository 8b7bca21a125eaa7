// Runtime and plan errors: each is a located DiagnosticError that names what
// failed, never a crash or a silent zero.
#include "tests/eval/eval_fixtures.hpp"

#include <catch2/catch.hpp>

namespace tally::eval_test {
namespace {

Diagnostic error_of(const plan::Plan& plan, const Table& table) {
  try {
    evaluate(plan, schema(), table);
  } catch (const DiagnosticError& error) {
    return error.diagnostic();
  }
  FAIL("evaluate() did not fail");
  return {};
}

TableBuilder two_days() {
  TableBuilder builder;
  builder.row({{"observed_at", "2026-01-01"}, {"asset_id", "a1"}, {"source", "scanner"}})
      .row({{"observed_at", "2026-01-02"}, {"asset_id", "a1"}, {"source", "agent"}, {"agent_id", "g1"}});
  return builder;
}

plan::NumPtr assets_from(std::string_view source) {
  return count(distinct("asset_id", snapshot(enum_in("source", {source}))));
}

plan::Plan one_product(plan::ProductPlan product) {
  return make_plan(day("2026-01-01"), day("2026-12-31"), std::nullopt, {std::move(product)});
}

} // namespace

TEST_CASE("division by zero is located at the division and names the product and day", "[eval][errors]") {
  const TableBuilder builder = two_days();
  // Agents per scanner: fine on day 1 (0/1), no scanner on day 2.
  const auto ratio = divide(assets_from("agent"), assets_from("scanner"), 7);
  const Diagnostic error =
      error_of(one_product(simple_product("RATIO", plan::Method::peak, 15, ratio)), builder.table());
  CHECK(error.code == "E0801");
  CHECK(error.pos.file == "test.tally");
  CHECK(error.pos.line == 7);
  CHECK(error.message == "division by zero in product `RATIO` on 2026-01-02");
}

TEST_CASE("division by zero in a QLU names the period", "[eval][errors]") {
  const TableBuilder builder = two_days();
  plan::ProductPlan product = simple_product("Q", plan::Method::peak, 15, assets_from("agent"));
  product.qlu = divide(usage(), constant("0"), 9);
  const Diagnostic error = error_of(one_product(product), builder.table());
  CHECK(error.code == "E0801");
  CHECK(error.pos.line == 9);
  CHECK(error.message ==
        "division by zero in the QLU of product `Q` for the period 2026-01-01 to 2026-01-15");
}

TEST_CASE("an hours scope outside an hourly average is rejected", "[eval][errors]") {
  const TableBuilder builder = two_days();
  const auto nodes = count(distinct("asset_id", hours(3, always())), 4);
  const Diagnostic error =
      error_of(one_product(simple_product("CS", plan::Method::peak, 15, nodes)), builder.table());
  CHECK(error.code == "E0802");
  CHECK(error.pos.line == 4);
  CHECK(error.message == "product `CS` counts rows of an hours scope outside an hourly average");
}

TEST_CASE("a day-relative condition on term rows is rejected", "[eval][errors]") {
  const TableBuilder builder = two_days();
  const auto recent = count(distinct("asset_id", term(within_days("last_event_at", 30))));
  CHECK(error_of(one_product(simple_product("FIM", plan::Method::peak, 15, recent)), builder.table()).code ==
        "E0802");
  const auto every_recent =
      count(having(distinct("asset_id", snapshot(always())),
                   all_assets(every_row(term(always()), within_days("last_event_at", 30)))));
  CHECK(error_of(one_product(simple_product("FIM", plan::Method::peak, 15, every_recent)), builder.table())
            .code == "E0802");
}

TEST_CASE("plans that contradict the schema are rejected before any day is evaluated", "[eval][errors]") {
  const TableBuilder builder = two_days();
  const auto mixed =
      count(minus(distinct("asset_id", snapshot(always())), distinct("agent_id", snapshot(always()))));
  CHECK(error_of(one_product(simple_product("M", plan::Method::peak, 15, mixed)), builder.table()).message ==
        "product `M` removes units keyed by `agent_id` from units keyed by `asset_id`");

  const auto by_modules = count(distinct("modules", snapshot(always())));
  CHECK(
      error_of(one_product(simple_product("S", plan::Method::peak, 15, by_modules)), builder.table()).code ==
      "E0802");

  const auto wrong_type = count(distinct("asset_id", snapshot(int_compare("status", plan::Compare::eq, 1))));
  CHECK(error_of(one_product(simple_product("T", plan::Method::peak, 15, wrong_type)), builder.table())
            .message == "the plan reads column `status` as integer, but it is enum");

  plan::ProductPlan reads_later = product("R", plan::Method::peak, 15,
                                          {{"first", component(1)}, {"second", constant("1")}}, component(0));
  CHECK(error_of(one_product(reads_later), builder.table()).code == "E0802");

  const plan::Plan nothing_evaluated = make_plan(day("2026-01-01"), day("2025-12-31"), std::nullopt,
                                                 {simple_product("S", plan::Method::peak, 15, by_modules)});
  CHECK(error_of(nothing_evaluated, builder.table()).code == "E0802");

  CHECK(error_of(one_product(simple_product("Z", plan::Method::peak, 0, constant("1"))), builder.table())
            .code == "E0802");
  CHECK(error_of(one_product(simple_product("U", plan::Method::peak, 15, usage())), builder.table()).code ==
        "E0802");
}

TEST_CASE("a table without cells for a column the plan reads is reported", "[eval][errors]") {
  TableBuilder builder = two_days();
  Table& table = builder.table();
  table.columns[column("vulns")].ints = {};
  const auto clean = count(distinct("asset_id", snapshot(int_compare("vulns", plan::Compare::eq, 0))));
  const Diagnostic error = error_of(one_product(simple_product("V", plan::Method::peak, 15, clean)), table);
  CHECK(error.code == "E0803");
  CHECK(error.pos.file == "test.csv");
  CHECK(error.message == "the table has no cells for column `vulns`, which product `V` reads");
  // A plan that does not read it is unaffected.
  CHECK_NOTHROW(evaluate(one_product(simple_product("A", plan::Method::peak, 15, assets_from("agent"))),
                         schema(), table));
}

} // namespace tally::eval_test
