// The engine, running the standard rule files, must agree exactly with the
// independent brute-force reference (tests/reference) written from
// semantics.md, on randomised tables and on the seeds' worked examples.
#include "engine_fixture.hpp"

#include "tests/reference/brute_force.hpp"
#include "tests/support/compare_reports.hpp"
#include "tests/support/contract_schema.hpp"
#include "tests/support/random_table.hpp"
#include "tests/support/seed_tables.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

namespace {

using namespace tally;

std::vector<std::string> engine_products() {
  return test::standard_rules().names_of(false); // the reference knows the metered products
}

// Every product, or every product but ETM: CSAM costs nothing when ETM is bought.
std::vector<std::string> bought_products(bool with_etm) {
  auto products = engine_products();
  if (!with_etm) std::erase(products, std::string("ETM"));
  return products;
}

void require_agreement(const Report& expected, const Report& actual, const std::string& what) {
  const auto differences = test::compare_reports(expected, actual);
  INFO(what);
  for (const auto& difference : differences)
    UNSCOPED_INFO(difference);
  REQUIRE(differences.empty());
}

} // namespace

TEST_CASE("the prelude declares exactly the contract's schema") {
  const auto& prelude = test::standard_rules().schema;
  const auto contract = test::contract_schema();
  REQUIRE(prelude.columns.size() == contract.columns.size());
  for (const auto& column : contract.columns) {
    const auto* declared = prelude.find(column.name);
    INFO(column.name);
    REQUIRE(declared);
    CHECK(declared->type == column.type);
    CHECK(declared->values == column.values);
    CHECK(declared->required == column.required);
    CHECK(declared->default_value == column.default_value);
    CHECK(declared->required_when_column.has_value() == column.required_when_column.has_value());
  }
  REQUIRE(prelude.tie_column.has_value());
  CHECK(prelude.columns[*prelude.tie_column].name == contract.columns[*contract.tie_column].name);
  std::vector<std::string> prelude_ties, contract_ties;
  for (auto i : prelude.tie_order)
    prelude_ties.push_back(prelude.columns[*prelude.tie_column].values[i]);
  for (auto i : contract.tie_order)
    contract_ties.push_back(contract.columns[*contract.tie_column].values[i]);
  CHECK(prelude_ties == contract_ties);
}

TEST_CASE("engine and reference agree on randomised tables") {
  const auto& schema = test::standard_rules().schema;
  const Day start = *parse_date("2026-01-01");
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const auto table = test::random_table(schema, seed, 3000, start, 75);
    const bool with_etm = seed % 2 == 0;
    const auto products = bought_products(with_etm);
    for (const bool purge : {false, true}) {
      test::Terms terms{start, default_term_end(start), std::nullopt, purge, products};
      reference::ReferenceTerms reference_terms;
      reference_terms.start = terms.start;
      reference_terms.end = terms.end;
      reference_terms.purge_rules = purge;
      reference_terms.includes_etm = with_etm;
      reference_terms.products = products;
      require_agreement(
          reference::evaluate(table, schema, reference_terms), test::evaluate_standard(table, terms),
          fmt::format("seed {}, purge rules {}, ETM {}", seed, purge, with_etm ? "bought" : "not bought"));
    }
  }
}

TEST_CASE("engine and reference agree with an as-of day and an end inside the data") {
  const auto& schema = test::standard_rules().schema;
  const Day start = *parse_date("2026-01-01");
  const auto products = bought_products(true);
  const auto table = test::random_table(schema, 99, 3000, start - 5, 80);
  test::Terms terms{start, start + 40, start + 33, true, products};
  reference::ReferenceTerms reference_terms;
  reference_terms.start = terms.start;
  reference_terms.end = terms.end;
  reference_terms.as_of = terms.as_of;
  reference_terms.purge_rules = true;
  reference_terms.includes_etm = true;
  reference_terms.products = products;
  require_agreement(reference::evaluate(table, schema, reference_terms),
                    test::evaluate_standard(table, terms), "as of day 34, term of 41 days");
}

TEST_CASE("the seeds' worked examples, from observation rows, through the rule files") {
  const auto& schema = test::standard_rules().schema;
  for (const auto& product : engine_products()) {
    const auto seed = test::seed_example(schema, product);
    INFO(seed.product << ": " << seed.description);
    test::Terms terms{seed.start, seed.end, seed.as_of, seed.purge_rules, {product}};
    const auto report = test::evaluate_standard(seed.table, terms);
    REQUIRE(report.products.size() == 1);
    const auto& periods = report.products.front().periods;
    for (const auto& expected : seed.expected) {
      const auto actual = std::find_if(periods.begin(), periods.end(),
                                       [&](const PeriodResult& p) { return p.start == expected.start; });
      REQUIRE(actual != periods.end());
      CHECK(actual->end == expected.end);
      CHECK(actual->partial == expected.partial);
      CHECK(actual->usage == expected.usage);
      CHECK(actual->qlu == expected.qlu);
      CHECK(actual->components == expected.components);
    }
  }
}
