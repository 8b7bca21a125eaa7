// The abstract syntax tree of a rule file. Every node carries the position it
// was parsed from, so the checker, the formatter and `explain` can point at it.
#pragma once

#include "date.hpp"
#include "diagnostic.hpp"
#include "number.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tally::ast {

enum class ExprKind {
  // literals
  number,  // value
  date,    // day
  string,  // text
  boolean, // flag
  set,     // args: items (string/name/number nodes)
  name,    // text: an identifier (a let, param, component, column, `usage`, `ratio` or enum value)
  // scopes
  snapshot,
  term,
  last_hours, // integer: hours
  // row sets, units and asset facts
  filter,     // text: "where" | "having" | "unless"; args: subject, condition
              //   or text "first"; args: subject, how many; name: the ordering column
  distinct,   // text: key column; args: rows
  every_row,  // args: rows, condition
  any_row,    // args: rows, condition
  no_row,     // args: rows, condition
  reduce,     // text: "latest" | "highest" | "lowest"; name: column; args: rows
  all_assets, // args: condition
  any_asset,  // args: condition
  // numbers
  count,          // args: units
  hourly_average, // args: number
  negate,         // args: operand
  binary,         // text: "+" "-" "*" "/" "minus"; args: left, right
  round,          // text: mode; integer: places; args: operand
  subscribed,     // text: product name
  call,           // text: definition name; args: arguments
  if_then_else,   // args: condition, then, else
  // conditions
  compare,    // text: "=" "!=" "<" "<=" ">" ">="; args: left, right
  in,         // flag: negated; args: value, set
  has,        // text: "" | "any" | "all"; args: set column, items
  is_empty,   // flag: negated ("is not empty"); args: value
  within,     // integer: days; args: value
  logical,    // text: "and" | "or"; args: operands
  logical_not // args: operand
};

struct Expr {
  ExprKind kind = ExprKind::name;
  SourcePos pos;
  std::uint32_t length = 1; // bytes of source the node spans on its first line (for carets)
  std::string text;
  std::string name;
  SourcePos name_pos; // where `name` is written (distinct, reduce)
  Rational value;
  Day day = 0;
  std::int64_t integer = 0;
  bool flag = false;
  std::vector<std::unique_ptr<Expr>> args;
};
using ExprPtr = std::unique_ptr<Expr>;

// Bytes from the start of `e` to the end of its last sub-expression on the same
// line: what an excerpt or a caret under a whole condition should cover.
inline std::uint32_t extent_on_first_line(const Expr& e) {
  std::uint32_t end = e.pos.column + e.length;
  for (const auto& arg : e.args)
    if (arg && arg->pos.line == e.pos.line && arg->pos.column >= e.pos.column)
      end = std::max(end, arg->pos.column + extent_on_first_line(*arg));
  return end - e.pos.column;
}

struct Name {
  std::string text;
  SourcePos pos;
  std::uint32_t length = 1;
};

struct ColumnDecl {
  Name name;
  Name type;
  std::vector<Name> values;
  bool has_values = false; // `set {}` with an explicit (possibly empty) list
  bool required = false;
  std::optional<Name> required_when_column;
  std::optional<Name> required_when_value;
  std::optional<Name> default_value;
};

struct SchemaDecl {
  Name name;
  std::vector<ColumnDecl> columns;
  std::optional<Name> ties_column;
  std::vector<Name> ties_order;
};

struct LetDecl {
  Name name;
  std::vector<Name> parameters; // `let f(a, b) = ...`; empty for a plain definition
  ExprPtr value;
};

struct ParamDecl {
  Name name;
  Name type;
  ExprPtr default_value;
};

struct Setting { // name = literal, in examples and subscriptions
  Name name;     // for product settings: "VMDR.ratio" split into product + name
  std::optional<Name> product;
  ExprPtr value;
};

struct Expectation {
  std::optional<Day> period; // the period starting that day; nullopt: the last period
  SourcePos period_pos;
  Name name; // usage, qlu or a component
  Rational value;
  std::string value_text;
};

struct DataCell {
  std::string text; // trimmed
  SourcePos pos;
};

struct ExampleDecl {
  std::string title;
  SourcePos pos;
  std::vector<Setting> settings;             // start, end, as_of, parameters
  std::optional<std::vector<Name>> products; // bought; nullopt: only the example's own product
  std::vector<Setting> given;                // component values
  std::vector<std::vector<DataCell>> data;   // first row: header; empty when no data block
  std::vector<Expectation> expectations;
};

enum class MethodKind { peak, rolling_average, rolling_total };

struct MethodDecl {
  MethodKind kind = MethodKind::peak;
  std::int32_t length = 0;
  SourcePos pos;
};

struct ProductDecl {
  Name name;
  // `license NAME { ... }`: counted day by day against the `limit` parameter,
  // with no method and no QLU (docs/language.md, Licenses).
  bool license = false;
  std::optional<std::string> title;
  std::optional<MethodDecl> method;
  std::vector<ParamDecl> params;
  std::vector<LetDecl> lets;
  std::vector<LetDecl> components;
  ExprPtr usage, qlu;
  std::vector<ExampleDecl> examples;
};

struct SubscriptionDecl {
  std::string title;
  SourcePos pos;
  std::vector<Setting> settings;
  std::optional<std::vector<Name>> products;
};

struct Import {
  std::string path;
  SourcePos pos;
};

struct File {
  std::string path;
  bool imported = false; // loaded by an `import`, not named by the user
  std::vector<Import> imports;
  std::vector<SchemaDecl> schemas;
  std::vector<LetDecl> lets;
  std::vector<ParamDecl> params;
  std::vector<ProductDecl> products;
  std::vector<SubscriptionDecl> subscriptions;
};

} // namespace tally::ast
