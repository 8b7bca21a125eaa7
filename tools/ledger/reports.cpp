// Exports of the 12 months kept (usage, allocations, audit) and the pruning
// of the usage history older than that.
#include "tools/ledger/ledger.hpp"

#include "tools/ledger/errors.hpp"
#include "tools/ledger/stored.hpp"

#include <fmt/format.h>

namespace tally::ledger {

Day oldest_kept_day(Day today) {
  const std::string text = format_date(today);
  const int year = std::stoi(text.substr(0, 4)) - 1;
  auto same_date = parse_date(fmt::format("{:04}{}", year, text.substr(4)));
  if (!same_date) same_date = parse_date(fmt::format("{:04}-02-28", year)); // from a 29 February
  return *same_date + 1;
}

void Ledger::require_kept_range(Day from, Day to) const {
  const Day today = clock_.today(), oldest = oldest_kept_day(today);
  if (to < from)
    throw InputError(
        fmt::format("the range ends ({}) before it starts ({})", format_date(to), format_date(from)));
  if (from < oldest || to > today)
    throw InputError(fmt::format("reports cover the 12 months kept, {} .. {}; not {} .. {}",
                                 format_date(oldest), format_date(today), format_date(from),
                                 format_date(to)));
}

std::vector<RecordedPeriod> Ledger::usage_report(const std::string& user, const std::string& subscription,
                                                 Day from, Day to) {
  require_kept_range(from, to);
  Transaction transaction(database_, Transaction::Kind::read);
  const auto found = managed(transaction, user, subscription, "export", "export the reports of");
  auto rows = database_.prepare(fmt::format(
      "SELECT {}, as_of, rules_sha256, data_sha256 FROM usage_history h WHERE subscription_id = ?1 "
      "AND period_end >= ?2 AND period_start <= ?3 AND as_of = (SELECT max(as_of) FROM usage_history "
      "WHERE subscription_id = ?1 AND product = h.product AND period_start = h.period_start AND "
      "period_end = h.period_end) ORDER BY product, period_start",
      kPeriodColumns));
  rows.bind_all(found.id, format_date(from), format_date(to));
  std::vector<RecordedPeriod> periods;
  while (rows.step())
    periods.push_back(
        {stored_period(database_, rows), stored_day(database_, rows.text(10)), rows.text(11), rows.text(12)});
  return periods;
}

std::vector<AllocationRecord> Ledger::allocation_report(const std::string& user,
                                                        const std::string& subscription, Day from, Day to) {
  require_kept_range(from, to);
  Transaction transaction(database_, Transaction::Kind::read);
  const auto found = managed(transaction, user, subscription, "export", "export the reports of");
  auto rows = database_.prepare(
      "SELECT c.effective_day, c.kind, h.product, h.qlu_before, h.qlu_after, c.made_by FROM "
      "allocation_changes c "
      "JOIN allocation_history h ON h.change_id = c.id WHERE c.subscription_id = ?1 AND c.effective_day "
      "BETWEEN ?2 AND ?3 ORDER BY c.effective_day, c.id, h.product");
  rows.bind_all(found.id, format_date(from), format_date(to));
  std::vector<AllocationRecord> records;
  while (rows.step()) {
    AllocationRecord record{stored_day(database_, rows.text(0)), rows.text(1), rows.text(2), std::nullopt,
                            stored_qlu(database_, rows.text(4)), rows.text(5)};
    if (!rows.is_null(3)) record.before = stored_qlu(database_, rows.text(3));
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<AuditEntry> Ledger::audit_report(const std::string& user, const std::string& subscription,
                                             Day from, Day to) {
  require_kept_range(from, to);
  Transaction transaction(database_, Transaction::Kind::read);
  managed(transaction, user, subscription, "export", "export the reports of");
  std::vector<AuditEntry> entries;
  for (auto& entry : read_audit(database_, subscription)) {
    const auto day = parse_date(std::string_view(entry.at).substr(0, 10));
    if (day && *day >= from && *day <= to) entries.push_back(std::move(entry));
  }
  return entries;
}

std::size_t Ledger::prune(const std::string& user, const std::string& subscription) {
  Transaction transaction(database_, Transaction::Kind::write);
  const auto found = managed(transaction, user, subscription, "prune", "prune the history of");
  const Day oldest = oldest_kept_day(clock_.today());
  auto removed = database_.prepare(
      "DELETE FROM usage_history WHERE subscription_id = ?1 AND period_end < ?2 RETURNING id");
  removed.bind_all(found.id, format_date(oldest));
  std::size_t count = 0;
  while (removed.step())
    ++count;
  if (count == 0) return 0;
  auto done = entry(user, "prune", subscription);
  done.after = fmt::format(R"({{"removed_periods": {}, "kept_from": "{}"}})", count, format_date(oldest));
  append_audit(database_, done);
  transaction.commit();
  return count;
}

} // namespace tally::ledger
