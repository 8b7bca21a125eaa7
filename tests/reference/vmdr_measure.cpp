// VMDR and PA, following "VMDR and PA" in semantics.md clause by clause. Every
// clause reads only the restricted rows: term(d) rows with asset_type host or
// vm (PA: and has(PC)).
#include "tests/reference/measures.hpp"

#include <map>
#include <set>
#include <string_view>

namespace tally::reference {

namespace {

using AssetSet = std::set<std::string_view>;
using Units = std::map<std::string_view, AssetSet>; // unit key -> the unit's assets

// Position in "decommissioned terminated inactive disabled enabled active":
// among rows with the same observed_at, the smaller position is the latest row.
int tie_position(std::string_view status) {
  static constexpr std::string_view order[] = {"decommissioned", "terminated", "inactive",
                                               "disabled",       "enabled",    "active"};
  for (int position = 0; position < 6; ++position)
    if (order[position] == status) return position;
  return 6;
}

struct RestrictedRows {
  std::map<std::string_view, Row> latest_row;       // per asset
  std::map<std::string_view, bool> without_finding; // per asset: every row has 0 open ports and 0 vulns
  Units agents;                                     // A1 candidates: agent_id of agent rows
  AssetSet assets_with_agent_row;
  AssetSet scanned_assets; // asset_id of scanner rows
  Units instances;         // B: instance_id of cloud_connector rows
};

RestrictedRows collect(const MeasureContext& context, Day d, bool policy_compliance_only) {
  const ObservationRows& rows = context.rows;
  RestrictedRows restricted;
  for (Day day = context.start; day <= d; ++day) {
    for (Row row : rows.rows_on(day)) {
      if (!one_of(rows.asset_type(row), {"host", "vm"})) continue;
      if (policy_compliance_only && !rows.has_module(row, "PC")) continue;
      std::string_view asset = rows.asset_id(row);

      auto [latest, first_row] = restricted.latest_row.emplace(asset, row);
      if (!first_row) {
        Row current = latest->second;
        bool later = rows.observed_at(row) > rows.observed_at(current);
        bool same_time_wins = rows.observed_at(row) == rows.observed_at(current) &&
                              tie_position(rows.status(row)) < tie_position(rows.status(current));
        if (later || same_time_wins) latest->second = row;
      }

      bool no_finding_here = rows.open_ports(row) == 0 && rows.vulns(row) == 0;
      auto [no_finding, first_seen] = restricted.without_finding.emplace(asset, no_finding_here);
      if (!first_seen) no_finding->second = no_finding->second && no_finding_here;

      std::string_view source = rows.source(row);
      if (source == "agent") {
        restricted.assets_with_agent_row.insert(asset);
        if (!rows.agent_id(row).empty()) restricted.agents[rows.agent_id(row)].insert(asset);
      } else if (source == "scanner") {
        restricted.scanned_assets.insert(asset);
      } else if (source == "cloud_connector") {
        if (!rows.instance_id(row).empty()) restricted.instances[rows.instance_id(row)].insert(asset);
      }
    }
  }
  return restricted;
}

Components restricted_measure(const MeasureContext& context, Day d, bool policy_compliance_only) {
  const ObservationRows& rows = context.rows;
  RestrictedRows restricted = collect(context, d, policy_compliance_only);

  Units scanner_only; // A2: each such asset is its own unit
  for (std::string_view asset : restricted.scanned_assets)
    if (!restricted.assets_with_agent_row.contains(asset)) scanner_only[asset] = {asset};

  auto purged = [&](std::string_view asset) {
    if (!context.purge_rules) return false;
    return one_of(rows.status(restricted.latest_row.at(asset)), {"inactive", "decommissioned", "terminated"});
  };
  auto all_assets = [](const AssetSet& assets, auto&& test) {
    for (std::string_view asset : assets)
      if (!test(asset)) return false;
    return true;
  };
  auto ghost = [&](const AssetSet& assets) {
    return all_assets(assets, [&](std::string_view asset) { return restricted.without_finding.at(asset); });
  };

  Rational a1 = 0, a2 = 0, b = 0, c = 0;
  for (const auto& [agent, assets] : restricted.agents) {
    if (all_assets(assets, purged)) continue;
    a1 += 1;
    if (ghost(assets)) c += 1;
  }
  for (const auto& [asset, assets] : scanner_only) {
    if (all_assets(assets, purged)) continue;
    a2 += 1;
    if (ghost(assets)) c += 1;
  }
  for (const auto& [instance, assets] : restricted.instances) { // B is never purged
    b += 1;
    if (ghost(assets)) c += 1;
  }
  return {a1, a2, b, c};
}

} // namespace

Components vmdr_measure(const MeasureContext& context, Day d) {
  return restricted_measure(context, d, false);
}

Components pa_measure(const MeasureContext& context, Day d) {
  return restricted_measure(context, d, true);
}

} // namespace tally::reference
