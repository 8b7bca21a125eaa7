// Runs the `example` blocks of a program: each states either the components'
// values (`given`) or a small inline observation table (`data`), and the
// usage, QLU and components it expects. A mismatch is a located diagnostic at
// the expectation that failed.
#pragma once

#include "lower.hpp"
#include "program.hpp"
#include "result.hpp"
#include "table.hpp"

#include <functional>

#include <string>
#include <vector>

namespace tally {

struct ExampleOutcome {
  std::string product;
  std::string title;
  SourcePos pos;
  std::vector<Diagnostic> failures; // empty when the example passed
  std::vector<Diagnostic> warnings; // W0402: an expected number that is a rounded form of the actual one
};

// What one example ran on, for observers such as `tally test --coverage`.
struct ExampleRun {
  const plan::Plan& plan; // the example's product alone, bound with `trace`
  const LowerTrace& trace;
  const Table* table = nullptr;                 // a `data` example's rows
  const Report* report = nullptr;               // ... and its evaluation
  const std::vector<Rational>* given = nullptr; // a `given` example's component values
};
using ExampleObserver = std::function<void(const ExampleRun&)>;

// `observe`, when set, sees every example that got as far as evaluating.
std::vector<ExampleOutcome> run_examples(const Program& program, const ExampleObserver& observe = {});

} // namespace tally
