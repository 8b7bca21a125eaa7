// Compares two evaluations of one data file (`tally diff --old DIR --new DIR
// --data FILE`): which periods' usage or QLU a change of rules moved, exactly.
#pragma once

#include "interpreter/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tally {

// The pseudo-product under which the reports' totals are compared.
inline constexpr std::string_view kTotalProduct = "Total";

struct PeriodChange {
  std::string product; // or kTotalProduct for Report.totals
  Day start = 0, end = 0;
  // nullopt: the period or the product is absent on that side. Totals have no
  // usage, so both usages of a "Total" change are nullopt.
  std::optional<Rational> old_usage, new_usage, old_qlu, new_qlu;
};

struct ReportDiff {
  std::vector<PeriodChange> changes; // only periods that differ: products in the old report's
                                     // order, then new ones, then Total; periods by (start, end)
  std::size_t periods_compared = 0;  // periods present on either side, totals included
  std::vector<std::string> products_only_old, products_only_new;
  // The sum over products of (new QLU - old QLU) at each product's last
  // period (a side without the product counts 0): what the change does to the
  // latest bill. Totals are not added in.
  Rational qlu_change_at_last_periods;

  bool changed() const {
    return !changes.empty() || !products_only_old.empty() || !products_only_new.empty();
  }
};

ReportDiff diff_reports(const Report& old_report, const Report& new_report);

// Aligned text: one row per change, then the products on one side only and a
// summary line ("2 of 96 periods changed; QLU +1,234.5 at the last period of
// each product", or "no change in 96 periods"). Values as in format_table:
// thousands separators, `~` for a value rounded to 6 places.
std::string diff_table(const ReportDiff& diff);

// One JSON object: periods_compared, changed, products_only_old,
// products_only_new, qlu_change_at_last_periods and changes, each change with
// product, start, end, old_usage, new_usage, usage_change, old_qlu, new_qlu,
// qlu_change as decimal strings (null where absent), plus "rounded": true and
// NAME_exact fractions "p/q" for values with no finite decimal form.
std::string diff_json(const ReportDiff& diff);

// RFC 4180 (CRLF), one row per change. Columns:
// product,start,end,old_usage,new_usage,usage_change,old_qlu,new_qlu,qlu_change,rounded,
// then NAME_exact for each of the six values ("p/q" when rounded, else empty).
// An absent value is an empty field.
std::string diff_csv(const ReportDiff& diff);

} // namespace tally
