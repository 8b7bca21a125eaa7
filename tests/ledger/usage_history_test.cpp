// Recording evaluated usage in the ledger and holding it against the
// allocations: idempotent records, refusals, and each product's latest period.
#include "ledger_fixture.hpp"

#include <catch2/catch.hpp>

using namespace ledger_test;
using Catch::Matchers::Contains;

namespace {

const std::string kSha = std::string(64, 'a');

// The fixture's products and CSPM, a rolling product.
std::vector<std::string> products_with_cspm() {
  auto products = kProducts;
  products.push_back("CSPM");
  return products;
}

ExactText exact(const std::string& numerator, const std::string& denominator, const std::string& decimal) {
  return {numerator, denominator, decimal};
}

// EDR over two 15-day intervals (the second partial) and CSPM's rolling
// average on the last two days, as of 2026-01-20.
UsageRun run_as_of_20_january() {
  UsageRun run;
  run.as_of = day("2026-01-20");
  run.engine = "tally 0.1.0";
  run.rules_sha256 = kSha;
  run.data_sha256 = kSha;
  run.periods = {
      {"EDR", day("2026-01-01"), day("2026-01-15"), false, exact("2650", "1", "2650"),
       exact("15105", "2", "7552.5")},
      {"EDR", day("2026-01-16"), day("2026-01-30"), true, exact("2900", "1", "2900"),
       exact("8265", "1", "8265")},
      {"CSPM", day("2026-01-19"), day("2026-01-19"), false, exact("100", "3", "33.333333"),
       exact("400", "1", "400")},
      {"CSPM", day("2026-01-20"), day("2026-01-20"), false, exact("301", "3", "100.333333"),
       exact("1204", "1", "1204")},
  };
  return run;
}

} // namespace

TEST_CASE("recording the same run twice stores its periods once") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-21");
  const auto first = ledger.record_usage("alice", "acme-2026", run_as_of_20_january());
  CHECK(first.added == 4);
  CHECK(first.already == 0);
  const auto before = dump(fixture.file);
  const auto second = ledger.record_usage("alice", "acme-2026", run_as_of_20_january());
  CHECK(second.added == 0);
  CHECK(second.already == 4);
  CHECK(dump(fixture.file) == before); // not even an audit entry

  const auto audit = audit_entries(fixture.file, "acme-2026");
  REQUIRE(audit.back().action == "record");
  CHECK_THAT(*audit.back().after,
             Contains(R"("as_of": "2026-01-20", "products": 2, "periods": 4, "added": 4)"));
}

TEST_CASE("a later run adds its own periods beside the earlier ones") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-22");
  ledger.record_usage("alice", "acme-2026", run_as_of_20_january());
  auto later = run_as_of_20_january();
  later.as_of = day("2026-01-21");
  CHECK(ledger.record_usage("alice", "acme-2026", later).added == 4);
  CHECK(ledger.status("alice", "acme-2026").as_of == day("2026-01-21"));
}

TEST_CASE("status holds each product's latest period against its allocation") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-21");
  ledger.allocate("alice", "acme-2026", {{"EDR", qlu("8000")}, {"CSPM", qlu("1000")}, {"VMDR", qlu("500")}},
                  std::nullopt, products_with_cspm());
  CHECK_FALSE(ledger.status("alice", "acme-2026").as_of);
  ledger.record_usage("alice", "acme-2026", run_as_of_20_january());

  const auto status = ledger.status("alice", "acme-2026");
  CHECK(status.as_of == day("2026-01-20"));
  REQUIRE(status.products.size() == 3);
  const auto& cspm = status.products[0];
  const auto& edr = status.products[1];
  const auto& vmdr = status.products[2];
  CHECK(cspm.product == "CSPM");
  CHECK(cspm.latest->start == day("2026-01-20"));
  CHECK(cspm.used() == 1204);
  CHECK(*cspm.percent() == Rational(1204, 10));
  CHECK(cspm.band() == ProductStatus::Band::over);
  CHECK(cspm.remaining() == -204);
  CHECK(edr.latest->partial);
  CHECK(edr.used() == 8265);
  CHECK(edr.band() == ProductStatus::Band::over);
  CHECK(vmdr.band() == ProductStatus::Band::no_usage);
  CHECK(vmdr.remaining() == 500);

  ledger.rebalance("alice", "acme-2026", {{"EDR", qlu("20000")}, {"CSPM", qlu("1500")}}, day("2026-04-21"),
                   products_with_cspm());
  const auto later = fixture.open_on("2026-04-21").status("alice", "acme-2026");
  CHECK(later.products[0].band() == ProductStatus::Band::within); // 1204 of 1500
  CHECK(later.products[1].band() == ProductStatus::Band::under);  // 8265 of 20000
}

TEST_CASE("usage a product has no allocation for is shown as such") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-21");
  ledger.record_usage("alice", "acme-2026", run_as_of_20_january());
  const auto status = ledger.status("alice", "acme-2026");
  REQUIRE(status.products.size() == 2);
  CHECK_FALSE(status.products[0].allocated);
  CHECK(status.products[0].band() == ProductStatus::Band::unallocated);
}

TEST_CASE("recording and viewing usage need the right and refusals are audited") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-21");
  const auto before = dump(fixture.file);
  CHECK_THROWS_MATCHES(
      ledger.record_usage("mallory", "acme-2026", run_as_of_20_january()), Refused,
      Catch::Matchers::Message("mallory may not record the usage of acme-2026: only its "
                               "primary contact, alice, and the users granted the right may"));
  CHECK_THROWS_AS(ledger.status("mallory", "acme-2026"), Refused);
  const auto audit = audit_entries(fixture.file, "acme-2026");
  REQUIRE(audit.size() == 3);
  CHECK(audit[1].action == "record");
  CHECK(audit[1].outcome == "refused");
  CHECK(audit[2].action == "status");
  CHECK(dump(fixture.file) != before); // the refusals, and nothing else:
  ledger.grant("alice", "acme-2026", "billing-job");
  CHECK(ledger.record_usage("billing-job", "acme-2026", run_as_of_20_january()).added == 4);
}

TEST_CASE("a run before the term is refused as a bad request") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-21");
  auto early = run_as_of_20_january();
  early.as_of = day("2025-12-31");
  CHECK_THROWS_MATCHES(ledger.record_usage("alice", "acme-2026", early), InputError,
                       Catch::Matchers::Message("the as-of day 2025-12-31 is before the start of acme-2026 "
                                                "(2026-01-01)"));
}

TEST_CASE("a failure midway through recording leaves the history as it was") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-21");
  auto broken = run_as_of_20_january();
  broken.periods[3].qlu.denominator = "0"; // the schema's CHECK refuses it, after three inserts
  const auto before = dump(fixture.file);
  CHECK_THROWS_AS(ledger.record_usage("alice", "acme-2026", broken), StorageError);
  CHECK(dump(fixture.file) == before);
}

TEST_CASE("12 months are kept: from the day after the same date a year before") {
  CHECK(oldest_kept_day(day("2026-04-01")) == day("2025-04-02"));
  CHECK(oldest_kept_day(day("2026-01-01")) == day("2025-01-02"));
  CHECK(oldest_kept_day(day("2028-02-29")) == day("2027-03-01"));
  CHECK(oldest_kept_day(day("2025-03-01")) == day("2024-03-02"));
}

TEST_CASE("reports cover only the 12 months kept and the periods in range") {
  LedgerFixture fixture;
  auto ledger = fixture.with_acme("2026-01-21");
  ledger.record_usage("alice", "acme-2026", run_as_of_20_january());
  CHECK(ledger.usage_report("alice", "acme-2026", day("2026-01-19"), day("2026-01-19")).size() ==
        2); // EDR, CSPM
  const auto all = ledger.usage_report("alice", "acme-2026", day("2025-01-22"), day("2026-01-21"));
  REQUIRE(all.size() == 4);
  CHECK(all[0].period.product == "CSPM");
  CHECK(all[0].as_of == day("2026-01-20"));
  CHECK_THROWS_MATCHES(
      ledger.usage_report("alice", "acme-2026", day("2025-01-21"), day("2026-01-21")), InputError,
      Catch::Matchers::Message("reports cover the 12 months kept, 2025-01-22 .. 2026-01-21; not "
                               "2025-01-21 .. 2026-01-21"));
  CHECK_THROWS_AS(ledger.audit_report("alice", "acme-2026", day("2026-01-21"), day("2026-01-22")),
                  InputError);
  CHECK_THROWS_AS(ledger.allocation_report("alice", "acme-2026", day("2026-01-20"), day("2026-01-19")),
                  InputError);
  CHECK_THROWS_AS(ledger.usage_report("mallory", "acme-2026", day("2026-01-01"), day("2026-01-21")), Refused);
}

TEST_CASE("pruning removes the periods that ended before the 12 months kept, once") {
  LedgerFixture fixture;
  fixture.with_acme("2026-01-21").record_usage("alice", "acme-2026", run_as_of_20_january());
  // On 2027-01-20 the oldest day kept is 2026-01-21: the periods that ended on
  // 2026-01-15, 2026-01-19 and 2026-01-20 go; EDR's second interval stays.
  auto later = fixture.open_on("2027-01-20");
  CHECK(later.prune("alice", "acme-2026") == 3);
  CHECK(later.prune("alice", "acme-2026") == 0);
  const auto kept = later.usage_report("alice", "acme-2026", day("2026-01-21"), day("2027-01-20"));
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].period.start == day("2026-01-16"));
  const auto audit = audit_entries(fixture.file, "acme-2026");
  CHECK(audit.back().action == "prune");
  CHECK(*audit.back().after == R"({"removed_periods": 3, "kept_from": "2026-01-21"})");
  CHECK_THROWS_AS(later.prune("mallory", "acme-2026"), Refused);
}
