#include "tests/reference/brute_force.hpp"

#include "tests/reference/observation_rows.hpp"
#include "tests/reference/product_rules.hpp"

#include <algorithm>
#include <stdexcept>

namespace tally::reference {

namespace {

constexpr Day kIntervalDays = 15; // Peak: interval i covers S+15i .. S+15i+14
constexpr Day kWindowDays = 90;   // Rolling: W(d) = max(S, d-89) .. d

struct DailyValues {
  Components components;
  Rational usage;
};

Rational qlu_of(const ProductRule& rule, const Rational& usage, const Rational& ratio,
                const ReferenceTerms& terms) {
  if (rule.name == "CSAM" && terms.includes_etm) return 0;
  Rational qlu = usage * ratio;
  if (rule.qlu_to_whole_unit) qlu = round_to(qlu, RoundingMode::half_up, 0);
  return qlu;
}

std::vector<std::pair<std::string, Rational>> named(const ProductRule& rule, const Components& values) {
  std::vector<std::pair<std::string, Rational>> components;
  for (std::size_t i = 0; i < rule.components.size(); ++i)
    components.emplace_back(rule.components[i], values[i]);
  return components;
}

// `daily[k]` holds day S+k, for every evaluated day.
std::vector<PeriodResult> peak_periods(const ProductRule& rule, const std::vector<DailyValues>& daily,
                                       const Rational& ratio, const ReferenceTerms& terms, Day as_of) {
  std::vector<PeriodResult> periods;
  Day last_evaluated = terms.start + static_cast<Day>(daily.size()) - 1;
  for (Day first = terms.start; first <= last_evaluated; first += kIntervalDays) {
    PeriodResult period;
    period.start = first;
    period.end = std::min(first + kIntervalDays - 1, terms.end);
    period.partial = period.end > as_of;
    // The latest day that reaches the peak supplies the components.
    Day peak_day = first;
    for (Day d = first; d <= std::min(period.end, last_evaluated); ++d)
      if (daily[d - terms.start].usage >= daily[peak_day - terms.start].usage) peak_day = d;
    const DailyValues& peak = daily[peak_day - terms.start];
    period.usage = peak.usage;
    period.qlu = qlu_of(rule, period.usage, ratio, terms);
    period.components = named(rule, peak.components);
    periods.push_back(std::move(period));
  }
  return periods;
}

std::vector<PeriodResult> rolling_periods(const ProductRule& rule, const std::vector<DailyValues>& daily,
                                          const Rational& ratio, const ReferenceTerms& terms) {
  std::vector<PeriodResult> periods;
  for (Day d = terms.start; d < terms.start + static_cast<Day>(daily.size()); ++d) {
    Day window_start = std::max(terms.start, d - (kWindowDays - 1));
    Rational usage = 0;
    Components components(rule.components.size(), Rational(0));
    for (Day x = window_start; x <= d; ++x) {
      usage += daily[x - terms.start].usage;
      for (std::size_t i = 0; i < components.size(); ++i)
        components[i] += daily[x - terms.start].components[i];
    }
    if (rule.method == Averaging::rolling_average) {
      Rational window_days = d - window_start + 1;
      usage /= window_days;
      for (Rational& value : components)
        value /= window_days;
    }
    PeriodResult period;
    period.start = period.end = d;
    period.usage = usage;
    period.qlu = qlu_of(rule, usage, ratio, terms);
    period.components = named(rule, components);
    periods.push_back(std::move(period));
  }
  return periods;
}

Day resolve_as_of(const ObservationRows& rows, const ReferenceTerms& terms) {
  if (terms.as_of) return *terms.as_of;
  if (rows.size() == 0) return terms.start;
  Day last = rows.day(0);
  for (Row row = 1; row < rows.size(); ++row)
    last = std::max(last, rows.day(row));
  return last;
}

} // namespace

std::map<std::string, Rational> default_ratios() {
  return {
      {"ETM", 3},
      {"CSAM", 1},
      {"ETM-ID", 1},
      {"VMDR", Rational(3, 2)},
      {"VMDR-MOBILE", Rational(3, 2)},
      {"VMDR-OT", Rational(3, 2)},
      {"EDR", Rational(285, 100)},
      {"ZLINUX", 60},
      {"CSPM", 12},
      {"CWP-AGENT", Rational(3, 2)},
      {"CWP-FLEXSCAN", 3},
      {"CDR", 12},
      {"CS", 45},
      {"CIS", Rational(12, 100)},
      {"SC", 3},
      {"SSPM", Rational(3, 2)},
      {"TAS", 45},
      {"WAS", 45},
      {"PA", Rational(187, 100)},
      {"PAF", Rational(95, 100)},
      {"FIM", 18},
      {"PCI", Rational(3, 2)},
      {"PM", Rational(285, 100)},
      {"ELIM", Rational(57, 10)},
  };
}

std::vector<std::string> all_products() {
  std::vector<std::string> names;
  for (const ProductRule& rule : product_rules())
    names.push_back(rule.name);
  return names;
}

Report evaluate(const Table& table, const Schema& schema, const ReferenceTerms& terms) {
  ObservationRows rows(table, schema);
  Report report;
  report.start = terms.start;
  report.end = terms.end;
  report.as_of = resolve_as_of(rows, terms);
  report.rows_read = table.rows;
  report.skipped = table.skipped;

  Day last_evaluated = std::min(report.as_of, terms.end);
  MeasureContext context{rows, terms.start, terms.purge_rules};
  for (const std::string& name : terms.products) {
    const ProductRule* rule = find_product_rule(name);
    if (!rule) throw std::invalid_argument("the reference does not implement product `" + name + "`");
    auto ratio = terms.ratios.find(name);
    if (ratio == terms.ratios.end()) throw std::invalid_argument("no ratio for product `" + name + "`");

    std::vector<DailyValues> daily;
    for (Day d = terms.start; d <= last_evaluated; ++d) {
      Components components = rule->measure(context, d);
      Rational usage = rule->usage(components);
      daily.push_back({std::move(components), std::move(usage)});
    }

    ProductResult result;
    result.product = rule->name;
    result.title = rule->title;
    result.method = method_name(rule->method);
    result.ratio = ratio->second;
    result.periods = rule->method == Averaging::peak
                         ? peak_periods(*rule, daily, ratio->second, terms, report.as_of)
                         : rolling_periods(*rule, daily, ratio->second, terms);
    report.products.push_back(std::move(result));
  }
  return report;
}

} // namespace tally::reference
