// Rows: the table as the contract reads it, row tests, and row sets in scope.
#include "sql/sql_writer.hpp"

#include <fmt/format.h>

namespace tally::sql {

namespace {

std::string_view sql_operator(plan::Compare op) {
  switch (op) {
  case plan::Compare::eq:
    return "=";
  case plan::Compare::ne:
    return "<>";
  case plan::Compare::lt:
    return "<";
  case plan::Compare::le:
    return "<=";
  case plan::Compare::gt:
    return ">";
  case plan::Compare::ge:
    return ">=";
  }
  return "=";
}

// The declared values whose bits are set in `mask`.
std::vector<std::string> values_in(const Column& column, std::uint64_t mask) {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < column.values.size() && i < 64; ++i)
    if ((mask >> i) & 1) values.push_back(column.values[i]);
  return values;
}

} // namespace

std::string Writer::column(std::string_view alias, std::size_t index) {
  columns_read_.insert(index);
  return fmt::format("{}.{}", alias, dialect_.identifier(schema_.columns[index].name));
}

// The position of an enum value in its declaration (what `highest` compares);
// NULL when empty.
std::string Writer::enum_rank(std::string_view column_expr, const Column& column) const {
  std::string text = fmt::format("CASE {}", column_expr);
  for (std::size_t i = 0; i < column.values.size(); ++i)
    text += fmt::format(" WHEN {} THEN {}", dialect_.string_literal(column.values[i]), i);
  return text + " END";
}

// A test of one row that is never NULL: an empty cell fails every comparison,
// and `x IS NOT NULL AND ...` is false, not NULL, when x is empty.
std::string Writer::row_test(const plan::RowPred& predicate, std::string_view row, std::string_view instant) {
  return std::visit(
      [&](const auto& node) -> std::string {
        using Node = decltype(node);
        if constexpr (plan::is<Node, plan::BoolConst>) {
          return node.value ? "TRUE" : "FALSE";
        } else if constexpr (plan::is<Node, plan::AllOf> || plan::is<Node, plan::AnyOf>) {
          std::vector<std::string> parts;
          for (const auto& term : node.terms)
            parts.push_back(row_test(*term, row, instant));
          return plan::is<Node, plan::AllOf> ? joined(parts, " AND ", "TRUE")
                                             : joined(parts, " OR ", "FALSE");
        } else if constexpr (plan::is<Node, plan::NotRow>) {
          return "NOT " + row_test(*node.term, row, instant);
        } else if constexpr (plan::is<Node, plan::IntCompare>) {
          return fmt::format("{} {} {}", column(row, node.column), sql_operator(node.op), node.value);
        } else if constexpr (plan::is<Node, plan::TimeCompare>) {
          const std::string cell = column(row, node.column);
          return fmt::format("({} IS NOT NULL AND {} {} {})", cell, cell, sql_operator(node.op),
                             dialect_.timestamp_literal(node.value));
        } else if constexpr (plan::is<Node, plan::EnumIn> || plan::is<Node, plan::StringIn>) {
          std::vector<std::string> values;
          if constexpr (plan::is<Node, plan::EnumIn>)
            values = values_in(schema_.columns[node.column], node.mask);
          else
            values = node.values;
          if (values.empty()) return "FALSE";
          const std::string cell = column(row, node.column);
          std::string test;
          if (values.size() == 1) {
            test = fmt::format("{} = {}", cell, dialect_.string_literal(values[0]));
          } else {
            for (const std::string& value : values)
              test += (test.empty() ? "" : ", ") + dialect_.string_literal(value);
            test = fmt::format("{} IN ({})", cell, test);
          }
          // observations_read puts a column's default in place of NULL.
          if (schema_.columns[node.column].default_value) return test;
          return fmt::format("({} IS NOT NULL AND {})", cell, test);
        } else if constexpr (plan::is<Node, plan::SetHas>) {
          const Column& set = schema_.columns[node.column];
          const auto items = set.values.empty() ? node.items : values_in(set, node.mask);
          if (items.empty()) return node.all ? "TRUE" : "FALSE";
          const std::string cell = column(row, node.column);
          return "(" + (node.all ? dialect_.set_has_all(cell, items) : dialect_.set_has_any(cell, items)) +
                 ")";
        } else if constexpr (plan::is<Node, plan::IsEmpty>) {
          const std::string cell = column(row, node.column);
          switch (schema_.columns[node.column].type) {
          case ColumnType::set:
            return "(" + dialect_.set_is_empty(cell) + ")";
          case ColumnType::integer:
            return "FALSE";
          default:
            return fmt::format("({} IS NULL)", cell);
          }
        } else {
          const std::string cell = column(row, node.column);
          const std::string day = fmt::format("{}.eval_day", instant);
          return fmt::format("({} IS NOT NULL AND {} BETWEEN {} AND {})", cell, dialect_.day_of(cell),
                             dialect_.plus_days(day, std::to_string(-(node.days - 1))), day);
        }
      },
      predicate.node);
}

// The rows of a row set at each instant: the instant's columns, then every
// column of the observations as read.
std::string Writer::row_set(const plan::RowSet& rows, Grain grain) {
  if (grain == Grain::hour) hours_used_ = true;
  const std::string test = rows.where ? row_test(*rows.where, "o", "i") : "TRUE";
  const std::string start = dialect_.date_literal(plan_.start);
  std::string from;
  switch (rows.scope) {
  case plan::Scope::snapshot:
    from = fmt::format("{} AS i\n  JOIN observations_read AS o ON o.row_day = i.eval_day", grid(grain));
    break;
  case plan::Scope::term:
    from = fmt::format("{} AS i\n  JOIN observations_read AS o ON o.row_day BETWEEN {} AND i.eval_day",
                       grid(grain), start);
    break;
  case plan::Scope::hours:
    hours_used_ = true;
    // A row is in the window of the hour it falls in and the hours-1 after it.
    from = fmt::format("observations_read AS o\n  CROSS JOIN {}\n  JOIN hours AS i ON i.hour_start = {}",
                       dialect_.integer_series(0, rows.hours - 1, "later"),
                       dialect_.plus_hours(dialect_.hour_start("o.observed_at"), "later"));
    break;
  }
  const std::string scope = rows.scope == plan::Scope::snapshot ? "the day's rows"
                            : rows.scope == plan::Scope::term
                                ? "the term's rows up to the day"
                                : fmt::format("rows of the last {} hours", rows.hours);
  return add_step(
      "rows",
      fmt::format("{} at each {}: {}", scope, grain == Grain::day ? "day" : "hour", where_from(rows.pos)),
      fmt::format("SELECT {}, o.*\n  FROM {}\n  WHERE {}", instant_columns(grain, "i"), from, test));
}

namespace {

// Whether a row test reads the evaluated day (`within last N days`).
bool reads_day(const plan::RowPred& predicate) {
  return std::visit(
      [](const auto& node) -> bool {
        using Node = decltype(node);
        if constexpr (plan::is<Node, plan::AllOf> || plan::is<Node, plan::AnyOf>) {
          for (const auto& term : node.terms)
            if (reads_day(*term)) return true;
          return false;
        } else if constexpr (plan::is<Node, plan::NotRow>) {
          return reads_day(*node.term);
        } else {
          return plan::is<Node, plan::WithinDays>;
        }
      },
      predicate.node);
}

} // namespace

// A term grows by a day at a time, so a day's answer over it follows from
// each asset's rows of the days before: the first day a unit or asset
// appears, the first day a row fails a test, the latest row of each day.
// Reading the term's rows once, not once per day, keeps the work in
// proportion to the table rather than to the table times the days.
std::optional<std::string> Writer::term_rows(const plan::RowSet& rows, Grain grain,
                                             const plan::RowPred* test) {
  if (rows.scope != plan::Scope::term || grain != Grain::day) return std::nullopt;
  if ((rows.where && reads_day(*rows.where)) || (test && reads_day(*test))) return std::nullopt;
  const std::string where = rows.where ? row_test(*rows.where, "o", "i") : "TRUE";
  return add_step(
      "term", fmt::format("the term's rows: {}", where_from(rows.pos)),
      fmt::format("SELECT o.*\n  FROM observations_read AS o\n  WHERE o.row_day BETWEEN {} AND (SELECT "
                  "last_day FROM bounds)\n    AND {}",
                  dialect_.date_literal(plan_.start), where));
}

// The table as the rules read it: the day of each row, NULL for every empty
// cell (also an empty text), each column's default in place of NULL.
std::string Writer::observations_step() const {
  std::vector<std::string> columns;
  for (std::size_t index = 0; index < schema_.columns.size(); ++index) {
    const Column& column = schema_.columns[index];
    const bool contract_column = column.name == kTimeColumn || column.name == kAssetColumn;
    if (!contract_column && !columns_read_.count(index)) continue;
    const std::string name = dialect_.identifier(column.name);
    std::string cell = name;
    if (column.type == ColumnType::string || column.type == ColumnType::enumeration)
      cell = fmt::format("nullif({}, '')", name);
    std::optional<std::string> fallback;
    if (column.type == ColumnType::set) fallback = dialect_.empty_set();
    if (column.default_value && !column.default_value->empty()) {
      if (column.type == ColumnType::integer)
        fallback = *column.default_value;
      else if (column.type == ColumnType::string || column.type == ColumnType::enumeration)
        fallback = dialect_.string_literal(*column.default_value);
    }
    if (fallback) cell = fmt::format("coalesce({}, {})", cell, *fallback);
    columns.push_back(cell == name ? name : fmt::format("{} AS {}", cell, name));
  }
  std::string list;
  for (const std::string& column : columns)
    list += ",\n         " + column;
  return fmt::format("SELECT {} AS row_day{}\n  FROM {}", dialect_.day_of(std::string(kTimeColumn)), list,
                     target_.table);
}

} // namespace tally::sql
