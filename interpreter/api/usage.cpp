// Usage: a report's exact values as text a host can store or print.
#include "api_access.hpp"

namespace tally {

namespace {

Exact exact(const Rational& value) {
  const auto decimal = to_decimal_text(value);
  return {boost::multiprecision::numerator(value).str(), boost::multiprecision::denominator(value).str(),
          decimal.text, !decimal.rounded};
}

PeriodUsage period_usage(const PeriodResult& period) {
  PeriodUsage out{format_date(period.start), format_date(period.end), period.partial,
                  exact(period.usage),       exact(period.qlu),       {}};
  for (const auto& [name, value] : period.components)
    out.components.emplace_back(name, exact(value));
  return out;
}

} // namespace

Usage api_access::Access::usage(Report report) {
  auto state = std::make_shared<Usage::State>();
  for (const auto& product : report.products) {
    ProductUsage out{product.product, product.title, product.method, exact(product.ratio), {}, {}};
    if (product.license_limit) out.license_limit = exact(*product.license_limit);
    for (const auto& period : product.periods)
      out.periods.push_back(period_usage(period));
    state->products.push_back(std::move(out));
  }
  for (const auto& total : report.totals)
    state->totals.push_back(
        {format_date(total.start), format_date(total.end), total.partial, exact(total.qlu)});
  state->report = std::move(report);
  Usage usage;
  usage.state_ = std::move(state);
  return usage;
}

std::string Usage::start() const {
  return format_date(state_->report.start);
}
std::string Usage::end() const {
  return format_date(state_->report.end);
}
std::string Usage::as_of() const {
  return format_date(state_->report.as_of);
}
const std::vector<ProductUsage>& Usage::products() const {
  return state_->products;
}
const std::vector<TotalUsage>& Usage::totals() const {
  return state_->totals;
}
const Provenance& Usage::provenance() const {
  return state_->report.provenance;
}
std::size_t Usage::rows_read() const {
  return state_->report.rows_read;
}

} // namespace tally
