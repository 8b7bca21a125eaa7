// The SQL back end without a server: what the statement reads and refuses,
// and how its rows become a report. tests/cli/postgres_differential_test.sh
// runs the statements on a real server against the native engine.
#include "interpreter/api/api_access.hpp"
#include "interpreter/sql/postgres_dialect.hpp"
#include "interpreter/sql/sql_compiler.hpp"
#include "interpreter/sql/sql_result.hpp"

#include <catch2/catch.hpp>

namespace {

using namespace tally;

struct Compiled {
  Rules rules;
  Contract contract;
};

Compiled bound(const std::string& product_text) {
  RuleSources sources;
  sources.add_text("sql.tally", "import \"prelude\"\n" + product_text);
  auto rules = Rules::compile(sources);
  INFO(rules.diagnostics().render());
  REQUIRE(rules.ok());
  Terms terms;
  terms.start = "2026-01-01";
  auto contract = Contract::bind(*rules, terms);
  INFO(contract.diagnostics().render());
  REQUIRE(contract.ok());
  return {*rules, *contract};
}

std::string statement(const Compiled& compiled, const std::string& table = "observations") {
  return sql::compile(api_access::Access::plan(compiled.contract),
                      api_access::Access::program(compiled.rules).schema, sql::postgres_dialect(), {table},
                      &api_access::Access::sources(compiled.rules));
}

const char* const kFindings = R"(product FINDINGS {
  method peak every 15 days
  param ratio: decimal = 3
  component assets = count distinct asset_id of snapshot where findings > 0
  usage = assets
  qlu = usage * ratio
}
)";

} // namespace

TEST_CASE("the statement reads the table named, and only the columns its rules read") {
  const auto text = statement(bound(kFindings), "metering.observations");
  CHECK_THAT(text, Catch::Contains("FROM metering.observations"));
  CHECK_THAT(text, Catch::Contains("coalesce(findings, 0) AS findings"));
  CHECK_THAT(text, !Catch::Contains("os_name"));
  CHECK_THAT(text, !Catch::Contains("hours AS")); // no hourly rule, no grid of hours
  // Each step says which rule it comes from, quoting the line.
  CHECK_THAT(text, Catch::Contains("sql.tally:5: component assets = count distinct asset_id of snapshot"));
}

TEST_CASE("a table name that is not a plain identifier is refused") {
  const auto compiled = bound(kFindings);
  CHECK_THROWS_AS(statement(compiled, "observations; DROP TABLE x"), std::invalid_argument);
  CHECK_THROWS_AS(statement(compiled, ""), std::invalid_argument);
}

TEST_CASE("a daily value divided by a count is refused at the division, naming the native engine") {
  const auto compiled = bound(R"(product SHARE {
  method rolling average over 90 days
  param ratio: decimal = 1
  component alive = count distinct asset_id of snapshot where live
  component seen = count distinct asset_id of snapshot
  usage = alive / seen
  qlu = usage * ratio
}
)");
  try {
    statement(compiled);
    FAIL("compiled");
  } catch (const DiagnosticError& error) {
    CHECK(error.diagnostic().code == "E0804");
    CHECK(error.diagnostic().pos.line == 7);
    CHECK_THAT(error.diagnostic().message, Catch::Contains("cannot sum such values exactly"));
    CHECK_THAT(error.diagnostic().help, Catch::Contains("--engine native"));
  }
}

TEST_CASE("a QLU divided by the usage compiles, failing on the server only for a zero") {
  const auto text = statement(bound(R"(product INVERSE {
  method peak every 15 days
  param ratio: decimal = 1
  component assets = count distinct asset_id of snapshot
  usage = assets
  qlu = ratio / usage
}
)"));
  CHECK_THAT(text, Catch::Contains("division by zero in the QLU of product `INVERSE`"));
}

TEST_CASE("result rows become the report the native engine makes") {
  const auto compiled = bound(kFindings);
  const auto& plan = api_access::Access::plan(compiled.contract);
  const std::vector<sql::ResultRow> rows = {
      {"FINDINGS", "2026-01-01", "2026-01-15", "f", "usage", "7", "2"},
      {"FINDINGS", "2026-01-01", "2026-01-15", "f", "qlu", "21", "2"},
      {"FINDINGS", "2026-01-01", "2026-01-15", "f", "assets", "7", "2"},
      {"FINDINGS", "2026-01-16", "2026-01-30", "t", "usage", "-4", "1"},
      {"FINDINGS", "2026-01-16", "2026-01-30", "t", "qlu", "-12", "1"},
      {"FINDINGS", "2026-01-16", "2026-01-30", "t", "assets", "-4", "1"},
  };
  const Report report = sql::report_from_rows(plan, *parse_date("2026-01-20"), rows);
  REQUIRE(report.products.size() == 1);
  const auto& periods = report.products[0].periods;
  REQUIRE(periods.size() == 2);
  CHECK(periods[0].usage == Rational(7, 2));
  CHECK(periods[0].qlu == Rational(21, 2));
  CHECK_FALSE(periods[0].partial);
  CHECK(periods[1].partial);
  CHECK(periods[1].components == std::vector<std::pair<std::string, Rational>>{{"assets", Rational(-4)}});
  REQUIRE(report.totals.size() == 2);
  CHECK(report.totals[0].qlu == Rational(21, 2));
  CHECK(report.as_of == *parse_date("2026-01-20"));
}

TEST_CASE("a result row tally did not write is refused, naming the row") {
  const auto compiled = bound(kFindings);
  const auto& plan = api_access::Access::plan(compiled.contract);
  const auto refused = [&](sql::ResultRow row, const std::string& why) {
    CHECK_THROWS_WITH(sql::report_from_rows(plan, 0, {row}),
                      Catch::Contains("row 1") && Catch::Contains(why));
  };
  refused({"VMDR", "2026-01-01", "2026-01-15", "f", "usage", "1", "1"}, "no product `VMDR`");
  refused({"FINDINGS", "2026-01-01", "2026-01-15", "f", "usage", "1.5", "1"}, "not a whole number");
  refused({"FINDINGS", "2026-01-01", "2026-01-15", "f", "usage", "1", "0"}, "not above zero");
  refused({"FINDINGS", "2026-13-01", "2026-01-15", "f", "usage", "1", "1"}, "not a date");
  refused({"FINDINGS", std::nullopt, "2026-01-15", "f", "usage", "1", "1"}, "is NULL");
  refused({"FINDINGS", "2026-01-01"}, "2 columns");
  // A period without its components is a truncated result, not a smaller report.
  CHECK_THROWS_WITH(
      sql::report_from_rows(plan, 0, {{"FINDINGS", "2026-01-01", "2026-01-15", "f", "usage", "1", "1"}}),
      Catch::Contains("lacks components"));
}

TEST_CASE("a partition reads one tenant's rows, wherever the statement reads the table") {
  const auto compiled = bound(kFindings);
  sql::Target target;
  target.table = "shared";
  target.partition.emplace("tenant", "o'brien");
  const auto text =
      sql::compile(api_access::Access::plan(compiled.contract),
                   api_access::Access::program(compiled.rules).schema, sql::postgres_dialect(), target);
  const std::string filtered = "FROM shared WHERE tenant = 'o''brien'";
  const auto first = text.find(filtered);
  REQUIRE(first != std::string::npos);
  CHECK(text.find(filtered, first + 1) != std::string::npos); // the as-of day and the rows
  CHECK(text.find("FROM shared\n") == std::string::npos);
  target.partition.emplace("Tenant; --", "x");
  CHECK_THROWS_AS(sql::compile(api_access::Access::plan(compiled.contract),
                               api_access::Access::program(compiled.rules).schema, sql::postgres_dialect(),
                               target),
                  std::invalid_argument);
}

TEST_CASE("a value tested against an empty set of values fails without reading a step") {
  // Regression: the test joined a step of no columns, which the server refused.
  const auto text = statement(bound(R"(product NONE {
  method peak every 15 days
  param ratio: decimal = 1
  param gone: set = {}
  component kept = count distinct asset_id of snapshot unless latest status of snapshot in gone
  usage = kept
  qlu = usage * ratio
}
)"));
  CHECK_THAT(text, Catch::Contains("HAVING NOT bool_or(FALSE)"));
  CHECK_THAT(text, !Catch::Contains("asset_1"));
}
