// A deliberately naive reading of plan.hpp, for comparison with the engine:
// every count rescans the whole table, units are maps of text keys to sets of
// asset texts, and nothing is shared, cached or incremental.
#pragma once

#include "number.hpp"
#include "plan.hpp"
#include "schema.hpp"
#include "table.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tally::eval_test {

class NaivePlan {
public:
  NaivePlan(const Schema& schema, const Table& table, Day start);

  // The value of `num` on day d (in an hour, inside an hourly average), given
  // the components computed so far that day.
  Rational number(const plan::Num& num, Day d, std::optional<std::int64_t> hour,
                  const std::vector<Rational>& components) const;

  // U(d) of every evaluated day of a product, start..last.
  std::vector<Rational> daily_usage(const plan::ProductPlan& product, Day last) const;

private:
  using Units = std::map<std::string, std::set<std::string>>; // key text -> asset texts

  bool row_passes(const plan::RowPred& predicate, std::size_t row, Day d) const;
  std::vector<std::size_t> rows_in(const plan::RowSet& rows, Day d, std::optional<std::int64_t> hour) const;
  Units units(const plan::Units& units, Day d, std::optional<std::int64_t> hour) const;
  Units first(const plan::First& first, Day d, std::optional<std::int64_t> hour) const;
  bool unit_passes(const plan::UnitPred& predicate, const std::set<std::string>& assets, Day d,
                   std::optional<std::int64_t> hour) const;
  bool asset_passes(const plan::AssetPred& predicate, const std::string& asset, Day d,
                    std::optional<std::int64_t> hour) const;
  std::string key_text(std::size_t column, std::size_t row) const; // "" when empty
  std::string asset_of(std::size_t row) const;
  Seconds observed_at(std::size_t row) const;

  const Schema& schema_;
  const Table& table_;
  Day start_;
  std::size_t time_column_, asset_column_;
};

} // namespace tally::eval_test
