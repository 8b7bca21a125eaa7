// Assets and units: per-asset tests over row sets, unit sets and their counts.
// A unit set is a step of (instant, unit, asset_id): each unit with each of
// its assets.
#include "sql/sql_writer.hpp"

#include <fmt/format.h>

namespace tally::sql {

namespace {

std::string indices_in(std::uint64_t mask, std::size_t count) {
  std::string list;
  for (std::size_t i = 0; i < count && i < 64; ++i)
    if ((mask >> i) & 1) list += (list.empty() ? "" : ", ") + std::to_string(i);
  return list;
}

std::string_view reduce_name(plan::Reduce reduce) {
  return reduce == plan::Reduce::latest ? "latest" : reduce == plan::Reduce::highest ? "highest" : "lowest";
}

} // namespace

// Among rows at the same instant, the schema's tie order (unlisted last).
std::string Writer::tie_rank(std::string_view row) {
  if (!schema_.tie_column) return "0";
  const Column& tie_column = schema_.columns[*schema_.tie_column];
  std::string tie = fmt::format("CASE {}", column(row, *schema_.tie_column));
  for (std::size_t i = 0; i < schema_.tie_order.size(); ++i)
    tie +=
        fmt::format(" WHEN {} THEN {}", dialect_.string_literal(tie_column.values[schema_.tie_order[i]]), i);
  return tie + fmt::format(" ELSE {} END", schema_.tie_order.size());
}

// One asset test over one row set: a step of (instant, asset_id, ok) with a
// row for each asset that has rows there. `empty_passes` says what an asset
// without rows gets.
std::string Writer::asset_step(const plan::AssetPred& leaf, Grain grain, bool& empty_passes) {
  const std::string instant = instant_columns(grain, "r");
  return std::visit(
      [&](const auto& node) -> std::string {
        using Node = decltype(node);
        if constexpr (plan::is<Node, plan::AnyRow>) {
          empty_passes = false;
          if (const auto term = term_rows(*node.rows, grain))
            return add_step(
                "asset", fmt::format("assets with a row in {} from their first day", *term),
                fmt::format("SELECT i.eval_day, f.asset_id, TRUE AS ok\n  FROM (SELECT asset_id, "
                            "min(row_day) AS first_day FROM {} GROUP BY asset_id) AS f\n  JOIN days AS "
                            "i ON i.eval_day >= f.first_day",
                            *term));
          return add_step(
              "asset", fmt::format("assets with a row in {}", row_set(*node.rows, grain)),
              fmt::format("SELECT {}, r.asset_id, TRUE AS ok\n  FROM {} AS r\n  GROUP BY {}, r.asset_id",
                          instant, row_set(*node.rows, grain), instant));
        } else if constexpr (plan::is<Node, plan::EveryRow>) {
          empty_passes = true;
          if (const auto term = term_rows(*node.rows, grain, node.test.get()))
            return add_step(
                "asset", fmt::format("whether every row of each asset in {} up to the day passes", *term),
                fmt::format(
                    "SELECT i.eval_day, f.asset_id, (f.first_failure IS NULL OR f.first_failure > "
                    "i.eval_day) AS ok\n  FROM (\n    SELECT r.asset_id, min(r.row_day) AS first_day,\n    "
                    "       min(CASE WHEN NOT {} THEN r.row_day END) AS first_failure\n    FROM {} AS r\n   "
                    " GROUP BY r.asset_id\n  ) AS f\n  JOIN days AS i ON i.eval_day >= f.first_day",
                    row_test(*node.test, "r", "r"), *term));
          const std::string rows = row_set(*node.rows, grain);
          return add_step(
              "asset", fmt::format("whether every row of each asset in {} passes", rows),
              fmt::format("SELECT {}, r.asset_id, bool_and({}) AS ok\n  FROM {} AS r\n  GROUP BY {}, "
                          "r.asset_id",
                          instant, row_test(*node.test, "r", "r"), rows, instant));
        } else if constexpr (plan::is<Node, plan::EnumReduce>) {
          empty_passes = false;
          const Column& column = schema_.columns[node.column];
          const std::string rank = enum_rank(this->column("r", node.column), column);
          const std::string wanted = indices_in(node.mask, column.values.size());
          const std::string tie = tie_rank("r");
          if (const auto term = term_rows(*node.rows, grain)) {
            // Each asset's value on each day it has rows, carried to the day
            // before its next such day.
            const bool latest = node.reduce == plan::Reduce::latest;
            const std::string value =
                latest ? "value_rank"
                       : fmt::format(
                             "{}(value_rank) OVER (PARTITION BY asset_id ORDER BY row_day ROWS UNBOUNDED "
                             "PRECEDING)",
                             node.reduce == plan::Reduce::highest ? "max" : "min");
            const std::string of_day =
                latest ? fmt::format(
                             "{} AS value_rank,\n             row_number() OVER (PARTITION BY r.asset_id, "
                             "r.row_day ORDER BY r.observed_at DESC, {}, {} DESC NULLS LAST) AS place",
                             rank, tie, rank)
                       : fmt::format("{}({}) AS value_rank, 1 AS place",
                                     node.reduce == plan::Reduce::highest ? "max" : "min", rank);
            const std::string group = latest ? "" : "\n      GROUP BY r.asset_id, r.row_day";
            return add_step(
                "asset",
                fmt::format("the {} {} of each asset in {} up to the day", reduce_name(node.reduce),
                            column.name, *term),
                fmt::format(
                    "SELECT i.eval_day, v.asset_id, coalesce(v.value IN ({}), FALSE) AS ok\n  FROM (\n    "
                    "SELECT asset_id, row_day, {} AS value,\n           lead(row_day) OVER (PARTITION BY "
                    "asset_id ORDER BY row_day) AS next_day\n    FROM (\n      SELECT r.asset_id, r.row_day, "
                    "{}\n      FROM {} AS r{}\n    ) AS days_values\n    WHERE place = 1\n  ) AS v\n  JOIN "
                    "days AS i ON i.eval_day >= v.row_day AND (v.next_day IS NULL OR i.eval_day < "
                    "v.next_day)",
                    wanted, value, of_day, *term, group));
          }
          const std::string rows = row_set(*node.rows, grain);
          if (node.reduce != plan::Reduce::latest) {
            const bool highest = node.reduce == plan::Reduce::highest;
            return add_step("asset",
                            fmt::format("the {} {} of each asset in {}", highest ? "highest" : "lowest",
                                        column.name, rows),
                            fmt::format("SELECT {}, r.asset_id, coalesce({}({}) IN ({}), FALSE) AS ok\n  "
                                        "FROM {} AS r\n  GROUP BY "
                                        "{}, r.asset_id",
                                        instant, highest ? "max" : "min", rank, wanted, rows, instant));
          }
          // The latest row: the greatest observed_at, then the schema's tie
          // order (unlisted last), then the greatest value (empty lowest).
          const std::string partition = instant_columns(grain, "r") + ", r.asset_id";
          return add_step(
              "asset", fmt::format("the latest {} of each asset in {}", column.name, rows),
              fmt::format(
                  "SELECT {}, asset_id, coalesce(value_rank IN ({}), FALSE) AS ok\n  FROM (\n    SELECT {}, "
                  "{} "
                  "AS value_rank,\n           row_number() OVER (PARTITION BY {}\n                           "
                  "  "
                  "ORDER BY r.observed_at DESC, {}, {} DESC NULLS LAST) AS place\n    FROM {} AS r\n  ) AS "
                  "ranked\n  WHERE place = 1",
                  instant_columns(grain, "ranked"), wanted, partition, rank, partition, tie, rank, rows));
        } else {
          throw std::logic_error("sql: not an asset leaf");
        }
      },
      leaf.node);
}

// A boolean expression over the asset `unit`.asset_id, joining the steps it reads.
std::string Writer::asset_test(const plan::AssetPred& predicate, Grain grain, std::string_view unit,
                               std::vector<std::string>& joins) {
  return std::visit(
      [&](const auto& node) -> std::string {
        using Node = decltype(node);
        if constexpr (plan::is<Node, plan::AssetConst>) {
          return node.value ? "TRUE" : "FALSE";
        } else if constexpr (plan::is<Node, plan::AssetAll> || plan::is<Node, plan::AssetAny>) {
          std::vector<std::string> parts;
          for (const auto& term : node.terms)
            parts.push_back(asset_test(*term, grain, unit, joins));
          return plan::is<Node, plan::AssetAll> ? joined(parts, " AND ", "TRUE")
                                                : joined(parts, " OR ", "FALSE");
        } else if constexpr (plan::is<Node, plan::AssetNot>) {
          return "NOT " + asset_test(*node.term, grain, unit, joins);
        } else {
          // A value tested against no value at all never passes: no step to read.
          if (const auto* reduce = std::get_if<plan::EnumReduce>(&predicate.node);
              reduce && indices_in(reduce->mask, schema_.columns[reduce->column].values.size()).empty())
            return "FALSE";
          bool empty_passes = false;
          const std::string step = asset_step(predicate, grain, empty_passes);
          const std::string join = fmt::format("LEFT JOIN {} ON {} AND {}.asset_id = {}.asset_id", step,
                                               same_instant(grain, step, unit), step, unit);
          if (std::find(joins.begin(), joins.end(), join) == joins.end()) joins.push_back(join);
          return fmt::format("coalesce({}.ok, {})", step, empty_passes ? "TRUE" : "FALSE");
        }
      },
      predicate.node);
}

// An aggregate over the assets of the unit grouped as `unit`.
std::string Writer::unit_test(const plan::UnitPred& predicate, Grain grain, std::string_view unit,
                              std::vector<std::string>& joins) {
  return std::visit(
      [&](const auto& node) -> std::string {
        using Node = decltype(node);
        if constexpr (plan::is<Node, plan::UnitConst>) {
          return node.value ? "TRUE" : "FALSE";
        } else if constexpr (plan::is<Node, plan::UnitAll> || plan::is<Node, plan::UnitAny>) {
          std::vector<std::string> parts;
          for (const auto& term : node.terms)
            parts.push_back(unit_test(*term, grain, unit, joins));
          return plan::is<Node, plan::UnitAll> ? joined(parts, " AND ", "TRUE")
                                               : joined(parts, " OR ", "FALSE");
        } else if constexpr (plan::is<Node, plan::UnitNot>) {
          return "NOT " + unit_test(*node.term, grain, unit, joins);
        } else {
          const char* aggregate = plan::is<Node, plan::AllAssets> ? "bool_and" : "bool_or";
          return fmt::format("{}({})", aggregate, asset_test(*node.test, grain, unit, joins));
        }
      },
      predicate.node);
}

std::string Writer::units(const plan::Units& units_node, Grain grain) {
  const std::string instant = instant_columns(grain, "u");
  return std::visit(
      [&](const auto& node) -> std::string {
        using Node = decltype(node);
        if constexpr (plan::is<Node, plan::Distinct>) {
          const std::string key = column("r", node.key);
          if (const auto term = term_rows(*node.rows, grain))
            return add_step(
                "units",
                fmt::format("distinct {} of {} from their first day: {}", schema_.columns[node.key].name,
                            *term, where_from(units_node.pos)),
                fmt::format("SELECT i.eval_day, f.unit, f.asset_id\n  FROM (\n    SELECT {} AS unit, "
                            "r.asset_id, min(r.row_day) AS first_day\n    FROM {} AS r\n    WHERE {} IS "
                            "NOT NULL\n    GROUP BY {}, r.asset_id\n  ) AS f\n  JOIN days AS i ON "
                            "i.eval_day >= f.first_day",
                            key, *term, key, key));
          const std::string rows = row_set(*node.rows, grain);
          return add_step(
              "units",
              fmt::format("distinct {} of {}: {}", schema_.columns[node.key].name, rows,
                          where_from(units_node.pos)),
              fmt::format("SELECT DISTINCT {}, {} AS unit, r.asset_id\n  FROM {} AS r\n  WHERE {} IS NOT "
                          "NULL",
                          instant_columns(grain, "r"), key, rows, key));
        } else if constexpr (plan::is<Node, plan::Having>) {
          const std::string base = units(*node.units, grain);
          std::vector<std::string> joins;
          const std::string test = unit_test(*node.test, grain, "u", joins);
          std::string join_text;
          for (const std::string& join : joins)
            join_text += "\n    " + join;
          return add_step(
              "units", fmt::format("units of {} that pass: {}", base, where_from(units_node.pos)),
              fmt::format("SELECT u.*\n  FROM {} AS u\n  JOIN (\n    SELECT {}, u.unit\n    FROM {} AS "
                          "u{}\n    GROUP BY {}, u.unit\n    HAVING {}\n  ) AS kept ON {} AND kept.unit = "
                          "u.unit",
                          base, instant, base, join_text, instant, test, same_instant(grain, "kept", "u")));
        } else if constexpr (plan::is<Node, plan::Minus>) {
          const std::string kept = units(*node.units, grain);
          const std::string removed = units(*node.removed, grain);
          return add_step(
              "units", fmt::format("units of {} not in {}: {}", kept, removed, where_from(units_node.pos)),
              fmt::format("SELECT u.*\n  FROM {} AS u\n  WHERE NOT EXISTS (SELECT 1 FROM {} AS x WHERE {} "
                          "AND x.unit = u.unit)",
                          kept, removed, same_instant(grain, "x", "u")));
        } else {
          return first(node, grain);
        }
      },
      units_node.node);
}

// The first `count` units of each instant, by the earliest `order` on the rows
// of the distinct they come from (none last), then by key.
std::string Writer::first(const plan::First& node, Grain grain) {
  const plan::Units* base = node.units.get();
  while (!std::holds_alternative<plan::Distinct>(base->node))
    base = std::visit(
        [](const auto& inner) -> const plan::Units* {
          if constexpr (plan::is<decltype(inner), plan::Distinct>)
            return nullptr;
          else
            return inner.units.get();
        },
        base->node);
  const auto& distinct = std::get<plan::Distinct>(base->node);
  const std::string candidates = units(*node.units, grain);
  const std::string rows = row_set(*distinct.rows, grain);
  const Column& key = schema_.columns[distinct.key];
  const std::string key_order = key.type == ColumnType::string        ? dialect_.byte_order("c.unit")
                                : key.type == ColumnType::enumeration ? enum_rank("c.unit", key)
                                                                      : std::string("c.unit");
  const std::string instant = instant_columns(grain, "c");
  return add_step(
      "units",
      fmt::format("the first {} units of {} by {}", node.count, candidates, schema_.columns[node.order].name),
      fmt::format(
          "SELECT u.*\n  FROM {} AS u\n  JOIN (\n    SELECT {}, c.unit,\n           row_number() OVER "
          "(PARTITION "
          "BY {}\n                              ORDER BY min({}) NULLS LAST, {}) AS place\n    FROM (SELECT "
          "DISTINCT {}, unit FROM {}) AS c\n    JOIN {} AS r ON {} AND {} = c.unit\n    GROUP BY {}, "
          "c.unit\n  "
          ") AS ranked ON {} AND ranked.unit = u.unit\n  WHERE ranked.place <= {}",
          candidates, instant, instant, column("r", node.order), key_order,
          instant_columns(grain, "").substr(0), candidates, rows, same_instant(grain, "r", "c"),
          column("r", distinct.key), instant, same_instant(grain, "ranked", "u"), node.count));
}

// The number of units at each instant that has any.
std::string Writer::count(const plan::Units& units_node, Grain grain) {
  const std::string set = units(units_node, grain);
  const std::string instant = instant_columns(grain, "u");
  return add_step(
      "count", fmt::format("the number of units of {}", set),
      fmt::format("SELECT {}, CAST(count(DISTINCT u.unit) AS {}) AS n\n  FROM {} AS u\n  GROUP BY {}",
                  instant, dialect_.exact_type(), set, instant));
}

} // namespace tally::sql
