// A row set's rows for the day being evaluated. Each day's candidates come
// from the day index, so no evaluated day ever rescans another day's rows.
#pragma once

#include "eval_instant.hpp"
#include "eval_row_predicates.hpp"
#include "eval_table_index.hpp"
#include "plan.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace tally::eval {

class RowSource {
public:
  // `static_where` holds the where predicate's result per row when it does not
  // depend on the day; otherwise (or when null) `where` is evaluated each day.
  RowSource(const plan::RowSet& rows, TableIndex& index, RowFilter& filter, const RowBits* static_where);

  plan::Scope scope() const { return scope_; }
  Cadence cadence() const {
    return scope_ == plan::Scope::term    ? Cadence::term
           : scope_ == plan::Scope::hours ? Cadence::hour
                                          : Cadence::day;
  }

  // Collects the rows of `day` that pass the where predicate. Snapshot: the
  // day's rows. Term: the rows the term gains on `day`. Hours: the rows of
  // every hour window ending on `day`, which may reach into earlier days.
  void prepare_day(Day day);
  std::span<const RowIndex> day_rows() const { return rows_; }

  // Hours scope: the rows of hours hour-(hours-1)..hour, for an hour of the prepared day.
  std::span<const RowIndex> hour_rows(std::int64_t hour) const;

private:
  void sort_by_hour();

  plan::Scope scope_;
  std::int64_t hours_;
  const plan::RowPred* where_;
  const RowBits* static_where_;
  TableIndex& index_;
  RowFilter& filter_;
  std::vector<RowIndex> candidates_, rows_, sorted_;
  std::vector<std::uint8_t> passes_;
  std::int64_t first_hour_ = 0;             // hours scope: first hour of the day's windows
  std::vector<std::uint32_t> hour_offsets_; // hours scope: rows of first_hour_+i start at hour_offsets_[i]
};

} // namespace tally::eval
