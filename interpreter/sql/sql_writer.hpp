// The compiler's working state (internal to interpreter/sql). One Writer
// turns one plan into one statement: each row set, asset test, unit set and
// count becomes a named common table expression, shared whenever two rules
// produce the same text, and each product's numbers are computed over the
// grid of evaluated days (or, inside an hourly average, hours).
//
// Every daily value is kept as an integer numerator over a denominator known
// when the SQL is written (its scale): a count has scale 1, a weight of 2/3
// multiplies the scale by 3. Sums, maxima and averages over days then stay
// plain SQL aggregates of integers, exact in any engine.
#pragma once

#include "plan.hpp"
#include "schema.hpp"
#include "sql/dialect.hpp"
#include "sql/sql_compiler.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tally::sql {

// Instants: the evaluated day, or an hour of it inside an hourly average.
enum class Grain { day, hour };

// An integer expression and its scale: the value is expr / scale.
struct Scaled {
  std::string expr;
  Integer scale;
};

// The joins and per-row steps that the numbers of one grid row need.
struct GridRow {
  Grain grain = Grain::day;
  std::vector<std::string> joins;   // "LEFT JOIN count_3 ON ...", each once
  std::vector<Scaled> components;   // the components computed so far (daily only)
  std::vector<std::string> aliases; // their lateral aliases
  std::string product;              // for messages
};

class Writer {
public:
  Writer(const plan::Plan& plan, const Schema& schema, const Dialect& dialect, const Target& target,
         const SourceRegistry* sources);
  std::string statement();

private:
  // ---- the WITH list
  // Adds a named step, or returns the name of an equal one already added.
  std::string add_step(std::string_view prefix, std::string comment, std::string body);
  std::string where_from(const SourcePos& pos) const; // "rules/x.tally:3: let a = ..." for comments

  // ---- instants
  std::string instant_columns(Grain grain, std::string_view alias) const;
  std::string same_instant(Grain grain, std::string_view left, std::string_view right) const;
  std::string grid(Grain grain) const; // "days" or "hours"

  // ---- rows (sql_rows.cpp)
  std::string column(std::string_view alias, std::size_t index);
  std::string row_test(const plan::RowPred& predicate, std::string_view row, std::string_view instant);
  std::string row_set(const plan::RowSet& rows, Grain grain);
  // A term's rows read once, without days, when every day can be answered
  // from a summary per asset (see sql_units.cpp); nullopt when not.
  std::optional<std::string> term_rows(const plan::RowSet& rows, Grain grain,
                                       const plan::RowPred* test = nullptr);
  std::string observations_step() const;
  std::string enum_rank(std::string_view column_expr, const Column& column) const;

  // ---- assets and units (sql_units.cpp)
  std::string asset_test(const plan::AssetPred& predicate, Grain grain, std::string_view unit,
                         std::vector<std::string>& joins);
  std::string tie_rank(std::string_view row);
  std::string asset_step(const plan::AssetPred& leaf, Grain grain, bool& empty_passes);
  std::string unit_test(const plan::UnitPred& predicate, Grain grain, std::string_view unit,
                        std::vector<std::string>& joins);
  std::string units(const plan::Units& units, Grain grain);
  std::string first(const plan::First& first, Grain grain);
  std::string count(const plan::Units& units, Grain grain);

  // ---- numbers (sql_numbers.cpp)
  Scaled daily(const plan::Num& num, GridRow& row);
  Scaled hourly_average(const plan::Num& operand, GridRow& row);
  void join_once(GridRow& row, std::string join) const;
  std::string rounded(std::string_view numerator, std::string_view denominator, RoundingMode mode) const;
  std::pair<std::string, std::string>
  qlu(const plan::Num& num, const std::pair<std::string, std::string>& usage, const std::string& product);

  // ---- products (sql_products.cpp)
  std::string product_rows(const plan::ProductPlan& product, std::size_t place);

  const plan::Plan& plan_;
  const Schema& schema_;
  const Dialect& dialect_;
  const Target& target_;
  const SourceRegistry* sources_;

  struct Step {
    std::string name, comment, body;
  };
  std::vector<Step> steps_;
  std::map<std::string, std::string> step_by_body_;
  std::map<std::string, int> next_number_;
  std::set<std::size_t> columns_read_;
  bool hours_used_ = false;
};

// `parts` joined by `separator` (" AND " with `none` "TRUE", " OR " with "FALSE") in
// parentheses, leaving out the identity and short-cutting the other constant.
std::string joined(const std::vector<std::string>& parts, std::string_view separator, std::string_view none);

// Located refusal of a plan the SQL back end cannot express.
[[noreturn]] void unsupported(const SourcePos& pos, std::string message);

} // namespace tally::sql
