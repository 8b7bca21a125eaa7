// Subscriptions and the right to view and change their allocations: who may
// do what, the refusals (each audited), and bad terms.
#include "ledger_fixture.hpp"

#include <catch2/catch.hpp>

namespace {

using namespace ledger_test;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;

TEST_CASE("a new subscription has its pool and its primary contact") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  const auto pool = ledger.show("alice", "acme-2026");
  CHECK(pool.terms == fixture.acme());
  CHECK(pool.granted.empty());
  CHECK(pool.allocations.empty());
  CHECK_FALSE(pool.last_change);
  CHECK(pool.available() == qlu("100000"));
  const auto audit = audit_entries(fixture.file, "acme-2026");
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].who == "admin");
  CHECK(audit[0].action == "create");
  CHECK(audit[0].at == "2026-01-01T00:00:00Z");
  CHECK(audit[0].outcome == "done");
  CHECK_FALSE(audit[0].before);
  CHECK(*audit[0].after == R"({"name": "acme-2026", "start": "2026-01-01", "end": "2026-12-31", )"
                           R"("purchased_qlu": "100000", "primary_contact": "alice"})");
}

TEST_CASE("creating a subscription again records nothing twice") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  const auto before = dump(fixture.file);
  CHECK_FALSE(ledger.create_subscription("admin", fixture.acme()));
  CHECK(dump(fixture.file) == before);
  auto other = fixture.acme();
  other.purchased = qlu("120000");
  CHECK_THROWS_MATCHES(
      ledger.create_subscription("admin", other), InputError,
      Catch::Matchers::Message("subscription `acme-2026` already exists, with other terms: "
                               "2026-01-01 .. 2026-12-31, 100,000 QLU purchased, primary contact "
                               "alice"));
  CHECK(dump(fixture.file) == before);
}

TEST_CASE("bad terms are refused before anything is written") {
  LedgerFixture fixture;
  auto ledger = fixture.open_on("2026-01-01");
  const auto before = dump(fixture.file);
  auto terms = fixture.acme();
  SECTION("an end before the start") {
    terms.end = day("2025-12-31");
    CHECK_THROWS_MATCHES(
        ledger.create_subscription("admin", terms), InputError,
        Catch::Matchers::Message("the end day 2025-12-31 is before the start day 2026-01-01"));
  }
  SECTION("an empty pool") {
    terms.purchased = 0;
    CHECK_THROWS_MATCHES(ledger.create_subscription("admin", terms), InputError,
                         Catch::Matchers::Message("the pool must hold more than 0 QLU"));
  }
  SECTION("no primary contact") {
    terms.primary_contact = "";
    CHECK_THROWS_MATCHES(ledger.create_subscription("admin", terms), InputError,
                         Catch::Matchers::Message("the primary contact cannot be empty"));
  }
  CHECK(dump(fixture.file) == before);
}

TEST_CASE("quantities of QLU are exact non-negative decimals") {
  CHECK(parse_qlu("7552.5", "--purchased") == Rational(15105, 2));
  CHECK(qlu_text(parse_qlu("0.10", "--purchased")) == "0.1");
  CHECK_THROWS_MATCHES(parse_qlu("-5", "--purchased"), InputError,
                       Catch::Matchers::Message("--purchased cannot be negative, not `-5`"));
  CHECK_THROWS_MATCHES(parse_qlu("1e5", "the QLU of EDR"), InputError,
                       Catch::Matchers::Message(
                           "the QLU of EDR takes a decimal number of QLU such as 1500 or 7552.5, not `1e5`"));
  CHECK_THROWS_AS(parse_qlu("1,000", "--purchased"), InputError);
}

TEST_CASE("an unknown subscription is an input error") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  CHECK_THROWS_MATCHES(ledger.show("alice", "acme-2027"), InputError,
                       Catch::Matchers::Message("no subscription `acme-2027` in " + fixture.file.string()));
}

TEST_CASE("only the primary contact grants the right and the refusal is audited") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  CHECK_THROWS_MATCHES(
      ledger.grant("bob", "acme-2026", "bob"), Refused,
      Catch::Matchers::Message("bob may not grant rights on acme-2026: only its primary contact, "
                               "alice, may"));
  CHECK(ledger.show("alice", "acme-2026").granted.empty());
  const auto audit = audit_entries(fixture.file, "acme-2026");
  REQUIRE(audit.size() == 2);
  CHECK(audit[1].who == "bob");
  CHECK(audit[1].action == "grant");
  CHECK(audit[1].outcome == "refused");
  CHECK(*audit[1].after == R"({"grantee": "bob"})");
  CHECK_THAT(*audit[1].reason, Contains("only its primary contact, alice, may"));
}

TEST_CASE("a granted user may view but not grant and a revoked one may do neither") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  CHECK_THROWS_MATCHES(
      ledger.show("bob", "acme-2026"), Refused,
      Catch::Matchers::Message("bob may not view the allocations of acme-2026: only its primary "
                               "contact, alice, and the users granted the right may"));
  CHECK(ledger.grant("alice", "acme-2026", "bob"));
  CHECK_FALSE(ledger.grant("alice", "acme-2026", "bob")); // already granted: nothing recorded
  CHECK(ledger.show("bob", "acme-2026").granted == std::vector<std::string>{"bob"});
  CHECK_THROWS_AS(ledger.grant("bob", "acme-2026", "carol"), Refused);
  CHECK(ledger.revoke("alice", "acme-2026", "bob"));
  CHECK_FALSE(ledger.revoke("alice", "acme-2026", "bob"));
  CHECK_THROWS_AS(ledger.show("bob", "acme-2026"), Refused);

  std::vector<std::string> trail;
  for (const auto& entry : audit_entries(fixture.file, "acme-2026"))
    trail.push_back(entry.who + " " + entry.action + " " + entry.outcome);
  CHECK_THAT(trail,
             Equals(std::vector<std::string>{"admin create done", "bob show refused", "alice grant done",
                                             "bob grant refused", "alice revoke done", "bob show refused"}));
}

TEST_CASE("the primary contact's own right is neither granted nor revoked") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  CHECK_THROWS_MATCHES(
      ledger.grant("alice", "acme-2026", "alice"), InputError,
      Catch::Matchers::Message("alice is the primary contact of acme-2026 and always has the right"));
  CHECK_THROWS_AS(ledger.revoke("alice", "acme-2026", "alice"), InputError);
}

TEST_CASE("a refusal of the audit log is itself audited") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  CHECK_THROWS_MATCHES(
      ledger.audit("mallory", "acme-2026"), Refused,
      Catch::Matchers::Message("mallory may not view the audit log of acme-2026: only its primary "
                               "contact, alice, and the users granted the right may"));
  const auto audit = ledger.audit("alice", "acme-2026");
  REQUIRE(audit.size() == 2);
  CHECK(audit[1].who == "mallory");
  CHECK(audit[1].action == "audit");
  CHECK(audit[1].outcome == "refused");
}

} // namespace
