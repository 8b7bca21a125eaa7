// Patch Management licence settings in the ledger: only the admin (the
// primary contact) and the super users it names change them; sub-users read.
#include "ledger_fixture.hpp"

#include <catch2/catch.hpp>

namespace {

using namespace ledger_test;
using Catch::Matchers::Contains;

const LicenseSettings kTags{{"included_tags", "prod;web"}, {"excluded_tags", "test"}};

} // namespace

TEST_CASE("the admin stores a license's settings and any user reads them") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  CHECK(ledger.license_settings("carol", "acme-2026", "PM-LICENSES").empty());
  CHECK(ledger.set_license_settings("alice", "acme-2026", "PM-LICENSES", kTags));
  CHECK(ledger.set_license_settings("alice", "acme-2026", "PM-LICENSES", {{"limit", "50"}}));
  const LicenseSettings all{{"excluded_tags", "test"}, {"included_tags", "prod;web"}, {"limit", "50"}};
  CHECK(ledger.license_settings("carol", "acme-2026", "PM-LICENSES") == all);
  const auto audit = audit_entries(fixture.file, "acme-2026");
  REQUIRE(audit.size() == 3);
  CHECK(audit[2].action == "license settings");
  CHECK(*audit[2].before ==
        R"({"license": "PM-LICENSES", "excluded_tags": "test", "included_tags": "prod;web"})");
  CHECK(*audit[2].after ==
        R"({"license": "PM-LICENSES", "excluded_tags": "test", "included_tags": "prod;web", "limit": "50"})");
}

TEST_CASE("storing the same settings again records nothing") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  CHECK(ledger.set_license_settings("alice", "acme-2026", "PM-LICENSES", kTags));
  const auto before = dump(fixture.file);
  CHECK_FALSE(ledger.set_license_settings("alice", "acme-2026", "PM-LICENSES", kTags));
  CHECK(dump(fixture.file) == before);
}

TEST_CASE("a sub-user may not change the tag lists and the refusal is audited") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  // The right over the QFlex allocations is not the right over the licences.
  ledger.grant("alice", "acme-2026", "bob");
  const auto before = ledger.license_settings("bob", "acme-2026", "PM-LICENSES");
  CHECK_THROWS_MATCHES(
      ledger.set_license_settings("bob", "acme-2026", "PM-LICENSES", kTags), Refused,
      Catch::Matchers::Message("bob may not change the licences of acme-2026: only its admin, "
                               "alice, and its super users may; sub-users may only view them"));
  CHECK(ledger.license_settings("bob", "acme-2026", "PM-LICENSES") == before);
  const auto audit = audit_entries(fixture.file, "acme-2026");
  CHECK(audit.back().who == "bob");
  CHECK(audit.back().outcome == "refused");
  CHECK(*audit.back().after ==
        R"({"license": "PM-LICENSES", "excluded_tags": "test", "included_tags": "prod;web"})");
}

TEST_CASE("a super user named by the admin changes the settings until made a sub-user again") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  CHECK(ledger.set_license_role("alice", "acme-2026", "dave", LicenseRole::super_user));
  CHECK_FALSE(ledger.set_license_role("alice", "acme-2026", "dave", LicenseRole::super_user));
  CHECK(ledger.set_license_settings("dave", "acme-2026", "PM-LICENSES", kTags));
  CHECK_THROWS_AS(ledger.set_license_role("dave", "acme-2026", "erin", LicenseRole::super_user), Refused);
  CHECK(ledger.set_license_role("alice", "acme-2026", "dave", LicenseRole::sub_user));
  CHECK_THROWS_AS(ledger.set_license_settings("dave", "acme-2026", "PM-LICENSES", {{"limit", "9"}}), Refused);
  CHECK_THROWS_WITH(ledger.set_license_role("alice", "acme-2026", "alice", LicenseRole::sub_user),
                    Contains("is the admin of acme-2026"));
  const auto audit = audit_entries(fixture.file, "acme-2026");
  CHECK(audit[1].action == "license role");
  CHECK(*audit[1].before == R"({"user": "dave", "role": "sub-user"})");
  CHECK(*audit[1].after == R"({"user": "dave", "role": "super user"})");
}
