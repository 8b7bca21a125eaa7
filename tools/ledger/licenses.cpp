// Patch Management licences (seed 000): a license's settings, which only the
// admin (the primary contact) and super users may change, and who the super
// users are.
#include "tools/ledger/ledger.hpp"

#include "tools/ledger/errors.hpp"
#include "tools/output_text.hpp"

#include <fmt/format.h>

namespace tally::ledger {

namespace {

std::string settings_json(const std::string& license, const LicenseSettings& settings) {
  std::string fields;
  for (const auto& [name, value] : settings)
    fields += fmt::format(", {}: {}", json_string(name), json_string(value));
  return fmt::format(R"({{"license": {}{}}})", json_string(license), fields);
}

std::string role_json(const std::string& grantee, LicenseRole role) {
  return fmt::format(R"({{"user": {}, "role": "{}"}})", json_string(grantee),
                     role == LicenseRole::super_user ? "super user" : "sub-user");
}

LicenseSettings stored_settings(Database& database, std::int64_t subscription_id,
                                const std::string& license) {
  LicenseSettings settings;
  auto rows = database.prepare(
      "SELECT name, value FROM license_settings WHERE subscription_id = ?1 AND license = ?2 ORDER BY name");
  rows.bind_all(subscription_id, license);
  while (rows.step())
    settings.emplace(rows.text(0), rows.text(1));
  return settings;
}

} // namespace

bool Ledger::is_super_user(const Subscription& subscription, const std::string& user) {
  auto row = database_.prepare("SELECT 1 FROM license_super_users s JOIN users u ON u.id = s.user_id "
                               "WHERE s.subscription_id = ?1 AND u.name = ?2");
  row.bind_all(subscription.id, user);
  const bool found = row.step();
  row.run();
  return found;
}

LicenseSettings Ledger::license_settings(const std::string& user, const std::string& subscription,
                                         const std::string& license) {
  require_name(user, "the acting user");
  Transaction transaction(database_, Transaction::Kind::read);
  return stored_settings(database_, find(subscription).id, license);
}

bool Ledger::set_license_settings(const std::string& user, const std::string& subscription,
                                  const std::string& license, const LicenseSettings& changes) {
  require_name(user, "the acting user");
  require_name(license, "the license");
  Transaction transaction(database_, Transaction::Kind::write);
  const auto found = find(subscription);
  const auto before = stored_settings(database_, found.id, license);
  auto after = before;
  for (const auto& [name, value] : changes)
    after[name] = value;
  auto attempt = entry(user, "license settings", subscription);
  attempt.before = settings_json(license, before);
  attempt.after = settings_json(license, after);
  if (user != found.terms.primary_contact && !is_super_user(found, user))
    refuse(transaction, attempt,
           fmt::format("{} may not change the licences of {}: only its admin, {}, and its super users may; "
                       "sub-users may only view them",
                       user, subscription, found.terms.primary_contact));
  if (after == before) return false;
  for (const auto& [name, value] : changes)
    database_.run(
        "INSERT INTO license_settings (subscription_id, license, name, value) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (subscription_id, license, name) DO UPDATE SET value = excluded.value",
        found.id, license, name, value);
  append_audit(database_, attempt);
  transaction.commit();
  return true;
}

bool Ledger::set_license_role(const std::string& user, const std::string& subscription,
                              const std::string& grantee, LicenseRole role) {
  require_name(user, "the acting user");
  require_name(grantee, "the user whose role changes");
  Transaction transaction(database_, Transaction::Kind::write);
  const auto found = find(subscription);
  const bool super_now = is_super_user(found, grantee);
  auto attempt = entry(user, "license role", subscription);
  attempt.before = role_json(grantee, super_now ? LicenseRole::super_user : LicenseRole::sub_user);
  attempt.after = role_json(grantee, role);
  const auto& admin = found.terms.primary_contact;
  if (user != admin)
    refuse(transaction, attempt,
           fmt::format("{} may not name the super users of {}: only its admin, {}, may", user, subscription,
                       admin));
  if (grantee == admin)
    throw InputError(
        fmt::format("{} is the admin of {} and always may change its licences", grantee, subscription));
  if (super_now == (role == LicenseRole::super_user)) return false;
  if (role == LicenseRole::super_user)
    database_.run("INSERT INTO license_super_users (subscription_id, user_id, granted_by, granted_at) "
                  "VALUES (?1, ?2, ?3, ?4)",
                  found.id, user_id(grantee), user, clock_.timestamp());
  else
    database_.run("DELETE FROM license_super_users WHERE subscription_id = ?1 AND user_id = ?2", found.id,
                  user_id(grantee));
  append_audit(database_, attempt);
  transaction.commit();
  return true;
}

} // namespace tally::ledger
