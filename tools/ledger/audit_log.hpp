// The audit log: one entry per change and per refusal, never changed or
// removed (triggers in the schema refuse an UPDATE or a DELETE).
#pragma once

#include "tools/ledger/sqlite.hpp"

#include "interpreter/date.hpp"
#include "interpreter/number.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tally::ledger {

struct AuditEntry {
  std::int64_t id = 0; // in the order written; assigned by append_audit
  std::string at;      // UTC: "2026-04-01T09:30:00Z"
  std::string who, action, subscription;
  std::optional<std::string> before, after; // JSON; nullopt: nothing before (a creation) or after (a removal)
  std::string outcome;                      // "done" or "refused"
  std::optional<std::string> reason;        // why it was refused
};

// Within the caller's transaction.
void append_audit(Database& database, const AuditEntry& entry);
std::vector<AuditEntry> read_audit(Database& database, const std::string& subscription);

// The JSON of `before` and `after`. Quantities are strings holding the exact
// decimal, so no reader parses them as floating point.
std::string allocations_json(Day effective, const std::map<std::string, Rational>& allocations);
std::string grantee_json(const std::string& grantee);

} // namespace tally::ledger
