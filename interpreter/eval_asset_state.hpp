// Per-asset aggregates of a row set (does the asset have rows, do all its rows
// pass a test, its latest / highest / lowest enum value), and the asset
// predicates that read them. Term aggregates are folded one day at a time and
// never forget; snapshot and hours aggregates are rebuilt for each day or hour.
#pragma once

#include "eval_instant.hpp"
#include "eval_row_predicates.hpp"
#include "eval_row_sources.hpp"
#include "eval_stamp_set.hpp"
#include "eval_table_index.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace tally::eval {

enum class AssetMeasure { any_row, every_row, latest, highest, lowest };

struct AssetAggregateSpec {
  AssetMeasure measure = AssetMeasure::any_row;
  const plan::RowPred* test = nullptr;  // every_row: the test
  const RowBits* static_test = nullptr; // every_row: the test per row, when it does not depend on the day
  std::size_t column = 0;               // latest / highest / lowest: an enum column
};

class AssetAggregate {
public:
  AssetAggregate(const AssetAggregateSpec& spec, RowSource& source, TableIndex& index, RowFilter& filter);

  Cadence cadence() const { return cadence_; }

  // After the source's prepare_day: evaluates a day-dependent test over the
  // day's rows, and folds the term's new rows in.
  void prepare_day(Day day);
  // Rebuilds a snapshot aggregate for the instant's day, an hours one for its hour.
  void refresh(const Instant& instant);

  bool has_rows(std::uint32_t asset) const { return seen_.contains(asset); }
  bool every_row_passes(std::uint32_t asset) const { return !seen_.contains(asset) || all_pass_[asset]; }
  // kNoEnum when the asset has no rows, or no row with a value.
  std::uint8_t reduced(std::uint32_t asset) const { return seen_.contains(asset) ? value_[asset] : kNoEnum; }

  // Term: assets whose aggregate changed on the last prepared day.
  const std::vector<std::uint32_t>& changed_today() const { return changed_; }

private:
  void absorb(std::span<const RowIndex> rows);
  bool test(RowIndex row) const { return spec_.static_test ? spec_.static_test->test(row) : day_test_[row]; }
  // Orders rows for `latest`: the time, then the tie rank, then the value;
  // packed so that a greater key is a later row.
  std::uint16_t tie_key(RowIndex row) const;

  AssetAggregateSpec spec_;
  Cadence cadence_;
  RowSource& source_;
  RowFilter& filter_;
  const std::vector<std::uint32_t>& assets_;
  const PackedColumn<Seconds>& times_;
  const std::vector<std::uint8_t>* enums_ = nullptr; // the reduced column
  const std::vector<std::uint8_t>* ties_ = nullptr;  // the schema's tie column
  std::vector<std::uint8_t> tie_rank_;               // by tie value: 0 for the first of the tie order

  StampSet seen_;                      // assets with rows in the current day/hour (term: ever)
  std::vector<std::uint8_t> all_pass_; // every_row
  std::vector<std::uint8_t> value_;    // latest / highest / lowest
  std::vector<Seconds> latest_time_;
  std::vector<std::uint16_t> latest_tie_;
  std::vector<std::uint8_t> day_test_; // day-dependent test, per table row (only the day's rows are current)
  std::vector<std::uint8_t> passes_;
  StampSet changed_marks_;
  std::vector<std::uint32_t> changed_;
  Day refreshed_day_ = 0;
  std::optional<std::int64_t> refreshed_hour_;
  bool refreshed_ = false;
};

// A compiled asset predicate.
struct AssetTest {
  enum class Kind { constant, all, any, negate, has_rows, every_row, reduced_in };
  Kind kind = Kind::constant;
  bool value = false;
  std::vector<AssetTest> terms;
  const AssetAggregate* aggregate = nullptr;
  std::uint64_t mask = 0; // reduced_in: bit i = enum value i

  bool passes(std::uint32_t asset) const;
};

} // namespace tally::eval
