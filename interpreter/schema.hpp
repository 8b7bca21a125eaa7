// The observation table's schema: column names, types and enum values. It is
// declared in the prelude (stdlib/prelude.tally) and built by the checker, so
// the readers and the evaluator never hard-code a column or a value.
#pragma once

#include "diagnostic.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tally {

enum class ColumnType {
  timestamp,   // date or UTC datetime; stored as Seconds
  string,      // interned text
  enumeration, // one of `values`, in declared order (the order `highest` uses)
  integer,     // integer >= 0
  set,         // ';'-separated items; `values` lists the allowed items, empty = free text
};
std::string_view name_of(ColumnType type);

struct Column {
  std::string name;
  ColumnType type = ColumnType::string;
  std::vector<std::string> values;                 // enum values or allowed set items
  bool required = false;                           // an empty cell makes the row invalid
  std::optional<std::size_t> required_when_column; // required only on rows whose ...
  std::size_t required_when_value = 0;             // ... enum column has this value
  std::optional<std::string> default_value;        // what an empty cell means
  SourcePos pos;                                   // where the prelude declares it

  std::optional<std::size_t> value_index(std::string_view value) const;
};

struct Schema {
  std::string name; // "observations"
  std::vector<Column> columns;
  // "Latest row" tie-break: among rows with the same observed_at, the first
  // value of `tie_column` in `tie_order` wins (indices into its values).
  std::optional<std::size_t> tie_column;
  std::vector<std::size_t> tie_order;

  const Column* find(std::string_view name) const;
  std::optional<std::size_t> index_of(std::string_view name) const;
  std::vector<std::string> column_names() const;
};

// The two columns every observation table must have, by contract.
inline constexpr std::string_view kTimeColumn = "observed_at";
inline constexpr std::string_view kAssetColumn = "asset_id";

} // namespace tally
