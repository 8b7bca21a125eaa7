// `tally report --html`: a subscription's ledger as one HTML page a customer
// looks at rather than reads (docs/ledger.md). Self-contained: inline CSS and
// inline SVG, no script, no URL of any kind, so it opens offline and fetches
// nothing. Every number is the ledger's exact value, formatted as `tally
// pool` prints it; each chart has a table of the same numbers beside it.
#pragma once

#include "tools/ledger/ledger.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tally {

// A licence evaluation's consumption: how many assets of the licence's kind
// were counted against its limit, and on which operating systems.
struct HtmlLicenceSection {
  std::string title; // e.g. "Patch Management"
  Day as_of = 0;
  Rational limit, consumed, licensed, unlicensed;      // consumption = consumed / limit, may exceed 100%
  std::vector<std::pair<std::string, Rational>> by_os; // e.g. {"windows", 3}, {"linux", 2}, {"mac", 1}
};

// What the page shows, each part as the ledger's operations return it.
struct HtmlReportInput {
  ledger::PoolView pool;
  ledger::StatusView status;
  // usage_report() and allocation_report() over the 12 months kept on `generated_on`.
  std::vector<ledger::RecordedPeriod> periods;
  std::vector<ledger::AllocationRecord> allocation_changes;
  std::vector<Rational> thresholds;
  std::vector<ledger::Alert> alerts;
  std::optional<HtmlLicenceSection> licences; // nullopt: the page says none was given
  Day generated_on = 0;                       // the ledger clock's today
};

// Everything but the licences, as `user` may see it on `today`; refused
// (and audited) as `tally pool status` is.
HtmlReportInput report_input(ledger::Ledger& book, const std::string& user, const std::string& subscription,
                             Day today);

std::string render_html_report(const HtmlReportInput& input);

} // namespace tally
