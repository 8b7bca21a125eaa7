// Allocating the pool and rebalancing it: the 90-day rule and its dates, the
// pool's limit, unknown products, effective days, and what is recorded.
#include "ledger_fixture.hpp"

#include <catch2/catch.hpp>

namespace {

using namespace ledger_test;
using Catch::Matchers::Contains;
using Catch::Matchers::Message;

Allocations first_allocation() {
  return {{"VMDR", qlu("50000")}, {"EDR", qlu("7552.5")}, {"CSAM", qlu("14200")}};
}

std::int64_t count(const std::filesystem::path& file, const std::string& table) {
  auto database = Database::open(file, Database::Open::existing);
  auto rows = database.prepare("SELECT count(*) FROM " + table);
  rows.step();
  return rows.integer(0);
}

TEST_CASE("the first allocation sets products and leaves the rest of the pool available") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  const auto result = ledger.allocate("alice", "acme-2026", first_allocation(), std::nullopt, kProducts);
  REQUIRE(result.changes.size() == 3);
  CHECK(result.changes[0].product == "CSAM");
  CHECK_FALSE(result.changes[0].before);
  CHECK(result.pool.allocations == first_allocation());
  CHECK(result.pool.allocated() == qlu("71752.5"));
  CHECK(result.pool.available() == qlu("28247.5"));
  REQUIRE(result.pool.last_change);
  CHECK(result.pool.last_change->kind == "allocate");
  CHECK(result.pool.last_change->effective == day("2026-01-01"));
  CHECK(result.pool.next_rebalance() == day("2026-04-01"));
  CHECK(count(fixture.file, "allocation_changes") == 1);
  CHECK(count(fixture.file, "allocation_history") == 3);
  const auto audit = audit_entries(fixture.file, "acme-2026");
  REQUIRE(audit.size() == 2);
  CHECK(audit[1].action == "allocate");
  CHECK_FALSE(audit[1].before);
  CHECK(*audit[1].after ==
        R"({"effective": "2026-01-01", "allocations": {"CSAM": "14200", "EDR": "7552.5", "VMDR": "50000"}})");
}

TEST_CASE("allocating again as before records nothing and otherwise needs a rebalance") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  ledger.allocate("alice", "acme-2026", first_allocation(), std::nullopt, kProducts);
  const auto before = dump(fixture.file);
  CHECK(ledger.allocate("alice", "acme-2026", first_allocation(), std::nullopt, kProducts).changes.empty());
  CHECK(dump(fixture.file) == before);
  CHECK_THROWS_MATCHES(ledger.allocate("alice", "acme-2026", {{"PM", qlu("10")}}, std::nullopt, kProducts),
                       InputError,
                       Message("acme-2026 already has allocations (effective 2026-01-01): change them with "
                               "`rebalance`"));
  CHECK(dump(fixture.file) == before);
}

TEST_CASE("a rebalance needs a first allocation") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  CHECK_THROWS_MATCHES(ledger.rebalance("alice", "acme-2026", first_allocation(), std::nullopt, kProducts),
                       InputError,
                       Message("acme-2026 has no allocations yet: make the first with `allocate`"));
}

TEST_CASE("allocations beyond the pool are refused saying by how much") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  auto too_much = first_allocation();
  too_much["PM"] = qlu("28247.75");
  const auto before = dump(fixture.file);
  CHECK_THROWS_MATCHES(ledger.allocate("alice", "acme-2026", too_much, std::nullopt, kProducts), Refused,
                       Message("the allocations of acme-2026 would total 100,000.25 QLU, 0.25 more than the "
                               "100,000 QLU purchased"));
  CHECK(ledger.show("alice", "acme-2026").allocations.empty());
  const auto audit = audit_entries(fixture.file, "acme-2026");
  REQUIRE(audit.size() == 2);
  CHECK(audit[1].outcome == "refused");
  CHECK_THAT(*audit[1].after, Contains(R"("PM": "28247.75")"));
  // Exactly the pool is allowed.
  too_much["PM"] = qlu("28247.5");
  CHECK(ledger.allocate("alice", "acme-2026", too_much, std::nullopt, kProducts).pool.available() == 0);
}

TEST_CASE("a rebalance over the pool is refused and changes nothing") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  ledger.allocate("alice", "acme-2026", first_allocation(), std::nullopt, kProducts);
  auto later = fixture.open_on("2026-05-01");
  const auto before = later.show("alice", "acme-2026");
  CHECK_THROWS_MATCHES(
      later.rebalance("alice", "acme-2026", {{"VMDR", qlu("80000")}}, std::nullopt, kProducts), Refused,
      Message("the allocations of acme-2026 would total 101,752.5 QLU, 1,752.5 more than the "
              "100,000 QLU purchased"));
  CHECK(later.show("alice", "acme-2026").allocations == before.allocations);
}

TEST_CASE("an unknown product is refused naming the rules' products") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  const auto before = dump(fixture.file);
  CHECK_THROWS_MATCHES(ledger.allocate("alice", "acme-2026", {{"VMDX", qlu("10")}}, std::nullopt, kProducts),
                       InputError,
                       Message("unknown product `VMDX`: the rules define CSAM, EDR, ETM, PM, VMDR"));
  CHECK_THROWS_MATCHES(ledger.allocate("alice", "acme-2026", {}, std::nullopt, kProducts), InputError,
                       Message("name at least one product and its QLU"));
  CHECK(dump(fixture.file) == before);
}

TEST_CASE("a rebalance within 90 days is refused with the day it becomes possible") {
  // Month ends, leap days and year ends: each first allocation and the first
  // day a rebalance may take effect.
  const auto [first, possible] = GENERATE(table<std::string, std::string>({
      {"2026-01-01", "2026-04-01"}, // 31 + 28 + 31 days to April
      {"2024-01-01", "2024-03-31"}, // a leap February: a day sooner
      {"2023-12-01", "2024-02-29"}, // lands on a leap day, across a year end
      {"2025-12-01", "2026-03-01"}, // the same without the leap day
      {"2024-02-29", "2024-05-29"}, // from a leap day
      {"2026-11-30", "2027-02-28"}, // from a month end, across a year end
  }));
  CAPTURE(first, possible);
  LedgerFixture fixture;
  auto ledger = fixture.open_on(first);
  ledger.create_subscription("admin", {"long", day(first), day(first) + 729, qlu("1000"), "alice"});
  ledger.allocate("alice", "long", {{"VMDR", qlu("500")}}, std::nullopt, kProducts);
  const auto day_before = format_date(day(possible) - 1);
  auto early = fixture.open_on(day_before);
  CHECK_THROWS_MATCHES(
      early.rebalance("alice", "long", {{"VMDR", qlu("400")}}, std::nullopt, kProducts), Refused,
      Message("allocations may be rebalanced once every 90 days: the first allocation of long took "
              "effect " +
              first + ", so the next rebalance is possible from " + possible + ", not " + day_before));
  CHECK(early.show("alice", "long").allocations.at("VMDR") == qlu("500"));

  auto on_time = fixture.open_on(possible);
  const auto result = on_time.rebalance("alice", "long", {{"VMDR", qlu("400")}}, std::nullopt, kProducts);
  CHECK(result.pool.last_change->kind == "rebalance");
  CHECK(result.pool.last_change->effective == day(possible));
}

TEST_CASE("the next rebalance counts from the last one") {
  LedgerFixture fixture;
  fixture.with_acme().allocate("alice", "acme-2026", first_allocation(), std::nullopt, kProducts);
  fixture.open_on("2026-04-15")
      .rebalance("alice", "acme-2026", {{"VMDR", qlu("45000")}}, std::nullopt, kProducts);
  CHECK_THROWS_MATCHES(
      fixture.open_on("2026-07-01")
          .rebalance("alice", "acme-2026", {{"VMDR", qlu("40000")}}, std::nullopt, kProducts),
      Refused,
      Message("allocations may be rebalanced once every 90 days: the last rebalance of acme-2026 took effect "
              "2026-04-15, so the next rebalance is possible from 2026-07-14, not 2026-07-01"));
  const auto audit = audit_entries(fixture.file, "acme-2026");
  REQUIRE(audit.size() == 4);
  CHECK(audit[3].outcome == "refused");
  CHECK(*audit[3].before ==
        R"({"effective": "2026-04-15", "allocations": {"CSAM": "14200", "EDR": "7552.5", "VMDR": "45000"}})");
  CHECK(*audit[3].after ==
        R"({"effective": "2026-07-01", "allocations": {"CSAM": "14200", "EDR": "7552.5", "VMDR": "40000"}})");
}

TEST_CASE("a rebalance changes the named products and keeps the others") {
  LedgerFixture fixture;
  fixture.with_acme().allocate("alice", "acme-2026", first_allocation(), std::nullopt, kProducts);
  auto later = fixture.open_on("2026-04-01");
  const auto result = later.rebalance("alice", "acme-2026", {{"VMDR", qlu("40000")}, {"PM", qlu("9999.5")}},
                                      std::nullopt, kProducts);
  REQUIRE(result.changes.size() == 2);
  CHECK(result.changes[0].product == "PM");
  CHECK_FALSE(result.changes[0].before);
  CHECK(result.changes[1].product == "VMDR");
  CHECK(result.changes[1].before == qlu("50000"));
  CHECK(result.changes[1].after == qlu("40000"));
  CHECK(result.pool.allocations ==
        Allocations{
            {"CSAM", qlu("14200")}, {"EDR", qlu("7552.5")}, {"PM", qlu("9999.5")}, {"VMDR", qlu("40000")}});
  CHECK(result.pool.available() == qlu("28248"));
  CHECK(count(fixture.file, "allocation_history") == 5);

  // The same again changes nothing, so records nothing and starts no new 90 days.
  const auto before = dump(fixture.file);
  CHECK(later.rebalance("alice", "acme-2026", {{"VMDR", qlu("40000")}}, std::nullopt, kProducts)
            .changes.empty());
  CHECK(dump(fixture.file) == before);
}

TEST_CASE("the effective day lies in the term and not before today") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-03-10");
  const auto before = dump(fixture.file);
  CHECK_THROWS_MATCHES(
      ledger.allocate("alice", "acme-2026", first_allocation(), day("2027-01-01"), kProducts), InputError,
      Message("the effective day 2027-01-01 is outside the term of acme-2026 (2026-01-01 .. 2026-12-31)"));
  CHECK_THROWS_MATCHES(
      ledger.allocate("alice", "acme-2026", first_allocation(), day("2026-03-09"), kProducts), InputError,
      Message("the effective day 2026-03-09 is before today (2026-03-10): usage already metered "
              "was held against the allocations then in force"));
  CHECK(dump(fixture.file) == before);
  // A later day is a change planned ahead, and the 90 days count from it.
  ledger.allocate("alice", "acme-2026", first_allocation(), day("2026-03-20"), kProducts);
  CHECK(ledger.show("alice", "acme-2026").next_rebalance() == day("2026-06-18"));
}

TEST_CASE("before the term starts allocations take effect on its first day") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2025-12-15");
  const auto result = ledger.allocate("alice", "acme-2026", first_allocation(), std::nullopt, kProducts);
  CHECK(result.pool.last_change->effective == day("2026-01-01"));
}

TEST_CASE("users without the right are refused and the refusal is audited") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  ledger.grant("alice", "acme-2026", "bob");
  CHECK(ledger.allocate("bob", "acme-2026", first_allocation(), std::nullopt, kProducts).changes.size() == 3);
  ledger.revoke("alice", "acme-2026", "bob");
  auto later = fixture.open_on("2026-06-01");
  const auto before = later.show("alice", "acme-2026").allocations;
  const std::string refusal = " may not change the allocations of acme-2026: only its primary contact, "
                              "alice, and the users granted the "
                              "right may";
  SECTION("a revoked user") {
    CHECK_THROWS_MATCHES(later.rebalance("bob", "acme-2026", {{"EDR", qlu("1")}}, std::nullopt, kProducts),
                         Refused, Message("bob" + refusal));
  }
  SECTION("a user never granted, even naming an unknown product") {
    CHECK_THROWS_MATCHES(
        later.rebalance("mallory", "acme-2026", {{"NOPE", qlu("1")}}, std::nullopt, kProducts), Refused,
        Message("mallory" + refusal));
  }
  CHECK(later.show("alice", "acme-2026").allocations == before);
  const auto audit = audit_entries(fixture.file, "acme-2026");
  CHECK(audit.back().action == "rebalance");
  CHECK(audit.back().outcome == "refused");
  CHECK_THAT(*audit.back().reason, Contains(refusal));
}

TEST_CASE("grants and revocations and refusals do not reset the 90 days") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme();
  ledger.allocate("alice", "acme-2026", first_allocation(), std::nullopt, kProducts);
  auto later = fixture.open_on("2026-02-01");
  later.grant("alice", "acme-2026", "bob");
  CHECK_THROWS_AS(later.rebalance("alice", "acme-2026", {{"EDR", qlu("1")}}, std::nullopt, kProducts),
                  Refused);
  CHECK(later.show("alice", "acme-2026").next_rebalance() == day("2026-04-01"));
}

} // namespace
