#include "tools/ledger/audit_log.hpp"

#include "tools/ledger/qlu.hpp"
#include "tools/output_text.hpp"

#include <fmt/format.h>

namespace tally::ledger {

void append_audit(Database& database, const AuditEntry& entry) {
  database.run("INSERT INTO audit_log (at, who, action, subscription, before, after, outcome, reason) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
               entry.at, entry.who, entry.action, entry.subscription, entry.before, entry.after,
               entry.outcome, entry.reason);
}

std::vector<AuditEntry> read_audit(Database& database, const std::string& subscription) {
  auto rows = database.prepare("SELECT id, at, who, action, subscription, before, after, outcome, reason "
                               "FROM audit_log WHERE subscription = ?1 ORDER BY id");
  rows.bind(1, subscription);
  std::vector<AuditEntry> entries;
  while (rows.step())
    entries.push_back({rows.integer(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4),
                       rows.optional_text(5), rows.optional_text(6), rows.text(7), rows.optional_text(8)});
  return entries;
}

std::string allocations_json(Day effective, const std::map<std::string, Rational>& allocations) {
  std::string products;
  for (const auto& [product, qlu] : allocations)
    products += fmt::format("{}{}: {}", products.empty() ? "" : ", ", json_string(product),
                            json_string(qlu_text(qlu)));
  return fmt::format(R"({{"effective": "{}", "allocations": {{{}}}}})", format_date(effective), products);
}

std::string grantee_json(const std::string& grantee) {
  return fmt::format(R"({{"grantee": {}}})", json_string(grantee));
}

} // namespace tally::ledger
