#include "tools/report_diff.hpp"

#include "tools/output_text.hpp"
#include "tools/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace tally {

namespace {

// ------------------------------------------------------------------ comparing

using PeriodKey = std::pair<Day, Day>; // start, end

struct Values {
  std::optional<Rational> usage, qlu;
};

using Periods = std::map<PeriodKey, Values>;

Periods periods_of(const ProductResult* product) {
  Periods periods;
  if (product != nullptr)
    for (const PeriodResult& period : product->periods)
      periods.emplace(PeriodKey{period.start, period.end}, Values{period.usage, period.qlu});
  return periods;
}

Periods periods_of(const std::vector<TotalPeriod>& totals) {
  Periods periods;
  for (const TotalPeriod& total : totals)
    periods.emplace(PeriodKey{total.start, total.end}, Values{std::nullopt, total.qlu});
  return periods;
}

const ProductResult* find_product(const Report& report, std::string_view name) {
  const auto found = std::find_if(report.products.begin(), report.products.end(),
                                  [&](const ProductResult& product) { return product.product == name; });
  return found == report.products.end() ? nullptr : &*found;
}

// The QLU of a side's last period; 0 when the side has no period.
Rational last_qlu(const Periods& periods) {
  if (periods.empty()) return 0;
  const auto& qlu = periods.rbegin()->second.qlu;
  return qlu ? *qlu : Rational(0);
}

void compare(std::string_view name, const Periods& old_periods, const Periods& new_periods,
             ReportDiff& diff) {
  std::vector<PeriodKey> keys;
  for (const auto& entry : old_periods)
    keys.push_back(entry.first);
  for (const auto& entry : new_periods)
    keys.push_back(entry.first);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());

  for (const PeriodKey& key : keys) {
    ++diff.periods_compared;
    const auto old_at = old_periods.find(key);
    const auto new_at = new_periods.find(key);
    const Values absent;
    const Values& old_values = old_at == old_periods.end() ? absent : old_at->second;
    const Values& new_values = new_at == new_periods.end() ? absent : new_at->second;
    // A period on one side only differs: its QLU is absent on the other.
    if (old_values.usage == new_values.usage && old_values.qlu == new_values.qlu) continue;
    diff.changes.push_back({std::string(name), key.first, key.second, old_values.usage, new_values.usage,
                            old_values.qlu, new_values.qlu});
  }
}

// ------------------------------------------------------------------ printing values

std::optional<Rational> difference(const std::optional<Rational>& old_value,
                                   const std::optional<Rational>& new_value) {
  if (!old_value || !new_value) return std::nullopt;
  return *new_value - *old_value;
}

// The six values of a change, in column order.
std::array<std::optional<Rational>, 6> values_of(const PeriodChange& change) {
  return {change.old_usage, change.new_usage, difference(change.old_usage, change.new_usage),
          change.old_qlu,   change.new_qlu,   difference(change.old_qlu, change.new_qlu)};
}

constexpr std::array<std::string_view, 6> kValueNames{"old_usage", "new_usage", "usage_change",
                                                      "old_qlu",   "new_qlu",   "qlu_change"};

// "+1,234.5", "-2", "0": a change for people.
std::string signed_grouped(const Rational& value, bool& rounded) {
  const DecimalText decimal = to_decimal_text(value);
  rounded = decimal.rounded;
  return (value > 0 ? "+" : "") + group_thousands(decimal.text);
}

// ------------------------------------------------------------------ table

Cell value_cell(const std::optional<Rational>& value, bool is_change) {
  if (!value) return {"-"};
  bool rounded = false;
  std::string text;
  if (is_change) {
    text = signed_grouped(*value, rounded);
  } else {
    const DecimalText decimal = to_decimal_text(*value);
    text = group_thousands(decimal.text);
    rounded = decimal.rounded;
  }
  return {std::move(text), rounded ? '~' : ' '};
}

std::string names_list(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names)
    list += (list.empty() ? "" : ", ") + name;
  return list;
}

// ------------------------------------------------------------------ JSON

std::string json_value(const std::optional<Rational>& value) {
  return value ? json_string(printed(*value).text) : "null";
}

std::string json_change(const PeriodChange& change) {
  const auto values = values_of(change);
  std::string object =
      fmt::format("{{\"product\": {}, \"start\": {}, \"end\": {}", json_string(change.product),
                  json_string(format_date(change.start)), json_string(format_date(change.end)));
  bool rounded = false;
  std::string exact;
  for (std::size_t i = 0; i < values.size(); ++i) {
    object += fmt::format(", {}: {}", json_string(kValueNames[i]), json_value(values[i]));
    if (values[i] && !has_finite_decimal(*values[i])) {
      rounded = true;
      exact += fmt::format(", {}: {}", json_string(std::string(kValueNames[i]) + "_exact"),
                           json_string(to_fraction_text(*values[i])));
    }
  }
  if (rounded) object += ", \"rounded\": true" + exact;
  return object + "}";
}

std::string json_names(const std::vector<std::string>& names) {
  std::string array = "[";
  for (std::size_t i = 0; i < names.size(); ++i)
    array += (i == 0 ? "" : ", ") + json_string(names[i]);
  return array + "]";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (std::size_t i = 0; i < fields.size(); ++i)
    row += (i == 0 ? "" : ",") + csv_field(fields[i]);
  return row + "\r\n";
}

} // namespace

ReportDiff diff_reports(const Report& old_report, const Report& new_report) {
  ReportDiff diff;
  std::vector<std::string> names;
  for (const ProductResult& product : old_report.products) {
    if (std::find(names.begin(), names.end(), product.product) != names.end()) continue;
    names.push_back(product.product);
    if (find_product(new_report, product.product) == nullptr)
      diff.products_only_old.push_back(product.product);
  }
  for (const ProductResult& product : new_report.products) {
    if (std::find(names.begin(), names.end(), product.product) != names.end()) continue;
    names.push_back(product.product);
    diff.products_only_new.push_back(product.product);
  }

  diff.qlu_change_at_last_periods = 0;
  for (const std::string& name : names) {
    const Periods old_periods = periods_of(find_product(old_report, name));
    const Periods new_periods = periods_of(find_product(new_report, name));
    compare(name, old_periods, new_periods, diff);
    diff.qlu_change_at_last_periods += last_qlu(new_periods) - last_qlu(old_periods);
  }
  compare(kTotalProduct, periods_of(old_report.totals), periods_of(new_report.totals), diff);
  return diff;
}

std::string diff_table(const ReportDiff& diff) {
  std::string table;
  bool any_rounded = false;
  if (!diff.changes.empty()) {
    std::vector<TableColumn> columns{
        {"product", false, {}},  {"start", false, {}},    {"end", false, {}},
        {"old usage", true, {}}, {"new usage", true, {}}, {"usage change", true, {}},
        {"old QLU", true, {}},   {"new QLU", true, {}},   {"QLU change", true, {}}};
    for (const PeriodChange& change : diff.changes) {
      columns[0].cells.push_back({change.product});
      columns[1].cells.push_back({format_date(change.start)});
      columns[2].cells.push_back({format_date(change.end)});
      const auto values = values_of(change);
      for (std::size_t i = 0; i < values.size(); ++i) {
        Cell cell = value_cell(values[i], i == 2 || i == 5);
        any_rounded = any_rounded || cell.marker == '~';
        columns[3 + i].cells.push_back(std::move(cell));
      }
    }
    table += render_columns(columns) + "\n";
  }
  if (!diff.products_only_old.empty())
    table += fmt::format("Only in the old report: {}\n", names_list(diff.products_only_old));
  if (!diff.products_only_new.empty())
    table += fmt::format("Only in the new report: {}\n", names_list(diff.products_only_new));
  if (!diff.products_only_old.empty() || !diff.products_only_new.empty()) table += "\n";

  const std::string periods =
      fmt::format("{} period{}", group_thousands(std::to_string(diff.periods_compared)),
                  diff.periods_compared == 1 ? "" : "s");
  if (!diff.changed()) return table + fmt::format("no change in {}\n", periods);

  bool last_rounded = false;
  std::string last = "QLU unchanged";
  if (diff.qlu_change_at_last_periods != 0) {
    last = "QLU " + signed_grouped(diff.qlu_change_at_last_periods, last_rounded);
    if (last_rounded) last += '~';
  }
  table += fmt::format("{} of {} changed; {} at the last period of each product\n",
                       group_thousands(std::to_string(diff.changes.size())), periods, last);
  if (any_rounded || last_rounded)
    table += "~ rounded half-even to 6 places; the exact fractions are in the JSON output\n";
  return table;
}

std::string diff_json(const ReportDiff& diff) {
  std::string json = "{\n";
  json += fmt::format("  \"periods_compared\": {},\n", diff.periods_compared);
  json += fmt::format("  \"changed\": {},\n", diff.changed() ? "true" : "false");
  json += fmt::format("  \"products_only_old\": {},\n", json_names(diff.products_only_old));
  json += fmt::format("  \"products_only_new\": {},\n", json_names(diff.products_only_new));
  const PrintedValue last = printed(diff.qlu_change_at_last_periods);
  json += fmt::format("  \"qlu_change_at_last_periods\": {},\n", json_string(last.text));
  if (last.rounded)
    json += fmt::format("  \"qlu_change_at_last_periods_exact\": {},\n", json_string(last.exact));
  json += "  \"changes\": [";
  for (std::size_t i = 0; i < diff.changes.size(); ++i)
    json += (i == 0 ? "\n    " : ",\n    ") + json_change(diff.changes[i]);
  json += diff.changes.empty() ? "]\n" : "\n  ]\n";
  return json + "}\n";
}

std::string diff_csv(const ReportDiff& diff) {
  std::vector<std::string> header{"product", "start", "end"};
  for (std::string_view name : kValueNames)
    header.emplace_back(name);
  header.emplace_back("rounded");
  for (std::string_view name : kValueNames)
    header.push_back(std::string(name) + "_exact");

  std::string csv = csv_row(header);
  for (const PeriodChange& change : diff.changes) {
    std::vector<std::string> row{change.product, format_date(change.start), format_date(change.end)};
    std::vector<std::string> exact;
    bool rounded = false;
    for (const auto& value : values_of(change)) {
      if (!value) {
        row.emplace_back();
        exact.emplace_back();
        continue;
      }
      PrintedValue text = printed(*value);
      rounded = rounded || text.rounded;
      row.push_back(std::move(text.text));
      exact.push_back(std::move(text.exact));
    }
    row.emplace_back(rounded ? "true" : "false");
    row.insert(row.end(), exact.begin(), exact.end());
    csv += csv_row(row);
  }
  return csv;
}

} // namespace tally
