#include "date.hpp"

#include <fmt/format.h>

namespace tally {

namespace {

struct CivilDate {
  std::int64_t year;
  int month; // 1..12
  int day;   // 1..31
};

constexpr std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

constexpr bool is_leap_year(std::int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int days_in_month(std::int64_t year, int month) {
  constexpr int kLengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kLengths[month - 1];
}

// Counts days from a fixed origin with years that begin on 1 March, so the
// leap day is the last day of its year and month lengths before it never
// depend on the year. (153 * m + 2) / 5 is the number of days in the first
// m months of such a year (31 30 31 30 31 31 30 31 30 31 31 ...).
constexpr std::int64_t days_since_origin(const CivilDate& date) {
  const std::int64_t march_year = date.month <= 2 ? date.year - 1 : date.year;
  const int months_since_march = (date.month + 9) % 12;
  const std::int64_t leap_days =
      floor_div(march_year, 4) - floor_div(march_year, 100) + floor_div(march_year, 400);
  const std::int64_t day_of_march_year = (153 * months_since_march + 2) / 5 + date.day - 1;
  return 365 * march_year + leap_days + day_of_march_year;
}

constexpr std::int64_t kEpochOffset = days_since_origin({1970, 1, 1});

constexpr std::int64_t days_from_civil(const CivilDate& date) {
  return days_since_origin(date) - kEpochOffset;
}

// A 400-year Gregorian cycle has 146097 days, so this estimate is within a
// year of the answer; the loops settle it against days_from_civil.
CivilDate civil_from_days(Day day) {
  CivilDate date{1970 + floor_div(static_cast<std::int64_t>(day) * 400, 146097), 1, 1};
  while (days_from_civil({date.year, 1, 1}) > day)
    --date.year;
  while (days_from_civil({date.year + 1, 1, 1}) <= day)
    ++date.year;
  std::int64_t remaining = day - days_from_civil({date.year, 1, 1});
  while (remaining >= days_in_month(date.year, date.month)) {
    remaining -= days_in_month(date.year, date.month);
    ++date.month;
  }
  date.day = static_cast<int>(remaining) + 1;
  return date;
}

// Reads exactly `width` ASCII digits at `offset`.
std::optional<int> read_digits(std::string_view text, std::size_t offset, std::size_t width) {
  if (offset + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = offset; i < offset + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

constexpr std::size_t kDateLength = 10; // YYYY-MM-DD

// Parses the `YYYY-MM-DD` prefix of `text`.
std::optional<Day> parse_date_prefix(std::string_view text) {
  if (text.size() < kDateLength || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = read_digits(text, 0, 4);
  const auto month = read_digits(text, 5, 2);
  const auto day = read_digits(text, 8, 2);
  if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month))
    return std::nullopt;
  return static_cast<Day>(days_from_civil({*year, *month, *day}));
}

} // namespace

std::optional<Day> parse_date(std::string_view text) {
  if (text.size() != kDateLength) return std::nullopt;
  return parse_date_prefix(text);
}

std::optional<Seconds> parse_timestamp(std::string_view text) {
  const auto day = parse_date_prefix(text);
  if (!day) return std::nullopt;
  if (text.size() == kDateLength) return start_of(*day);

  // Either THH:MMZ or THH:MM:SSZ after the date.
  const std::string_view time = text.substr(kDateLength);
  const bool has_seconds = time.size() == 10;
  if ((time.size() != 7 && !has_seconds) || time.front() != 'T' || time[3] != ':' || time.back() != 'Z')
    return std::nullopt;
  const auto hour = read_digits(time, 1, 2);
  const auto minute = read_digits(time, 4, 2);
  std::optional<int> second = 0;
  if (has_seconds) second = time[6] == ':' ? read_digits(time, 7, 2) : std::nullopt;
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  return start_of(*day) + *hour * 3600 + *minute * 60 + *second;
}

std::string format_date(Day day) {
  const CivilDate date = civil_from_days(day);
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

Day default_term_end(Day start) {
  const CivilDate first = civil_from_days(start);
  // The anniversary of 29 February does not exist in the next year; the
  // contract ends such a term on 28 February.
  if (first.month == 2 && first.day == 29) return static_cast<Day>(days_from_civil({first.year + 1, 2, 28}));
  return static_cast<Day>(days_from_civil({first.year + 1, first.month, first.day}) - 1);
}

} // namespace tally
