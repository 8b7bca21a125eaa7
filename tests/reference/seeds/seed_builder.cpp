#include "tests/reference/seeds/seed_builder.hpp"

#include <stdexcept>

namespace tally::test::seeds {

Day term_day(int n) {
  return seed_start() + n - 1;
}

std::string date_text(Day day) {
  return format_date(day);
}

std::string hour_text(Day day, int hour) {
  std::string text = format_date(day) + "T";
  if (hour < 10) text += "0";
  return text + std::to_string(hour) + ":00:00Z";
}

std::string numbered(std::string_view prefix, int n) {
  return std::string(prefix) + "-" + std::to_string(n);
}

Rational exact(std::string_view decimal) {
  std::optional<Rational> value = parse_decimal(decimal);
  if (!value) throw std::logic_error("not a decimal: " + std::string(decimal));
  return *value;
}

SeedExample new_seed(std::string product, std::string description, Day as_of) {
  SeedExample seed;
  seed.product = std::move(product);
  seed.description = std::move(description);
  seed.start = seed_start();
  seed.end = default_term_end(seed.start);
  seed.as_of = as_of;
  seed.table.path = "<seed " + seed.product + ">";
  return seed;
}

namespace {
ExpectedPeriod period(Day start, Day end, const Rational& usage, const Rational& qlu,
                      NamedValues components) {
  ExpectedPeriod expected;
  expected.start = start;
  expected.end = end;
  expected.usage = usage;
  expected.qlu = qlu;
  expected.components.assign(components.begin(), components.end());
  return expected;
}
} // namespace

ExpectedPeriod interval_period(int index, const Rational& usage, const Rational& qlu,
                               NamedValues components) {
  Day first = seed_start() + 15 * index;
  return period(first, first + 14, usage, qlu, components);
}

ExpectedPeriod rolling_period(Day day, const Rational& usage, const Rational& qlu, NamedValues components) {
  return period(day, day, usage, qlu, components);
}

void for_each_scheduled_day(const PeakSchedule& schedule, const std::function<void(Day, int)>& write_day) {
  write_day(term_day(kFirstLowDay), schedule.first_low);
  write_day(term_day(kFirstPeakDay), schedule.first_peak);
  write_day(term_day(kSecondPeakDay), schedule.second_peak);
  write_day(term_day(kSecondLowDay), schedule.second_low);
}

} // namespace tally::test::seeds
