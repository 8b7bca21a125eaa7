// Hand-computed cases of the snapshot products' row conditions.
#include "tests/reference/test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace tally;
using namespace tally::reference::testing;

namespace {

Report run(const Table& table, std::vector<std::string> products, const char* as_of) {
  return reference::evaluate(table, schema(), terms_for(std::move(products), day("2026-01-01"), day(as_of)));
}

} // namespace

TEST_CASE("FIM counts scanner and runtime events only within the last 30 days", "[reference][fim]") {
  auto fim = [](const char* asset, const char* source, const char* last_event) {
    std::vector<test::Cell> row = {{"observed_at", "2026-02-10"},
                                   {"asset_id", asset},
                                   {"source", source},
                                   {"modules", "FIM"},
                                   {"last_event_at", last_event}};
    if (std::string_view(source) == "agent") row.emplace_back("agent_id", std::string(asset) + "-agent");
    return row;
  };
  Table table = table_of({
      fim("agent", "agent", ""),                                // agents need no event
      fim("container-29-days", "runtime_sensor", "2026-01-12"), // d-29: counts
      fim("container-30-days", "runtime_sensor", "2026-01-11"), // d-30: too old
      fim("container-31-days", "runtime_sensor", "2026-01-10T23:59Z"),
      fim("scanned-today", "scanner", "2026-02-10T23:00Z"),
      fim("scanned-tomorrow", "scanner", "2026-02-11"),
      fim("scanned-never", "scanner", ""),
      fim("cloud", "cloud_connector", "2026-02-10"),
      {{"observed_at", "2026-02-10"},
       {"asset_id", "off"},
       {"source", "agent"},
       {"agent_id", "off"},
       {"status", "inactive"},
       {"modules", "FIM"}},
      {{"observed_at", "2026-02-10"},
       {"asset_id", "no-fim"},
       {"source", "agent"},
       {"agent_id", "no-fim"},
       {"modules", "VM;EDR"}},
  });
  Report report = run(table, {"FIM"}, "2026-02-10");
  const PeriodResult& period = period_at(report, "FIM", day("2026-02-10"));
  CHECK(period.start == day("2026-01-31"));
  CHECK(period.end == day("2026-02-14"));
  CHECK(period.partial);
  CHECK(period.usage == 3);
  CHECK(period.qlu == 54);
}

TEST_CASE("a VM seen by an agent and by FlexScan the same day counts for FlexScan only", "[reference][cwp]") {
  auto agent_vm = [](const char* date, const char* asset, const char* cloud, const char* ports,
                     const char* vulns) {
    return std::vector<test::Cell>{{"observed_at", date},
                                   {"asset_id", asset},
                                   {"asset_type", "vm"},
                                   {"source", "agent"},
                                   {"agent_id", std::string(asset) + "-agent"},
                                   {"cloud", cloud},
                                   {"open_ports", ports},
                                   {"vulns", vulns}};
  };
  auto flexscan_vm = [](const char* date, const char* asset) {
    return std::vector<test::Cell>{{"observed_at", date},
                                   {"asset_id", asset},
                                   {"asset_type", "vm"},
                                   {"source", "flexscan"},
                                   {"cloud", "aws"}};
  };
  Table table = table_of({
      agent_vm("2026-01-05", "v1", "aws", "0", "1"), flexscan_vm("2026-01-05", "v1"),
      agent_vm("2026-01-05", "v2", "azure", "1", "0"),
      agent_vm("2026-01-05", "v3", "gcp", "0", "0"), // no finding
      agent_vm("2026-01-05", "v4", "oci", "0", "0"),
      agent_vm("2026-01-05", "v4", "oci", "0", "2"), // one of its rows found something
      agent_vm("2026-01-05", "v5", "alibaba", "0", "1"), agent_vm("2026-01-05", "v6", "aws", "0", "1"),
      flexscan_vm("2026-01-04", "v6"), // another day: no attribution on the 5th
  });
  Report report = run(table, {"CWP-AGENT", "CWP-FLEXSCAN"}, "2026-01-05");
  const PeriodResult& agent = period_at(report, "CWP-AGENT", day("2026-01-05"));
  CHECK(component(agent, "agent_vms") == 4);  // v2 v3 v4 v6
  CHECK(component(agent, "no_finding") == 1); // v3
  CHECK(agent.usage == 3);
  CHECK(agent.qlu == Rational(9, 2));
  const PeriodResult& flexscan = period_at(report, "CWP-FLEXSCAN", day("2026-01-05"));
  CHECK(flexscan.usage == Rational(2, 5)); // v6 on the 4th, v1 on the 5th, over five days
  CHECK(flexscan.qlu == Rational(6, 5));
}

TEST_CASE("CIS counts one scan per image per day, over a 90-day window", "[reference][cis]") {
  auto image = [](const char* at, const char* digest, const char* source,
                  const char* type = "container_image") {
    return std::vector<test::Cell>{
        {"observed_at", at}, {"asset_id", digest}, {"asset_type", type}, {"source", source}};
  };
  Table table = table_of({
      image("2026-01-01T09:00Z", "sha256:a", "cicd"),
      image("2026-01-01T17:00Z", "sha256:a", "registry"), // same image, same day: one scan
      image("2026-01-01", "sha256:b", "runtime_sensor"),  // runtime analysis never counts
      image("2026-01-02", "sha256:a", "registry"),        // a rescan on another day
      image("2026-01-02", "sha256:c", "cicd"),
      image("2026-01-02", "build-17", "cicd", "other"),
  });
  Report report = run(table, {"CIS"}, "2026-04-01");
  CHECK(period_at(report, "CIS", day("2026-01-01")).usage == 1);
  CHECK(period_at(report, "CIS", day("2026-01-02")).usage == 3);
  CHECK(period_at(report, "CIS", day("2026-01-02")).qlu == Rational(36, 100));
  CHECK(period_at(report, "CIS", day("2026-03-31")).usage == 3);
  CHECK(period_at(report, "CIS", day("2026-04-01")).usage == 2); // the 1 January scan has left the window
  CHECK(component(period_at(report, "CIS", day("2026-04-01")), "scans") == 2);
}

TEST_CASE("CSAM excludes discovery-only sources and is free with ETM", "[reference][csam]") {
  auto seen = [](const char* asset, const char* source) {
    std::vector<test::Cell> row = {{"observed_at", "2026-01-02"}, {"asset_id", asset}, {"source", source}};
    if (std::string_view(source) == "agent") row.emplace_back("agent_id", "agent-of-" + std::string(asset));
    return row;
  };
  Table table = table_of({seen("a1", "agent"), seen("a2", "easm"), seen("a3", "easm"), seen("a3", "scanner"),
                          seen("a4", "cmdb"), seen("a5", "passive_sensor"), seen("a6", "caps"),
                          seen("a7", "ad"), seen("a8", "vmware"), seen("a9", "idp")});
  reference::ReferenceTerms terms = terms_for({"CSAM"}, day("2026-01-01"), day("2026-01-02"));
  const PeriodResult alone = reference::evaluate(table, schema(), terms).products[0].periods[0];
  CHECK(alone.usage == 3); // a1 a3 a9
  CHECK(alone.qlu == 3);
  terms.includes_etm = true;
  const PeriodResult with_etm = reference::evaluate(table, schema(), terms).products[0].periods[0];
  CHECK(with_etm.usage == 3);
  CHECK(with_etm.qlu == 0);
}

TEST_CASE("PAF and PM round QLU half-up to a whole unit", "[reference][rounding]") {
  std::vector<std::vector<test::Cell>> rows;
  for (int i = 0; i < 30; ++i)
    rows.push_back({{"observed_at", "2026-01-02"},
                    {"asset_id", "h" + std::to_string(i)},
                    {"source", "agent"},
                    {"agent_id", "ag" + std::to_string(i)},
                    {"modules", i < 10 ? "PAF;MTG" : "PAF"}});
  Report report = run(table_of(rows), {"PAF", "PM", "ELIM"}, "2026-01-02");
  const PeriodResult& paf = period_at(report, "PAF", day("2026-01-02"));
  CHECK(paf.usage == 30);
  CHECK(paf.qlu == 29); // 28.5: half-up, where half-even would give 28
  const PeriodResult& pm = period_at(report, "PM", day("2026-01-02"));
  CHECK(pm.usage == 10);
  CHECK(pm.qlu == 29);                                           // 28.5
  CHECK(period_at(report, "ELIM", day("2026-01-02")).qlu == 57); // no rounding: 10 x 5.7
}

TEST_CASE("VMDR-OT rounds each day's weighted count and reports the latest peak day's classes",
          "[reference][vmdr-ot]") {
  auto ot = [](const char* date, const char* asset, const char* ot_class) {
    return std::vector<test::Cell>{{"observed_at", date},
                                   {"asset_id", asset},
                                   {"asset_type", "ot_asset"},
                                   {"source", "ot_sensor"},
                                   {"ot_class", ot_class}};
  };
  Table table = table_of({
      ot("2026-01-02", "o1", "vulnerable"),
      ot("2026-01-02", "o2", "vulnerable"),
      ot("2026-01-02", "o3", "vulnerable"),
      // 4 enriched = 8/3, rounded to 3: the same peak, on a later day.
      ot("2026-01-06", "o1", "enriched"),
      ot("2026-01-06", "o1", "basic"),
      ot("2026-01-06", "o2", "enriched"),
      ot("2026-01-06", "o3", "enriched"),
      ot("2026-01-06", "o4", "enriched"),
      ot("2026-01-06", "o5", ""),
      // One enriched asset is 2/3, which rounds up to a whole asset.
      ot("2026-01-16", "o1", "enriched"),
  });
  Report report = run(table, {"VMDR-OT"}, "2026-01-16");
  const PeriodResult& first = period_at(report, "VMDR-OT", day("2026-01-01"));
  CHECK(first.usage == 3);
  CHECK(first.qlu == Rational(9, 2));
  CHECK(component(first, "vulnerable") == 0);
  CHECK(component(first, "enriched") == 4);
  CHECK(component(first, "basic") == 1);
  const PeriodResult& second = period_at(report, "VMDR-OT", day("2026-01-16"));
  CHECK(second.usage == 1);
  CHECK(second.partial);
}

TEST_CASE("weighted and subtracted daily counts stay exact", "[reference][weights]") {
  std::vector<std::vector<test::Cell>> rows;
  for (int i = 0; i < 3; ++i)
    rows.push_back({{"observed_at", "2026-01-01"},
                    {"asset_id", "fn" + std::to_string(i)},
                    {"asset_type", "serverless_function"},
                    {"source", "cspm"},
                    {"cloud", "gcp"}});
  for (int i = 0; i < 5; ++i)
    rows.push_back({{"observed_at", "2026-01-01"},
                    {"asset_id", "api" + std::to_string(i)},
                    {"asset_type", "api_endpoint"},
                    {"source", "webapp_scanner"},
                    {"modules", "TAS"}});
  rows.push_back({{"observed_at", "2026-01-01"},
                  {"asset_id", "app"},
                  {"asset_type", "web_app"},
                  {"source", "webapp_scanner"},
                  {"status", "enabled"},
                  {"modules", "TAS;WAS"}});
  rows.push_back({{"observed_at", "2026-01-02"},
                  {"asset_id", "task1"},
                  {"asset_type", "serverless_container"},
                  {"source", "serverless_telemetry"}});
  rows.push_back({{"observed_at", "2026-01-02"},
                  {"asset_id", "task2"},
                  {"asset_type", "serverless_container"},
                  {"source", "serverless_telemetry"}});
  rows.push_back({{"observed_at", "2026-01-02"},
                  {"asset_id", "task2"},
                  {"asset_type", "container_node"},
                  {"source", "runtime_sensor"}});
  Report report = run(table_of(rows), {"CSPM", "TAS", "WAS", "SC"}, "2026-01-02");
  CHECK(period_at(report, "CSPM", day("2026-01-01")).usage == Rational(3, 100));
  CHECK(period_at(report, "CSPM", day("2026-01-02")).usage == Rational(3, 200)); // averaged over two days
  CHECK(period_at(report, "CSPM", day("2026-01-02")).qlu == Rational(18, 100));
  const PeriodResult& tas = period_at(report, "TAS", day("2026-01-01"));
  CHECK(tas.usage == Rational(3, 2));
  CHECK(tas.qlu == Rational(135, 2));
  CHECK(period_at(report, "WAS", day("2026-01-01")).usage == 1);
  CHECK(period_at(report, "SC", day("2026-01-02")).usage == Rational(1, 2)); // task2 is covered by a sensor
}

TEST_CASE("identity, mobile and PCI conditions apply to one row", "[reference][conditions]") {
  Table table = table_of({
      {{"observed_at", "2026-01-02"},
       {"asset_id", "alice"},
       {"asset_type", "identity"},
       {"source", "idp"},
       {"status", "enabled"}},
      {{"observed_at", "2026-01-02"}, {"asset_id", "bob"}, {"asset_type", "identity"}, {"source", "idp"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "bob"},
       {"asset_type", "other"},
       {"source", "ad"},
       {"status", "enabled"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "phone"},
       {"asset_type", "mobile_device"},
       {"source", "intune"},
       {"status", "decommissioned"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "tablet"},
       {"asset_type", "mobile_device"},
       {"source", "cmdb"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "10.0.0.1"},
       {"asset_type", "ip_address"},
       {"source", "pci_scanner"},
       {"modules", "PCI"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "shop.example"},
       {"asset_type", "dns_name"},
       {"source", "pci_scanner"},
       {"status", "inactive"},
       {"modules", "PCI"}},
      {{"observed_at", "2026-01-02"},
       {"asset_id", "shop.example"},
       {"asset_type", "dns_name"},
       {"source", "pci_scanner"},
       {"modules", "VM"}},
  });
  Report report = run(table, {"ETM-ID", "VMDR-MOBILE", "PCI"}, "2026-01-02");
  CHECK(period_at(report, "ETM-ID", day("2026-01-02")).usage == 1);      // alice
  CHECK(period_at(report, "VMDR-MOBILE", day("2026-01-02")).usage == 1); // phone, any status
  CHECK(period_at(report, "PCI", day("2026-01-02")).usage == 1);         // 10.0.0.1
}
