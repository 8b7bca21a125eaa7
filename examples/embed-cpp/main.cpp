// A C++ host of tally: compiles the rules once, builds the observation table
// in its own memory, binds a subscription's terms in code and prints every
// product's QLU per period as exact fractions.
//
//   embed-cpp RULES_DIR ROWS.csv
//
// The rows come from a CSV only so that the result can be checked against
// `tally eval` on the same file; a billing job would take them from its
// inventory. The host splits the lines itself and hands tally the cells: no
// file reaches tally.
#include <tally/tally.hpp>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

// The cells of one CSV line (quoted cells may hold commas; the sample has no
// escaped quotes).
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (const char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      cells.emplace_back();
    else if (c != '\r')
      cells.back() += c;
  }
  return cells;
}

int fail(const tally::Diagnostics& diagnostics) {
  std::cerr << diagnostics.render();
  return 1;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: embed-cpp RULES_DIR ROWS.csv\n";
    return 2;
  }
  tally::RuleSources sources;
  sources.add_file(argv[1]);
  const auto rules = tally::Rules::compile(sources);
  if (!rules) return fail(rules.diagnostics());

  tally::Terms terms;
  terms.start = "2026-01-01";
  terms.end = "2026-12-31";
  terms.settings["purge_rules"] = "true";
  terms.product_settings["VMDR"]["ratio"] = "1.4";
  const auto contract = tally::Contract::bind(*rules, terms);
  if (!contract) return fail(contract.diagnostics());

  std::ifstream in(argv[2]);
  std::string line;
  std::getline(in, line);
  auto builder = tally::ObservationBuilder::create(*rules, split_csv_line(line), "inventory");
  if (!builder) return fail(builder.diagnostics());
  while (std::getline(in, line)) {
    const auto cells = split_csv_line(line);
    const auto refused = builder->append_row(std::vector<std::string_view>(cells.begin(), cells.end()));
    if (refused.has_errors()) return fail(refused);
  }

  const auto usage = contract->evaluate(builder->finish());
  if (!usage) return fail(usage.diagnostics());
  for (const auto& product : usage->products())
    for (const auto& period : product.periods)
      std::cout << product.product << ',' << period.start << ',' << period.end << ',' << period.qlu.fraction()
                << '\n';
  return 0;
}
