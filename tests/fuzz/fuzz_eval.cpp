// Evaluation over a fuzzed table. The standard rules (every product in
// rules/) and the sample subscription are compiled and bound once; each input
// is read as CSV with their schema and the columns the rules need, skipping
// bad rows so that a table with one broken row still reaches the evaluator,
// and every product is evaluated over it.
#include "fuzz_support.hpp"

#include "interpreter/csv_reader.hpp"
#include "interpreter/engine.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/program.hpp"
#include "interpreter/subscription.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Fixture {
  std::shared_ptr<const tally::Program> program;
  tally::plan::Plan plan;
  tally::ReadOptions options;
};

// A broken fixture is not a finding: stop before fuzzing anything.
[[noreturn]] void fixture_failed(const std::vector<tally::Diagnostic>& diagnostics,
                                 const tally::SourceRegistry& sources) {
  for (const auto& diagnostic : diagnostics)
    std::cerr << tally::format_diagnostic(diagnostic, &sources);
  std::abort();
}

Fixture make_fixture() {
  const fs::path root(TALLY_SOURCE_DIR);
  tally::SourceRegistry sources;
  auto compiled =
      tally::compile({root / "rules", root / "examples" / "sample" / "subscription.tally"}, sources);
  if (!compiled.program || compiled.program->subscriptions.size() != 1)
    fixture_failed(compiled.diagnostics, sources);
  Fixture fixture;
  fixture.program = compiled.program;
  auto subscription = tally::subscription_from(*fixture.program->subscriptions.front());
  // Three peak periods (45 days) rather than the sample's year: the seeds'
  // days, at half the work per input.
  subscription.end = tally::Setting{"2026-02-14", {"<fuzz_eval>", 0, 0}};
  auto bound = tally::bind(*fixture.program, subscription);
  if (!bound.plan) fixture_failed(bound.diagnostics, sources);
  fixture.plan = std::move(*bound.plan);
  fixture.options.skip_bad_rows = true;
  fixture.options.max_rows = tally::fuzz::kMaxRows;
  fixture.options.needed_columns = tally::columns_needed(fixture.plan, fixture.program->schema);
  return fixture;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Fixture fixture = make_fixture();
  const tally::Schema& schema = fixture.program->schema;
  const std::string_view bytes = tally::fuzz::bytes_of(data, size);
  tally::Table table;
  table.path = "fuzz.csv";
  try {
    tally::ObservationSink sink(table.path, schema, table, fixture.options);
    tally::read_csv(bytes, sink);
    tally::evaluate(fixture.plan, schema, table);
  } catch (const tally::DiagnosticError& error) {
    tally::fuzz::render(error.diagnostic(), table.path, bytes);
  }
  return 0;
}
