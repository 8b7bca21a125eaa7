// Hand-computed VMDR and PA cases, clause by clause of "VMDR and PA".
#include "tests/reference/test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace tally;
using namespace tally::reference::testing;

namespace {

// A1, A2, B, C and usage of `product` over the term to `as_of` (the interval's peak).
struct Counts {
  Rational a1, a2, b, c, usage;
};

Counts counts(const Table& table, const std::string& product, const char* as_of, bool purge_rules = false) {
  reference::ReferenceTerms terms = terms_for({product}, day("2026-01-01"), day(as_of));
  terms.purge_rules = purge_rules;
  Report report = reference::evaluate(table, schema(), terms);
  const PeriodResult& period = period_at(report, product, day(as_of));
  return {component(period, "A1"), component(period, "A2"), component(period, "B"), component(period, "C"),
          period.usage};
}

} // namespace

TEST_CASE("VMDR counts an asset seen by a scanner and an agent once, as the agent", "[reference][vmdr]") {
  Table table = table_of({
      {{"observed_at", "2026-01-02"},
       {"asset_id", "h1"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag1"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-03"},
       {"asset_id", "h1"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"vulns", "2"}},
      {{"observed_at", "2026-01-03"},
       {"asset_id", "h2"},
       {"asset_type", "vm"},
       {"source", "scanner"},
       {"open_ports", "1"}},
      // Scanned first, agent installed later: A2 until the agent reports, then A1.
      {{"observed_at", "2026-01-04"},
       {"asset_id", "h3"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-06"},
       {"asset_id", "h3"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag3"},
       {"vulns", "1"}},
  });
  Counts on_fourth = counts(table, "VMDR", "2026-01-04");
  CHECK(on_fourth.a1 == 1);
  CHECK(on_fourth.a2 == 2);
  CHECK(on_fourth.usage == 3);
  Counts on_sixth = counts(table, "VMDR", "2026-01-06");
  CHECK(on_sixth.a1 == 2);
  CHECK(on_sixth.a2 == 1);
  CHECK(on_sixth.b == 0);
  CHECK(on_sixth.c == 0);
  CHECK(on_sixth.usage == 3);
}

TEST_CASE("VMDR counts each agent, instance and term row once, and only hosts and VMs", "[reference][vmdr]") {
  Table table = table_of({
      // One agent on two assets (a re-imaged machine): one unit.
      {{"observed_at", "2026-01-02"},
       {"asset_id", "h1"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag1"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-05"},
       {"asset_id", "h1-new"},
       {"asset_type", "vm"},
       {"source", "agent"},
       {"agent_id", "ag1"},
       {"vulns", "1"}},
      // One instance reported on three days and with two asset ids: one unit.
      {{"observed_at", "2026-01-02"},
       {"asset_id", "c1"},
       {"asset_type", "vm"},
       {"source", "cloud_connector"},
       {"instance_id", "i-1"},
       {"cloud", "aws"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-03"},
       {"asset_id", "c1"},
       {"asset_type", "vm"},
       {"source", "cloud_connector"},
       {"instance_id", "i-1"},
       {"cloud", "aws"},
       {"status", "terminated"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-04"},
       {"asset_id", "c1-copy"},
       {"asset_type", "vm"},
       {"source", "cloud_connector"},
       {"instance_id", "i-1"},
       {"cloud", "alibaba"},
       {"vulns", "1"}},
      // A cloud row without an instance id is no instance.
      {{"observed_at", "2026-01-04"},
       {"asset_id", "c2"},
       {"asset_type", "vm"},
       {"source", "cloud_connector"},
       {"vulns", "1"}},
      // Outside the restricted rows: before the term, or not a host or VM.
      {{"observed_at", "2025-12-31"},
       {"asset_id", "h9"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag9"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-03"},
       {"asset_id", "ip1"},
       {"asset_type", "ip_address"},
       {"source", "scanner"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-03"},
       {"asset_id", "phone"},
       {"asset_type", "mobile_device"},
       {"source", "agent"},
       {"agent_id", "ag8"},
       {"vulns", "1"}},
  });
  Counts result = counts(table, "VMDR", "2026-01-10");
  CHECK(result.a1 == 1);
  CHECK(result.a2 == 0);
  CHECK(result.b == 1);
  CHECK(result.c == 0);
  CHECK(result.usage == 2);
}

TEST_CASE("VMDR purge rules drop A1 and A2 units whose assets all ended inactive",
          "[reference][vmdr][purge]") {
  // Everything happens on 2026-01-02, by the hour, except h1's last row on
  // 2026-01-16: the first day of the second interval shows the final state.
  Table table = table_of({
      // ag1: its only asset's latest row is inactive -> purged.
      {{"observed_at", "2026-01-02T08:00Z"},
       {"asset_id", "h1"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag1"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-16"},
       {"asset_id", "h1"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag1"},
       {"status", "inactive"},
       {"vulns", "1"}},
      // ag2: one of its two assets is still active -> kept.
      {{"observed_at", "2026-01-02"},
       {"asset_id", "h2"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag2"},
       {"status", "decommissioned"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "h3"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag2"},
       {"vulns", "1"}},
      // ag4: inactive first, active later -> kept.
      {{"observed_at", "2026-01-02T08:00Z"},
       {"asset_id", "h4"},
       {"asset_type", "vm"},
       {"source", "agent"},
       {"agent_id", "ag4"},
       {"status", "inactive"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-02T09:00Z"},
       {"asset_id", "h4"},
       {"asset_type", "vm"},
       {"source", "agent"},
       {"agent_id", "ag4"},
       {"vulns", "1"}},
      // ag5: its asset's latest row comes from a scanner, decommissioned -> purged.
      {{"observed_at", "2026-01-02T08:00Z"},
       {"asset_id", "h5"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag5"},
       {"vulns", "1"}},
      {{"observed_at", "2026-01-02T20:00Z"},
       {"asset_id", "h5"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"status", "decommissioned"}},
      // s1: scanner-only, terminated last -> purged.
      {{"observed_at", "2026-01-02T08:00Z"},
       {"asset_id", "s1"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"open_ports", "1"}},
      {{"observed_at", "2026-01-02T09:00Z"},
       {"asset_id", "s1"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"status", "terminated"},
       {"open_ports", "1"}},
      // s2: a same-time tie between active and disabled: disabled wins, and
      // disabled is not a purge status -> kept.
      {{"observed_at", "2026-01-02T10:00:00Z"},
       {"asset_id", "s2"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"open_ports", "1"}},
      {{"observed_at", "2026-01-02T10:00Z"},
       {"asset_id", "s2"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"status", "disabled"},
       {"open_ports", "1"}},
      // s3 and s4: a same-time tie between active and inactive, in either row
      // order: inactive wins -> purged.
      {{"observed_at", "2026-01-02T10:00:00Z"},
       {"asset_id", "s3"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"open_ports", "1"}},
      {{"observed_at", "2026-01-02T10:00:00Z"},
       {"asset_id", "s3"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"status", "inactive"},
       {"open_ports", "1"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "s4"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"status", "inactive"},
       {"open_ports", "1"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "s4"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"open_ports", "1"}},
      // g1: a ghost that is purged leaves C as well.
      {{"observed_at", "2026-01-02T08:00Z"},
       {"asset_id", "g1"},
       {"asset_type", "host"},
       {"source", "scanner"}},
      {{"observed_at", "2026-01-02T12:00Z"},
       {"asset_id", "g1"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"status", "terminated"}},
      // i-1: terminated instances stay in B, purge or not.
      {{"observed_at", "2026-01-02"},
       {"asset_id", "c1"},
       {"asset_type", "vm"},
       {"source", "cloud_connector"},
       {"instance_id", "i-1"},
       {"status", "terminated"},
       {"vulns", "1"}},
  });
  Counts kept = counts(table, "VMDR", "2026-01-16", false);
  CHECK(kept.a1 == 4); // ag1 ag2 ag4 ag5
  CHECK(kept.a2 == 5); // s1 s2 s3 s4 g1
  CHECK(kept.b == 1);
  CHECK(kept.c == 1); // g1
  CHECK(kept.usage == 9);

  Counts purged = counts(table, "VMDR", "2026-01-16", true);
  CHECK(purged.a1 == 2); // ag2 ag4
  CHECK(purged.a2 == 1); // s2
  CHECK(purged.b == 1);
  CHECK(purged.c == 0);
  CHECK(purged.usage == 4);

  // Purge is judged on the term to date: before h1's inactive row, ag1 counts.
  Counts earlier = counts(table, "VMDR", "2026-01-02", true);
  CHECK(earlier.a1 == 3); // ag1 ag2 ag4
  CHECK(earlier.usage == 5);
}

TEST_CASE("VMDR ghosts: every asset of the unit, in every restricted row, found nothing",
          "[reference][vmdr]") {
  Table table = table_of({
      // ag6: h7's agent row found nothing, but a scan of h7 found vulnerabilities.
      {{"observed_at", "2026-01-02"},
       {"asset_id", "h6"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag6"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "h7"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag6"}},
      {{"observed_at", "2026-01-03"},
       {"asset_id", "h7"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"vulns", "2"}},
      // ag7: nothing found anywhere -> ghost.
      {{"observed_at", "2026-01-02"},
       {"asset_id", "h8"},
       {"asset_type", "vm"},
       {"source", "agent"},
       {"agent_id", "ag7"}},
      {{"observed_at", "2026-01-04"},
       {"asset_id", "h8"},
       {"asset_type", "vm"},
       {"source", "agent"},
       {"agent_id", "ag7"},
       {"findings", "5"}},
      // i-2: ghost; i-3: one of its assets has an open port.
      {{"observed_at", "2026-01-02"},
       {"asset_id", "c2"},
       {"asset_type", "vm"},
       {"source", "cloud_connector"},
       {"instance_id", "i-2"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "c3"},
       {"asset_type", "vm"},
       {"source", "cloud_connector"},
       {"instance_id", "i-3"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "c4"},
       {"asset_type", "vm"},
       {"source", "cloud_connector"},
       {"instance_id", "i-3"},
       {"open_ports", "1"}},
  });
  Counts result = counts(table, "VMDR", "2026-01-10");
  CHECK(result.a1 == 2);
  CHECK(result.a2 == 0);
  CHECK(result.b == 2);
  CHECK(result.c == 2); // ag7, i-2 (findings are not vulnerabilities)
  CHECK(result.usage == 2);
  // Before the scan of h7, ag6 was a ghost too.
  CHECK(counts(table, "VMDR", "2026-01-02").c == 3);
}

TEST_CASE("PA reads only rows with PC", "[reference][pa]") {
  Table table = table_of({
      {{"observed_at", "2026-01-02"},
       {"asset_id", "h1"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag1"},
       {"modules", "VM;PC"}},
      {{"observed_at", "2026-01-03"},
       {"asset_id", "h1"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"vulns", "4"},
       {"modules", "VM"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "h2"},
       {"asset_type", "host"},
       {"source", "agent"},
       {"agent_id", "ag2"},
       {"vulns", "1"},
       {"modules", "VM"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "s1"},
       {"asset_type", "host"},
       {"source", "scanner"},
       {"vulns", "1"},
       {"modules", "PC"}},
  });
  Counts pa = counts(table, "PA", "2026-01-10");
  CHECK(pa.a1 == 1);
  CHECK(pa.a2 == 1);
  CHECK(pa.c == 1); // h1 found nothing in its PC rows
  CHECK(pa.usage == 1);
  Counts vmdr = counts(table, "VMDR", "2026-01-10");
  CHECK(vmdr.a1 == 2);
  CHECK(vmdr.a2 == 1);
  CHECK(vmdr.c == 0);
  CHECK(vmdr.usage == 3);
}
