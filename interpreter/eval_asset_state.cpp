#include "eval_asset_state.hpp"

#include <algorithm>

namespace tally::eval {

namespace {

constexpr std::uint8_t kUnrankedTie = 0xff;

} // namespace

AssetAggregate::AssetAggregate(const AssetAggregateSpec& spec, RowSource& source, TableIndex& index,
                               RowFilter& filter)
    : spec_(spec), cadence_(source.cadence()), source_(source), filter_(filter),
      assets_(index.assets().of_row), times_(index.observed_at()) {
  const std::size_t assets = index.assets().count;
  const Schema& schema = index.schema();
  const Table& table = index.table();
  seen_.resize(assets);
  if (cadence_ == Cadence::term) changed_marks_.resize(assets);
  switch (spec_.measure) {
  case AssetMeasure::any_row:
    break;
  case AssetMeasure::every_row:
    all_pass_.assign(assets, 0);
    if (!spec_.static_test) day_test_.assign(table.rows, 0);
    break;
  case AssetMeasure::latest:
    latest_time_.assign(assets, kNoTime);
    latest_tie_.assign(assets, 0);
    tie_rank_.assign(256, kUnrankedTie);
    if (schema.tie_column) {
      ties_ = &table.columns[*schema.tie_column].enums;
      for (std::size_t rank = 0; rank < schema.tie_order.size() && rank < kUnrankedTie; ++rank) {
        const std::size_t value = schema.tie_order[rank];
        if (value < kNoEnum && tie_rank_[value] == kUnrankedTie)
          tie_rank_[value] = static_cast<std::uint8_t>(rank);
      }
    }
    [[fallthrough]];
  case AssetMeasure::highest:
  case AssetMeasure::lowest:
    enums_ = &table.columns[spec_.column].enums;
    value_.assign(assets, kNoEnum);
    break;
  }
}

std::uint16_t AssetAggregate::tie_key(RowIndex row) const {
  const std::uint8_t rank = ties_ ? tie_rank_[(*ties_)[row]] : kUnrankedTie;
  const std::uint8_t value = (*enums_)[row];
  // An empty value ranks below every value.
  const std::uint8_t value_key = value == kNoEnum ? 0 : static_cast<std::uint8_t>(value + 1);
  return static_cast<std::uint16_t>((kUnrankedTie - rank) << 8 | value_key);
}

void AssetAggregate::prepare_day(Day day) {
  if (spec_.measure == AssetMeasure::every_row && !spec_.static_test) {
    const std::span<const RowIndex> rows = source_.day_rows();
    filter_.evaluate(*spec_.test, rows, day, passes_);
    for (std::size_t i = 0; i < rows.size(); ++i)
      day_test_[rows[i]] = passes_[i];
  }
  if (cadence_ == Cadence::term) {
    changed_marks_.clear();
    changed_.clear();
    absorb(source_.day_rows());
  }
}

void AssetAggregate::refresh(const Instant& instant) {
  if (cadence_ == Cadence::term) return;
  if (cadence_ == Cadence::day) {
    if (refreshed_ && refreshed_day_ == instant.day) return;
    seen_.clear();
    absorb(source_.day_rows());
    refreshed_ = true;
    refreshed_day_ = instant.day;
    return;
  }
  if (refreshed_hour_ == instant.hour) return;
  seen_.clear();
  absorb(source_.hour_rows(*instant.hour));
  refreshed_hour_ = instant.hour;
}

void AssetAggregate::absorb(std::span<const RowIndex> rows) {
  const bool track_changes = cadence_ == Cadence::term;
  for (const RowIndex row : rows) {
    const std::uint32_t asset = assets_[row];
    if (asset == kNoKey) continue;
    const bool fresh = seen_.insert(asset);
    bool changed = fresh;
    switch (spec_.measure) {
    case AssetMeasure::any_row:
      break;
    case AssetMeasure::every_row: {
      const bool passes = test(row);
      if (fresh)
        all_pass_[asset] = passes;
      else if (all_pass_[asset] && !passes)
        all_pass_[asset] = 0, changed = true;
      break;
    }
    case AssetMeasure::latest: {
      const Seconds time = times_[row];
      const std::uint16_t key = tie_key(row);
      if (fresh || time > latest_time_[asset] || (time == latest_time_[asset] && key > latest_tie_[asset])) {
        latest_time_[asset] = time;
        latest_tie_[asset] = key;
        const std::uint8_t value_key = key & 0xff;
        const std::uint8_t value = value_key == 0 ? kNoEnum : static_cast<std::uint8_t>(value_key - 1);
        changed = changed || value != value_[asset];
        value_[asset] = value;
      }
      break;
    }
    case AssetMeasure::highest:
    case AssetMeasure::lowest: {
      const std::uint8_t value = (*enums_)[row];
      const bool better =
          value != kNoEnum &&
          (value_[asset] == kNoEnum ||
           (spec_.measure == AssetMeasure::highest ? value > value_[asset] : value < value_[asset]));
      if (fresh)
        value_[asset] = value;
      else if (better)
        value_[asset] = value, changed = true;
      break;
    }
    }
    if (track_changes && changed && changed_marks_.insert(asset)) changed_.push_back(asset);
  }
}

bool AssetTest::passes(std::uint32_t asset) const {
  switch (kind) {
  case Kind::constant:
    return value;
  case Kind::all:
    return std::all_of(terms.begin(), terms.end(), [&](const AssetTest& term) { return term.passes(asset); });
  case Kind::any:
    return std::any_of(terms.begin(), terms.end(), [&](const AssetTest& term) { return term.passes(asset); });
  case Kind::negate:
    return !terms.front().passes(asset);
  case Kind::has_rows:
    return aggregate->has_rows(asset);
  case Kind::every_row:
    return aggregate->every_row_passes(asset);
  case Kind::reduced_in: {
    const std::uint8_t value = aggregate->reduced(asset);
    return value < 64 && ((mask >> value) & 1) != 0;
  }
  }
  return false;
}

} // namespace tally::eval
