// Shared vocabulary of the seed tables: term days, cell texts, expected periods.
#pragma once

#include "tests/reference/row_writer.hpp"
#include "tests/support/seed_tables.hpp"

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace tally::test::seeds {

// Day n of the term, 1-based: term_day(1) is 2026-01-01, term_day(0) the day before.
Day term_day(int n);

std::string date_text(Day day);                       // "2026-01-10"
std::string hour_text(Day day, int hour);             // "2026-01-10T07:00:00Z"
std::string numbered(std::string_view prefix, int n); // "edr-42"

// A value written as the seed writes it: exact("7552.5").
Rational exact(std::string_view decimal);

// An empty seed for `product`, term 2026-01-01..2026-12-31, evaluated as of `as_of`.
SeedExample new_seed(std::string product, std::string description, Day as_of);

using NamedValues = std::initializer_list<std::pair<std::string, Rational>>;

// Peak interval `index` (0: 2026-01-01..15, 1: 2026-01-16..30).
ExpectedPeriod interval_period(int index, const Rational& usage, const Rational& qlu, NamedValues components);

// The rolling period of `day`.
ExpectedPeriod rolling_period(Day day, const Rational& usage, const Rational& qlu, NamedValues components);

// The daily counts of a two-interval peak example: a lower day and the peak day
// in each interval. In the second interval the lower day comes after the peak,
// so the peak is the maximum, not the last value.
struct PeakSchedule {
  int first_low, first_peak, second_peak, second_low;
};
inline constexpr int kFirstLowDay = 3, kFirstPeakDay = 10, kSecondPeakDay = 19, kSecondLowDay = 27;

// Calls write_day(day, count) for the four days of the schedule.
void for_each_scheduled_day(const PeakSchedule& schedule, const std::function<void(Day, int)>& write_day);

} // namespace tally::test::seeds
