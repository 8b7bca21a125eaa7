#include "tests/support/compare_reports.hpp"

#include "date.hpp"
#include "number.hpp"

#include <map>

namespace tally::test {

namespace {

// Exact values print as a decimal when they have one, otherwise as p/q.
std::string show(const Rational& value) {
  if (has_finite_decimal(value)) return to_decimal_text(value).text;
  return to_fraction_text(value);
}

std::string show_period(const PeriodResult& period) {
  return format_date(period.start) + ".." + format_date(period.end);
}

void compare_value(const std::string& where, const std::string& what, const Rational& expected,
                   const Rational& actual, std::vector<std::string>& differences) {
  if (expected != actual)
    differences.push_back(where + ": " + what + " expected " + show(expected) + ", actual " + show(actual));
}

void compare_components(const std::string& where, const PeriodResult& expected, const PeriodResult& actual,
                        std::vector<std::string>& differences) {
  auto names = [](const PeriodResult& period) {
    std::string text;
    for (const auto& [name, value] : period.components)
      text += (text.empty() ? "" : ", ") + name;
    return "[" + text + "]";
  };
  if (expected.components.size() != actual.components.size()) {
    differences.push_back(where + ": components expected " + names(expected) + ", actual " + names(actual));
    return;
  }
  for (std::size_t i = 0; i < expected.components.size(); ++i) {
    const auto& [expected_name, expected_value] = expected.components[i];
    const auto& [actual_name, actual_value] = actual.components[i];
    if (expected_name != actual_name) {
      differences.push_back(where + ": components expected " + names(expected) + ", actual " + names(actual));
      return;
    }
    compare_value(where, "component " + expected_name, expected_value, actual_value, differences);
  }
}

void compare_period(const std::string& product, const PeriodResult& expected, const PeriodResult& actual,
                    std::vector<std::string>& differences) {
  std::string where = product + " " + show_period(expected);
  if (expected.start != actual.start || expected.end != actual.end) {
    differences.push_back(where + ": actual period is " + show_period(actual));
    return;
  }
  if (expected.partial != actual.partial)
    differences.push_back(where + ": partial expected " + (expected.partial ? "true" : "false") +
                          ", actual " + (actual.partial ? "true" : "false"));
  compare_value(where, "usage", expected.usage, actual.usage, differences);
  compare_value(where, "qlu", expected.qlu, actual.qlu, differences);
  compare_components(where, expected, actual, differences);
}

void compare_product(const ProductResult& expected, const ProductResult& actual,
                     std::vector<std::string>& differences) {
  const std::string& name = expected.product;
  if (expected.method != actual.method)
    differences.push_back(name + ": method expected `" + expected.method + "`, actual `" + actual.method +
                          "`");
  compare_value(name, "ratio", expected.ratio, actual.ratio, differences);
  if (expected.periods.size() != actual.periods.size())
    differences.push_back(name + ": period count expected " + std::to_string(expected.periods.size()) +
                          ", actual " + std::to_string(actual.periods.size()));
  std::size_t shared = std::min(expected.periods.size(), actual.periods.size());
  for (std::size_t i = 0; i < shared; ++i)
    compare_period(name, expected.periods[i], actual.periods[i], differences);
}

} // namespace

std::vector<std::string> compare_reports(const Report& expected, const Report& actual) {
  std::vector<std::string> differences;
  if (expected.start != actual.start || expected.end != actual.end)
    differences.push_back("term expected " + format_date(expected.start) + ".." + format_date(expected.end) +
                          ", actual " + format_date(actual.start) + ".." + format_date(actual.end));
  if (expected.as_of != actual.as_of)
    differences.push_back("as-of expected " + format_date(expected.as_of) + ", actual " +
                          format_date(actual.as_of));

  std::map<std::string, const ProductResult*> actual_products;
  for (const ProductResult& product : actual.products)
    actual_products[product.product] = &product;
  for (const ProductResult& product : expected.products) {
    auto found = actual_products.find(product.product);
    if (found == actual_products.end()) {
      differences.push_back(product.product + ": missing from the actual report");
      continue;
    }
    compare_product(product, *found->second, differences);
    actual_products.erase(found);
  }
  for (const auto& [name, product] : actual_products)
    differences.push_back(name + ": not expected, but in the actual report");
  return differences;
}

} // namespace tally::test
