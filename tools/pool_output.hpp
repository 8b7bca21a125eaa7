// What `tally pool` prints: a pool for people, the audit log for machines.
#pragma once

#include "tools/ledger/ledger.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tally {

std::string format_pool(const ledger::PoolView& pool);
// A value that may have no finite decimal form (a rolling average times a
// ratio): "7,552.5", or rounded to 6 places and marked "~99.749333".
std::string shown_exact(const Rational& value);
// A share of an allocation as people read it: "80.8%".
std::string percent_shown(const Rational& percent);
// "over-utilised", "within", "under-utilised", "not allocated", "no usage recorded".
std::string_view band_name(ledger::ProductStatus::Band band);
// Per product: allocated, used at the latest period, remaining, percentage and band.
std::string format_status(const ledger::StatusView& status);
// "80%, 100%"
std::string format_percents(const std::vector<Rational>& percents);
std::string format_alerts(const std::vector<Rational>& thresholds, const std::vector<ledger::Alert>& alerts);
// Changed products, one a line: "  EDR  7,552.5 -> 10,000".
std::string format_changes(const std::vector<ledger::ProductChange>& changes);
std::string format_audit_csv(const std::vector<ledger::AuditEntry>& entries);
std::string format_audit_json(const std::vector<ledger::AuditEntry>& entries);
// Exports: quantities are exact decimals, with the fraction beside a value
// that has no finite decimal form.
std::string format_usage_csv(const std::vector<ledger::RecordedPeriod>& periods);
std::string format_usage_json(const std::vector<ledger::RecordedPeriod>& periods);
std::string format_subscription_csv(const ledger::SubscriptionTerms& terms,
                                    const std::vector<ledger::AllocationRecord>& changes);
std::string format_subscription_json(const ledger::SubscriptionTerms& terms,
                                     const std::vector<ledger::AllocationRecord>& changes);

} // namespace tally
