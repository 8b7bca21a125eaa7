#include "fuzz_support.hpp"

#include "interpreter/engine.hpp"
#include "interpreter/program.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

namespace tally::fuzz {

const Schema& prelude_schema() {
  static const std::shared_ptr<const Program> program = [] {
    SourceRegistry sources;
    auto compiled = compile({std::filesystem::path(TALLY_SOURCE_DIR) / "stdlib" / "prelude.tally"}, sources);
    if (!compiled.program) {
      // A broken fixture, not a finding: stop before fuzzing anything.
      for (const auto& diagnostic : compiled.diagnostics)
        std::cerr << format_diagnostic(diagnostic, &sources);
      std::abort();
    }
    return compiled.program;
  }();
  return program->schema;
}

void render(const Diagnostic& diagnostic, std::string_view file, std::string_view text) {
  SourceRegistry sources;
  sources.add(std::string(file), std::string(text));
  format_diagnostic(diagnostic, &sources);
}

void read_both_ways(std::string_view bytes, Reader reader) {
  constexpr std::string_view kFile = "fuzz-input";
  for (const bool skip_bad_rows : {false, true}) {
    ReadOptions options;
    options.skip_bad_rows = skip_bad_rows;
    options.max_rows = kMaxRows;
    Table table;
    table.path = kFile;
    try {
      ObservationSink sink(table.path, prelude_schema(), table, options);
      reader(bytes, sink);
    } catch (const DiagnosticError& error) {
      render(error.diagnostic(), kFile, bytes);
    }
  }
}

} // namespace tally::fuzz
