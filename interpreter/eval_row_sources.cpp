#include "eval_row_sources.hpp"

namespace tally::eval {

namespace {
constexpr std::int64_t kHoursPerDay = 24;
}

RowSource::RowSource(const plan::RowSet& rows, TableIndex& index, RowFilter& filter,
                     const RowBits* static_where)
    : scope_(rows.scope), hours_(rows.hours), where_(rows.where.get()), static_where_(static_where),
      index_(index), filter_(filter) {}

void RowSource::prepare_day(Day day) {
  std::span<const RowIndex> candidates = index_.rows_of_day(day);
  if (scope_ == plan::Scope::hours) {
    first_hour_ = kHoursPerDay * day - (hours_ - 1);
    const std::int64_t last_hour = kHoursPerDay * day + kHoursPerDay - 1;
    const auto& times = index_.observed_at();
    candidates_.clear();
    for (Day earlier = day_of_hour(first_hour_); earlier <= day; ++earlier)
      for (const RowIndex row : index_.rows_of_day(earlier)) {
        const std::int64_t hour = hour_of(times[row]);
        if (hour >= first_hour_ && hour <= last_hour) candidates_.push_back(row);
      }
    candidates = candidates_;
  }

  rows_.clear();
  if (static_where_) {
    for (const RowIndex row : candidates)
      if (static_where_->test(row)) rows_.push_back(row);
  } else if (where_) {
    filter_.evaluate(*where_, candidates, day, passes_);
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (passes_[i]) rows_.push_back(candidates[i]);
  } else {
    rows_.assign(candidates.begin(), candidates.end());
  }
  if (scope_ == plan::Scope::hours) sort_by_hour();
}

// Counting sort on the hour, so that every window is a contiguous run.
void RowSource::sort_by_hour() {
  const auto& times = index_.observed_at();
  const std::size_t slots = static_cast<std::size_t>(hours_ - 1 + kHoursPerDay);
  hour_offsets_.assign(slots + 1, 0);
  for (const RowIndex row : rows_)
    ++hour_offsets_[static_cast<std::size_t>(hour_of(times[row]) - first_hour_) + 1];
  for (std::size_t i = 1; i <= slots; ++i)
    hour_offsets_[i] += hour_offsets_[i - 1];
  sorted_.resize(rows_.size());
  std::vector<std::uint32_t> next(hour_offsets_.begin(), hour_offsets_.end() - 1);
  for (const RowIndex row : rows_)
    sorted_[next[static_cast<std::size_t>(hour_of(times[row]) - first_hour_)]++] = row;
  rows_.swap(sorted_);
}

std::span<const RowIndex> RowSource::hour_rows(std::int64_t hour) const {
  const std::size_t first = static_cast<std::size_t>(hour - (hours_ - 1) - first_hour_);
  const std::size_t last = static_cast<std::size_t>(hour - first_hour_) + 1;
  return std::span<const RowIndex>(rows_).subspan(hour_offsets_[first],
                                                  hour_offsets_[last] - hour_offsets_[first]);
}

} // namespace tally::eval
