#include "tests/reference/product_rules.hpp"

namespace tally::reference {

namespace {

Rational single_count(const Components& c) {
  return c[0];
}

// VMDR and PA: A1 + A2 + B - C.
Rational assets_minus_ghosts(const Components& c) {
  return c[0] + c[1] + c[2] - c[3];
}

// VMDR-OT: #vulnerable + 2/3 x #enriched, rounded half-up to a whole asset each day.
Rational weighted_ot_assets(const Components& c) {
  return round_to(c[0] + Rational(2, 3) * c[1], RoundingMode::half_up, 0);
}

// CSPM and CDR: one asset per VM, one per 100 serverless functions.
Rational weighted_workloads(const Components& c) {
  return c[0] + c[1] / 100;
}

// CWP-AGENT: agent VMs minus the no-finding ones.
Rational agent_vms_with_findings(const Components& c) {
  return c[0] - c[1];
}

// TAS: one asset per web app, one per 10 API endpoints.
Rational weighted_applications(const Components& c) {
  return c[0] + c[1] / 10;
}

std::vector<ProductRule> build_rules() {
  using enum Averaging;
  return {
      {"ETM", "Enterprise TruRisk Management", peak, {"assets"}, etm_measure, single_count},
      {"CSAM", "CyberSecurity Asset Management", peak, {"assets"}, csam_measure, single_count},
      {"ETM-ID", "ETM Identity", peak, {"identities"}, etm_id_measure, single_count},
      {"VMDR",
       "Vulnerability Management, Detection and Response",
       peak,
       {"A1", "A2", "B", "C"},
       vmdr_measure,
       assets_minus_ghosts},
      {"VMDR-MOBILE", "VMDR Mobile", peak, {"devices"}, vmdr_mobile_measure, single_count},
      {"VMDR-OT",
       "VMDR Operational Technology",
       peak,
       {"vulnerable", "enriched", "basic"},
       vmdr_ot_measure,
       weighted_ot_assets},
      {"EDR", "Endpoint Detection and Response", peak, {"assets"}, edr_measure, single_count},
      {"ZLINUX", "Zlinux Cloud Agents", peak, {"assets"}, zlinux_measure, single_count},
      {"CSPM",
       "Cloud Security Posture Management",
       rolling_average,
       {"vms", "serverless"},
       cspm_measure,
       weighted_workloads},
      {"CWP-AGENT",
       "TotalCloud Agent-based CWP",
       peak,
       {"agent_vms", "no_finding"},
       cwp_agent_measure,
       agent_vms_with_findings},
      {"CWP-FLEXSCAN",
       "TotalCloud Agentless CWP (FlexScan)",
       rolling_average,
       {"vms"},
       cwp_flexscan_measure,
       single_count},
      {"CDR",
       "Cloud Detection and Response",
       rolling_average,
       {"vms", "serverless"},
       cdr_measure,
       weighted_workloads},
      {"CS", "TotalCloud Container Security", rolling_average, {"nodes"}, cs_measure, single_count},
      {"CIS", "TotalCloud Container Image Scanning", rolling_total, {"scans"}, cis_measure, single_count},
      {"SC", "TotalCloud Serverless Containers", rolling_average, {"containers"}, sc_measure, single_count},
      {"SSPM", "SaaS Security Posture Management", rolling_average, {"users"}, sspm_measure, single_count},
      {"TAS", "TotalAppSec", peak, {"web_apps", "api_endpoints"}, tas_measure, weighted_applications},
      {"WAS", "Web Application Security", peak, {"assets"}, was_measure, single_count},
      {"PA", "Policy Audit", peak, {"A1", "A2", "B", "C"}, pa_measure, assets_minus_ghosts},
      {"PAF", "Audit Fix", peak, {"agents"}, paf_measure, single_count, true},
      {"FIM", "File Integrity Monitoring", peak, {"assets"}, fim_measure, single_count},
      {"PCI", "PCI Compliance", peak, {"assets"}, pci_measure, single_count},
      {"PM", "Patch Management", peak, {"agents"}, pm_measure, single_count, true},
      {"ELIM", "TruRisk Eliminate", peak, {"assets"}, elim_measure, single_count},
  };
}

} // namespace

const std::vector<ProductRule>& product_rules() {
  static const std::vector<ProductRule> rules = build_rules();
  return rules;
}

const ProductRule* find_product_rule(std::string_view name) {
  for (const ProductRule& rule : product_rules())
    if (rule.name == name) return &rule;
  return nullptr;
}

std::string_view method_name(Averaging method) {
  switch (method) {
  case Averaging::peak:
    return "peak";
  case Averaging::rolling_average:
    return "rolling average";
  case Averaging::rolling_total:
    return "rolling total";
  }
  return "peak";
}

} // namespace tally::reference
