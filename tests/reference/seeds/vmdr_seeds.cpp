// Seed examples of VMDR, PA and CWP-AGENT: unit-based counts where the seed
// states the components (A, B, C) rather than a single count.
#include "tests/reference/seeds/seed_builder.hpp"

namespace tally::test {

using namespace seeds;

namespace {

std::string zero_or(bool zero, std::string_view value) {
  return zero ? "0" : std::string(value);
}

// A = 4,000 agents (A1) + 2,000 scanner-only assets (A2), B = 2,000 cloud
// instances, C = 500 + 250 + 250 units that found nothing; rows spread over
// days 2..13 of the term, so the term-to-date count peaks on its last days.
void write_vmdr_population(RowWriter& rows, const std::string& modules) {
  for (int i = 0; i < 4000; ++i) {
    Day day = term_day(2 + i % 10);
    std::string asset = numbered("vmdr-agent-host", i);
    std::string agent = numbered("vmdr-agent", i);
    bool ghost = i < 500;
    auto agent_row = [&](Day when, std::string_view status) {
      rows.append({{"observed_at", date_text(when)},
                   {"asset_id", asset},
                   {"asset_type", i % 2 == 0 ? "host" : "vm"},
                   {"source", "agent"},
                   {"agent_id", agent},
                   {"status", std::string(status)},
                   {"open_ports", zero_or(ghost, "2")},
                   {"vulns", zero_or(ghost, "5")},
                   {"modules", modules}});
    };
    agent_row(day, "active");
    // Reported again later, now inactive: still one agent (purge rules are off).
    if (i % 5 == 1) agent_row(day + 3, "inactive");
    // Also scanned, before or with the agent: the agent's asset is not also an A2 asset.
    if (i >= 500 && i < 1500)
      rows.append({{"observed_at", date_text(day - i % 2)},
                   {"asset_id", asset},
                   {"asset_type", "host"},
                   {"source", "scanner"},
                   {"modules", modules}});
  }
  for (int j = 0; j < 2000; ++j) {
    Day day = term_day(2 + j % 10);
    bool ghost = j < 250;
    rows.append({{"observed_at", date_text(day)},
                 {"asset_id", numbered("vmdr-scanned", j)},
                 {"asset_type", "host"},
                 {"source", "scanner"},
                 {"open_ports", zero_or(ghost, "1")},
                 {"modules", modules}});
    if (j % 3 == 0) // rescanned, with nothing found this time
      rows.append({{"observed_at", date_text(day + 2)},
                   {"asset_id", numbered("vmdr-scanned", j)},
                   {"asset_type", "host"},
                   {"source", "scanner"},
                   {"modules", modules}});
  }
  static constexpr std::string_view clouds[] = {"aws", "azure", "gcp", "oci", "alibaba"};
  for (int k = 0; k < 2000; ++k) {
    Day day = term_day(2 + k % 10);
    bool ghost = k < 250;
    auto instance_row = [&](Day when) {
      rows.append({{"observed_at", date_text(when)},
                   {"asset_id", numbered("vmdr-cloud", k)},
                   {"asset_type", "vm"},
                   {"source", "cloud_connector"},
                   {"instance_id", numbered("i", k)},
                   {"cloud", std::string(clouds[k % 5])},
                   {"status", k % 7 == 0 ? "terminated" : "active"},
                   {"vulns", zero_or(ghost, "1")},
                   {"modules", modules}});
    };
    instance_row(day);
    if (k % 4 == 0) instance_row(day + 1);
  }
  // Not counted: agents seen only before the term, rows that are not hosts
  // or VMs, and agents first seen after the as-of day.
  for (int i = 0; i < 300; ++i)
    rows.append({{"observed_at", date_text(term_day(0))},
                 {"asset_id", numbered("vmdr-old", i)},
                 {"asset_type", "host"},
                 {"source", "agent"},
                 {"agent_id", numbered("vmdr-old-agent", i)},
                 {"vulns", "3"},
                 {"modules", modules}});
  for (int i = 0; i < 400; ++i)
    rows.append({{"observed_at", date_text(term_day(5))},
                 {"asset_id", numbered("vmdr-ip", i)},
                 {"asset_type", i % 2 == 0 ? "ip_address" : "other"},
                 {"source", "scanner"},
                 {"vulns", "2"},
                 {"modules", modules}});
  for (int i = 0; i < 100; ++i)
    rows.append({{"observed_at", date_text(term_day(20))},
                 {"asset_id", numbered("vmdr-late", i)},
                 {"asset_type", "host"},
                 {"source", "agent"},
                 {"agent_id", numbered("vmdr-late-agent", i)},
                 {"vulns", "3"},
                 {"modules", modules}});
}

} // namespace

SeedExample seed_vmdr(const Schema& schema) {
  SeedExample seed = new_seed("VMDR", "A 6,000, B 2,000, C 1,000, ratio 1.5: 10,500 QLU", term_day(15));
  RowWriter rows(schema, seed.table);
  write_vmdr_population(rows, "VM");
  seed.expected = {interval_period(0, 7000, 10500, {{"A1", 4000}, {"A2", 2000}, {"B", 2000}, {"C", 1000}})};
  return seed;
}

SeedExample seed_pa(const Schema& schema) {
  SeedExample seed = new_seed("PA", "A 6,000, B 2,000, C 1,000, ratio 1.87: 13,090 QLU", term_day(15));
  RowWriter rows(schema, seed.table);
  write_vmdr_population(rows, "VM;PC");
  // Without PC these rows are outside PA entirely: extra agents and instances
  // do not count, and findings on them do not lift a PA asset out of C.
  for (int i = 0; i < 700; ++i)
    rows.append({{"observed_at", date_text(term_day(4))},
                 {"asset_id", numbered("vm-only-host", i)},
                 {"asset_type", "host"},
                 {"source", "agent"},
                 {"agent_id", numbered("vm-only-agent", i)},
                 {"vulns", "4"},
                 {"modules", "VM"}});
  for (int i = 0; i < 300; ++i)
    rows.append({{"observed_at", date_text(term_day(4))},
                 {"asset_id", numbered("vm-only-cloud", i)},
                 {"asset_type", "vm"},
                 {"source", "cloud_connector"},
                 {"instance_id", numbered("vm-only-i", i)},
                 {"cloud", "aws"},
                 {"vulns", "4"},
                 {"modules", "VM"}});
  for (int i = 0; i < 500; i += 2)
    rows.append({{"observed_at", date_text(term_day(6))},
                 {"asset_id", numbered("vmdr-agent-host", i)},
                 {"asset_type", "host"},
                 {"source", "scanner"},
                 {"vulns", "9"},
                 {"modules", "VM"}});
  seed.expected = {interval_period(0, 7000, 13090, {{"A1", 4000}, {"A2", 2000}, {"B", 2000}, {"C", 1000}})};
  return seed;
}

SeedExample seed_cwp_agent(const Schema& schema) {
  SeedExample seed = new_seed("CWP-AGENT", "A 10,000, B 1,000, ratio 1.5: 13,500 QLU", term_day(15));
  RowWriter rows(schema, seed.table);
  static constexpr std::string_view clouds[] = {"aws", "azure", "gcp", "oci"};
  auto agent_vm = [&](Day day, int hour, const std::string& asset, std::string_view type,
                      std::string_view cloud, std::string_view status, std::string_view open_ports,
                      std::string_view vulns) {
    rows.append({{"observed_at", hour_text(day, hour)},
                 {"asset_id", asset},
                 {"asset_type", std::string(type)},
                 {"source", "agent"},
                 {"agent_id", asset + "-agent"},
                 {"cloud", std::string(cloud)},
                 {"status", std::string(status)},
                 {"open_ports", std::string(open_ports)},
                 {"vulns", std::string(vulns)}});
  };
  for (int i = 0; i < 5000; ++i) // a lower day
    agent_vm(term_day(3), 8, numbered("cwp-vm", i), "vm", clouds[i % 4], "active", "0", "1");

  Day peak = term_day(7);
  for (int i = 0; i < 10000; ++i) {
    std::string asset = numbered("cwp-vm", i);
    std::string_view status = i % 9 == 0 ? "inactive" : "active"; // any status counts
    if (i < 1000) {                                               // no finding on any of the day's rows
      agent_vm(peak, 8, asset, "vm", clouds[i % 4], status, "0", "0");
      if (i % 2 == 0) agent_vm(peak, 12, asset, "vm", clouds[i % 4], "active", "0", "0");
    } else if (i % 3 == 0) { // one of the day's rows found something
      agent_vm(peak, 8, asset, "vm", clouds[i % 4], status, "0", "0");
      agent_vm(peak, 12, asset, "vm", clouds[i % 4], "active", "0", "2");
    } else {
      agent_vm(peak, 8, asset, "vm", clouds[i % 4], status, "3", "0");
    }
  }
  // VMs FlexScan also scanned that day are attributed to FlexScan, findings or not.
  for (int i = 0; i < 600; ++i) {
    std::string asset = numbered("cwp-flex-vm", i);
    agent_vm(peak, 8, asset, "vm", clouds[i % 4], "active", "0", i < 500 ? "1" : "0");
    rows.append({{"observed_at", hour_text(peak, 9)},
                 {"asset_id", asset},
                 {"asset_type", "vm"},
                 {"source", "flexscan"},
                 {"cloud", std::string(clouds[i % 4])}});
  }
  for (int i = 0; i < 300; ++i)
    agent_vm(peak, 8, numbered("cwp-alibaba", i), "vm", "alibaba", "active", "1", "1");
  for (int i = 0; i < 200; ++i)
    agent_vm(peak, 8, numbered("cwp-host", i), "host", "aws", "active", "1", "1");
  seed.expected = {interval_period(0, 9000, 13500, {{"agent_vms", 10000}, {"no_finding", 1000}})};
  return seed;
}

} // namespace tally::test
