// What `tally pool` prints: a pool for people, the audit log for machines.
#pragma once

#include "tools/ledger/ledger.hpp"

#include <string>
#include <vector>

namespace tally {

std::string format_pool(const ledger::PoolView& pool);
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
