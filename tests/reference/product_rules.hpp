// The reference's product catalogue: for each product its method, component
// names, daily measure, how components combine into U(d), and QLU rounding.
#pragma once

#include "tests/reference/measures.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tally::reference {

enum class Averaging { peak, rolling_average, rolling_total };

struct ProductRule {
  std::string name, title;
  Averaging method = Averaging::peak;
  std::vector<std::string> components;
  Components (*measure)(const MeasureContext&, Day) = nullptr;
  Rational (*usage)(const Components&) = nullptr; // U(d) from the day's components
  bool qlu_to_whole_unit = false;                 // QLU rounded half-up to a whole unit
};

const std::vector<ProductRule>& product_rules(); // semantics.md's table order
const ProductRule* find_product_rule(std::string_view name);

std::string_view method_name(Averaging method); // "peak", "rolling average", "rolling total"

} // namespace tally::reference
