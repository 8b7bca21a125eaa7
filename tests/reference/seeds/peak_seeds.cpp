// Seed examples of the snapshot peak products: each counted asset (or agent)
// appears on the scheduled days, next to rows the product must not count.
#include "tests/reference/seeds/seed_builder.hpp"

namespace tally::test {

using namespace seeds;

namespace {

// Two intervals: the usual shape of the seeds' "peaks a / b" examples.
SeedExample two_interval_seed(std::string product, std::string description) {
  return new_seed(std::move(product), std::move(description), term_day(30));
}

} // namespace

SeedExample seed_etm(const Schema& schema) {
  SeedExample seed = new_seed("ETM", "5,000 assets with findings, ratio 3: 15,000 QLU", term_day(15));
  RowWriter rows(schema, seed.table);
  // Before the term: never evaluated.
  for (int i = 0; i < 6000; ++i)
    rows.append({{"observed_at", date_text(term_day(0))},
                 {"asset_id", numbered("etm", i)},
                 {"source", "scanner"},
                 {"findings", "4"}});
  // A lower day.
  for (int i = 0; i < 4000; ++i)
    rows.append({{"observed_at", date_text(term_day(3))},
                 {"asset_id", numbered("etm", i)},
                 {"source", "agent"},
                 {"agent_id", numbered("etm-agent", i)},
                 {"findings", "1"}});
  // The peak day: findings from Qualys and non-Qualys sources; an asset
  // reported by two sources is one asset.
  for (int i = 0; i < 5000; ++i) {
    Day day = term_day(9);
    std::string asset = numbered("etm", i);
    std::string findings = std::to_string(1 + i % 7);
    if (i % 3 == 0)
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", asset},
                   {"source", "agent"},
                   {"agent_id", numbered("etm-agent", i)},
                   {"findings", findings},
                   {"status", "inactive"}});
    else
      rows.append({{"observed_at", hour_text(day, i % 24)},
                   {"asset_id", asset},
                   {"source", i % 3 == 1 ? "scanner" : "external"},
                   {"findings", findings}});
    if (i % 4 == 0)
      rows.append({{"observed_at", hour_text(day, 23)},
                   {"asset_id", asset},
                   {"source", "external"},
                   {"findings", "2"}});
  }
  // Assets without findings do not count.
  for (int i = 0; i < 800; ++i)
    rows.append({{"observed_at", date_text(term_day(9))},
                 {"asset_id", numbered("etm-clean", i)},
                 {"source", "scanner"},
                 {"findings", i % 2 == 0 ? "0" : ""},
                 {"vulns", "3"}});
  seed.expected = {interval_period(0, 5000, 15000, {{"assets", 5000}})};
  return seed;
}

SeedExample seed_csam(const Schema& schema) {
  SeedExample seed = two_interval_seed("CSAM", "peaks 13,500 / 14,200, ratio 1: 13,500 / 14,200 QLU");
  RowWriter rows(schema, seed.table);
  static constexpr std::string_view managed_sources[] = {"agent", "scanner", "cloud_connector", "idp",
                                                         "external"};
  static constexpr std::string_view unmanaged_sources[] = {"easm", "passive_sensor", "caps",
                                                           "ad",   "vmware",         "cmdb"};
  for_each_scheduled_day({12000, 13500, 14200, 13900}, [&](Day day, int count) {
    for (int i = 0; i < count; ++i) {
      std::string_view source = managed_sources[i % 5];
      std::string asset = numbered("csam", i);
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", asset},
                   {"source", std::string(source)},
                   {"agent_id", source == "agent" ? numbered("csam-agent", i) : ""}});
      // Also discovered by an excluded source: still one managed asset.
      if (i % 10 == 0)
        rows.append({{"observed_at", date_text(day)},
                     {"asset_id", asset},
                     {"source", std::string(unmanaged_sources[i % 6])}});
    }
    // Assets only an excluded source knows do not count.
    for (int i = 0; i < 1000; ++i)
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("csam-unmanaged", i)},
                   {"source", std::string(unmanaged_sources[i % 6])}});
  });
  seed.expected = {interval_period(0, 13500, 13500, {{"assets", 13500}}),
                   interval_period(1, 14200, 14200, {{"assets", 14200}})};
  return seed;
}

SeedExample seed_etm_id(const Schema& schema) {
  SeedExample seed = two_interval_seed("ETM-ID", "peaks 10,000 / 11,200, ratio 1: 10,000 / 11,200 QLU");
  RowWriter rows(schema, seed.table);
  for_each_scheduled_day({9000, 10000, 11200, 10500}, [&](Day day, int count) {
    for (int i = 0; i < count; ++i) {
      std::string identity = numbered("identity", i);
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", identity},
                   {"asset_type", "identity"},
                   {"source", i % 3 == 0 ? "ad" : "idp"},
                   {"status", "enabled"}});
      // The same canonical identity from a second IdP, disabled there: one identity.
      if (i % 5 == 0)
        rows.append({{"observed_at", date_text(day)},
                     {"asset_id", identity},
                     {"asset_type", "identity"},
                     {"source", i % 3 == 0 ? "idp" : "ad"},
                     {"status", "disabled"}});
    }
    for (int i = 0; i < 700; ++i) // never enabled
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("identity-off", i)},
                   {"asset_type", "identity"},
                   {"source", "idp"},
                   {"status", i % 2 == 0 ? "disabled" : "active"}});
    for (int i = 0; i < 300; ++i) // enabled, but not identities
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("sspm-user", i)},
                   {"asset_type", "saas_user"},
                   {"source", "sspm"},
                   {"status", "enabled"}});
  });
  seed.expected = {interval_period(0, 10000, 10000, {{"identities", 10000}}),
                   interval_period(1, 11200, 11200, {{"identities", 11200}})};
  return seed;
}

SeedExample seed_vmdr_mobile(const Schema& schema) {
  SeedExample seed =
      two_interval_seed("VMDR-MOBILE", "peaks 10,000 / 11,200, ratio 1.5: 15,000 / 16,800 QLU");
  RowWriter rows(schema, seed.table);
  static constexpr std::string_view sources[] = {"mobile_agent", "agent", "intune"};
  static constexpr std::string_view statuses[] = {"active", "inactive", "enabled", "decommissioned"};
  for_each_scheduled_day({9000, 10000, 11200, 10800}, [&](Day day, int count) {
    for (int i = 0; i < count; ++i) {
      std::string_view source = sources[i % 3];
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("mobile", i)},
                   {"asset_type", "mobile_device"},
                   {"source", std::string(source)},
                   {"agent_id", source == "agent" ? numbered("mobile-agent", i) : ""},
                   {"status", std::string(statuses[i % 4])}});
    }
    for (int i = 0; i < 500; ++i) // mobile devices from sources VMDR Mobile does not use
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("mobile-cmdb", i)},
                   {"asset_type", "mobile_device"},
                   {"source", i % 2 == 0 ? "cmdb" : "ad"}});
    for (int i = 0; i < 300; ++i) // agents on hosts
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("mobile-host", i)},
                   {"asset_type", "host"},
                   {"source", "agent"},
                   {"agent_id", numbered("host-agent", i)}});
  });
  seed.expected = {interval_period(0, 10000, 15000, {{"devices", 10000}}),
                   interval_period(1, 11200, 16800, {{"devices", 11200}})};
  return seed;
}

SeedExample seed_vmdr_ot(const Schema& schema) {
  SeedExample seed = two_interval_seed(
      "VMDR-OT",
      "400 vulnerable + 600 enriched (weighted 800); 300 + 200 (weighted 433), ratio 1.5: 1,200 / 649.5 QLU");
  RowWriter rows(schema, seed.table);
  auto ot_row = [&](Day day, const std::string& asset, std::string_view ot_class) {
    rows.append({{"observed_at", date_text(day)},
                 {"asset_id", asset},
                 {"asset_type", "ot_asset"},
                 {"source", "ot_sensor"},
                 {"ot_class", std::string(ot_class)}});
  };
  struct ClassCounts {
    int day, vulnerable, enriched, basic;
  };
  for (ClassCounts counts :
       {ClassCounts{kFirstLowDay, 200, 300, 500}, ClassCounts{kFirstPeakDay, 400, 600, 1000},
        ClassCounts{kSecondPeakDay, 300, 200, 1000}, ClassCounts{kSecondLowDay, 300, 150, 1000}}) {
    Day day = term_day(counts.day);
    // Each asset takes its highest class of the day.
    for (int i = 0; i < counts.vulnerable; ++i) {
      ot_row(day, numbered("ot-vulnerable", i), "vulnerable");
      if (i % 4 == 0) {
        ot_row(day, numbered("ot-vulnerable", i), "basic");
        ot_row(day, numbered("ot-vulnerable", i), "enriched");
      }
    }
    for (int i = 0; i < counts.enriched; ++i) {
      if (i % 3 == 0) ot_row(day, numbered("ot-enriched", i), "basic");
      ot_row(day, numbered("ot-enriched", i), "enriched");
    }
    for (int i = 0; i < counts.basic; ++i)
      ot_row(day, numbered("ot-basic", i), i % 2 == 0 ? "basic" : "");
    for (int i = 0; i < 100; ++i) // an OT class on a row that is not an OT asset
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("ot-host", i)},
                   {"asset_type", "host"},
                   {"source", "passive_sensor"},
                   {"ot_class", "vulnerable"}});
  }
  seed.expected = {
      interval_period(0, 800, 1200, {{"vulnerable", 400}, {"enriched", 600}, {"basic", 1000}}),
      interval_period(1, 433, exact("649.5"), {{"vulnerable", 300}, {"enriched", 200}, {"basic", 1000}})};
  return seed;
}

namespace {

// EDR and ZLINUX: live agent assets with the module, among inactive ones and
// live ones without it.
void write_agent_module_assets(RowWriter& rows, const std::string& module, const PeakSchedule& schedule) {
  for_each_scheduled_day(schedule, [&](Day day, int count) {
    for (int i = 0; i < count; ++i) {
      std::string asset = numbered(module + "-host", i);
      std::string agent = numbered(module + "-agent", i);
      rows.append({{"observed_at", hour_text(day, i % 24)},
                   {"asset_id", asset},
                   {"source", "agent"},
                   {"agent_id", agent},
                   {"status", i % 2 == 0 ? "active" : "enabled"},
                   {"modules", i % 3 == 0 ? "VM;" + module : module}});
      if (i % 6 == 0) // a second, inactive report the same day: still one live endpoint
        rows.append({{"observed_at", hour_text(day, 23)},
                     {"asset_id", asset},
                     {"source", "agent"},
                     {"agent_id", agent},
                     {"status", "inactive"},
                     {"modules", module}});
    }
    for (int i = 0; i < 300; ++i)
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered(module + "-retired", i)},
                   {"source", "agent"},
                   {"agent_id", numbered(module + "-retired-agent", i)},
                   {"status", i % 2 == 0 ? "inactive" : "decommissioned"},
                   {"modules", module}});
    for (int i = 0; i < 200; ++i)
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered(module + "-other", i)},
                   {"source", "agent"},
                   {"agent_id", numbered(module + "-other-agent", i)},
                   {"modules", "VM;PC"}});
  });
}

} // namespace

SeedExample seed_edr(const Schema& schema) {
  SeedExample seed = two_interval_seed("EDR", "peaks 2,650 / 2,900, ratio 2.85: 7,552.5 / 8,265 QLU");
  RowWriter rows(schema, seed.table);
  write_agent_module_assets(rows, "EDR", {2400, 2650, 2900, 2600});
  seed.expected = {interval_period(0, 2650, exact("7552.5"), {{"assets", 2650}}),
                   interval_period(1, 2900, 8265, {{"assets", 2900}})};
  return seed;
}

SeedExample seed_zlinux(const Schema& schema) {
  SeedExample seed = two_interval_seed("ZLINUX", "peaks 650 / 900, ratio 60: 39,000 / 54,000 QLU");
  RowWriter rows(schema, seed.table);
  write_agent_module_assets(rows, "ZLINUX", {400, 650, 900, 600});
  seed.expected = {interval_period(0, 650, 39000, {{"assets", 650}}),
                   interval_period(1, 900, 54000, {{"assets", 900}})};
  return seed;
}

SeedExample seed_tas(const Schema& schema) {
  SeedExample seed =
      two_interval_seed("TAS", "85 apps + 200 APIs (105); 95 + 250 (120), ratio 45: 4,725 / 5,400 QLU");
  RowWriter rows(schema, seed.table);
  auto onboarded = [&](Day day, const std::string& asset, std::string_view type, int i) {
    rows.append({{"observed_at", date_text(day)},
                 {"asset_id", asset},
                 {"asset_type", std::string(type)},
                 {"source", "webapp_scanner"},
                 {"status", i % 2 == 0 ? "active" : "enabled"},
                 {"modules", i % 4 == 0 ? "TAS;WAS" : "TAS"}});
  };
  struct Onboarded {
    int day, web_apps, api_endpoints;
  };
  for (Onboarded counts : {Onboarded{kFirstLowDay, 80, 100}, Onboarded{kFirstPeakDay, 85, 200},
                           Onboarded{kSecondPeakDay, 95, 250}, Onboarded{kSecondLowDay, 90, 240}}) {
    Day day = term_day(counts.day);
    for (int i = 0; i < counts.web_apps; ++i)
      onboarded(day, numbered("tas-app", i), "web_app", i);
    for (int i = 0; i < counts.api_endpoints; ++i)
      onboarded(day, numbered("tas-api", i), "api_endpoint", i);
    for (int i = 0; i < 30; ++i) // not onboarded in TAS
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("was-app", i)},
                   {"asset_type", "web_app"},
                   {"source", "webapp_scanner"},
                   {"modules", "WAS"}});
    for (int i = 0; i < 20; ++i) // onboarded but disabled
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("tas-api-off", i)},
                   {"asset_type", "api_endpoint"},
                   {"source", "webapp_scanner"},
                   {"status", "disabled"},
                   {"modules", "TAS"}});
    for (int i = 0; i < 10; ++i) // neither a web app nor an API endpoint
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("tas-host", i)},
                   {"asset_type", "host"},
                   {"source", "scanner"},
                   {"modules", "TAS"}});
  }
  seed.expected = {interval_period(0, 105, 4725, {{"web_apps", 85}, {"api_endpoints", 200}}),
                   interval_period(1, 120, 5400, {{"web_apps", 95}, {"api_endpoints", 250}})};
  return seed;
}

SeedExample seed_was(const Schema& schema) {
  SeedExample seed = two_interval_seed("WAS", "peaks 85 / 95, ratio 45: 3,825 / 4,275 QLU");
  RowWriter rows(schema, seed.table);
  for_each_scheduled_day({70, 85, 95, 90}, [&](Day day, int count) {
    for (int i = 0; i < count; ++i)
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("was-app", i)},
                   {"asset_type", "web_app"},
                   {"source", "webapp_scanner"},
                   {"modules", i % 5 == 0 ? "WAS;TAS" : "WAS"}});
    for (int i = 0; i < 20; ++i) {
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("tas-app", i)},
                   {"asset_type", "web_app"},
                   {"source", "webapp_scanner"},
                   {"modules", "TAS"}});
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("was-app-off", i)},
                   {"asset_type", "web_app"},
                   {"source", "webapp_scanner"},
                   {"status", "disabled"},
                   {"modules", "WAS"}});
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("was-api", i)},
                   {"asset_type", "api_endpoint"},
                   {"source", "webapp_scanner"},
                   {"modules", "WAS"}});
    }
  });
  seed.expected = {interval_period(0, 85, 3825, {{"assets", 85}}),
                   interval_period(1, 95, 4275, {{"assets", 95}})};
  return seed;
}

SeedExample seed_paf(const Schema& schema) {
  SeedExample seed = two_interval_seed("PAF", "peaks 2,650 / 2,900 agents, ratio 0.95: 2,518 / 2,755 QLU");
  RowWriter rows(schema, seed.table);
  for_each_scheduled_day({2400, 2650, 2900, 2600}, [&](Day day, int count) {
    for (int i = 0; i < count; ++i) {
      std::string agent = numbered("paf-agent", i);
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("paf-host", i)},
                   {"source", "agent"},
                   {"agent_id", agent},
                   {"modules", i % 2 == 0 ? "PAF" : "PC;PAF"}});
      if (i % 10 == 0) // one agent id reported on a second asset: one agent
        rows.append({{"observed_at", date_text(day)},
                     {"asset_id", numbered("paf-host-clone", i)},
                     {"source", "agent"},
                     {"agent_id", agent},
                     {"modules", "PAF"}});
    }
    for (int i = 0; i < 200; ++i) {
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("paf-idle", i)},
                   {"source", "agent"},
                   {"agent_id", numbered("paf-idle-agent", i)},
                   {"status", "inactive"},
                   {"modules", "PAF"}});
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("pc-host", i)},
                   {"source", "agent"},
                   {"agent_id", numbered("pc-agent", i)},
                   {"modules", "PC"}});
    }
    for (int i = 0; i < 100; ++i) // no agent, so no unit
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("paf-scanned", i)},
                   {"source", "scanner"},
                   {"modules", "PAF"}});
  });
  seed.expected = {interval_period(0, 2650, 2518, {{"agents", 2650}}),
                   interval_period(1, 2900, 2755, {{"agents", 2900}})};
  return seed;
}

SeedExample seed_fim(const Schema& schema) {
  SeedExample seed = two_interval_seed("FIM", "peaks 1,250 / 1,350, ratio 18: 22,500 / 24,300 QLU");
  RowWriter rows(schema, seed.table);
  auto fim_row = [&](Day day, const std::string& asset, std::string_view source,
                     const std::string& last_event, std::string_view status) {
    rows.append({{"observed_at", date_text(day)},
                 {"asset_id", asset},
                 {"source", std::string(source)},
                 {"agent_id", source == "agent" ? asset + "-agent" : ""},
                 {"status", std::string(status)},
                 {"modules", "FIM"},
                 {"last_event_at", last_event}});
  };
  for_each_scheduled_day({1100, 1250, 1350, 1300}, [&](Day day, int count) {
    for (int i = 0; i < count; ++i) {
      std::string asset = numbered("fim", i);
      if (i % 3 == 0)
        fim_row(day, asset, "agent", "", "active"); // agents need no recent event
      else if (i % 3 == 1)
        fim_row(day, asset, "runtime_sensor", date_text(day - 29), "active"); // oldest that counts
      else
        fim_row(day, asset, "scanner", hour_text(day, 5), "enabled");
    }
    for (int i = 0; i < 100; ++i) {
      fim_row(day, numbered("fim-stale", i), "runtime_sensor", date_text(day - 30), "active");
      fim_row(day, numbered("fim-silent", i), "scanner", "", "active");
      fim_row(day, numbered("fim-ahead", i), "scanner", date_text(day + 1), "active");
      fim_row(day, numbered("fim-cloud", i), "cloud_connector", date_text(day), "active");
      fim_row(day, numbered("fim-off", i), "agent", "", "inactive");
    }
  });
  seed.expected = {interval_period(0, 1250, 22500, {{"assets", 1250}}),
                   interval_period(1, 1350, 24300, {{"assets", 1350}})};
  return seed;
}

SeedExample seed_pci(const Schema& schema) {
  SeedExample seed = two_interval_seed("PCI", "peaks 1,350 / 1,500, ratio 1.5: 2,025 / 2,250 QLU");
  RowWriter rows(schema, seed.table);
  for_each_scheduled_day({1200, 1350, 1500, 1400}, [&](Day day, int count) {
    for (int i = 0; i < count; ++i)
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("pci", i)},
                   {"asset_type", i % 3 == 0 ? "dns_name" : "ip_address"},
                   {"source", "pci_scanner"},
                   {"modules", "PCI"}});
    for (int i = 0; i < 100; ++i) {
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("pci-host", i)},
                   {"asset_type", "host"},
                   {"source", "pci_scanner"},
                   {"modules", "PCI"}});
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("pci-gone", i)},
                   {"asset_type", "ip_address"},
                   {"source", "pci_scanner"},
                   {"status", "decommissioned"},
                   {"modules", "PCI"}});
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("pci-unscoped", i)},
                   {"asset_type", "dns_name"},
                   {"source", "scanner"},
                   {"modules", "VM"}});
    }
  });
  seed.expected = {interval_period(0, 1350, 2025, {{"assets", 1350}}),
                   interval_period(1, 1500, 2250, {{"assets", 1500}})};
  return seed;
}

namespace {

constexpr std::string_view kPatchModules[] = {"PM", "ISL", "MTG", "PM;ISL", "ISL;MTG"};

// PM and ELIM: live assets with any of PM, ISL, MTG, among others that are not.
void write_patch_assets(RowWriter& rows, const PeakSchedule& schedule) {
  for_each_scheduled_day(schedule, [&](Day day, int count) {
    for (int i = 0; i < count; ++i)
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("patch-host", i)},
                   {"source", "agent"},
                   {"agent_id", numbered("patch-agent", i)},
                   {"modules", std::string(kPatchModules[i % 5])}});
    for (int i = 0; i < 150; ++i) {
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("patch-idle", i)},
                   {"source", "agent"},
                   {"agent_id", numbered("patch-idle-agent", i)},
                   {"status", "disabled"},
                   {"modules", "PM"}});
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("paf-only", i)},
                   {"source", "agent"},
                   {"agent_id", numbered("paf-only-agent", i)},
                   {"modules", "PAF"}});
    }
  });
}

} // namespace

SeedExample seed_pm(const Schema& schema) {
  SeedExample seed = two_interval_seed("PM", "peaks 2,650 / 2,900 agents, ratio 2.85: 7,553 / 8,265 QLU");
  RowWriter rows(schema, seed.table);
  write_patch_assets(rows, {2400, 2650, 2900, 2600});
  // Agents are what PM counts: an agent on two assets is one, and an asset
  // without an agent is none.
  for (int i = 0; i < 50; ++i) {
    rows.append({{"observed_at", date_text(term_day(kFirstPeakDay))},
                 {"asset_id", numbered("patch-clone", i)},
                 {"source", "agent"},
                 {"agent_id", numbered("patch-agent", i)},
                 {"modules", "PM"}});
    rows.append({{"observed_at", date_text(term_day(kSecondPeakDay))},
                 {"asset_id", numbered("patch-scanned", i)},
                 {"source", "scanner"},
                 {"modules", "PM"}});
  }
  seed.expected = {interval_period(0, 2650, 7553, {{"agents", 2650}}),
                   interval_period(1, 2900, 8265, {{"agents", 2900}})};
  return seed;
}

SeedExample seed_elim(const Schema& schema) {
  SeedExample seed = two_interval_seed("ELIM", "peaks 2,200 / 2,400, ratio 5.7: 12,540 / 13,680 QLU");
  RowWriter rows(schema, seed.table);
  write_patch_assets(rows, {2000, 2200, 2400, 2300});
  seed.expected = {interval_period(0, 2200, 12540, {{"assets", 2200}}),
                   interval_period(1, 2400, 13680, {{"assets", 2400}})};
  return seed;
}

} // namespace tally::test
