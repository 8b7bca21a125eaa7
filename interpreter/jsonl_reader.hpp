// JSON Lines (one object per line, field names as in the CSV header): the
// second reader behind read_observations.
#pragma once

#include "observation_sink.hpp"

#include <string_view>

namespace tally {

// Reads every object of `bytes` (the whole file) into the sink's table.
void read_jsonl(std::string_view bytes, ObservationSink& sink);

} // namespace tally
