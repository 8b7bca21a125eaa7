#include "tools/svg_chart.hpp"

#include "tools/junit_output.hpp"
#include "tools/ledger/qlu.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tally {

namespace {

// A coordinate as SVG reads it: "123.4".
std::string px(const Rational& value) {
  return to_decimal_text(round_to(value, RoundingMode::half_even, 1)).text;
}

// The column chart's frame, in pixels of its viewBox: room on the left for
// the tick labels and below for the first and last labels.
constexpr int kChartWidth = 720, kChartHeight = 240;
constexpr int kPlotLeft = 76, kPlotTop = 12, kPlotWidth = 632, kPlotHeight = 192;
constexpr int kTicks = 4; // intervals: 0, 1/4, 1/2, 3/4 and all of the axis

std::string svg_open(int width, int height, std::string_view title) {
  return fmt::format("<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\"><title>{}</title>\n", width,
                     height, xml_escaped(title), xml_escaped(title));
}

} // namespace

Rational axis_top(const Rational& largest) {
  if (largest <= 0) return 1;
  Rational decade = 1; // the power of ten with decade / 10 < largest <= decade
  while (decade < largest)
    decade *= 10;
  while (decade / 10 >= largest)
    decade /= 10;
  for (const Rational& step : {Rational(1, 5), Rational(1, 4), Rational(1, 2)})
    if (decade * step >= largest) return decade * step;
  return decade;
}

std::string column_chart_svg(const ColumnChart& chart) {
  Rational largest = 0;
  for (const auto& column : chart.columns)
    largest = std::max({largest, column.value, column.limit.value_or(0)});
  const Rational top = axis_top(largest);
  const Rational baseline = kPlotTop + kPlotHeight;
  // `-> Rational`: Boost's arithmetic yields expression templates that hold
  // references, which an `auto` result would carry out of the lambda.
  const auto y_of = [&](const Rational& value) -> Rational { return baseline - value * kPlotHeight / top; };

  std::string out = svg_open(kChartWidth, kChartHeight, chart.title);
  for (int tick = 0; tick <= kTicks; ++tick) {
    const Rational value = top * tick / kTicks;
    const auto y = px(y_of(value));
    out += fmt::format("<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>"
                       "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\" dy=\"0.35em\">{}</text>\n",
                       kPlotLeft, y, kPlotLeft + kPlotWidth, y, kPlotLeft - 6, y, ledger::qlu_shown(value));
  }

  const auto count = static_cast<long>(std::max<std::size_t>(chart.columns.size(), 1));
  const Rational slot = Rational(kPlotWidth) / count;
  const auto slot_start = [&](std::size_t i) -> Rational { return kPlotLeft + slot * static_cast<long>(i); };
  std::string step_line; // the limits: "M x y H x" per run of columns with one, "V y H x" between them
  for (std::size_t i = 0; i < chart.columns.size(); ++i) {
    const auto& column = chart.columns[i];
    const Rational height = column.value * kPlotHeight / top;
    out +=
        fmt::format("<rect class=\"column{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title>"
                    "</rect>\n",
                    column.over() ? " over" : "", px(slot_start(i) + slot / 10), px(baseline - height),
                    px(slot * 4 / 5), px(height), xml_escaped(column.tooltip));
    if (!column.limit) continue;
    const bool continues = i > 0 && chart.columns[i - 1].limit;
    step_line += fmt::format("{}{}H{}", continues ? "V" : (step_line.empty() ? "M" : " M"),
                             continues ? px(y_of(*column.limit))
                                       : fmt::format("{} {}", px(slot_start(i)), px(y_of(*column.limit))),
                             px(slot_start(i + 1)));
  }
  if (!step_line.empty()) out += fmt::format("<path class=\"step\" d=\"{}\"/>\n", step_line);

  const auto labels_y = kPlotTop + kPlotHeight + 20;
  out += fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", kPlotLeft,
                     px(baseline), kPlotLeft + kPlotWidth, px(baseline));
  out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\">{}</text>"
                     "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
                     kPlotLeft, labels_y, xml_escaped(chart.first_label), kPlotLeft + kPlotWidth, labels_y,
                     xml_escaped(chart.last_label));
  return out + "</svg>\n";
}

std::string bar_rows_svg(const std::vector<BarRow>& rows, std::string_view title) {
  // Labels take the first 168 pixels, values the last 160; bars run between.
  constexpr int kWidth = 720, kRowHeight = 32, kBarLeft = 168, kBarWidth = 392, kBarHeight = 20;
  Rational largest = 0;
  for (const auto& row : rows)
    largest = std::max(largest, row.value);
  const int height = static_cast<int>(rows.size()) * kRowHeight + 8;
  std::string out = svg_open(kWidth, height, title);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const int top = static_cast<int>(i) * kRowHeight + 8;
    Rational width = 0;
    if (largest > 0) width = row.value * kBarWidth / largest;
    const int middle = top + kBarHeight / 2;
    out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\" dy=\"0.35em\">{}</text>"
                       "<rect class=\"track\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
                       "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
                       "<text class=\"value\"{} x=\"{}\" y=\"{}\" dy=\"0.35em\">{}</text>\n",
                       kBarLeft - 8, middle, xml_escaped(row.label), kBarLeft, top, kBarWidth, kBarHeight,
                       xml_escaped(row.kind), kBarLeft, top, px(width), kBarHeight,
                       row.id.empty() ? std::string() : fmt::format(" id=\"{}\"", xml_escaped(row.id)),
                       kBarLeft + kBarWidth + 8, middle, xml_escaped(row.shown));
  }
  return out + "</svg>\n";
}

} // namespace tally
