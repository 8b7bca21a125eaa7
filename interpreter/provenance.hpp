// The provenance every evaluation report states: the engine, a digest of each
// rule file and of the data, so a statement can be recomputed and verified.
#pragma once

#include "diagnostic.hpp"
#include "result.hpp"
#include "table.hpp"

namespace tally {

// The project's version, e.g. "0.1.0".
std::string tally_version();

// `rules` holds exactly the rule files the evaluation compiled.
Provenance provenance_of(const SourceRegistry& rules, const Table& table);

} // namespace tally
