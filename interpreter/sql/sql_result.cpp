#include "sql/sql_result.hpp"

#include "evaluator.hpp"
#include "sql/sql_compiler.hpp"
#include "totals.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace tally::sql {

namespace {

class RowReader {
public:
  RowReader(const ResultRow& row, std::size_t number) : row_(row), number_(number) {
    if (row.size() != kResultColumns.size())
      fail(fmt::format("{} columns, not {}", row.size(), kResultColumns.size()));
  }

  const std::string& text(std::size_t column) const {
    if (!row_[column]) fail(fmt::format("`{}` is NULL", kResultColumns[column]));
    return *row_[column];
  }
  Day date(std::size_t column) const {
    const auto day = parse_date(text(column));
    if (!day) fail(fmt::format("`{}` is not a date: {}", kResultColumns[column], text(column)));
    return *day;
  }
  Integer integer(std::size_t column) const {
    const std::string& digits = text(column);
    const bool valid = !digits.empty() && digits.find_first_not_of("-0123456789") == std::string::npos &&
                       digits.find('-', 1) == std::string::npos;
    if (!valid) fail(fmt::format("`{}` is not a whole number: {}", kResultColumns[column], digits));
    return Integer(digits);
  }
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error(
        fmt::format("the database's result row {} is not one tally wrote: {}", number_, why));
  }

private:
  const ResultRow& row_;
  std::size_t number_;
};

} // namespace

Report report_from_rows(const plan::Plan& plan, Day as_of, const std::vector<ResultRow>& rows) {
  Report report;
  report.start = plan.start;
  report.end = plan.end;
  report.as_of = as_of;
  for (const plan::ProductPlan& product : plan.products)
    report.products.push_back(product_result(product));
  for (std::size_t number = 1; number <= rows.size(); ++number) {
    const RowReader row(rows[number - 1], number);
    const std::string& name = row.text(0);
    std::size_t p = 0;
    while (p < plan.products.size() && plan.products[p].name != name)
      ++p;
    if (p == plan.products.size()) row.fail(fmt::format("no product `{}` in the rules", name));
    auto& periods = report.products[p].periods;
    const Day start = row.date(1), end = row.date(2);
    if (periods.empty() || periods.back().start != start) {
      PeriodResult period;
      period.start = start;
      period.end = end;
      period.partial = row.text(3) == "t" || row.text(3) == "true";
      periods.push_back(std::move(period));
    }
    const Integer denominator = row.integer(6);
    if (denominator <= 0) row.fail("a denominator not above zero");
    const Rational value(row.integer(5), denominator);
    const std::string& measure = row.text(4);
    if (measure == "usage")
      periods.back().usage = value;
    else if (measure == "qlu")
      periods.back().qlu = value;
    else
      periods.back().components.emplace_back(measure, value);
  }
  for (std::size_t p = 0; p < plan.products.size(); ++p)
    for (const PeriodResult& period : report.products[p].periods)
      if (period.components.size() != plan.products[p].components.size())
        throw std::runtime_error(fmt::format("the database's result lacks components of product `{}` on {}",
                                             plan.products[p].name, format_date(period.start)));
  report.totals = total_qlu(report);
  return report;
}

} // namespace tally::sql
