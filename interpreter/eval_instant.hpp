// The moment a measure is taken: an evaluated day and, inside an hourly
// average, one hour of it.
#pragma once

#include "date.hpp"

#include <cstdint>
#include <optional>

namespace tally::eval {

struct Instant {
  Day day = 0;
  std::optional<std::int64_t> hour; // hours since the epoch, within `day`
};

// How often a piece of state changes, from least to most often.
enum class Cadence {
  term, // grows day by day; updated from each day's rows only
  day,  // recomputed once per evaluated day
  hour, // recomputed for every hour of an hourly average
};

} // namespace tally::eval
