#include "eval_units.hpp"

#include <algorithm>

namespace tally::eval {

namespace {

constexpr std::uint64_t kEmptySlot = ~std::uint64_t{0}; // no (unit, asset) pair: both are below kNoKey
constexpr std::size_t kFirstPairSlots = 1024;

std::size_t mix(std::uint64_t pair) {
  pair ^= pair >> 33;
  pair *= 0xff51afd7ed558ccdULL;
  pair ^= pair >> 33;
  return static_cast<std::size_t>(pair);
}

Cadence most_frequent(Cadence left, Cadence right) {
  return std::max(left, right);
}

Cadence having_cadence(const UnitSet& units, const std::vector<AssetAggregate*>& aggregates) {
  Cadence cadence = units.cadence();
  for (const AssetAggregate* aggregate : aggregates)
    cadence = most_frequent(cadence, aggregate->cadence());
  return cadence;
}

} // namespace

// ---------------------------------------------------------------- UnitSet

UnitSet::UnitSet(Cadence cadence, std::uint32_t key_count, DistinctUnits* base)
    : cadence_(cadence), base_(base), position_(key_count, kNoKey) {
  if (cadence_ == Cadence::term) changed_marks_.resize(key_count);
}

void UnitSet::refresh(const Instant& instant) {
  switch (cadence_) {
  case Cadence::term:
    return;
  case Cadence::day:
    if (refreshed_ && refreshed_day_ == instant.day) return;
    recompute(instant);
    refreshed_ = true;
    refreshed_day_ = instant.day;
    return;
  case Cadence::hour:
    if (refreshed_hour_ == instant.hour) return;
    recompute(instant);
    refreshed_hour_ = instant.hour;
    return;
  }
}

void UnitSet::add(std::uint32_t unit) {
  position_[unit] = static_cast<std::uint32_t>(members_.size());
  members_.push_back(unit);
}

void UnitSet::remove(std::uint32_t unit) {
  const std::uint32_t position = position_[unit];
  const std::uint32_t last = members_.back();
  members_[position] = last;
  position_[last] = position;
  members_.pop_back();
  position_[unit] = kNoKey;
}

void UnitSet::clear() {
  for (const std::uint32_t unit : members_)
    position_[unit] = kNoKey;
  members_.clear();
}

void UnitSet::begin_changes() {
  changed_marks_.clear();
  changed_.clear();
}

void UnitSet::note_change(std::uint32_t unit) {
  if (changed_marks_.insert(unit)) changed_.push_back(unit);
}

void UnitSet::set_member(std::uint32_t unit, bool member) {
  if (member && !contains(unit))
    add(unit);
  else if (!member && contains(unit))
    remove(unit);
}

// ---------------------------------------------------------------- DistinctUnits

DistinctUnits::DistinctUnits(RowSource& source, TableIndex& index, std::size_t key_column)
    : UnitSet(source.cadence(), index.keys(key_column).count, nullptr), source_(source),
      keys_(index.keys(key_column).of_row), assets_(index.assets().of_row),
      asset_count_(index.assets().count), identity_(key_column == index.asset_column()) {
  own_base(this);
}

void DistinctUnits::need_assets(bool by_asset) {
  if (identity_) return;
  if (cadence() != Cadence::term) {
    keep_links_ = true;
    seen_assets_.resize(asset_count_);
    return;
  }
  if (!keep_links_) {
    keep_links_ = true;
    unit_head_.assign(key_count(), kNoKey);
    pair_slots_.assign(kFirstPairSlots, kEmptySlot);
  }
  if (by_asset && !keep_reverse_) {
    keep_reverse_ = true;
    asset_head_.assign(asset_count_, kNoKey);
  }
}

void DistinctUnits::advance_day(Day) {
  begin_changes();
  const bool linking = keep_links_ && !identity_;
  for (const RowIndex row : source_.day_rows()) {
    const std::uint32_t unit = keys_[row];
    if (unit == kNoKey) continue;
    if (!contains(unit)) {
      add(unit);
      note_change(unit);
    }
    if (linking && assets_[row] != kNoKey && link(unit, assets_[row])) note_change(unit);
  }
}

std::size_t DistinctUnits::slot(std::uint64_t pair) const {
  const std::size_t mask = pair_slots_.size() - 1;
  std::size_t slot = mix(pair) & mask;
  while (pair_slots_[slot] != kEmptySlot && pair_slots_[slot] != pair)
    slot = (slot + 1) & mask;
  return slot;
}

void DistinctUnits::grow_links() {
  std::vector<std::uint64_t> old(pair_slots_.size() * 2, kEmptySlot);
  old.swap(pair_slots_);
  for (const std::uint64_t pair : old)
    if (pair != kEmptySlot) pair_slots_[slot(pair)] = pair;
}

bool DistinctUnits::link(std::uint32_t unit, std::uint32_t asset) {
  // A unit's rows mostly repeat its latest asset; that check spares the hash.
  if (unit_head_[unit] != kNoKey && link_asset_[unit_head_[unit]] == asset) return false;
  const std::uint64_t pair = std::uint64_t{unit} << 32 | asset;
  const std::size_t found = slot(pair);
  if (pair_slots_[found] == pair) return false;
  pair_slots_[found] = pair;
  if (++pair_count_ * 2 > pair_slots_.size()) grow_links();

  const auto link = static_cast<std::uint32_t>(link_asset_.size());
  link_asset_.push_back(asset);
  unit_next_.push_back(unit_head_[unit]);
  unit_head_[unit] = link;
  if (keep_reverse_) {
    link_unit_.push_back(unit);
    asset_next_.push_back(asset_head_[asset]);
    asset_head_[asset] = link;
  }
  return true;
}

void DistinctUnits::recompute(const Instant& instant) {
  const std::span<const RowIndex> rows =
      cadence() == Cadence::hour ? source_.hour_rows(*instant.hour) : source_.day_rows();
  clear();
  if (!keep_links_) {
    for (const RowIndex row : rows)
      if (keys_[row] != kNoKey && !contains(keys_[row])) add(keys_[row]);
    return;
  }

  pair_positions_.clear();
  pair_assets_.clear();
  for (const RowIndex row : rows) {
    const std::uint32_t unit = keys_[row];
    if (unit == kNoKey) continue;
    if (!contains(unit)) add(unit);
    if (assets_[row] == kNoKey) continue;
    pair_positions_.push_back(position_of(unit));
    pair_assets_.push_back(assets_[row]);
  }

  // Group the pairs by unit position, then drop repeated assets within each group.
  const std::size_t units = size();
  link_offsets_.assign(units + 1, 0);
  for (const std::uint32_t position : pair_positions_)
    ++link_offsets_[position + 1];
  for (std::size_t i = 1; i <= units; ++i)
    link_offsets_[i] += link_offsets_[i - 1];
  link_cursor_.assign(link_offsets_.begin(), link_offsets_.end() - 1);
  link_assets_.resize(pair_assets_.size());
  for (std::size_t i = 0; i < pair_assets_.size(); ++i)
    link_assets_[link_cursor_[pair_positions_[i]]++] = pair_assets_[i];

  std::uint32_t kept = 0;
  for (std::size_t position = 0; position < units; ++position) {
    const std::uint32_t begin = link_offsets_[position], end = link_offsets_[position + 1];
    link_offsets_[position] = kept;
    seen_assets_.clear();
    for (std::uint32_t i = begin; i < end; ++i)
      if (seen_assets_.insert(link_assets_[i])) link_assets_[kept++] = link_assets_[i];
  }
  link_offsets_[units] = kept;
}

// ---------------------------------------------------------------- UnitTest

bool UnitTest::passes(std::uint32_t unit, const DistinctUnits& base) const {
  switch (kind) {
  case Kind::constant:
    return value;
  case Kind::all:
    return std::all_of(terms.begin(), terms.end(),
                       [&](const UnitTest& term) { return term.passes(unit, base); });
  case Kind::any:
    return std::any_of(terms.begin(), terms.end(),
                       [&](const UnitTest& term) { return term.passes(unit, base); });
  case Kind::negate:
    return !terms.front().passes(unit, base);
  case Kind::all_assets:
    return base.all_assets(unit, [&](std::uint32_t asset) { return asset_test.passes(asset); });
  case Kind::some_asset:
    return base.any_asset(unit, [&](std::uint32_t asset) { return asset_test.passes(asset); });
  }
  return false;
}

// ---------------------------------------------------------------- HavingUnits

HavingUnits::HavingUnits(UnitSet& units, UnitTest test, std::vector<AssetAggregate*> aggregates)
    : UnitSet(having_cadence(units, aggregates), units.key_count(), &units.base()), units_(units),
      test_(std::move(test)), aggregates_(std::move(aggregates)) {}

void HavingUnits::advance_day(Day) {
  begin_changes();
  for (const std::uint32_t unit : units_.changed())
    note_change(unit);
  for (const AssetAggregate* aggregate : aggregates_)
    for (const std::uint32_t asset : aggregate->changed_today())
      base().for_each_unit_of(asset, [&](std::uint32_t unit) { note_change(unit); });
  for (const std::uint32_t unit : changed_)
    set_member(unit, units_.contains(unit) && test_.passes(unit, base()));
}

void HavingUnits::recompute(const Instant& instant) {
  units_.refresh(instant);
  for (AssetAggregate* aggregate : aggregates_)
    aggregate->refresh(instant);
  clear();
  for (const std::uint32_t unit : units_.members())
    if (test_.passes(unit, base())) add(unit);
}

// ---------------------------------------------------------------- MinusUnits

MinusUnits::MinusUnits(UnitSet& units, UnitSet& removed)
    : UnitSet(most_frequent(units.cadence(), removed.cadence()), units.key_count(), &units.base()),
      units_(units), removed_(removed) {}

void MinusUnits::advance_day(Day) {
  begin_changes();
  for (const std::uint32_t unit : units_.changed())
    note_change(unit);
  for (const std::uint32_t unit : removed_.changed())
    note_change(unit);
  for (const std::uint32_t unit : changed_)
    set_member(unit, units_.contains(unit) && !removed_.contains(unit));
}

void MinusUnits::recompute(const Instant& instant) {
  units_.refresh(instant);
  removed_.refresh(instant);
  clear();
  for (const std::uint32_t unit : units_.members())
    if (!removed_.contains(unit)) add(unit);
}

// ---------------------------------------------------------------- FirstUnits

FirstUnits::FirstUnits(UnitSet& units, const TableIndex& index, std::size_t key_column,
                       std::size_t order_column, std::uint64_t count)
    : UnitSet(most_frequent(units.cadence(), Cadence::day), units.key_count(), &units.base()), units_(units),
      table_(index.table()), key_(index.schema().columns[key_column]), key_cells_(table_.columns[key_column]),
      order_cells_(table_.columns[order_column]), count_(count) {}

// Ties in time go by the key's value: its text, its declared order or its number.
bool FirstUnits::key_less(RowIndex left, RowIndex right) const {
  switch (key_.type) {
  case ColumnType::string:
    return table_.strings.view(key_cells_.strings[left]) < table_.strings.view(key_cells_.strings[right]);
  case ColumnType::enumeration:
    return key_cells_.enums[left] < key_cells_.enums[right];
  case ColumnType::integer:
    return key_cells_.ints[left] < key_cells_.ints[right];
  default:
    return left < right; // timestamps and sets are no unit keys (the graph refuses them)
  }
}

void FirstUnits::recompute(const Instant& instant) {
  units_.refresh(instant);
  clear();
  const auto& members = units_.members();
  if (members.size() <= count_) {
    for (const std::uint32_t unit : members)
      add(unit);
    return;
  }
  earliest_.assign(members.size(), kNoTime);
  first_row_.assign(members.size(), kNoKey);
  for (const RowIndex row : base().rows()) {
    const std::uint32_t unit = base().unit_of_row(row);
    if (unit == kNoKey || !units_.contains(unit)) continue;
    const std::uint32_t position = units_.position_of(unit);
    if (first_row_[position] == kNoKey) first_row_[position] = row;
    const Seconds time = order_cells_.times[row];
    if (time != kNoTime && (earliest_[position] == kNoTime || time < earliest_[position]))
      earliest_[position] = time;
  }
  ranked_.resize(members.size());
  for (std::uint32_t position = 0; position < ranked_.size(); ++position)
    ranked_[position] = position;
  const auto before = [&](std::uint32_t left, std::uint32_t right) {
    const Seconds a = earliest_[left], b = earliest_[right];
    if (a != b) return b == kNoTime || (a != kNoTime && a < b); // a unit without a time comes last
    return key_less(first_row_[left], first_row_[right]);
  };
  const auto kept = ranked_.begin() + static_cast<std::ptrdiff_t>(count_);
  std::nth_element(ranked_.begin(), kept, ranked_.end(), before);
  for (auto it = ranked_.begin(); it != kept; ++it)
    add(members[*it]);
}

} // namespace tally::eval
