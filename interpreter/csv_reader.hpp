// RFC 4180 CSV with a header row: the first reader behind read_observations.
#pragma once

#include "observation_sink.hpp"

#include <string_view>

namespace tally {

// Reads every record of `bytes` (the whole file) into the sink's table.
void read_csv(std::string_view bytes, ObservationSink& sink);

} // namespace tally
