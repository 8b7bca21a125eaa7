// The observation schema exactly as /work/shared/contract/observations.md
// defines it (columns, types, enum values in the contract's order, defaults,
// required flags, the `latest` tie order), built in C++ so that tests of the
// readers and the evaluator do not depend on the prelude compiler.
#pragma once

#include "schema.hpp"

namespace tally::test {

Schema contract_schema();

} // namespace tally::test
