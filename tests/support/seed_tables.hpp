// Observation tables that reproduce each worked example of the seeds
// (semantics.md, "The seed examples"), built row by row, with the figures the
// seeds state as expected values. Every table also holds rows the product
// must NOT count (wrong source, status, type, day...), so a rule that ignores a
// condition disagrees with the seed.
#pragma once

#include "date.hpp"
#include "number.hpp"
#include "schema.hpp"
#include "table.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tally::test {

struct ExpectedPeriod {
  Day start = 0, end = 0;
  bool partial = false;
  Rational usage, qlu;
  std::vector<std::pair<std::string, Rational>> components; // in the product's component order
};

struct SeedExample {
  std::string product;
  std::string description; // the seed's figures, for messages
  Day start = 0, end = 0, as_of = 0;
  bool purge_rules = false;
  bool includes_etm = false;
  Table table;
  // The periods the seed states: each interval of a peak product; for a rolling
  // product, only the period at the as-of day.
  std::vector<ExpectedPeriod> expected;
};

// Every seed starts on 2026-01-01 and ends on 2026-12-31.
Day seed_start();

SeedExample seed_etm(const Schema& schema);
SeedExample seed_csam(const Schema& schema);
SeedExample seed_etm_id(const Schema& schema);
SeedExample seed_vmdr(const Schema& schema);
SeedExample seed_vmdr_mobile(const Schema& schema);
SeedExample seed_vmdr_ot(const Schema& schema);
SeedExample seed_edr(const Schema& schema);
SeedExample seed_zlinux(const Schema& schema);
SeedExample seed_cspm(const Schema& schema);
SeedExample seed_cwp_agent(const Schema& schema);
SeedExample seed_cwp_flexscan(const Schema& schema);
SeedExample seed_cdr(const Schema& schema);
SeedExample seed_cs(const Schema& schema);
SeedExample seed_cis(const Schema& schema);
SeedExample seed_sc(const Schema& schema);
SeedExample seed_sspm(const Schema& schema);
SeedExample seed_tas(const Schema& schema);
SeedExample seed_was(const Schema& schema);
SeedExample seed_pa(const Schema& schema);
SeedExample seed_paf(const Schema& schema);
SeedExample seed_fim(const Schema& schema);
SeedExample seed_pci(const Schema& schema);
SeedExample seed_pm(const Schema& schema);
SeedExample seed_elim(const Schema& schema);

// The 24 products with a seed example, in semantics.md's table order.
std::vector<std::string> seed_products();

// The seed example of `product`; throws std::invalid_argument for an unknown product.
SeedExample seed_example(const Schema& schema, std::string_view product);

} // namespace tally::test
