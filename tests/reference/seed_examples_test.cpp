// The reference reproduces every worked example of the seeds from its
// observation table (semantics.md, "The seed examples").
#include "tests/reference/test_helpers.hpp"
#include "tests/support/seed_tables.hpp"

#include <catch2/catch.hpp>

using namespace tally;
using namespace tally::reference::testing;

namespace {

std::string show(const Rational& value) {
  return to_fraction_text(value);
}

void check_seed(const std::string& product) {
  test::SeedExample seed = test::seed_example(schema(), product);
  reference::ReferenceTerms terms = terms_for({product}, seed.start, seed.as_of);
  terms.end = seed.end;
  terms.purge_rules = seed.purge_rules;
  terms.includes_etm = seed.includes_etm;
  Report report = reference::evaluate(seed.table, schema(), terms);

  INFO(product << ": " << seed.description);
  const ProductResult& result = product_in(report, product);
  if (result.method == "peak") CHECK(result.periods.size() == seed.expected.size());
  for (const test::ExpectedPeriod& expected : seed.expected) {
    const PeriodResult& actual = period_at(report, product, expected.start);
    INFO("period " << format_date(expected.start) << ".." << format_date(expected.end));
    CHECK(actual.start == expected.start);
    CHECK(actual.end == expected.end);
    CHECK(actual.partial == expected.partial);
    CHECK(show(actual.usage) == show(expected.usage));
    CHECK(show(actual.qlu) == show(expected.qlu));
    REQUIRE(actual.components.size() == expected.components.size());
    for (std::size_t i = 0; i < expected.components.size(); ++i) {
      CHECK(actual.components[i].first == expected.components[i].first);
      CHECK(show(actual.components[i].second) == show(expected.components[i].second));
    }
  }
}

} // namespace

TEST_CASE("every product has a seed example", "[reference][seed]") {
  CHECK(test::seed_products() == reference::all_products());
  CHECK_THROWS_AS(test::seed_example(schema(), "NOPE"), std::invalid_argument);
}

TEST_CASE("seed ETM: 5,000 assets with findings -> 15,000", "[reference][seed]") {
  check_seed("ETM");
}
TEST_CASE("seed CSAM: peaks 13,500 / 14,200", "[reference][seed]") {
  check_seed("CSAM");
}
TEST_CASE("seed ETM-ID: peaks 10,000 / 11,200", "[reference][seed]") {
  check_seed("ETM-ID");
}
TEST_CASE("seed VMDR: A 6,000 + B 2,000 - C 1,000 -> 10,500", "[reference][seed]") {
  check_seed("VMDR");
}
TEST_CASE("seed VMDR-MOBILE: peaks 10,000 / 11,200", "[reference][seed]") {
  check_seed("VMDR-MOBILE");
}
TEST_CASE("seed VMDR-OT: weighted 800 / 433 -> 1,200 / 649.5", "[reference][seed]") {
  check_seed("VMDR-OT");
}
TEST_CASE("seed EDR: peaks 2,650 / 2,900", "[reference][seed]") {
  check_seed("EDR");
}
TEST_CASE("seed ZLINUX: peaks 650 / 900", "[reference][seed]") {
  check_seed("ZLINUX");
}
TEST_CASE("seed CSPM: 1,000 VMs + 2,500 serverless -> 12,300", "[reference][seed]") {
  check_seed("CSPM");
}
TEST_CASE("seed CWP-AGENT: A 10,000 - B 1,000 -> 13,500", "[reference][seed]") {
  check_seed("CWP-AGENT");
}
TEST_CASE("seed CWP-FLEXSCAN: average 900 -> 2,700", "[reference][seed]") {
  check_seed("CWP-FLEXSCAN");
}
TEST_CASE("seed CDR: 1,000 VMs + 2,500 serverless -> 12,300", "[reference][seed]") {
  check_seed("CDR");
}
TEST_CASE("seed CS: average 150 nodes -> 6,750", "[reference][seed]") {
  check_seed("CS");
}
TEST_CASE("seed CIS: 2,400 scans -> 288", "[reference][seed]") {
  check_seed("CIS");
}
TEST_CASE("seed SC: average 105 -> 315", "[reference][seed]") {
  check_seed("SC");
}
TEST_CASE("seed SSPM: average 4,250 -> 6,375", "[reference][seed]") {
  check_seed("SSPM");
}
TEST_CASE("seed TAS: 85 + 200/10, 95 + 250/10 -> 4,725 / 5,400", "[reference][seed]") {
  check_seed("TAS");
}
TEST_CASE("seed WAS: peaks 85 / 95", "[reference][seed]") {
  check_seed("WAS");
}
TEST_CASE("seed PA: A 6,000 + B 2,000 - C 1,000 -> 13,090", "[reference][seed]") {
  check_seed("PA");
}
TEST_CASE("seed PAF: 2,650 / 2,900 agents -> 2,518 / 2,755", "[reference][seed]") {
  check_seed("PAF");
}
TEST_CASE("seed FIM: peaks 1,250 / 1,350", "[reference][seed]") {
  check_seed("FIM");
}
TEST_CASE("seed PCI: peaks 1,350 / 1,500", "[reference][seed]") {
  check_seed("PCI");
}
TEST_CASE("seed PM: 2,650 / 2,900 agents -> 7,553 / 8,265", "[reference][seed]") {
  check_seed("PM");
}
TEST_CASE("seed ELIM: peaks 2,200 / 2,400", "[reference][seed]") {
  check_seed("ELIM");
}
