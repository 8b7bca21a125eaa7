// Unit sets: the distinct keys of a row set (Distinct), those passing a unit
// predicate (Having), and set difference (Minus).
//
// A set of term cadence is maintained incrementally: each day it folds in the
// rows the term gains and re-examines only the units that may have changed
// (new units, units that gained an asset, units with an asset whose aggregate
// changed), reported upward through changed(). Sets of day or hour cadence are
// recomputed when their instant is stale.
#pragma once

#include "eval_asset_state.hpp"
#include "eval_instant.hpp"
#include "eval_row_sources.hpp"
#include "eval_stamp_set.hpp"
#include "eval_table_index.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace tally::eval {

class DistinctUnits;

class UnitSet {
public:
  // A DistinctUnits passes a null `base` and then names itself with own_base().
  UnitSet(Cadence cadence, std::uint32_t key_count, DistinctUnits* base);
  virtual ~UnitSet() = default;
  UnitSet(const UnitSet&) = delete;
  UnitSet& operator=(const UnitSet&) = delete;

  Cadence cadence() const { return cadence_; }
  std::uint32_t key_count() const { return static_cast<std::uint32_t>(position_.size()); }
  bool contains(std::uint32_t unit) const { return position_[unit] != kNoKey; }
  std::size_t size() const { return members_.size(); }
  const std::vector<std::uint32_t>& members() const { return members_; }
  // Index of a member in members().
  std::uint32_t position_of(std::uint32_t unit) const { return position_[unit]; }
  // The set whose rows give every unit here its assets.
  DistinctUnits& base() const { return *base_; }

  // Term cadence: folds in `day` (children first; the caller keeps that order).
  virtual void advance_day(Day day) = 0;
  // Term cadence: the units examined on the last advanced day, a superset of
  // those whose membership or assets changed.
  const std::vector<std::uint32_t>& changed() const { return changed_; }

  // Day and hour cadences: brings the set to `instant`.
  void refresh(const Instant& instant);

protected:
  virtual void recompute(const Instant& instant) = 0;
  void add(std::uint32_t unit);
  void remove(std::uint32_t unit);
  void clear();
  void own_base(DistinctUnits* self) { base_ = self; }
  void begin_changes();
  void note_change(std::uint32_t unit);
  // Term cadence: sets membership of a re-examined unit.
  void set_member(std::uint32_t unit, bool member);

  std::vector<std::uint32_t> changed_;

private:
  Cadence cadence_;
  DistinctUnits* base_;
  std::vector<std::uint32_t> position_; // index in members_, kNoKey when absent
  std::vector<std::uint32_t> members_;
  StampSet changed_marks_;
  bool refreshed_ = false;
  Day refreshed_day_ = 0;
  std::optional<std::int64_t> refreshed_hour_;
};

// Distinct non-empty keys of a row set, with each unit's assets.
class DistinctUnits final : public UnitSet {
public:
  DistinctUnits(RowSource& source, TableIndex& index, std::size_t key_column);

  // Declares, before the first day, that a predicate reads units' assets;
  // `by_asset` also keeps the reverse links a term Having needs.
  void need_assets(bool by_asset);

  void advance_day(Day day) override;

  // The rows the set was last brought to (day and hour cadences), and the unit each carries.
  std::span<const RowIndex> rows() const { return source_.day_rows(); }
  std::uint32_t unit_of_row(RowIndex row) const { return keys_[row]; }

  template <class Test> bool all_assets(std::uint32_t unit, Test&& test) const;
  template <class Test> bool any_asset(std::uint32_t unit, Test&& test) const;
  // Term cadence with by_asset links: every unit that has `asset`.
  template <class Visit> void for_each_unit_of(std::uint32_t asset, Visit&& visit) const;

private:
  void recompute(const Instant& instant) override;
  bool link(std::uint32_t unit, std::uint32_t asset); // term: false when already linked
  std::size_t slot(std::uint64_t pair) const;
  void grow_links();

  RowSource& source_;
  const std::vector<std::uint32_t>& keys_;
  const std::vector<std::uint32_t>& assets_;
  std::uint32_t asset_count_;
  bool identity_; // the key is the asset column: each unit is its own asset
  bool keep_links_ = false, keep_reverse_ = false;

  // Day and hour cadences: assets of the unit at position p are
  // link_assets_[link_offsets_[p] .. link_offsets_[p+1]).
  std::vector<std::uint32_t> link_offsets_, link_assets_, link_cursor_, pair_positions_, pair_assets_;
  StampSet seen_assets_;

  // Term cadence: per-unit and per-asset linked lists of links, and a hash set
  // of (unit, asset) pairs so a link is stored once.
  std::vector<std::uint32_t> unit_head_, unit_next_, link_asset_;
  std::vector<std::uint32_t> asset_head_, asset_next_, link_unit_;
  std::vector<std::uint64_t> pair_slots_;
  std::size_t pair_count_ = 0;
};

// A compiled unit predicate, over the assets of a unit of `base`.
struct UnitTest {
  enum class Kind { constant, all, any, negate, all_assets, some_asset };
  Kind kind = Kind::constant;
  bool value = false;
  std::vector<UnitTest> terms;
  AssetTest asset_test;

  bool passes(std::uint32_t unit, const DistinctUnits& base) const;
};

class HavingUnits final : public UnitSet {
public:
  // `aggregates`: every aggregate `test` reads.
  HavingUnits(UnitSet& units, UnitTest test, std::vector<AssetAggregate*> aggregates);

  void advance_day(Day day) override;

private:
  void recompute(const Instant& instant) override;

  UnitSet& units_;
  UnitTest test_;
  std::vector<AssetAggregate*> aggregates_;
};

class MinusUnits final : public UnitSet {
public:
  MinusUnits(UnitSet& units, UnitSet& removed);

  void advance_day(Day day) override;

private:
  void recompute(const Instant& instant) override;

  UnitSet& units_;
  UnitSet& removed_;
};

// The first `count` units of a day by the earliest `order` time on the rows
// that gave them (plan::First); recomputed each day.
class FirstUnits final : public UnitSet {
public:
  FirstUnits(UnitSet& units, const TableIndex& index, std::size_t key_column, std::size_t order_column,
             std::uint64_t count);

  void advance_day(Day) override {}

private:
  void recompute(const Instant& instant) override;
  bool key_less(RowIndex left, RowIndex right) const;

  UnitSet& units_;
  const Table& table_;
  const Column& key_;
  const ColumnData &key_cells_, &order_cells_;
  std::uint64_t count_;
  std::vector<Seconds> earliest_; // per position in units_, kNoTime: none
  std::vector<RowIndex> first_row_;
  std::vector<std::uint32_t> ranked_;
};

template <class Test> bool DistinctUnits::all_assets(std::uint32_t unit, Test&& test) const {
  if (identity_) return test(unit);
  if (cadence() == Cadence::term) {
    for (std::uint32_t link = unit_head_[unit]; link != kNoKey; link = unit_next_[link])
      if (!test(link_asset_[link])) return false;
    return true;
  }
  const std::uint32_t position = position_of(unit);
  for (std::uint32_t i = link_offsets_[position]; i < link_offsets_[position + 1]; ++i)
    if (!test(link_assets_[i])) return false;
  return true;
}

template <class Test> bool DistinctUnits::any_asset(std::uint32_t unit, Test&& test) const {
  return !all_assets(unit, [&](std::uint32_t asset) { return !test(asset); });
}

template <class Visit> void DistinctUnits::for_each_unit_of(std::uint32_t asset, Visit&& visit) const {
  if (identity_) {
    visit(asset);
    return;
  }
  for (std::uint32_t link = asset_head_[asset]; link != kNoKey; link = asset_next_[link])
    visit(link_unit_[link]);
}

} // namespace tally::eval
