// Calendar days and UTC instants, as the observation contract defines them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tally {

using Day = std::int32_t;     // days since 1970-01-01 (proleptic Gregorian, UTC)
using Seconds = std::int64_t; // seconds since 1970-01-01T00:00:00Z

// Strict `YYYY-MM-DD`; rejects impossible dates such as 2026-02-30.
std::optional<Day> parse_date(std::string_view text);

// `YYYY-MM-DD` (00:00:00 of that day) or `YYYY-MM-DDTHH:MM[:SS]Z`.
std::optional<Seconds> parse_timestamp(std::string_view text);

std::string format_date(Day day);

constexpr Day day_of(Seconds instant) {
  return static_cast<Day>(instant >= 0 ? instant / 86400 : -((-instant + 86399) / 86400));
}
constexpr std::int64_t hour_of(Seconds instant) { // hours since the epoch
  return instant >= 0 ? instant / 3600 : -((-instant + 3599) / 3600);
}
constexpr Seconds start_of(Day day) {
  return static_cast<Seconds>(day) * 86400;
}

// The contract's default term end: the day before the first anniversary of
// `start`; for a 29 February start, 28 February of the next year.
Day default_term_end(Day start);

} // namespace tally
