// Alerts: a product's usage crossing a threshold of its allocation, found in
// the recorded history once per crossing.
#include "tools/ledger/ledger.hpp"

#include "tools/ledger/errors.hpp"
#include "tools/ledger/qlu.hpp"
#include "tools/ledger/stored.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tally::ledger {

namespace {

std::string thresholds_json(const std::vector<Rational>& percents) {
  std::vector<std::string> texts;
  for (const auto& percent : percents)
    texts.push_back(fmt::format("\"{}\"", qlu_text(percent)));
  return fmt::format(R"({{"thresholds": [{}]}})", fmt::join(texts, ", "));
}

// The allocation of each product from its effective day on, in change order.
struct AllocationStep {
  Day effective;
  Rational qlu;
};

} // namespace

std::vector<Rational> Ledger::stored_thresholds(std::int64_t subscription_id) {
  auto rows = database_.prepare("SELECT percent FROM alert_thresholds WHERE subscription_id = ?1");
  rows.bind(1, subscription_id);
  std::vector<Rational> percents;
  while (rows.step())
    percents.push_back(stored_qlu(database_, rows.text(0)));
  if (percents.empty()) return kDefaultThresholds;
  std::sort(percents.begin(), percents.end());
  return percents;
}

std::vector<Rational> Ledger::thresholds(const std::string& user, const std::string& subscription) {
  Transaction transaction(database_, Transaction::Kind::read);
  return stored_thresholds(managed(transaction, user, subscription, "thresholds", "view the alerts of").id);
}

bool Ledger::set_thresholds(const std::string& user, const std::string& subscription,
                            std::vector<Rational> percents) {
  if (percents.empty()) throw InputError("give at least one threshold");
  for (const auto& percent : percents)
    if (percent <= 0)
      throw InputError(fmt::format("a threshold must be above 0%, not {}%", qlu_text(percent)));
  std::sort(percents.begin(), percents.end());
  percents.erase(std::unique(percents.begin(), percents.end()), percents.end());
  Transaction transaction(database_, Transaction::Kind::write);
  const auto found = managed(transaction, user, subscription, "thresholds", "change the alerts of");
  const auto before = stored_thresholds(found.id);
  if (before == percents) return false;
  database_.run("DELETE FROM alert_thresholds WHERE subscription_id = ?1", found.id);
  for (const auto& percent : percents)
    database_.run("INSERT INTO alert_thresholds (subscription_id, percent) VALUES (?1, ?2)", found.id,
                  qlu_text(percent));
  auto done = entry(user, "thresholds", subscription);
  done.before = thresholds_json(before);
  done.after = thresholds_json(percents);
  append_audit(database_, done);
  transaction.commit();
  return true;
}

std::vector<Alert> Ledger::alerts(const std::string& user, const std::string& subscription) {
  Transaction transaction(database_, Transaction::Kind::read);
  const auto found = managed(transaction, user, subscription, "alerts", "view the alerts of");
  const auto percents = stored_thresholds(found.id);

  std::map<std::string, std::vector<AllocationStep>> steps;
  auto changes =
      database_.prepare("SELECT c.effective_day, h.product, h.qlu_after FROM allocation_changes c "
                        "JOIN allocation_history h ON h.change_id = c.id WHERE c.subscription_id = ?1 "
                        "ORDER BY c.effective_day, c.id");
  changes.bind(1, found.id);
  while (changes.step())
    steps[changes.text(1)].push_back(
        {stored_day(database_, changes.text(0)), stored_qlu(database_, changes.text(2))});
  const auto allocated_on = [&](const std::string& product, Day day) -> std::optional<Rational> {
    std::optional<Rational> in_force;
    for (const auto& step : steps[product])
      if (step.effective <= day) in_force = step.qlu;
    return in_force;
  };

  // Each period as last recorded, in time order per product.
  auto periods = database_.prepare(fmt::format(
      "SELECT {} FROM usage_history h WHERE subscription_id = ?1 AND as_of = (SELECT max(as_of) FROM "
      "usage_history WHERE subscription_id = ?1 AND product = h.product AND period_start = h.period_start "
      "AND period_end = h.period_end) ORDER BY product, period_start",
      kPeriodColumns));
  periods.bind(1, found.id);
  std::vector<Alert> alerts;
  std::string product;
  std::vector<bool> reached; // per threshold: the product's period before reached it
  while (periods.step()) {
    auto period = stored_period(database_, periods);
    if (period.product != product) {
      product = period.product;
      reached.assign(percents.size(), false);
    }
    const auto allocated = allocated_on(product, period.end);
    const Rational share = allocated && *allocated > 0 ? period.qlu.value() * 100 / *allocated : Rational(0);
    for (std::size_t i = 0; i < percents.size(); ++i) {
      const bool now = allocated && *allocated > 0 && share >= percents[i];
      if (now && !reached[i]) alerts.push_back({product, percents[i], period, *allocated});
      reached[i] = now;
    }
  }
  return alerts;
}

} // namespace tally::ledger
