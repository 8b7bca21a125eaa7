// The checker: a fuzzed rule file is compiled as `tally check` compiles one
// (imports resolve against stdlib/ and the working folder), every diagnostic
// is rendered, and when it compiles its examples run as `tally test` runs them.
#include "fuzz_support.hpp"

#include "interpreter/engine.hpp"
#include "interpreter/examples.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // An example costs time in proportion to its term's days: a few examples of
  // a century each (the default limit) would pass the fuzzer's time-out
  // without being a bug. Two years still span every period of every method.
  tally::Limits limits;
  limits.max_term_days = 731;
  tally::SourceRegistry sources;
  const auto compiled =
      tally::compile_source("fuzz.tally", std::string(tally::fuzz::bytes_of(data, size)), sources, limits);
  for (const auto& diagnostic : compiled.diagnostics)
    tally::format_diagnostic(diagnostic, &sources);
  if (!compiled.program) return 0;
  for (const auto& outcome : tally::run_examples(*compiled.program))
    for (const auto& failure : outcome.failures)
      tally::format_diagnostic(failure, &sources);
  return 0;
}
