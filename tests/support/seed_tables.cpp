// The seed examples by product name; each example is built in
// tests/reference/seeds/ (peak, VMDR-style and rolling products).
#include "tests/support/seed_tables.hpp"

#include <stdexcept>

namespace tally::test {

namespace {

using SeedBuilder = SeedExample (*)(const Schema&);

const std::vector<std::pair<std::string, SeedBuilder>>& seed_builders() {
  static const std::vector<std::pair<std::string, SeedBuilder>> builders = {
      {"ETM", seed_etm},
      {"CSAM", seed_csam},
      {"ETM-ID", seed_etm_id},
      {"VMDR", seed_vmdr},
      {"VMDR-MOBILE", seed_vmdr_mobile},
      {"VMDR-OT", seed_vmdr_ot},
      {"EDR", seed_edr},
      {"ZLINUX", seed_zlinux},
      {"CSPM", seed_cspm},
      {"CWP-AGENT", seed_cwp_agent},
      {"CWP-FLEXSCAN", seed_cwp_flexscan},
      {"CDR", seed_cdr},
      {"CS", seed_cs},
      {"CIS", seed_cis},
      {"SC", seed_sc},
      {"SSPM", seed_sspm},
      {"TAS", seed_tas},
      {"WAS", seed_was},
      {"PA", seed_pa},
      {"PAF", seed_paf},
      {"FIM", seed_fim},
      {"PCI", seed_pci},
      {"PM", seed_pm},
      {"ELIM", seed_elim},
  };
  return builders;
}

} // namespace

Day seed_start() {
  static const Day start = *parse_date("2026-01-01");
  return start;
}

std::vector<std::string> seed_products() {
  std::vector<std::string> names;
  for (const auto& [name, builder] : seed_builders())
    names.push_back(name);
  return names;
}

SeedExample seed_example(const Schema& schema, std::string_view product) {
  for (const auto& [name, builder] : seed_builders())
    if (name == product) return builder(schema);
  throw std::invalid_argument("no seed example for product `" + std::string(product) + "`");
}

} // namespace tally::test
