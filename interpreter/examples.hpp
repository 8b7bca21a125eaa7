// Runs the `example` blocks of a program: each states either the components'
// values (`given`) or a small inline observation table (`data`), and the
// usage, QLU and components it expects. A mismatch is a located diagnostic at
// the expectation that failed.
#pragma once

#include "program.hpp"

#include <string>
#include <vector>

namespace tally {

struct ExampleOutcome {
  std::string product;
  std::string title;
  SourcePos pos;
  std::vector<Diagnostic> failures; // empty when the example passed
};

std::vector<ExampleOutcome> run_examples(const Program& program);

} // namespace tally
