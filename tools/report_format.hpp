// Renders an evaluation Report for machines (JSON, CSV) and for people (table).
// Exact values print as decimals; a value with no finite decimal form prints
// rounded half-even to 6 places and is flagged, with its exact fraction beside
// it in the machine formats.
#pragma once

#include "interpreter/result.hpp"

#include <string>

namespace tally {

// One JSON object: as_of, start, end, products (with their periods), rows_read,
// skipped_rows. Every number on the value path is a string, so no reader turns
// it into a binary float.
std::string format_json(const Report& report);

// RFC 4180 (CRLF line ends), one row per product period. Columns:
// product,method,ratio,start,end,partial,usage,qlu,rounded,usage_exact,qlu_exact
// then `component:NAME` for every component name in the report, in first-seen order.
std::string format_csv(const Report& report);

// Aligned text for a terminal, one block per product, with footnotes for
// partial periods (*) and rounded values (~).
std::string format_table(const Report& report);

} // namespace tally
