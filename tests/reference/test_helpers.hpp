// Small helpers shared by the reference's own tests.
#pragma once

#include "tests/reference/brute_force.hpp"
#include "tests/reference/row_writer.hpp"
#include "tests/support/contract_schema.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace tally::reference::testing {

inline const Schema& schema() {
  static const Schema contract = test::contract_schema();
  return contract;
}

inline Day day(const char* text) {
  std::optional<Day> parsed = parse_date(text);
  if (!parsed) throw std::logic_error(std::string("bad test date ") + text);
  return *parsed;
}

// A table from rows of named cells.
inline Table table_of(const std::vector<std::vector<test::Cell>>& rows) {
  Table table;
  test::RowWriter writer(schema(), table);
  for (const std::vector<test::Cell>& row : rows)
    writer.append(row);
  return table;
}

inline ReferenceTerms terms_for(std::vector<std::string> products, Day start, std::optional<Day> as_of) {
  ReferenceTerms terms;
  terms.start = start;
  terms.end = default_term_end(start);
  terms.as_of = as_of;
  terms.products = std::move(products);
  return terms;
}

inline const ProductResult& product_in(const Report& report, const std::string& name) {
  for (const ProductResult& product : report.products)
    if (product.product == name) return product;
  throw std::logic_error("no product " + name + " in the report");
}

// The period of `product` that covers `when`.
inline const PeriodResult& period_at(const Report& report, const std::string& name, Day when) {
  for (const PeriodResult& period : product_in(report, name).periods)
    if (period.start <= when && when <= period.end) return period;
  throw std::logic_error("no period of " + name + " covers " + format_date(when));
}

inline Rational component(const PeriodResult& period, const std::string& name) {
  for (const auto& [component_name, value] : period.components)
    if (component_name == name) return value;
  throw std::logic_error("no component " + name);
}

} // namespace tally::reference::testing
