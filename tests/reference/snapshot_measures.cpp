// Products whose U(d) reads only snapshot(d): one pass over the day's rows,
// collecting distinct ids of the rows that satisfy the product's row conditions.
#include "tests/reference/measures.hpp"

#include <functional>
#include <map>
#include <set>
#include <string_view>

namespace tally::reference {

namespace {

using RowTest = std::function<bool(Row)>;
using IdSet = std::set<std::string_view>;

IdSet assets_on(const MeasureContext& context, Day d, const RowTest& counts) {
  IdSet assets;
  for (Row row : context.rows.rows_on(d))
    if (counts(row)) assets.insert(context.rows.asset_id(row));
  return assets;
}

// Rows without an agent id carry no agent, so they add nothing.
IdSet agents_on(const MeasureContext& context, Day d, const RowTest& counts) {
  IdSet agents;
  for (Row row : context.rows.rows_on(d))
    if (counts(row) && !context.rows.agent_id(row).empty()) agents.insert(context.rows.agent_id(row));
  return agents;
}

Rational count(const IdSet& ids) {
  return Rational(ids.size());
}

Components one_count(const IdSet& ids) {
  return {count(ids)};
}

bool has_patch_module(const ObservationRows& rows, Row row) {
  return rows.has_module(row, "PM") || rows.has_module(row, "ISL") || rows.has_module(row, "MTG");
}

// CSPM and CDR: distinct vm assets and distinct serverless_function assets among
// the live rows of one cloud source on the listed clouds.
Components cloud_workloads(const MeasureContext& context, Day d, std::string_view source,
                           std::initializer_list<std::string_view> clouds) {
  const ObservationRows& rows = context.rows;
  auto workload_row = [&](Row row, std::string_view type) {
    return rows.live(row) && rows.source(row) == source && one_of(rows.cloud(row), clouds) &&
           rows.asset_type(row) == type;
  };
  IdSet vms = assets_on(context, d, [&](Row row) { return workload_row(row, "vm"); });
  IdSet serverless = assets_on(context, d, [&](Row row) { return workload_row(row, "serverless_function"); });
  return {count(vms), count(serverless)};
}

} // namespace

Components etm_measure(const MeasureContext& context, Day d) {
  return one_count(assets_on(context, d, [&](Row row) { return context.rows.findings(row) > 0; }));
}

Components csam_measure(const MeasureContext& context, Day d) {
  return one_count(assets_on(context, d, [&](Row row) {
    return !one_of(context.rows.source(row), {"easm", "passive_sensor", "caps", "ad", "vmware", "cmdb"});
  }));
}

Components etm_id_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(assets_on(context, d, [&](Row row) {
    return rows.asset_type(row) == "identity" && rows.status(row) == "enabled";
  }));
}

Components vmdr_mobile_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(assets_on(context, d, [&](Row row) {
    return rows.asset_type(row) == "mobile_device" &&
           one_of(rows.source(row), {"mobile_agent", "agent", "intune"});
  }));
}

Components vmdr_ot_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  // Class rank in the order "vulnerable > enriched > basic"; an empty class is basic.
  auto rank_of = [](std::string_view ot_class) {
    if (ot_class == "vulnerable") return 2;
    if (ot_class == "enriched") return 1;
    return 0;
  };
  std::map<std::string_view, int> highest_class;
  for (Row row : rows.rows_on(d)) {
    if (rows.asset_type(row) != "ot_asset") continue;
    int rank = rank_of(rows.ot_class(row));
    auto [entry, inserted] = highest_class.emplace(rows.asset_id(row), rank);
    if (!inserted && rank > entry->second) entry->second = rank;
  }
  Rational vulnerable = 0, enriched = 0, basic = 0;
  for (const auto& [asset, rank] : highest_class) {
    if (rank == 2)
      vulnerable += 1;
    else if (rank == 1)
      enriched += 1;
    else
      basic += 1;
  }
  return {vulnerable, enriched, basic};
}

Components edr_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(
      assets_on(context, d, [&](Row row) { return rows.live(row) && rows.has_module(row, "EDR"); }));
}

Components zlinux_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(
      assets_on(context, d, [&](Row row) { return rows.live(row) && rows.has_module(row, "ZLINUX"); }));
}

Components cspm_measure(const MeasureContext& context, Day d) {
  return cloud_workloads(context, d, "cspm", {"aws", "azure", "gcp", "oci"});
}

Components cwp_agent_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  auto agent_vm_row = [&](Row row) {
    return rows.source(row) == "agent" && rows.asset_type(row) == "vm" &&
           one_of(rows.cloud(row), {"aws", "azure", "gcp", "oci"});
  };
  IdSet agent_vms = assets_on(context, d, agent_vm_row);
  // A VM that FlexScan also saw that day is attributed to FlexScan.
  for (std::string_view asset :
       assets_on(context, d, [&](Row row) { return rows.source(row) == "flexscan"; }))
    agent_vms.erase(asset);
  // No-finding: every agent VM row of the asset that day, whatever its status,
  // has no open ports and no vulnerabilities.
  IdSet with_finding = assets_on(context, d, [&](Row row) {
    return agent_vm_row(row) && (rows.open_ports(row) != 0 || rows.vulns(row) != 0);
  });
  Rational no_finding = 0;
  for (std::string_view asset : agent_vms)
    if (!with_finding.contains(asset)) no_finding += 1;
  return {count(agent_vms), no_finding};
}

Components cwp_flexscan_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(assets_on(
      context, d, [&](Row row) { return rows.source(row) == "flexscan" && rows.asset_type(row) == "vm"; }));
}

Components cdr_measure(const MeasureContext& context, Day d) {
  return cloud_workloads(context, d, "cdr", {"aws", "azure", "gcp"});
}

Components cis_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  // One scan per image per day, however many pipeline stages saw it.
  return one_count(assets_on(context, d, [&](Row row) {
    return rows.asset_type(row) == "container_image" && one_of(rows.source(row), {"cicd", "registry"});
  }));
}

Components sc_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  IdSet containers = assets_on(context, d, [&](Row row) {
    return rows.asset_type(row) == "serverless_container" && rows.source(row) == "serverless_telemetry";
  });
  for (std::string_view asset :
       assets_on(context, d, [&](Row row) { return rows.source(row) == "runtime_sensor"; }))
    containers.erase(asset);
  return one_count(containers);
}

Components sspm_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(assets_on(context, d, [&](Row row) {
    return rows.asset_type(row) == "saas_user" && rows.source(row) == "sspm" && rows.live(row);
  }));
}

Components tas_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  auto onboarded = [&](Row row, std::string_view type) {
    return rows.live(row) && rows.has_module(row, "TAS") && rows.asset_type(row) == type;
  };
  IdSet web_apps = assets_on(context, d, [&](Row row) { return onboarded(row, "web_app"); });
  IdSet api_endpoints = assets_on(context, d, [&](Row row) { return onboarded(row, "api_endpoint"); });
  return {count(web_apps), count(api_endpoints)};
}

Components was_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(assets_on(context, d, [&](Row row) {
    return rows.asset_type(row) == "web_app" && rows.live(row) && rows.has_module(row, "WAS");
  }));
}

Components paf_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(
      agents_on(context, d, [&](Row row) { return rows.live(row) && rows.has_module(row, "PAF"); }));
}

Components fim_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  auto recent_event = [&](Row row) {
    std::optional<Day> last_event = rows.last_event_day(row);
    return last_event && *last_event >= d - 29 && *last_event <= d;
  };
  return one_count(assets_on(context, d, [&](Row row) {
    if (!rows.live(row) || !rows.has_module(row, "FIM")) return false;
    if (rows.source(row) == "agent") return true;
    return one_of(rows.source(row), {"runtime_sensor", "scanner"}) && recent_event(row);
  }));
}

Components pci_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(assets_on(context, d, [&](Row row) {
    return one_of(rows.asset_type(row), {"ip_address", "dns_name"}) && rows.live(row) &&
           rows.has_module(row, "PCI");
  }));
}

Components pm_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(
      agents_on(context, d, [&](Row row) { return rows.live(row) && has_patch_module(rows, row); }));
}

Components elim_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  return one_count(
      assets_on(context, d, [&](Row row) { return rows.live(row) && has_patch_module(rows, row); }));
}

} // namespace tally::reference
