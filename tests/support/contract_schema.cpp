#include "contract_schema.hpp"

#include <stdexcept>

namespace tally::test {

namespace {

Column column(std::string name, ColumnType type, std::vector<std::string> values = {}) {
  Column result;
  result.name = std::move(name);
  result.type = type;
  result.values = std::move(values);
  result.pos = SourcePos{"observations.md", 0, 0};
  return result;
}

Column with_default(Column column, std::string value) {
  column.default_value = std::move(value);
  return column;
}

Column required(Column column) {
  column.required = true;
  return column;
}

} // namespace

Schema contract_schema() {
  Schema schema;
  schema.name = "observations";
  schema.columns = {
      required(column("observed_at", ColumnType::timestamp)),
      required(column("asset_id", ColumnType::string)),
      with_default(column("asset_type", ColumnType::enumeration,
                          {"host", "vm", "serverless_function", "container_node", "serverless_container",
                           "container_image", "web_app", "api_endpoint", "identity", "saas_user",
                           "mobile_device", "ot_asset", "ip_address", "dns_name", "other"}),
                   "other"),
      required(column("source", ColumnType::enumeration,
                      {"agent",
                       "scanner",
                       "cloud_connector",
                       "easm",
                       "passive_sensor",
                       "caps",
                       "ad",
                       "vmware",
                       "cmdb",
                       "idp",
                       "intune",
                       "mobile_agent",
                       "ot_sensor",
                       "external",
                       "flexscan",
                       "cspm",
                       "cdr",
                       "runtime_sensor",
                       "serverless_telemetry",
                       "cicd",
                       "registry",
                       "sspm",
                       "webapp_scanner",
                       "pci_scanner"})),
      column("agent_id", ColumnType::string),
      column("instance_id", ColumnType::string),
      column("cloud", ColumnType::enumeration, {"aws", "azure", "gcp", "oci", "alibaba"}),
      with_default(column("status", ColumnType::enumeration,
                          {"active", "enabled", "inactive", "disabled", "decommissioned", "terminated"}),
                   "active"),
      with_default(column("open_ports", ColumnType::integer), "0"),
      with_default(column("vulns", ColumnType::integer), "0"),
      with_default(column("findings", ColumnType::integer), "0"),
      column("modules", ColumnType::set,
             {"VM", "PC", "EDR", "ZLINUX", "FIM", "PAF", "PM", "ISL", "MTG", "PCI", "WAS", "TAS"}),
      with_default(column("ot_class", ColumnType::enumeration, {"basic", "enriched", "vulnerable"}), "basic"),
      column("last_event_at", ColumnType::timestamp),
      column("os", ColumnType::enumeration, {"windows", "linux", "mac"}),
      column("os_name", ColumnType::string),
      column("tags", ColumnType::set),
      column("activated_at", ColumnType::timestamp),
  };

  const auto index = [&](std::string_view name) {
    const auto found = schema.index_of(name);
    if (!found) throw std::logic_error("contract schema lacks a column it refers to");
    return *found;
  };
  const auto value = [&](std::string_view column_name, std::string_view value_name) {
    const auto found = schema.columns[index(column_name)].value_index(value_name);
    if (!found) throw std::logic_error("contract schema lacks a value it refers to");
    return *found;
  };

  Column& agent_id = schema.columns[index("agent_id")];
  agent_id.required_when_column = index("source");
  agent_id.required_when_value = value("source", "agent");

  schema.tie_column = index("status");
  for (const std::string_view status :
       {"decommissioned", "terminated", "inactive", "disabled", "enabled", "active"})
    schema.tie_order.push_back(value("status", status));
  return schema;
}

} // namespace tally::test
