#include "tools/report_format.hpp"
#include "tools/output_text.hpp"
#include "tools/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tally {

namespace {

// ------------------------------------------------------------------ shared

bool any_rounded_component(const PeriodResult& period) {
  return std::any_of(period.components.begin(), period.components.end(),
                     [](const auto& component) { return !has_finite_decimal(component.second); });
}

bool any_rounded(const PeriodResult& period) {
  return !has_finite_decimal(period.usage) || !has_finite_decimal(period.qlu) ||
         any_rounded_component(period);
}

// Component names in first-seen order, added to `names`.
void collect_component_names(const PeriodResult& period, std::vector<std::string>& names) {
  for (const auto& component : period.components)
    if (std::find(names.begin(), names.end(), component.first) == names.end())
      names.push_back(component.first);
}

const Rational* component_value(const PeriodResult& period, std::string_view name) {
  const auto found = std::find_if(period.components.begin(), period.components.end(),
                                  [&](const auto& component) { return component.first == name; });
  return found == period.components.end() ? nullptr : &found->second;
}

// ------------------------------------------------------------------ JSON

std::string json_field(std::string_view key, std::string_view raw_value) {
  return json_string(key) + ": " + std::string(raw_value);
}

std::string json_text_field(std::string_view key, std::string_view text) {
  return json_field(key, json_string(text));
}

std::string json_object(const std::vector<std::string>& fields) {
  std::string object = "{";
  for (std::size_t i = 0; i < fields.size(); ++i)
    object += (i == 0 ? "" : ", ") + fields[i];
  return object + "}";
}

// An array of already-rendered items, one per line at `indent`.
std::string json_array(const std::vector<std::string>& items, std::string_view indent) {
  if (items.empty()) return "[]";
  std::string array = "[\n";
  for (std::size_t i = 0; i < items.size(); ++i)
    array += fmt::format("{}  {}{}\n", indent, items[i], i + 1 < items.size() ? "," : "");
  return array + std::string(indent) + "]";
}

std::string json_period(const PeriodResult& period) {
  const PrintedValue usage = printed(period.usage);
  const PrintedValue qlu = printed(period.qlu);
  std::vector<std::string> components, components_exact;
  for (const auto& [name, value] : period.components) {
    const PrintedValue component = printed(value);
    components.push_back(json_text_field(name, component.text));
    if (component.rounded) components_exact.push_back(json_text_field(name, component.exact));
  }

  std::vector<std::string> fields{
      json_text_field("start", format_date(period.start)),
      json_text_field("end", format_date(period.end)),
      json_field("partial", period.partial ? "true" : "false"),
      json_text_field("usage", usage.text),
      json_text_field("qlu", qlu.text),
      json_field("components", json_object(components)),
  };
  if (any_rounded(period)) fields.push_back(json_field("rounded", "true"));
  if (usage.rounded) fields.push_back(json_text_field("usage_exact", usage.exact));
  if (qlu.rounded) fields.push_back(json_text_field("qlu_exact", qlu.exact));
  if (!components_exact.empty())
    fields.push_back(json_field("components_exact", json_object(components_exact)));
  return json_object(fields);
}

std::string json_total(const TotalPeriod& total) {
  const PrintedValue qlu = printed(total.qlu);
  std::vector<std::string> fields{
      json_text_field("start", format_date(total.start)),
      json_text_field("end", format_date(total.end)),
      json_field("partial", total.partial ? "true" : "false"),
      json_text_field("qlu", qlu.text),
  };
  if (qlu.rounded) {
    fields.push_back(json_field("rounded", "true"));
    fields.push_back(json_text_field("qlu_exact", qlu.exact));
  }
  return json_object(fields);
}

std::string json_product(const ProductResult& product) {
  const PrintedValue ratio = printed(product.ratio);
  std::vector<std::string> periods;
  periods.reserve(product.periods.size());
  for (const PeriodResult& period : product.periods)
    periods.push_back(json_period(period));

  std::string object = "{\n";
  object += "      " + json_text_field("product", product.product) + ",\n";
  object += "      " + json_text_field("title", product.title) + ",\n";
  object += "      " + json_text_field("method", product.method) + ",\n";
  object += "      " + json_text_field("ratio", ratio.text) + ",\n";
  if (ratio.rounded) object += "      " + json_text_field("ratio_exact", ratio.exact) + ",\n";
  object += "      " + json_field("periods", json_array(periods, "      ")) + "\n";
  return object + "    }";
}

// ------------------------------------------------------------------ CSV

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (std::size_t i = 0; i < fields.size(); ++i)
    row += (i == 0 ? "" : ",") + csv_field(fields[i]);
  return row + "\r\n";
}

// ------------------------------------------------------------------ table

Cell number_cell(const Rational& value) {
  const DecimalText decimal = to_decimal_text(value);
  return {group_thousands(decimal.text), decimal.rounded ? '~' : ' '};
}

// Rolling products report a period per day; when there are totals, the table
// shows them on the days the totals are stated, so the blocks line up.
bool single_days(const ProductResult& product) {
  return std::all_of(product.periods.begin(), product.periods.end(),
                     [](const PeriodResult& period) { return period.start == period.end; });
}

std::vector<const PeriodResult*> table_rows(const ProductResult& product,
                                            const std::vector<TotalPeriod>& totals) {
  const bool daily = single_days(product);
  std::vector<const PeriodResult*> rows;
  for (const PeriodResult& period : product.periods)
    if (!daily || totals.empty() || std::any_of(totals.begin(), totals.end(), [&](const TotalPeriod& total) {
          return total.end == period.end;
        }))
      rows.push_back(&period);
  return rows;
}

std::string product_block(const ProductResult& product, const std::vector<const PeriodResult*>& rows) {
  const Cell ratio = number_cell(product.ratio);
  std::string block = product.title.empty() ? product.product : product.product + "  " + product.title;
  block += fmt::format("\n{}, ratio {}{}\n", product.method, ratio.text, ratio.marker == ' ' ? "" : "~");
  if (product.periods.empty()) return block + "(no periods evaluated)\n";

  // Rolling products report one day per period; a second date column would repeat it.
  const bool daily = single_days(product);
  std::vector<TableColumn> columns;
  if (daily) {
    columns.push_back({"day", false, {}});
  } else {
    columns.push_back({"start", false, {}});
    columns.push_back({"end", false, {}});
  }
  columns.push_back({"usage", true, {}});
  columns.push_back({"QLU", true, {}});
  // Only the components of the rows shown: a column of blanks says nothing.
  std::vector<std::string> names;
  for (const PeriodResult* row : rows)
    collect_component_names(*row, names);
  for (const std::string& name : names)
    columns.push_back({name, true, {}});

  for (const PeriodResult* row : rows) {
    const PeriodResult& period = *row;
    std::size_t c = 0;
    if (!daily) columns[c++].cells.push_back({format_date(period.start)});
    columns[c++].cells.push_back({format_date(period.end), period.partial ? '*' : ' '});
    columns[c++].cells.push_back(number_cell(period.usage));
    columns[c++].cells.push_back(number_cell(period.qlu));
    for (const std::string& name : names) {
      const Rational* value = component_value(period, name);
      columns[c++].cells.push_back(value == nullptr ? Cell{} : number_cell(*value));
    }
  }
  return block + "\n" + render_columns(columns);
}

std::string totals_block(const std::vector<TotalPeriod>& totals) {
  std::vector<TableColumn> columns{{"start", false, {}}, {"end", false, {}}, {"QLU", true, {}}};
  for (const TotalPeriod& total : totals) {
    columns[0].cells.push_back({format_date(total.start)});
    columns[1].cells.push_back({format_date(total.end), total.partial ? '*' : ' '});
    columns[2].cells.push_back(number_cell(total.qlu));
  }
  return "Total QLU, all products reported\n\n" + render_columns(columns);
}

constexpr std::size_t kSkippedRowsShown = 20;

std::string skipped_rows_block(const std::vector<BadRow>& skipped) {
  std::string block = fmt::format("Skipped rows: {}\n", group_thousands(std::to_string(skipped.size())));
  for (std::size_t i = 0; i < std::min(skipped.size(), kSkippedRowsShown); ++i)
    block +=
        fmt::format("  line {}, column {}: {}\n", skipped[i].line, skipped[i].column, skipped[i].message);
  if (skipped.size() > kSkippedRowsShown)
    block += fmt::format("  ... and {} more (all are listed in the JSON output)\n",
                         group_thousands(std::to_string(skipped.size() - kSkippedRowsShown)));
  return block;
}

} // namespace

std::string json_provenance(const Provenance& provenance) {
  std::vector<std::string> files;
  for (const auto& file : provenance.rule_files)
    files.push_back(
        json_object({json_text_field("path", file.path), json_text_field("sha256", file.sha256)}));
  std::vector<std::string> settings;
  for (const auto& setting : provenance.settings)
    settings.push_back(json_string(setting));
  const std::vector<std::string> fields{
      json_text_field("engine", provenance.engine), json_text_field("rules_sha256", provenance.rules_sha256),
      json_field("rule_files", json_array(files, "    ")),
      json_field("data", json_object({json_text_field("path", provenance.data.path),
                                      json_text_field("sha256", provenance.data.sha256)})),
      json_field("settings", json_array(settings, "    "))};
  return fmt::format("{{\n    {}\n  }}", fmt::join(fields, ",\n    "));
}

std::string format_json(const Report& report) {
  std::vector<std::string> products;
  products.reserve(report.products.size());
  for (const ProductResult& product : report.products)
    products.push_back(json_product(product));
  std::vector<std::string> skipped;
  skipped.reserve(report.skipped.size());
  for (const BadRow& row : report.skipped)
    skipped.push_back(json_object({json_field("line", std::to_string(row.line)),
                                   json_field("column", std::to_string(row.column)),
                                   json_text_field("message", row.message)}));

  std::vector<std::string> totals;
  for (const TotalPeriod& total : report.totals)
    totals.push_back(json_total(total));

  std::string json = "{\n";
  json += "  " + json_text_field("as_of", format_date(report.as_of)) + ",\n";
  json += "  " + json_text_field("start", format_date(report.start)) + ",\n";
  json += "  " + json_text_field("end", format_date(report.end)) + ",\n";
  json += "  " + json_field("provenance", json_provenance(report.provenance)) + ",\n";
  json += "  " + json_field("products", json_array(products, "  ")) + ",\n";
  json += "  " + json_field("totals", json_array(totals, "  ")) + ",\n";
  json += "  " + json_field("rows_read", std::to_string(report.rows_read)) + ",\n";
  json += "  " + json_field("skipped_rows", json_array(skipped, "  ")) + "\n";
  return json + "}\n";
}

std::string format_csv(const Report& report) {
  std::vector<std::string> names;
  for (const ProductResult& product : report.products)
    for (const PeriodResult& period : product.periods)
      collect_component_names(period, names);
  std::vector<std::string> header{"product", "method", "ratio",   "start",       "end",      "partial",
                                  "usage",   "qlu",    "rounded", "usage_exact", "qlu_exact"};
  for (const std::string& name : names)
    header.push_back("component:" + name);
  // Every row carries what it was computed from, so a row cut out of the file still says.
  const auto& provenance = report.provenance;
  const std::vector<std::string> stated_from{format_date(report.as_of), provenance.engine,
                                             provenance.rules_sha256, provenance.data.sha256};
  header.insert(header.end(), {"as_of", "engine", "rules_sha256", "data_sha256"});

  std::string csv = csv_row(header);
  for (const ProductResult& product : report.products) {
    const std::string ratio = to_decimal_text(product.ratio).text;
    for (const PeriodResult& period : product.periods) {
      const PrintedValue usage = printed(period.usage);
      const PrintedValue qlu = printed(period.qlu);
      std::vector<std::string> row{product.product,
                                   product.method,
                                   ratio,
                                   format_date(period.start),
                                   format_date(period.end),
                                   period.partial ? "true" : "false",
                                   usage.text,
                                   qlu.text,
                                   any_rounded(period) ? "true" : "false",
                                   usage.exact,
                                   qlu.exact};
      for (const std::string& name : names) {
        const Rational* value = component_value(period, name);
        row.push_back(value == nullptr ? std::string{} : printed(*value).text);
      }
      row.insert(row.end(), stated_from.begin(), stated_from.end());
      csv += csv_row(row);
    }
  }
  // Totals: no product, method `total`; the component columns stay empty.
  for (const TotalPeriod& total : report.totals) {
    const PrintedValue qlu = printed(total.qlu);
    std::vector<std::string> row{"",
                                 "total",
                                 "",
                                 format_date(total.start),
                                 format_date(total.end),
                                 total.partial ? "true" : "false",
                                 "",
                                 qlu.text,
                                 qlu.rounded ? "true" : "false",
                                 "",
                                 qlu.exact};
    row.resize(header.size() - stated_from.size());
    row.insert(row.end(), stated_from.begin(), stated_from.end());
    csv += csv_row(row);
  }
  return csv;
}

// What the statement was computed from: enough to recompute it bit for bit.
std::string provenance_block(const Report& report) {
  const auto& provenance = report.provenance;
  std::string block = fmt::format("Computed by {} as of {}\n", provenance.engine, format_date(report.as_of));
  const auto files = provenance.rule_files.size();
  block += fmt::format("  rules  sha256 {} ({} file{}; JSON lists each)\n", provenance.rules_sha256, files,
                       files == 1 ? "" : "s");
  block += fmt::format("  data   sha256 {} {}\n", provenance.data.sha256, provenance.data.path);
  if (!provenance.settings.empty())
    block += fmt::format("  settings given as flags: {}\n", fmt::join(provenance.settings, ", "));
  return block;
}

std::string format_table(const Report& report) {
  std::string table = fmt::format("Term {} to {}, as of {}\nRows read: {}\n", format_date(report.start),
                                  format_date(report.end), format_date(report.as_of),
                                  group_thousands(std::to_string(report.rows_read)));
  bool any_partial = false, any_rounded_value = false, any_day_hidden = false;
  for (const ProductResult& product : report.products) {
    const auto rows = table_rows(product, report.totals);
    table += "\n" + product_block(product, rows);
    any_day_hidden = any_day_hidden || rows.size() < product.periods.size();
    any_rounded_value = any_rounded_value || !has_finite_decimal(product.ratio);
    for (const PeriodResult* period : rows) {
      any_partial = any_partial || period->partial;
      any_rounded_value = any_rounded_value || any_rounded(*period);
    }
  }
  if (!report.totals.empty()) table += "\n" + totals_block(report.totals);
  for (const TotalPeriod& total : report.totals)
    any_rounded_value = any_rounded_value || !has_finite_decimal(total.qlu);
  if (any_partial || any_rounded_value || any_day_hidden) table += "\n";
  if (any_day_hidden)
    table += "Rolling products show the days totals are stated; JSON and CSV have every day.\n";
  if (any_partial) table += "* partial: the interval extends past the as-of day\n";
  if (any_rounded_value)
    table += "~ rounded half-even to 6 places; the exact fractions are in the JSON output\n";
  if (!report.skipped.empty()) table += "\n" + skipped_rows_block(report.skipped);
  return table + "\n" + provenance_block(report);
}

} // namespace tally
