#include "provenance.hpp"

#include "sha256.hpp"

#ifndef TALLY_VERSION
#error "TALLY_VERSION must be the project's version"
#endif

namespace tally {

std::string tally_version() {
  return TALLY_VERSION;
}

Provenance provenance_of(const SourceRegistry& rules, const Table& table) {
  Provenance provenance;
  provenance.engine = "tally " + tally_version();
  std::string digests;
  for (const auto& [path, text] : rules.files()) {
    provenance.rule_files.push_back({path, sha256_hex(text)});
    digests += provenance.rule_files.back().sha256 + "\n";
  }
  provenance.rules_sha256 = sha256_hex(digests);
  provenance.data = {table.path, table.sha256};
  return provenance;
}

} // namespace tally
