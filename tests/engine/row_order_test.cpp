// Exactness property: a report depends on the rows, not on their order. The
// standard rules over a random table and over the same rows shuffled must give
// identical reports, for every product, purge on and off.
#include "engine_fixture.hpp"

#include "interpreter/table_subset.hpp"
#include "tests/support/compare_reports.hpp"
#include "tests/support/random_table.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>

TEST_CASE("a report does not depend on the order of the rows") {
  using namespace tally;
  const auto& program = test::standard_rules();
  const Day start = *parse_date("2026-01-01");
  const auto table = test::random_table(program.schema, 11, 3000, start, 40);
  std::vector<std::size_t> order(table.rows);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 random(11);
  std::shuffle(order.begin(), order.end(), random);
  const auto shuffled = select_rows(table, order);
  REQUIRE(shuffled.rows == table.rows);
  for (const bool purge : {false, true}) {
    const test::Terms terms{start, start + 364, std::nullopt, purge, program.product_names()};
    const auto differences = test::compare_reports(test::evaluate_standard(table, terms),
                                                   test::evaluate_standard(shuffled, terms));
    for (const auto& difference : differences)
      UNSCOPED_INFO(difference);
    CHECK(differences.empty());
  }
}
