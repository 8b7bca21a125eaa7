// The inline SVG drawings of the HTML report (tools/html_report.hpp): a
// column chart with a step line, and rows of horizontal bars. Geometry is
// exact: coordinates are Rationals until each is printed, rounded half-even
// to a tenth of a pixel, so no floating point comes near the values drawn.
// The numbers shown are the caller's text; every text is escaped here.
#pragma once

#include "interpreter/number.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tally {

// One column: a value and the limit in force for it.
struct ChartColumn {
  Rational value;
  std::optional<Rational> limit; // nullopt: no limit, no line over this column
  std::string tooltip;           // plain text
  bool over() const { return limit && value > *limit; }
};

struct ColumnChart {
  std::string title; // plain text: the drawing's accessible name
  std::vector<ChartColumn> columns;
  std::string first_label, last_label; // under the first and the last column
};

// Columns for the values (class `column`, and `over` past their limit), a
// step line for the limits (class `step`), and a y axis from 0 to axis_top()
// of the largest value or limit with five labelled ticks.
std::string column_chart_svg(const ColumnChart& chart);

// The top of a y axis: the least 1, 2, 2.5 or 5 times a power of ten that
// is at least `largest`; 1 when `largest` is 0. A finite decimal, as are its
// quarters, so every tick prints exactly.
Rational axis_top(const Rational& largest);

struct BarRow {
  std::string label; // plain text
  Rational value;    // at least 0
  std::string shown; // the value as people read it
  std::string id;    // of the element showing `shown`; empty: none
  std::string kind;  // CSS classes of the bar
};

// One horizontal bar per row, on one scale from 0 to the largest value, with
// the label before the bar and the value after it.
std::string bar_rows_svg(const std::vector<BarRow>& rows, std::string_view title);

} // namespace tally
