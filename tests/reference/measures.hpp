// The daily measure U(d) of every product, as component values, written
// straight from the product table in /work/shared/contract/semantics.md.
#pragma once

#include "number.hpp"
#include "tests/reference/observation_rows.hpp"

#include <vector>

namespace tally::reference {

struct MeasureContext {
  const ObservationRows& rows;
  Day start = 0;            // S: term(d) starts here
  bool purge_rules = false; // VMDR and PA only
};

// One value per component, in the product's component order.
using Components = std::vector<Rational>;

// Snapshot products (rows whose day is d).
Components etm_measure(const MeasureContext& context, Day d);          // assets
Components csam_measure(const MeasureContext& context, Day d);         // assets
Components etm_id_measure(const MeasureContext& context, Day d);       // identities
Components vmdr_mobile_measure(const MeasureContext& context, Day d);  // devices
Components vmdr_ot_measure(const MeasureContext& context, Day d);      // vulnerable, enriched, basic
Components edr_measure(const MeasureContext& context, Day d);          // assets
Components zlinux_measure(const MeasureContext& context, Day d);       // assets
Components cspm_measure(const MeasureContext& context, Day d);         // vms, serverless
Components cwp_agent_measure(const MeasureContext& context, Day d);    // agent_vms, no_finding
Components cwp_flexscan_measure(const MeasureContext& context, Day d); // vms
Components cdr_measure(const MeasureContext& context, Day d);          // vms, serverless
Components cis_measure(const MeasureContext& context, Day d);          // scans (images scanned on d)
Components sc_measure(const MeasureContext& context, Day d);           // containers
Components sspm_measure(const MeasureContext& context, Day d);         // users
Components tas_measure(const MeasureContext& context, Day d);          // web_apps, api_endpoints
Components was_measure(const MeasureContext& context, Day d);          // assets
Components paf_measure(const MeasureContext& context, Day d);          // agents
Components fim_measure(const MeasureContext& context, Day d);          // assets
Components pci_measure(const MeasureContext& context, Day d);          // assets
Components pm_measure(const MeasureContext& context, Day d);           // agents
Components elim_measure(const MeasureContext& context, Day d);         // assets

// Term-to-date products (rows whose day is in S..d): A1, A2, B, C.
Components vmdr_measure(const MeasureContext& context, Day d);
Components pa_measure(const MeasureContext& context, Day d);

// Hourly heartbeats: nodes = (N(0) + ... + N(23)) / 24.
Components cs_measure(const MeasureContext& context, Day d);

} // namespace tally::reference
