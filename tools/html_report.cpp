#include "tools/html_report.hpp"

#include "tools/junit_output.hpp"
#include "tools/ledger/qlu.hpp"
#include "tools/pool_output.hpp"
#include "tools/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace tally {

namespace {

using ledger::qlu_shown;

// Names come from the command line and the rules: any text, escaped alike in
// element text and attribute values (HTML reads XML's five entities too).
std::string escaped(std::string_view text) {
  return xml_escaped(text);
}

std::string period_text(const ledger::PeriodUsage& period) {
  return fmt::format("{} .. {}{}", format_date(period.start), format_date(period.end),
                     period.partial ? " (partial)" : "");
}

// QLU as a share of an allocation, "-" without one (or with one of 0).
std::string share_text(const Rational& qlu, const std::optional<Rational>& allocated) {
  if (!allocated || *allocated == 0) return "-";
  return percent_shown(qlu * 100 / *allocated);
}

// The allocation of a product in force on a day of the 12 months kept, from
// the changes effective in those months (allocation_report(), in effective
// order) and the allocations as last changed. Before its first change in
// those months a product had what that change found; a product no change in
// them touched has had its present allocation all along. The changes
// reported end today, so a change planned for a later day is missed: a
// partial period ending after it is held against the allocation before it,
// and a product it touches that nothing else changed in the 12 months shows
// the planned allocation throughout.
class AllocationInForce {
public:
  AllocationInForce(const std::vector<ledger::AllocationRecord>& changes, const ledger::Allocations& present)
      : changes_(changes), present_(present) {}

  std::optional<Rational> on(const std::string& product, Day day) const {
    const ledger::AllocationRecord* first = nullptr;
    const ledger::AllocationRecord* latest = nullptr;
    for (const auto& change : changes_) {
      if (change.product != product) continue;
      if (!first) first = &change;
      if (change.effective <= day) latest = &change;
    }
    if (latest) return latest->after;
    if (first) return first->before;
    const auto found = present_.find(product);
    if (found == present_.end()) return std::nullopt;
    return found->second;
  }

private:
  const std::vector<ledger::AllocationRecord>& changes_;
  const ledger::Allocations& present_;
};

constexpr std::string_view kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #fff;
       max-width: 960px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 12px; }
h2 { font-size: 1.25em; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d9e2ec; }
h3 { font-size: 1.05em; margin: 28px 0 4px; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 0; }
.facts dt { color: #627d98; font-size: .85em; }
.facts dd { margin: 0; font-weight: 600; }
svg { display: block; width: 100%; height: auto; }
svg text { font-size: 12px; fill: #334e68; }
.grid { stroke: #e4e7eb; }
.axis { stroke: #9aa5b1; }
.column { fill: #4098d7; }
.step { fill: none; stroke: #243b53; stroke-width: 2; }
.track { fill: #f0f4f8; }
.bar.purchased { fill: #9fb3c8; }
.bar.allocated { fill: #627d98; }
.bar.used { fill: #4098d7; }
.bar.limit { fill: #9fb3c8; }
.bar.consumed, .bar.os { fill: #8d6cd6; }
.column.over, .bar.over { fill: #d64545; }
.band { font-size: .75em; font-weight: 600; padding: 2px 8px; border-radius: 10px; background: #e4e7eb;
        vertical-align: middle; }
.band.over-utilised { background: #facdcd; color: #8a1c1c; }
.band.within { background: #c1eac5; color: #0e5814; }
.band.under-utilised { background: #fce588; color: #5c4813; }
.legend { font-size: .85em; color: #627d98; margin: 4px 0; }
.key { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; }
.key.used { background: #4098d7; }
.key.over { background: #d64545; }
.key.step { height: 2px; background: #243b53; }
table { border-collapse: collapse; font-size: .9em; margin: 8px 0; }
th, td { padding: 4px 12px; border-bottom: 1px solid #e4e7eb; text-align: left; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
summary { cursor: pointer; color: #334e68; font-size: .9em; }
footer { margin-top: 40px; font-size: .8em; color: #829ab1; }
)";

std::string header(const HtmlReportInput& input) {
  const auto& terms = input.pool.terms;
  const auto fact = [](std::string_view name, std::string_view id, const std::string& value) {
    return fmt::format("<div><dt>{}</dt><dd id=\"{}\">{}</dd></div>", name, id, escaped(value));
  };
  return fmt::format(
      "<header>\n<h1>QFlex report: <span id=\"subscription\">{}</span></h1>\n"
      "<dl class=\"facts\">{}{}{}{}{}</dl>\n</header>\n",
      escaped(terms.name),
      fact("term", "term", fmt::format("{} .. {}", format_date(terms.start), format_date(terms.end))),
      fact("primary contact", "contact", terms.primary_contact),
      fact("usage as of", "as-of",
           input.status.as_of ? format_date(*input.status.as_of) : std::string("no usage recorded yet")),
      fact("generated on", "generated-on", format_date(input.generated_on)),
      fact("history kept", "kept",
           fmt::format("{} .. {}", format_date(ledger::oldest_kept_day(input.generated_on)),
                       format_date(input.generated_on))));
}

// Purchased, allocated, and used: the sum of each product's QLU in its
// latest period, marked past the QLU purchased.
std::string pool_section(const HtmlReportInput& input) {
  const auto& pool = input.pool;
  const Rational& purchased = pool.terms.purchased;
  const Rational allocated = pool.allocated();
  Rational used = 0;
  for (const auto& product : input.status.products)
    used += product.used();
  const std::vector<BarRow> rows{
      {"purchased", purchased, qlu_shown(purchased), "gauge-purchased", "bar purchased"},
      {"allocated", allocated, qlu_shown(allocated), "gauge-allocated", "bar allocated"},
      {"used", used, shown_exact(used), "gauge-used", used > purchased ? "bar used over" : "bar used"}};
  std::string out =
      "<section id=\"pool\">\n<h2>The pool</h2>\n" +
      bar_rows_svg(rows, "the pool: QLU purchased, allocated and used") +
      fmt::format("<p><span id=\"available\">{}</span> QLU available (purchased less allocated). "
                  "Used is the sum of each product's QLU in its latest period.</p>\n",
                  qlu_shown(pool.available()));
  if (pool.last_change)
    out += fmt::format("<p>Allocations effective {} ({}); next rebalance possible from {}.</p>\n",
                       format_date(pool.last_change->effective),
                       pool.last_change->kind == "allocate" ? "the first allocation" : "a rebalance",
                       format_date(*pool.next_rebalance()));
  else
    out += "<p>Nothing allocated yet.</p>\n";
  return out + "</section>\n";
}

// "over-utilised" -> class "band over-utilised".
std::string band_badge(ledger::ProductStatus::Band band) {
  std::string css(band_name(band));
  std::replace(css.begin(), css.end(), ' ', '-');
  return fmt::format(" <span class=\"band {}\">{}</span>", css, band_name(band));
}

// The product's line of `tally pool status`.
std::string latest_line(const ledger::ProductStatus* status) {
  if (!status || !status->latest) return "<p class=\"latest\">no usage recorded</p>\n";
  std::string out =
      fmt::format("<p class=\"latest\">latest period {}: <strong class=\"latest-used\">{}</strong> QLU used",
                  period_text(*status->latest), shown_exact(status->used()));
  if (!status->allocated) return out + ", not allocated</p>\n";
  return out +
         fmt::format(" of <span class=\"latest-allocated\">{}</span> allocated "
                     "(<span class=\"latest-share\">{}</span>), <span class=\"latest-remaining\">{}</span> "
                     "remaining</p>\n",
                     qlu_shown(*status->allocated), share_text(status->used(), status->allocated),
                     shown_exact(status->remaining()));
}

// The keys of what a product's chart shows.
std::string legend(const std::vector<ChartColumn>& columns) {
  std::string out = "<p class=\"legend\"><span class=\"key used\"></span>QLU in the period";
  if (std::any_of(columns.begin(), columns.end(), [](const auto& column) { return column.over(); }))
    out += "<span class=\"key over\"></span>past its allocation";
  if (std::any_of(columns.begin(), columns.end(),
                  [](const auto& column) { return column.limit.has_value(); }))
    out += "<span class=\"key step\"></span>allocation in force on the period's last day";
  return out + "</p>\n";
}

std::string product_section(const std::string& product, const ledger::ProductStatus* status,
                            const std::vector<const ledger::PeriodUsage*>& periods,
                            const AllocationInForce& allocation) {
  std::string out =
      fmt::format("<section class=\"product\" data-product=\"{}\">\n<h3>{}{}</h3>\n", escaped(product),
                  escaped(product), status ? band_badge(status->band()) : std::string());
  out += latest_line(status);
  if (periods.empty()) return out + "<p>no usage recorded in the 12 months kept</p>\n</section>\n";

  ColumnChart chart{fmt::format("QLU of {} per period, against its allocation", product),
                    {},
                    format_date(periods.front()->start),
                    format_date(periods.back()->end)};
  std::string rows;
  for (const auto* period : periods) {
    const Rational qlu = period->qlu.value();
    const auto allocated = allocation.on(product, period->end);
    const auto limit_text = allocated ? qlu_shown(*allocated) : std::string("-");
    chart.columns.push_back({qlu, allocated,
                             fmt::format("{}: {} QLU, {} allocated", period_text(*period), shown_exact(qlu),
                                         allocated ? limit_text : std::string("none"))});
    rows += fmt::format("<tr><td>{}</td><td class=\"num qlu\">{}</td><td class=\"num allocation\">{}</td>"
                        "<td class=\"num share\">{}</td></tr>\n",
                        period_text(*period), shown_exact(qlu), limit_text, share_text(qlu, allocated));
  }
  return out + column_chart_svg(chart) + legend(chart.columns) +
         fmt::format(
             "<details><summary>QLU per period ({} periods)</summary>\n<table class=\"periods\"><thead>"
             "<tr><th>period</th><th class=\"num\">QLU</th><th class=\"num\">allocation</th>"
             "<th class=\"num\">% of allocation</th></tr></thead><tbody>\n{}</tbody></table></details>\n"
             "</section>\n",
             periods.size(), rows);
}

// Every product allocated or recorded, by name.
std::string products_section(const HtmlReportInput& input) {
  std::map<std::string, std::vector<const ledger::PeriodUsage*>> history;
  for (const auto& recorded : input.periods)
    history[recorded.period.product].push_back(&recorded.period);
  std::map<std::string, const ledger::ProductStatus*> statuses;
  for (const auto& product : input.status.products) {
    statuses[product.product] = &product;
    history[product.product]; // allocated, with no usage in the months kept
  }
  const AllocationInForce allocation(input.allocation_changes, input.pool.allocations);
  std::string out = "<section id=\"products\">\n<h2>Usage per product</h2>\n";
  if (history.empty()) out += "<p>Nothing allocated or recorded yet.</p>\n";
  for (auto& [product, periods] : history) {
    std::sort(periods.begin(), periods.end(), [](const auto* a, const auto* b) {
      return std::pair(a->start, a->end) < std::pair(b->start, b->end);
    });
    const auto status = statuses.find(product);
    out += product_section(product, status == statuses.end() ? nullptr : status->second, periods, allocation);
  }
  return out + "</section>\n";
}

std::string alerts_section(const HtmlReportInput& input) {
  std::string out =
      fmt::format("<section id=\"alerts\">\n<h2>Alerts</h2>\n<p>Thresholds: <span id=\"thresholds\">{}"
                  "</span> of each allocation. A period raises an alert when its QLU reach a "
                  "threshold that the period before did not.</p>\n",
                  format_percents(input.thresholds));
  if (input.alerts.empty())
    return out +
           "<p id=\"no-alerts\">No product has crossed a threshold of its allocation.</p>\n</section>\n";
  out +=
      "<table id=\"alert-table\"><thead><tr><th>product</th><th class=\"num\">threshold</th><th>period</th>"
      "<th class=\"num\">used</th><th class=\"num\">allocated</th><th class=\"num\">used %</th></tr></thead>"
      "<tbody>\n";
  for (const auto& alert : input.alerts)
    out += fmt::format(
        "<tr class=\"alert\"><td>{}</td><td class=\"num\">{}%</td><td>{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        escaped(alert.product), ledger::qlu_text(alert.threshold), period_text(alert.period),
        shown_exact(alert.period.qlu.value()), qlu_shown(alert.allocated), percent_shown(alert.percent()));
  return out + "</tbody></table>\n</section>\n";
}

std::string licence_section(const std::optional<HtmlLicenceSection>& licences) {
  std::string out = "<section id=\"licences\">\n<h2>Licence consumption</h2>\n";
  if (!licences) return out + "<p id=\"no-licences\">No licence evaluation given.</p>\n</section>\n";
  const auto& licence = *licences;
  const auto consumption = share_text(licence.consumed, licence.limit);
  out += fmt::format(
      "<h3 id=\"licence-title\">{}</h3>\n<p>As of {}, <strong id=\"licence-consumption\">{}</strong> "
      "of the limit consumed.</p>\n",
      escaped(licence.title), format_date(licence.as_of), consumption);
  out += bar_rows_svg({{"limit", licence.limit, shown_exact(licence.limit), "licence-limit", "bar limit"},
                       {"consumed", licence.consumed, shown_exact(licence.consumed), "licence-consumed",
                        licence.consumed > licence.limit ? "bar consumed over" : "bar consumed"}},
                      fmt::format("{}: consumed against the limit", licence.title));
  out += fmt::format("<table class=\"licence-counts\"><tbody><tr><th>licensed</th><td class=\"num\" "
                     "id=\"licence-licensed\">{}</td></tr><tr><th>unlicensed</th><td class=\"num\" "
                     "id=\"licence-unlicensed\">{}</td></tr></tbody></table>\n",
                     shown_exact(licence.licensed), shown_exact(licence.unlicensed));
  if (licence.by_os.empty()) return out + "<p>No consumption by operating system given.</p>\n</section>\n";
  std::vector<BarRow> rows;
  for (const auto& [os, count] : licence.by_os)
    rows.push_back({os, count, shown_exact(count), "licence-os-" + os, "bar os"});
  return out + "<h4>By operating system</h4>\n" +
         bar_rows_svg(rows, fmt::format("{}: consumed by operating system", licence.title)) + "</section>\n";
}

} // namespace

HtmlReportInput report_input(ledger::Ledger& book, const std::string& user, const std::string& subscription,
                             Day today) {
  HtmlReportInput input;
  // First, so a user without the right is refused as by `tally pool status`;
  // the operations after need the same right.
  input.status = book.status(user, subscription);
  input.pool = book.show(user, subscription);
  const Day oldest = ledger::oldest_kept_day(today);
  input.periods = book.usage_report(user, subscription, oldest, today);
  input.allocation_changes = book.allocation_report(user, subscription, oldest, today);
  input.thresholds = book.thresholds(user, subscription);
  input.alerts = book.alerts(user, subscription);
  input.generated_on = today;
  return input;
}

std::string render_html_report(const HtmlReportInput& input) {
  const auto& name = input.pool.terms.name;
  return fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     // Nothing may be fetched, whatever the page holds: its style is inline.
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "style-src 'unsafe-inline'\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>QFlex report: {}</title>\n<style>{}</style>\n</head>\n<body>\n{}{}{}{}{}"
                     "<footer>Every quantity is the ledger's exact value; ~ marks one with no finite decimal "
                     "form, rounded to 6 places.</footer>\n</body>\n</html>\n",
                     escaped(name), kStyle, header(input), pool_section(input), products_section(input),
                     alerts_section(input), licence_section(input.licences));
}

} // namespace tally
