// One compiled program evaluated from two threads at once, on different data,
// gives what sequential runs give. tools/test-threads.sh runs it under
// ThreadSanitizer too.
#include <tally/tally.hpp>

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace {

// Every number of a usage statement, as text.
std::vector<std::string> flattened(const tally::Usage& usage) {
  std::vector<std::string> lines;
  for (const auto& product : usage.products())
    for (const auto& period : product.periods) {
      lines.push_back(fmt::format("{} {} {} {} {}", product.product, period.start, period.end,
                                  period.usage.fraction(), period.qlu.fraction()));
      for (const auto& [name, value] : period.components)
        lines.push_back(fmt::format("  {} {}", name, value.fraction()));
    }
  for (const auto& total : usage.totals())
    lines.push_back(fmt::format("total {} {} {}", total.start, total.end, total.qlu.fraction()));
  return lines;
}

// A fleet unlike the sample, with every column of the schema (most left
// empty): hosts seen by agent and scanner, some without findings.
tally::Observations built_fleet(const tally::Rules& rules) {
  const auto columns = rules.columns();
  auto builder = tally::ObservationBuilder::create(rules, columns);
  REQUIRE(builder.ok());
  std::vector<std::string> cells(columns.size());
  const auto set = [&](std::string_view column, std::string value) {
    cells[std::find(columns.begin(), columns.end(), column) - columns.begin()] = std::move(value);
  };
  for (int day = 1; day <= 45; ++day)
    for (int host = 0; host < 120; ++host) {
      if ((host * 7 + day) % 11 == 0) continue; // not seen every day
      std::fill(cells.begin(), cells.end(), std::string());
      const auto id = fmt::format("h{}", host);
      const auto agent = host % 3 == 0;
      set("observed_at", fmt::format("2026-{:02}-{:02}", day <= 31 ? 1 : 2, day <= 31 ? day : day - 31));
      set("asset_id", id);
      set("asset_type", "host");
      set("source", agent ? "agent" : "scanner");
      if (agent) set("agent_id", "ag-" + id);
      set("findings", std::to_string((host + day) % 5));
      set("vulns", std::to_string(host % 2));
      set("modules", host % 4 == 0 ? "VM;PM;EDR" : "VM");
      set("os", host % 2 ? "linux" : "windows");
      const auto refused = builder->append_row(std::vector<std::string_view>(cells.begin(), cells.end()));
      INFO(refused.render());
      REQUIRE(refused.empty());
    }
  return builder->finish();
}

tally::Rules standard_rules() {
  tally::RuleSources sources;
  sources.add_file(TALLY_SOURCE_DIR "/rules");
  auto rules = tally::Rules::compile(sources);
  REQUIRE(rules.ok());
  return *rules;
}

// Every standard product, bought from 2026-01-01.
tally::Contract from_2026(const tally::Rules& rules, bool purge_rules) {
  tally::Terms terms;
  terms.start = "2026-01-01";
  if (purge_rules) terms.settings["purge_rules"] = "true";
  auto contract = tally::Contract::bind(rules, terms);
  REQUIRE(contract.ok());
  return *contract;
}

} // namespace

TEST_CASE("one program evaluated from two threads at once gives the sequential results") {
  const auto rules = standard_rules();
  const auto contract = from_2026(rules, true);
  const auto sample =
      tally::Observations::read(contract, TALLY_SOURCE_DIR "/examples/sample/observations.csv");
  REQUIRE(sample.ok());
  const auto fleet = built_fleet(rules);

  const auto expected_sample = flattened(*contract.evaluate(*sample));
  const auto expected_fleet = flattened(*contract.evaluate(fleet));
  REQUIRE(expected_sample != expected_fleet);

  constexpr int kRuns = 3;
  std::vector<std::vector<std::string>> sample_results(kRuns), fleet_results(kRuns);
  std::thread first([&] {
    for (auto& result : sample_results)
      result = flattened(*contract.evaluate(*sample));
  });
  std::thread second([&] {
    for (auto& result : fleet_results)
      result = flattened(*contract.evaluate(fleet));
  });
  first.join();
  second.join();
  for (int run = 0; run < kRuns; ++run) {
    CHECK(sample_results[run] == expected_sample);
    CHECK(fleet_results[run] == expected_fleet);
  }
}

// A file of more than a few MiB is hashed on a second thread while it is
// parsed (and its pages handed back behind both); the sample's rows three
// times over count exactly as the sample does.
TEST_CASE("a large file hashed while it is parsed gives the table of its rows") {
  const auto contract = from_2026(standard_rules(), false);

  std::ifstream in(TALLY_SOURCE_DIR "/examples/sample/observations.csv");
  std::string header, rows;
  std::getline(in, header);
  rows.assign(std::istreambuf_iterator<char>(in), {});
  const auto tripled = std::filesystem::temp_directory_path() / "tally_tripled_sample.csv";
  std::ofstream(tripled) << header << '\n' << rows << rows << rows;
  REQUIRE(std::filesystem::file_size(tripled) > (std::uintmax_t{4} << 20));

  const auto sample =
      tally::Observations::read(contract, TALLY_SOURCE_DIR "/examples/sample/observations.csv");
  const auto large = tally::Observations::read(contract, tripled);
  std::filesystem::remove(tripled);
  REQUIRE(sample.ok());
  REQUIRE(large.ok());
  CHECK(large->rows() == 3 * sample->rows());
  CHECK(flattened(*contract.evaluate(*large)) == flattened(*contract.evaluate(*sample)));
}
