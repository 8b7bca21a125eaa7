// Row predicates. A predicate that does not read the evaluated day is computed
// once for the whole table as a bit per row (mask()), 64 rows to a word, and
// every sub-predicate's mask is kept, so equal conditions shared by several
// row sets are computed once. A day-dependent predicate is evaluated per day
// over that day's rows (evaluate()), reusing the masks of its static parts.
#pragma once

#include "eval_table_index.hpp"
#include "plan.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace tally::eval {

// One bit per table row.
class RowBits {
public:
  explicit RowBits(std::size_t rows) : words_((rows + 63) / 64, 0) {}
  bool test(RowIndex row) const { return (words_[row >> 6] >> (row & 63)) & 1; }
  std::vector<std::uint64_t>& words() { return words_; }
  const std::vector<std::uint64_t>& words() const { return words_; }

private:
  std::vector<std::uint64_t> words_;
};

// True when the predicate reads the evaluated day (WithinDays).
bool depends_on_day(const plan::RowPred& predicate);

// Equal keys mean equal predicates, so that work on one is shared by all.
// Safe on malformed trees (a missing term is keyed "null"), which are rejected later.
std::string key_of(const plan::RowPred& predicate);

// Checks every column the predicate reads against the schema (index and type)
// and appends it to `columns`; errors are located at `pos`.
void check_row_predicate(const plan::RowPred& predicate, const Schema& schema, const SourcePos& pos,
                         std::vector<std::size_t>& columns);

class RowFilter {
public:
  // Masks cover the table rows first_row..last_row-1 (the rows that can be in
  // scope); other bits are clear.
  RowFilter(const Schema& schema, const Table& table, RowIndex first_row, RowIndex last_row);

  // A checked predicate that does not depend on the day.
  const RowBits& mask(const plan::RowPred& predicate);

  // passes[i] = whether rows[i] satisfies the predicate on `day`.
  void evaluate(const plan::RowPred& predicate, std::span<const RowIndex> rows, Day day,
                std::vector<std::uint8_t>& passes);

private:
  RowBits compute_mask(const plan::RowPred& predicate);
  void evaluate_into(const plan::RowPred& predicate, std::span<const RowIndex> rows, Day day,
                     std::uint8_t* out, std::size_t depth);
  std::uint8_t* scratch(std::size_t depth, std::size_t size);
  // Calls use(test) with test: bool(RowIndex) for a predicate without terms.
  template <class Use> void with_row_test(const plan::RowPred& leaf, Day day, Use&& use) const;

  const Schema& schema_;
  const Table& table_;
  RowIndex first_row_, last_row_;
  std::map<std::string, std::unique_ptr<RowBits>> masks_;
  std::unordered_map<const plan::RowPred*, const RowBits*> masks_by_node_;
  std::vector<std::vector<std::uint8_t>> scratch_; // one buffer per nesting depth
};

} // namespace tally::eval
