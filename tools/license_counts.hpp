// Counting the licenses of the rules (`license NAME {...}`) on one day, for
// `tally licenses` and the HTML report: the same steps as `tally eval`, with
// the ledger's stored settings under those given on the command line.
#pragma once

#include "cli_options.hpp"

#include "interpreter/result.hpp"
#include "tools/ledger/ledger.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tally {

struct LicenseCount {
  std::string license, title;
  Rational limit, consumed, licensed;
  std::vector<std::pair<std::string, Rational>> breakdown; // the other components, in the rule's order

  Rational unlicensed() const { return consumed - licensed; }
  // Consumption may pass 100%; with no licences bought it has no percentage.
  std::optional<Rational> percent() const;
};

struct LicenseCounts {
  Day as_of = 0;
  std::vector<LicenseCount> licenses;
};

// Counts options.licenses (every license of --rules when empty) on
// --as-of. With `book`, the settings it stores for options.pool's
// subscription apply under --set. Diagnostics go to `err`; nullopt when the
// rules, the settings or the data are wrong.
std::optional<LicenseCounts> count_licenses(const cli::Options& options, ledger::Ledger* book,
                                            std::ostream& err);

// The rules' licenses, with the diagnostics printed to `err`; nullopt when
// the rules are wrong or declare none.
std::optional<Rules> license_rules(const cli::Options& options, std::ostream& err);

// Whether `name` is one of `licenses`; if not, says so on `err`, naming them.
bool is_license(const std::vector<std::string>& licenses, const std::string& name, std::ostream& err);

} // namespace tally
