// The statement: bounds, the grid of days, the observations as read, every
// step the products need, and one row per product, period and measure.
#include "sql/sql_compiler.hpp"

#include "sql/sql_writer.hpp"

#include <fmt/format.h>

#include <regex>

namespace tally::sql {

std::string joined(const std::vector<std::string>& parts, std::string_view separator, std::string_view none) {
  // `none` is the operator's identity (TRUE for AND); the other constant decides alone.
  const std::string_view decisive = none == "TRUE" ? "FALSE" : "TRUE";
  std::vector<std::string> kept;
  for (const std::string& part : parts) {
    if (part == decisive) return part;
    if (part != none) kept.push_back(part);
  }
  if (kept.empty()) return std::string(none);
  if (kept.size() == 1) return kept[0];
  std::string text = "(";
  for (std::size_t i = 0; i < kept.size(); ++i)
    text += (i ? std::string(separator) : std::string()) + kept[i];
  return text + ")";
}

void unsupported(const SourcePos& pos, std::string message) {
  throw DiagnosticError(Diagnostic{Severity::error, "E0804", pos, 1,
                                   "the SQL back end cannot express " + std::move(message),
                                   "evaluate this product with the native engine (`--engine native`)"});
}

Writer::Writer(const plan::Plan& plan, const Schema& schema, const Dialect& dialect, const Target& target,
               const SourceRegistry* sources)
    : plan_(plan), schema_(schema), dialect_(dialect), target_(target), sources_(sources) {}

std::string Writer::add_step(std::string_view prefix, std::string comment, std::string body) {
  if (const auto found = step_by_body_.find(body); found != step_by_body_.end()) return found->second;
  const std::string name = fmt::format("{}_{}", prefix, ++next_number_[std::string(prefix)]);
  step_by_body_.emplace(body, name);
  steps_.push_back({name, std::move(comment), std::move(body)});
  return name;
}

std::string Writer::where_from(const SourcePos& pos) const {
  std::string text = fmt::format("{}:{}", pos.file, pos.line);
  if (sources_) {
    if (const auto line = sources_->line(pos.file, pos.line)) {
      std::string_view quoted = *line;
      while (!quoted.empty() && (quoted.front() == ' ' || quoted.front() == '\t'))
        quoted.remove_prefix(1);
      text += fmt::format(": {}", quoted);
    }
  }
  return text;
}

std::string Writer::instant_columns(Grain grain, std::string_view alias) const {
  const std::string prefix = alias.empty() ? "" : std::string(alias) + ".";
  if (grain == Grain::day) return prefix + "eval_day";
  return fmt::format("{}eval_day, {}eval_hour", prefix, prefix);
}

std::string Writer::same_instant(Grain grain, std::string_view left, std::string_view right) const {
  if (grain == Grain::day) return fmt::format("{}.eval_day = {}.eval_day", left, right);
  return fmt::format("{}.eval_day = {}.eval_day AND {}.eval_hour = {}.eval_hour", left, right, left, right);
}

std::string Writer::grid(Grain grain) const {
  return grain == Grain::day ? "days" : "hours";
}

// A product's rows of the result: its daily values, its periods, and per
// period the usage, the QLU and each component.
std::string Writer::product_rows(const plan::ProductPlan& product, std::size_t place) {
  GridRow row;
  row.product = product.name;
  std::vector<std::string> laterals;
  const auto lateral = [&](const Scaled& value, const std::string& alias, const std::string& comment) {
    laterals.push_back(
        fmt::format("CROSS JOIN LATERAL (SELECT {} AS v) AS {} -- {}", value.expr, alias, comment));
  };
  for (std::size_t c = 0; c < product.components.size(); ++c) {
    const plan::Component& component = product.components[c];
    const Scaled value = daily(*component.daily, row);
    row.aliases.push_back(fmt::format("c{}", c + 1));
    row.components.push_back(value);
    lateral(value, row.aliases.back(), fmt::format("{}, over {}", component.name, value.scale.str()));
  }
  const Scaled usage = daily(*product.usage, row);
  lateral(usage, "usage", fmt::format("usage, over {}", usage.scale.str()));

  std::string columns = "i.eval_day, usage.v AS usage";
  for (const std::string& alias : row.aliases)
    columns += fmt::format(", {}.v AS {}", alias, alias);
  std::string from = "days AS i";
  for (const std::string& join : row.joins)
    from += "\n  " + join;
  for (const std::string& step : laterals)
    from += "\n  " + step;
  const std::string days_step = add_step(
      "daily", fmt::format("{}: each evaluated day's usage and components, as numerators", product.name),
      fmt::format("SELECT {}\n  FROM {}", columns, from));

  std::string aggregated = "usage";
  for (const std::string& alias : row.aliases)
    aggregated += ", " + alias;
  const std::string start = dialect_.date_literal(plan_.start);
  const std::string length = std::to_string(product.length);
  std::string periods;
  std::string window_days = "1";
  if (product.method == plan::Method::peak) {
    // Interval k runs from start + k*length; its value is its highest day's,
    // the latest of equal ones.
    const std::string period_start = dialect_.plus_days(start, "interval_index * " + length);
    periods = add_step(
        "periods",
        fmt::format("{}: peak every {} days, each interval's highest day", product.name, product.length),
        fmt::format(
            "SELECT period_start, period_end, period_end > (SELECT as_of FROM bounds) AS partial, {}\n  FROM "
            "(\n    SELECT d.*, {} AS period_start,\n           least({}, {}) AS period_end,\n           "
            "row_number() OVER (PARTITION BY interval_index ORDER BY usage DESC, eval_day DESC) AS place\n   "
            " "
            "FROM (SELECT daily.*, {} / {} AS interval_index FROM {} AS daily) AS d\n  ) AS ranked\n  WHERE "
            "place = 1",
            aggregated, period_start, dialect_.plus_days(period_start, std::to_string(product.length - 1)),
            dialect_.date_literal(plan_.end), dialect_.days_from(start, "daily.eval_day"), length,
            days_step));
  } else {
    std::string sums = "sum(usage) OVER w AS usage";
    for (const std::string& alias : row.aliases)
      sums += fmt::format(", sum({}) OVER w AS {}", alias, alias);
    const bool average = product.method == plan::Method::rolling_average;
    if (average) window_days = "p.days_in_window";
    periods = add_step(
        "periods",
        fmt::format("{}: rolling {} over {} days, ending on each evaluated day", product.name,
                    average ? "average" : "total", product.length),
        fmt::format(
            "SELECT eval_day AS period_start, eval_day AS period_end, FALSE AS partial, {},\n         "
            "count(*) OVER w AS days_in_window\n  FROM {}\n  WINDOW w AS (ORDER BY eval_day ROWS BETWEEN {} "
            "PRECEDING AND CURRENT ROW)",
            sums, days_step, product.length - 1));
  }

  const auto over = [&](const Integer& scale) {
    return window_days == "1" ? scale.str() : fmt::format("{} * {}", scale.str(), window_days);
  };
  const std::pair<std::string, std::string> usage_fraction{"p.usage", over(usage.scale)};
  const auto qlu_fraction = qlu(*product.qlu, usage_fraction, product.name);
  std::string measures = fmt::format("(1, 'usage', p.usage, {}),\n      (2, 'qlu', {}, {})",
                                     usage_fraction.second, qlu_fraction.first, qlu_fraction.second);
  for (std::size_t c = 0; c < product.components.size(); ++c)
    measures +=
        fmt::format(",\n      ({}, {}, p.{}, {})", c + 3, dialect_.string_literal(product.components[c].name),
                    row.aliases[c], over(row.components[c].scale));
  return fmt::format(
      "SELECT {} AS product_place, {} AS product, p.period_start, p.period_end, p.partial,\n         "
      "m.measure_place, m.measure, m.n, m.d\n  FROM {} AS p\n  CROSS JOIN LATERAL (VALUES\n      {}\n  "
      ") AS m(measure_place, measure, n, d)",
      place, dialect_.string_literal(product.name), periods, measures);
}

std::string Writer::statement() {
  std::string results;
  for (std::size_t p = 0; p < plan_.products.size(); ++p)
    results += (p ? "\n  UNION ALL\n  " : "  ") + product_rows(plan_.products[p], p + 1);

  const std::string start = dialect_.date_literal(plan_.start), end = dialect_.date_literal(plan_.end);
  const std::string as_of =
      plan_.as_of ? dialect_.date_literal(*plan_.as_of)
                  : fmt::format("(SELECT coalesce(max({}), {}) FROM {})",
                                dialect_.day_of(std::string(kTimeColumn)), start, target_.table);
  std::string text = fmt::format(
      "-- Usage and QLU per product and period, computed by tally's SQL back end ({}).\n"
      "-- Subscription term {} to {}; {}.\n"
      "-- Each value is numerator / denominator, exactly; see docs/scale-out.md.\n"
      "{}"
      "WITH\n"
      "-- the as-of day and the last day evaluated\n"
      "bounds AS (\n  SELECT as_of, least(as_of, {}) AS last_day FROM (SELECT {} AS as_of) AS given\n),\n"
      "-- the evaluated days\n"
      "days AS (\n  {}\n),\n",
      dialect_.name(), format_date(plan_.start), format_date(plan_.end),
      plan_.as_of ? "as of " + format_date(*plan_.as_of) : std::string("as of the last day in the table"),
      dialect_.preamble(), end, as_of,
      dialect_.day_series(start, "(SELECT last_day FROM bounds)", "eval_day"));
  if (hours_used_)
    text += fmt::format(
        "-- the 24 hours of each evaluated day\n"
        "hours AS (\n  SELECT days.eval_day, eval_hour, {} AS hour_start\n  FROM days CROSS JOIN {}\n),\n",
        dialect_.plus_hours(dialect_.start_of_day("days.eval_day"), "eval_hour"),
        dialect_.integer_series(0, 23, "eval_hour"));
  text += fmt::format("-- the observations as the rules read them\nobservations_read AS (\n  {}\n)",
                      observations_step());
  for (const Step& step : steps_)
    text += fmt::format(",\n-- {}\n{} AS (\n  {}\n)", step.comment, step.name, step.body);
  text += fmt::format(",\n-- every product's periods and measures, as fractions\nmeasures AS (\n{}\n)\n"
                      "SELECT product, period_start, period_end, partial, measure,\n       {} AS numerator, "
                      "{} AS denominator\n"
                      "FROM measures\nCROSS JOIN LATERAL (SELECT {} AS divisor) AS common\n"
                      "ORDER BY product_place, period_start, measure_place;\n",
                      results, dialect_.truncated_quotient("n", "common.divisor"),
                      dialect_.truncated_quotient("d", "common.divisor"), dialect_.gcd("n", "d"));
  return text;
}

std::string compile(const plan::Plan& plan, const Schema& schema, const Dialect& dialect,
                    const Target& target, const SourceRegistry* sources) {
  static const std::regex table_name("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?"),
      column_name("[a-z_][a-z0-9_]*");
  if (!std::regex_match(target.table, table_name))
    throw std::invalid_argument(fmt::format("not a table name: `{}`", target.table));
  for (const Column& column : schema.columns)
    if (column.name == "row_day" || column.name == "eval_day" || column.name == "eval_hour")
      unsupported(column.pos, fmt::format("a column named `{}`, a name the SQL it writes uses", column.name));
  if (target.partition && !std::regex_match(target.partition->first, column_name))
    throw std::invalid_argument(fmt::format("not a column name: `{}`", target.partition->first));
  // From here on, `table` is the text a FROM clause reads: the quoted name
  // and the partition's condition.
  Target quoted = target;
  const auto dot = target.table.find('.');
  quoted.table = dot == std::string::npos ? dialect.identifier(target.table)
                                          : dialect.identifier(target.table.substr(0, dot)) + "." +
                                                dialect.identifier(target.table.substr(dot + 1));
  if (target.partition)
    quoted.table += fmt::format(" WHERE {} = {}", dialect.identifier(target.partition->first),
                                dialect.string_literal(target.partition->second));
  Writer writer(plan, schema, dialect, quoted, sources);
  return writer.statement();
}

} // namespace tally::sql
