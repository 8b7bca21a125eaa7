#include "tests/support/random_table.hpp"

#include "tests/support/splitmix.hpp"

#include "tests/reference/row_writer.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace tally::test {

namespace {

using Random = SplitMix64;

// The sources that usually report each asset type, so product conditions that
// pair a type with a source are met often enough to matter.
const std::map<std::string, std::vector<std::string>>& usual_sources() {
  static const std::map<std::string, std::vector<std::string>> sources = {
      {"host", {"agent", "scanner", "easm", "passive_sensor", "ad", "cmdb", "vmware", "external"}},
      {"vm", {"agent", "scanner", "cloud_connector", "flexscan", "cspm", "cdr"}},
      {"serverless_function", {"cspm", "cdr", "cloud_connector"}},
      {"container_node", {"runtime_sensor", "agent"}},
      {"serverless_container", {"serverless_telemetry", "runtime_sensor"}},
      {"container_image", {"cicd", "registry", "runtime_sensor"}},
      {"web_app", {"webapp_scanner", "easm"}},
      {"api_endpoint", {"webapp_scanner"}},
      {"identity", {"idp", "ad"}},
      {"saas_user", {"sspm", "idp"}},
      {"mobile_device", {"mobile_agent", "agent", "intune"}},
      {"ot_asset", {"ot_sensor", "passive_sensor"}},
      {"ip_address", {"pci_scanner", "scanner", "easm"}},
      {"dns_name", {"pci_scanner", "easm"}},
      {"other", {"external", "caps", "cmdb"}},
  };
  return sources;
}

const std::vector<std::string>& values_of(const Schema& schema, std::string_view column) {
  const Column* found = schema.find(column);
  if (!found)
    throw std::invalid_argument("random_table: the schema has no column `" + std::string(column) + "`");
  return found->values;
}

std::string two_digits(int value) {
  return (value < 10 ? "0" : "") + std::to_string(value);
}

class RandomRows {
public:
  RandomRows(const Schema& schema, std::uint64_t seed, Day start, int days)
      : schema_(schema), random_(seed), first_day_(start - 3), day_count_(days + 3),
        asset_types_(values_of(schema, "asset_type")), sources_(values_of(schema, "source")),
        clouds_(values_of(schema, "cloud")), statuses_(values_of(schema, "status")),
        ot_classes_(values_of(schema, "ot_class")), modules_(values_of(schema, "modules")) {
    // Hosts and VMs carry most products' conditions; every type still occurs.
    std::vector<std::string> weighted_types = asset_types_;
    for (const char* common : {"host", "host", "vm", "vm", "vm", "container_node", "web_app"})
      weighted_types.emplace_back(common);
    int assets = 10 + random_.below(30);
    for (int i = 0; i < assets; ++i)
      home_type_.push_back(random_.pick(weighted_types));
    // Half the rows fall on a few busy days, so that rows of different
    // sources meet on the same day as often as the products care about.
    for (int i = 0; i < 6; ++i)
      busy_days_.push_back(first_day_ + random_.below(day_count_));
  }

  // One row per asset type and per source first, so every value occurs.
  std::vector<Cell> covering_row(std::size_t index) {
    if (index < asset_types_.size()) return ordinary_row(asset_types_[index], std::nullopt);
    return ordinary_row(std::nullopt, sources_[index - asset_types_.size()]);
  }

  std::vector<Cell> ordinary_row(std::optional<std::string> type, std::optional<std::string> source) {
    int asset = random_.below(static_cast<int>(home_type_.size()));
    if (!type) type = random_.chance(85) ? home_type_[asset] : random_.pick(asset_types_);
    if (!source) {
      auto usual = usual_sources().find(*type);
      source = usual != usual_sources().end() && random_.chance(75) ? random_.pick(usual->second)
                                                                    : random_.pick(sources_);
    }
    Day day = random_.chance(50) ? random_.pick(busy_days_) : first_day_ + random_.below(day_count_);
    std::vector<Cell> cells = {{"observed_at", observed_text(day)},
                               {"asset_id", "asset-" + std::to_string(asset)},
                               {"asset_type", *type},
                               {"source", *source}};
    // Agents are shared by pairs of assets, and sometimes move.
    if (*source == "agent" || random_.chance(10))
      cells.emplace_back("agent_id",
                         "agent-" + std::to_string(random_.chance(80) ? asset / 2 : random_.below(8)));
    if (random_.chance(40))
      cells.emplace_back("instance_id",
                         "instance-" + std::to_string(random_.chance(70) ? asset / 3 : random_.below(6)));
    if (random_.chance(70)) cells.emplace_back("cloud", random_.pick(clouds_));
    // Empty (active) or enabled about half the time: identities count only when enabled.
    int status = random_.below(100);
    if (status >= 40) cells.emplace_back("status", status < 55 ? "enabled" : random_.pick(statuses_));
    if (random_.chance(40)) cells.emplace_back("open_ports", std::to_string(1 + random_.below(3)));
    if (random_.chance(40)) cells.emplace_back("vulns", std::to_string(random_.below(4)));
    if (random_.chance(50)) cells.emplace_back("findings", std::to_string(random_.below(3)));
    std::string modules;
    for (const std::string& module : modules_)
      if (random_.chance(25)) modules += (modules.empty() ? "" : ";") + module;
    cells.emplace_back("modules", modules);
    if (random_.chance(70)) cells.emplace_back("ot_class", random_.pick(ot_classes_));
    if (random_.chance(50)) cells.emplace_back("last_event_at", last_event_text(day));
    add_descriptive_cells(cells);
    return cells;
  }

  // The same row again at the same instant with another status: the latest
  // row is then decided by the status order alone.
  std::vector<Cell> tie_of(std::vector<Cell> row) {
    std::string status = "active"; // what an empty status cell means
    for (const Cell& cell : row)
      if (cell.first == "status") status = cell.second;
    std::erase_if(row, [](const Cell& cell) { return cell.first == "status"; });
    std::string other = random_.pick(statuses_);
    while (other == status)
      other = random_.pick(statuses_);
    row.emplace_back("status", other);
    return row;
  }

  // A node's heartbeats, 1-4 hours apart: a gap of 4 hours is three missed
  // heartbeats, which makes the node inactive for an hour. Some rows are not
  // live; none fall outside the table's days.
  std::vector<std::vector<Cell>> heartbeat_train(std::size_t room) {
    std::vector<std::vector<Cell>> train;
    int node = random_.below(static_cast<int>(home_type_.size()));
    std::int64_t first_hour = std::int64_t{first_day_} * 24;
    std::int64_t end_hour = first_hour + std::int64_t{day_count_} * 24;
    std::size_t length = std::min<std::size_t>(room, 2 + random_.below(12));
    for (std::int64_t hour = first_hour + random_.below(day_count_ * 24);
         hour < end_hour && train.size() < length; hour += 1 + random_.below(4)) {
      Day day = static_cast<Day>(hour / 24);
      std::string at = format_date(day) + "T" + two_digits(static_cast<int>(hour % 24)) + ":" +
                       two_digits(random_.below(60)) + ":00Z";
      std::vector<Cell> row = {{"observed_at", at},
                               {"asset_id", "asset-" + std::to_string(node)},
                               {"asset_type", "container_node"},
                               {"source", random_.chance(90) ? "runtime_sensor" : "agent"},
                               {"agent_id", "agent-" + std::to_string(node / 2)}};
      if (random_.chance(20)) row.emplace_back("status", random_.pick(statuses_));
      add_descriptive_cells(row);
      train.push_back(std::move(row));
    }
    return train;
  }

  Random& random() { return random_; }

private:
  const Schema& schema_;
  Random random_;
  Day first_day_;
  int day_count_;
  std::vector<std::string> asset_types_, sources_, clouds_, statuses_, ot_classes_, modules_;
  std::vector<std::string> home_type_;
  std::vector<Day> busy_days_;

  std::string observed_text(Day day) {
    int form = random_.below(10);
    if (form < 3) return format_date(day);
    std::string at =
        format_date(day) + "T" + two_digits(random_.below(24)) + ":" + two_digits(random_.below(60));
    return form < 8 ? at + ":" + two_digits(random_.below(60)) + "Z" : at + "Z";
  }

  // Around the 30-day edge of FIM's recent-event window, sometimes after the row.
  std::string last_event_text(Day day) {
    Day event = day - (25 + random_.below(11));
    if (random_.chance(15)) event = day + random_.below(2);
    return random_.chance(50) ? format_date(event)
                              : format_date(event) + "T" + two_digits(random_.below(24)) + ":30Z";
  }

  // Columns no product reads, filled so the table looks like an export.
  void add_descriptive_cells(std::vector<Cell>& cells) {
    if (schema_.find("os") && random_.chance(60))
      cells.emplace_back("os", random_.pick(values_of(schema_, "os")));
    if (schema_.find("os_name") && random_.chance(30))
      cells.emplace_back("os_name", random_.chance(50) ? "Windows Server 2012 R2" : "Ubuntu 22.04");
    if (schema_.find("tags") && random_.chance(40))
      cells.emplace_back("tags", random_.chance(50) ? "prod;pci" : "dev");
    if (schema_.find("activated_at") && random_.chance(20))
      cells.emplace_back("activated_at", format_date(first_day_ + random_.below(day_count_)));
  }
};

} // namespace

Table random_table(const Schema& schema, std::uint64_t seed, std::size_t rows, Day start, int days) {
  if (days < 1) throw std::invalid_argument("random_table: days must be at least 1");
  Table table;
  table.path = "<random table " + std::to_string(seed) + ">";
  RowWriter writer(schema, table);
  RandomRows generator(schema, seed, start, days);
  Random& random = generator.random();

  std::size_t covering = values_of(schema, "asset_type").size() + values_of(schema, "source").size();
  std::vector<Cell> previous;
  for (std::size_t index = 0; index < covering && table.rows < rows; ++index) {
    previous = generator.covering_row(index);
    writer.append(previous);
  }
  while (table.rows < rows) {
    int kind = random.below(100);
    if (kind < 25) {
      for (const std::vector<Cell>& heartbeat : generator.heartbeat_train(rows - table.rows))
        writer.append(heartbeat);
    } else if (kind < 35) {
      writer.append(generator.tie_of(previous));
    } else {
      previous = generator.ordinary_row(std::nullopt, std::nullopt);
      writer.append(previous);
    }
  }
  return table;
}

} // namespace tally::test
