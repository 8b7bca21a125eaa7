// Deterministic random observation tables for agreement tests: small id spaces
// so that the cases the products disagree on actually occur (one asset seen by
// several sources, agent and instance ids shared across assets, statuses
// changing, same-time ties, heartbeat gaps of 1-4 hours, rows before the term,
// last events around the 30-day edge, every enum value and module).
#pragma once

#include "date.hpp"
#include "schema.hpp"
#include "table.hpp"

#include <cstdint>

namespace tally::test {

// `rows` rows built through RowAppender (valid by construction), observed on
// days start-3 .. start+days-1. The same seed always gives the same table.
Table random_table(const Schema& schema, std::uint64_t seed, std::size_t rows, Day start, int days);

} // namespace tally::test
