// Read-only, by-name access to an observation table's rows, for the reference
// implementation. It deliberately knows nothing of the engine's plans: every
// field is decoded back to the text the contract uses ("agent", "vm", "EDR"),
// so each product rule in the reference reads like the sentence in semantics.md.
#pragma once

#include "date.hpp"
#include "schema.hpp"
#include "table.hpp"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace tally::reference {

using Row = std::size_t;

class ObservationRows {
public:
  // Throws std::invalid_argument when the schema lacks a contract column.
  ObservationRows(const Table& table, const Schema& schema);

  std::size_t size() const { return table_.rows; }

  Seconds observed_at(Row row) const;
  Day day(Row row) const { return day_of(observed_at(row)); }
  std::int64_t hour(Row row) const { return hour_of(observed_at(row)); }

  // String columns; "" when the cell is empty.
  std::string_view asset_id(Row row) const { return string_cell(asset_id_, row); }
  std::string_view agent_id(Row row) const { return string_cell(agent_id_, row); }
  std::string_view instance_id(Row row) const { return string_cell(instance_id_, row); }

  // Enum columns, as their contract value name; "" when empty with no default.
  std::string_view asset_type(Row row) const { return enum_cell(asset_type_, row); }
  std::string_view source(Row row) const { return enum_cell(source_, row); }
  std::string_view cloud(Row row) const { return enum_cell(cloud_, row); }
  std::string_view status(Row row) const { return enum_cell(status_, row); }
  std::string_view ot_class(Row row) const { return enum_cell(ot_class_, row); }

  std::int64_t open_ports(Row row) const { return integer_cell(open_ports_, row); }
  std::int64_t vulns(Row row) const { return integer_cell(vulns_, row); }
  std::int64_t findings(Row row) const { return integer_cell(findings_, row); }

  bool has_module(Row row, std::string_view module) const;
  std::optional<Day> last_event_day(Row row) const;

  // "live": status is active or enabled.
  bool live(Row row) const;

  // Rows whose day is `day`, in table order.
  const std::vector<Row>& rows_on(Day day) const;

private:
  const Table& table_;
  const Schema& schema_;
  std::size_t observed_at_, asset_id_, asset_type_, source_, agent_id_, instance_id_, cloud_, status_,
      open_ports_, vulns_, findings_, modules_, ot_class_, last_event_at_;
  std::map<Day, std::vector<Row>> rows_by_day_;

  std::size_t column_named(std::string_view name) const;
  bool cell_stored(std::size_t column, std::size_t stored_cells, Row row) const;
  std::string_view string_cell(std::size_t column, Row row) const;
  std::string_view enum_cell(std::size_t column, Row row) const;
  std::int64_t integer_cell(std::size_t column, Row row) const;
};

// Membership in a list of contract value names, written as in semantics.md:
// one_of(rows.source(r), {"cicd", "registry"}).
bool one_of(std::string_view value, std::initializer_list<std::string_view> names);

} // namespace tally::reference
