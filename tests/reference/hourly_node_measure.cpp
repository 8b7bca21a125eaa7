// CS: a node is active in hour H when it sent a live runtime_sensor heartbeat
// in hours H-2..H, so it turns inactive only after missing three consecutive
// hourly heartbeats. The window may reach into the previous day, even before S.
#include "tests/reference/measures.hpp"

#include <set>
#include <string_view>

namespace tally::reference {

Components cs_measure(const MeasureContext& context, Day d) {
  const ObservationRows& rows = context.rows;
  auto heartbeat = [&](Row row) {
    return rows.asset_type(row) == "container_node" && rows.source(row) == "runtime_sensor" && rows.live(row);
  };
  Rational node_hours = 0;
  for (std::int64_t h = 0; h < 24; ++h) {
    std::int64_t hour = std::int64_t{d} * 24 + h;
    std::set<std::string_view> active_nodes;
    // Hours hour-2 .. hour lie on day d, or (for h < 2) partly on day d-1.
    for (Day day : {d - 1, d})
      for (Row row : rows.rows_on(day))
        if (heartbeat(row) && rows.hour(row) >= hour - 2 && rows.hour(row) <= hour)
          active_nodes.insert(rows.asset_id(row));
    node_hours += active_nodes.size();
  }
  return {node_hours / 24};
}

} // namespace tally::reference
