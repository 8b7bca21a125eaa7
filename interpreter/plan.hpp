// The typed plan: what a checked rule program means for one subscription, with
// every parameter and cross-product fact already folded to a constant. It says
// nothing about how it is executed: the columnar evaluator runs it, and a SQL
// back end can translate the same tree. Plans are immutable and shareable.
//
// Vocabulary (see docs/language.md for the surface syntax):
//   d         the evaluated day; S, E the subscription start and end days.
//   row set   a scope (which days' rows) plus a row predicate.
//   unit      a distinct non-empty value of a key column among a row set's rows;
//             its assets are the asset_ids on those rows.
//   asset     an asset_id; asset predicates aggregate that asset's rows in a row set.
#pragma once

#include "date.hpp"
#include "diagnostic.hpp"
#include "number.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace tally::plan {

template <class T> using Ptr = std::shared_ptr<const T>;

// A new immutable node: make_node<RowPred>(AllOf{...}).
template <class Node, class T> Ptr<Node> make_node(T&& value) {
  return std::make_shared<const Node>(Node{std::forward<T>(value)});
}

// In a std::visit over a node's variant, whether the alternative visited (the
// lambda's `decltype(n)`) is `Wanted`.
template <class Visited, class Wanted> constexpr bool is = std::is_same_v<std::decay_t<Visited>, Wanted>;

// ---------------------------------------------------------------- row predicates
// Evaluated on one observation row (and, for WithinDays, the evaluated day d).

enum class Compare { eq, ne, lt, le, gt, ge };

// Whether `left op right` holds.
template <class Value> constexpr bool holds(Compare op, const Value& left, const Value& right) {
  switch (op) {
  case Compare::eq:
    return left == right;
  case Compare::ne:
    return left != right;
  case Compare::lt:
    return left < right;
  case Compare::le:
    return left <= right;
  case Compare::gt:
    return left > right;
  case Compare::ge:
    return left >= right;
  }
  return false;
}

struct RowPred;
using RowPredPtr = Ptr<RowPred>;

struct BoolConst {
  bool value;
};
struct AllOf {
  std::vector<RowPredPtr> terms;
}; // empty = true
struct AnyOf {
  std::vector<RowPredPtr> terms;
}; // empty = false
struct NotRow {
  RowPredPtr term;
};
struct IntCompare {
  std::size_t column;
  Compare op;
  std::int64_t value;
}; // integer column
struct TimeCompare {
  std::size_t column;
  Compare op;
  Seconds value;
}; // false when empty
struct EnumIn {
  std::size_t column;
  std::uint64_t mask;
}; // bit i = values[i]; empty cell never matches
struct StringIn {
  std::size_t column;
  std::vector<std::string> values;
}; // string column; empty never matches
// Set column: any / all of `items`. For a set with declared values `mask` has
// the items' bits; for a free set (tags) only `items` is meaningful.
struct SetHas {
  std::size_t column;
  bool all;
  std::uint64_t mask;
  std::vector<std::string> items;
};
struct IsEmpty {
  std::size_t column;
}; // string id 0, kNoEnum, empty set, kNoTime
// day(value) in d-(days-1) .. d; false when empty. Only in snapshot or hours scopes.
struct WithinDays {
  std::size_t column;
  std::int32_t days;
};

struct RowPred {
  std::variant<BoolConst, AllOf, AnyOf, NotRow, IntCompare, TimeCompare, EnumIn, StringIn, SetHas, IsEmpty,
               WithinDays>
      node;
};

// ---------------------------------------------------------------- row sets

enum class Scope {
  snapshot, // rows whose day is d
  term,     // rows whose day is in S..d (term to date); grows day by day
  hours,    // rows whose hour (hours since epoch) is in H-(hours-1)..H for the current hour H
            // of an enclosing HourlyAverage; may reach before d and before S
};

struct RowSet {
  Scope scope = Scope::snapshot;
  std::int32_t hours = 0; // for Scope::hours
  RowPredPtr where;       // rows of the scope that count
  SourcePos pos;
};
using RowSetPtr = Ptr<RowSet>;

// ---------------------------------------------------------------- asset predicates
// Evaluated for one asset_id A on the current day (and hour): each aggregate
// reads the rows of its row set whose asset_id is A.

struct AssetPred;
using AssetPredPtr = Ptr<AssetPred>;

struct AssetConst {
  bool value;
};
struct AssetAll {
  std::vector<AssetPredPtr> terms;
};
struct AssetAny {
  std::vector<AssetPredPtr> terms;
};
struct AssetNot {
  AssetPredPtr term;
};
struct AnyRow {
  RowSetPtr rows;
}; // A has at least one row in `rows`
struct EveryRow {
  RowSetPtr rows;
  RowPredPtr test;
}; // every row of A in `rows` passes `test` (true when none)
enum class Reduce { latest, highest, lowest };
// The enum value of `column` on A's rows in `rows`, reduced, is in `mask`;
// false when A has no rows there (or the reduced value is empty).
//   latest:  the row with the greatest observed_at; ties broken by the schema's
//            tie order (Schema::tie_column/tie_order), then by the greatest value.
//   highest/lowest: by the enum's declared order.
struct EnumReduce {
  Reduce reduce;
  RowSetPtr rows;
  std::size_t column;
  std::uint64_t mask;
};

struct AssetPred {
  std::variant<AssetConst, AssetAll, AssetAny, AssetNot, AnyRow, EveryRow, EnumReduce> node;
};

// ---------------------------------------------------------------- unit sets

struct UnitPred;
using UnitPredPtr = Ptr<UnitPred>;

struct UnitConst {
  bool value;
};
struct UnitAll {
  std::vector<UnitPredPtr> terms;
};
struct UnitAny {
  std::vector<UnitPredPtr> terms;
};
struct UnitNot {
  UnitPredPtr term;
};
struct AllAssets {
  AssetPredPtr test;
}; // every asset of the unit passes
struct SomeAsset {
  AssetPredPtr test;
}; // at least one asset of the unit passes

struct UnitPred {
  std::variant<UnitConst, UnitAll, UnitAny, UnitNot, AllAssets, SomeAsset> node;
};

struct Units;
using UnitsPtr = Ptr<Units>;

// Distinct non-empty values of `key` among `rows`; a unit's assets are the
// asset_ids of the rows carrying it. When key is asset_id, a unit's only asset
// is itself.
struct Distinct {
  std::size_t key;
  RowSetPtr rows;
};
struct Having {
  UnitsPtr units;
  UnitPredPtr test;
}; // the units that pass
struct Minus {
  UnitsPtr units;
  UnitsPtr removed;
}; // same key column; keeps units' assets

// The first `count` units of `units` on the day, by the earliest value of the
// timestamp column `order` among the rows that gave each unit (a unit without
// one comes last), ties by key value. Only units of one day: a ranking that
// moves as the term grows would hand the same licence to different units.
struct First {
  UnitsPtr units;
  std::size_t order;
  std::uint64_t count;
};

struct Units {
  std::variant<Distinct, Having, Minus, First> node;
  std::size_t key = 0; // the key column of every unit in the set
  SourcePos pos;
};

// ---------------------------------------------------------------- numbers

struct Num;
using NumPtr = Ptr<Num>;

enum class Arith { add, sub, mul, div };

// `left op right`, exactly. The caller rules out division by zero, which each
// stage reports in its own terms.
inline Rational apply(Arith op, const Rational& left, const Rational& right) {
  switch (op) {
  case Arith::add:
    return left + right;
  case Arith::sub:
    return left - right;
  case Arith::mul:
    return left * right;
  case Arith::div:
    return left / right;
  }
  return left;
}

struct Constant {
  Rational value;
};
struct Count {
  UnitsPtr units;
}; // number of units
struct ComponentRef {
  std::size_t index;
};                  // a component of the same product, same day
struct UsageRef {}; // only in ProductPlan::qlu: the period's usage
struct Negate {
  NumPtr operand;
};
struct Binary {
  Arith op;
  NumPtr left, right;
}; // div by zero is a located runtime error
struct Round {
  NumPtr operand;
  RoundingMode mode;
  int places;
};
// (N(0) + ... + N(23)) / 24 where N(h) is `operand` evaluated with the current
// hour H = 24*d + h; hours-scoped row sets inside read hours relative to H.
struct HourlyAverage {
  NumPtr operand;
};

struct Num {
  std::variant<Constant, Count, ComponentRef, UsageRef, Negate, Binary, Round, HourlyAverage> node;
  SourcePos pos;
  std::uint32_t length = 1; // bytes of source it spans on its first line
};

// ---------------------------------------------------------------- products

enum class Method {
  peak,            // interval i = S+L*i .. S+L*i+(L-1) clipped at E; usage = max U(d) over its evaluated days
  rolling_average, // usage(d) = (sum of U(x), x in max(S, d-(L-1))..d) / number of those days
  rolling_total,   // usage(d) = sum of U(x) over the same window
};
std::string_view name_of(Method method);

struct Component {
  std::string name;
  NumPtr daily; // its value on day d
  SourcePos pos;
};

struct ProductPlan {
  std::string name, title;
  SourcePos pos;
  Method method = Method::peak;
  std::int32_t length = 15; // interval length (peak) or window length (rolling), in days
  Rational ratio;           // as bound, for the report
  // A license (`license NAME {...}`): its limit as bound. Its usage is the
  // licences consumed, its periods are single days and its QLU is 0.
  std::optional<Rational> license_limit;
  std::vector<Component> components;
  NumPtr usage; // U(d); may use ComponentRef
  NumPtr qlu;   // per period; may use UsageRef, never ComponentRef
};

struct Plan {
  Day start = 0, end = 0;            // subscription term, inclusive
  std::optional<Day> as_of;          // nullopt: the last day present in the data
  std::vector<ProductPlan> products; // in report order
};

} // namespace tally::plan
