// Runs the gen_observations tool and reads what it writes: the table must be
// valid, deterministic, identical in both formats, and give every product of
// semantics.md rows to count.
#include "data_test_support.hpp"
#include "tests/support/contract_schema.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <map>
#include <ranges>
#include <set>
#include <sstream>
#include <unistd.h>

namespace {

const tally::Schema& schema() {
  static const tally::Schema contract = tally::test::contract_schema();
  return contract;
}

// Per process, so that test cases run in parallel never share a file.
std::string temp_path(std::string_view name) {
  return (std::filesystem::temp_directory_path() / fmt::format("tally_gen_test_{}_{}", ::getpid(), name))
      .string();
}

int run_generator(std::string_view arguments) {
  return std::system(fmt::format("\"{}\" {} 2>/dev/null", TALLY_GEN_OBSERVATIONS, arguments).c_str());
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

tally::Table generate(std::string_view arguments, std::string_view extension) {
  const std::string path =
      temp_path(fmt::format("{}{}", std::hash<std::string_view>{}(arguments), extension));
  REQUIRE(run_generator(fmt::format("{} --out \"{}\"", arguments, path)) == 0);
  tally::Table table = tally::read_observations(path, schema(), {});
  std::filesystem::remove(path);
  return table;
}

// Reads one row through the schema: enum and set values by name.
struct RowView {
  const tally::Table& table;
  std::size_t row;

  const tally::ColumnData& data(std::string_view column) const {
    return table.columns[*schema().index_of(column)];
  }
  bool is(std::string_view column, std::string_view value) const {
    const std::uint8_t stored = data(column).enums[row];
    return stored != tally::kNoEnum && schema().find(column)->values[stored] == value;
  }
  bool in(std::string_view column, std::initializer_list<std::string_view> values) const {
    for (const std::string_view value : values)
      if (is(column, value)) return true;
    return false;
  }
  bool has(std::string_view module) const {
    return (data("modules").bits[row] >> *schema().find("modules")->value_index(module)) & 1;
  }
  bool live() const { return in("status", {"active", "enabled"}); }
  std::int64_t number(std::string_view column) const { return data(column).ints[row]; }
  tally::Seconds time(std::string_view column) const { return data(column).times[row]; }
  std::string_view text(std::string_view column) const {
    return table.strings.view(data(column).strings[row]);
  }
};

// For each product, the rows its measure can count (semantics.md), so that
// a table giving a product nothing to count is noticed.
const std::map<std::string, std::function<bool(const RowView&)>>& product_rows() {
  static const std::map<std::string, std::function<bool(const RowView&)>> rows = {
      {"ETM", [](const RowView& r) { return r.number("findings") > 0; }},
      {"CSAM",
       [](const RowView& r) {
         return !r.in("source", {"easm", "passive_sensor", "caps", "ad", "vmware", "cmdb"});
       }},
      {"ETM-ID",
       [](const RowView& r) { return r.is("asset_type", "identity") && r.is("status", "enabled"); }},
      {"VMDR agents",
       [](const RowView& r) {
         return r.in("asset_type", {"host", "vm"}) && r.is("source", "agent");
       }},
      {"VMDR scanned",
       [](const RowView& r) {
         return r.in("asset_type", {"host", "vm"}) && r.is("source", "scanner");
       }},
      {"VMDR instances",
       [](const RowView& r) {
         return r.in("asset_type", {"host", "vm"}) && r.is("source", "cloud_connector");
       }},
      {"VMDR ghosts",
       [](const RowView& r) {
         return r.in("asset_type", {"host", "vm"}) && r.number("open_ports") == 0 && r.number("vulns") == 0;
       }},
      {"VMDR purged",
       [](const RowView& r) {
         return r.in("asset_type", {"host", "vm"}) &&
                r.in("status", {"inactive", "decommissioned", "terminated"});
       }},
      {"VMDR-MOBILE",
       [](const RowView& r) {
         return r.is("asset_type", "mobile_device") && r.in("source", {"mobile_agent", "agent", "intune"});
       }},
      {"VMDR-OT enriched",
       [](const RowView& r) { return r.is("asset_type", "ot_asset") && r.is("ot_class", "enriched"); }},
      {"VMDR-OT vulnerable",
       [](const RowView& r) { return r.is("asset_type", "ot_asset") && r.is("ot_class", "vulnerable"); }},
      {"EDR", [](const RowView& r) { return r.live() && r.has("EDR"); }},
      {"ZLINUX", [](const RowView& r) { return r.live() && r.has("ZLINUX"); }},
      {"CSPM vm",
       [](const RowView& r) {
         return r.live() && r.is("source", "cspm") && r.is("asset_type", "vm") &&
                r.in("cloud", {"aws", "azure", "gcp", "oci"});
       }},
      {"CSPM serverless",
       [](const RowView& r) {
         return r.live() && r.is("source", "cspm") && r.is("asset_type", "serverless_function") &&
                r.in("cloud", {"aws", "azure", "gcp", "oci"});
       }},
      {"CSPM alibaba (not counted)",
       [](const RowView& r) { return r.is("source", "cspm") && r.is("cloud", "alibaba"); }},
      {"CWP-AGENT",
       [](const RowView& r) {
         return r.is("source", "agent") && r.is("asset_type", "vm") &&
                r.in("cloud", {"aws", "azure", "gcp", "oci"});
       }},
      {"CWP-FLEXSCAN",
       [](const RowView& r) { return r.is("source", "flexscan") && r.is("asset_type", "vm"); }},
      {"CDR vm",
       [](const RowView& r) { return r.live() && r.is("source", "cdr") && r.is("asset_type", "vm"); }},
      {"CDR serverless",
       [](const RowView& r) {
         return r.live() && r.is("source", "cdr") && r.is("asset_type", "serverless_function");
       }},
      {"CS",
       [](const RowView& r) {
         return r.live() && r.is("asset_type", "container_node") && r.is("source", "runtime_sensor") &&
                r.time("observed_at") % 86400 != 0;
       }},
      {"CIS",
       [](const RowView& r) {
         return r.is("asset_type", "container_image") && r.in("source", {"cicd", "registry"});
       }},
      {"CIS runtime only (not counted)",
       [](const RowView& r) {
         return r.is("asset_type", "container_image") && r.is("source", "runtime_sensor");
       }},
      {"SC",
       [](const RowView& r) {
         return r.is("asset_type", "serverless_container") && r.is("source", "serverless_telemetry");
       }},
      {"SC with sensor",
       [](const RowView& r) {
         return r.is("asset_type", "serverless_container") && r.is("source", "runtime_sensor");
       }},
      {"SSPM",
       [](const RowView& r) {
         return r.live() && r.is("asset_type", "saas_user") && r.is("source", "sspm");
       }},
      {"TAS web", [](const RowView& r) { return r.live() && r.has("TAS") && r.is("asset_type", "web_app"); }},
      {"TAS api",
       [](const RowView& r) { return r.live() && r.has("TAS") && r.is("asset_type", "api_endpoint"); }},
      {"WAS", [](const RowView& r) { return r.live() && r.has("WAS") && r.is("asset_type", "web_app"); }},
      {"PA",
       [](const RowView& r) {
         return r.in("asset_type", {"host", "vm"}) && r.has("PC");
       }},
      {"PAF", [](const RowView& r) { return r.live() && r.has("PAF") && !r.text("agent_id").empty(); }},
      {"FIM agent", [](const RowView& r) { return r.live() && r.has("FIM") && r.is("source", "agent"); }},
      {"FIM recent event",
       [](const RowView& r) {
         return r.live() && r.has("FIM") && r.in("source", {"runtime_sensor", "scanner"}) &&
                r.time("observed_at") - r.time("last_event_at") < 30 * 86400;
       }},
      {"FIM stale event",
       [](const RowView& r) {
         return r.has("FIM") && r.in("source", {"runtime_sensor", "scanner"}) &&
                r.time("observed_at") - r.time("last_event_at") > 31 * 86400;
       }},
      {"PCI",
       [](const RowView& r) {
         return r.live() && r.has("PCI") && r.in("asset_type", {"ip_address", "dns_name"});
       }},
      {"PM", [](const RowView& r) { return r.live() && r.has("PM") && !r.text("agent_id").empty(); }},
      {"ISL", [](const RowView& r) { return r.live() && r.has("ISL"); }},
      {"MTG", [](const RowView& r) { return r.live() && r.has("MTG"); }},
      {"PM licence data",
       [](const RowView& r) {
         return r.has("PM") && r.time("activated_at") != tally::kNoTime &&
                r.in("os", {"windows", "linux", "mac"}) && !r.text("os_name").empty();
       }},
  };
  return rows;
}

// Rows per product condition; every condition must hold on at least `minimum` rows.
void check_products(const tally::Table& table, std::size_t minimum) {
  for (const auto& [product, counts] : product_rows()) {
    std::size_t rows = 0;
    for (std::size_t row = 0; row < table.rows; ++row)
      rows += counts(RowView{table, row}) ? 1 : 0;
    INFO(product << ": " << rows << " rows");
    CHECK(rows >= minimum);
  }
}

} // namespace

TEST_CASE("the generator writes exactly the rows asked for, all valid", "[generator]") {
  const tally::Table table = generate("--rows 20000 --seed 3 --start 2026-01-01 --days 90", ".csv");
  CHECK(table.rows == 20000);
  CHECK(table.skipped.empty());
  const std::set<tally::Day> days(table.day.begin(), table.day.end());
  CHECK(days.size() == 90);
  CHECK(*days.begin() == *tally::parse_date("2026-01-01"));
  CHECK(*days.rbegin() == *tally::parse_date("2026-03-31"));
  // Every declared enum value and set item is used.
  for (std::size_t column = 0; column < schema().columns.size(); ++column) {
    const tally::Column& declared = schema().columns[column];
    const tally::ColumnData& data = table.columns[column];
    for (std::size_t value = 0; value < declared.values.size(); ++value) {
      INFO(declared.name << " = " << declared.values[value]);
      if (declared.type == tally::ColumnType::enumeration)
        CHECK(std::count(data.enums.begin(), data.enums.end(), value) > 0);
      else if (!declared.values.empty())
        CHECK(std::ranges::any_of(std::views::iota(std::size_t{0}, data.bits.size()),
                                  [&](std::size_t row) { return (data.bits[row] >> value) & 1; }));
    }
  }
}

TEST_CASE("every product has rows to count", "[generator]") {
  check_products(generate("--rows 20000 --seed 3 --start 2026-01-01 --days 90", ".csv"), 10);
}

TEST_CASE("assets persist across days", "[generator]") {
  const tally::Table table = generate("--rows 20000 --seed 5 --days 90", ".csv");
  const std::size_t asset = *schema().index_of("asset_id");
  std::map<tally::StringId, std::set<tally::Day>> days_seen;
  for (std::size_t row = 0; row < table.rows; ++row)
    days_seen[table.columns[asset].strings[row]].insert(table.day[row]);
  std::size_t long_lived = 0;
  for (const auto& [id, days] : days_seen)
    long_lived += days.size() >= 30 ? 1 : 0;
  CHECK(long_lived * 2 > days_seen.size());
  // ... and the estate changes: some assets appear only later in the term.
  std::size_t newcomers = 0;
  for (const auto& [id, days] : days_seen)
    newcomers += *days.begin() > *tally::parse_date("2026-02-01") ? 1 : 0;
  CHECK(newcomers > 0);
}

TEST_CASE("the generator is deterministic for a seed", "[generator]") {
  const std::string first = temp_path("first.csv"), second = temp_path("second.csv"),
                    other = temp_path("other.csv");
  REQUIRE(run_generator("--rows 5000 --seed 11 --out \"" + first + "\"") == 0);
  REQUIRE(run_generator("--rows 5000 --seed 11 --out \"" + second + "\"") == 0);
  REQUIRE(run_generator("--rows 5000 --seed 12 --out \"" + other + "\"") == 0);
  CHECK(file_text(first) == file_text(second));
  CHECK(file_text(first) != file_text(other));
  for (const std::string& path : {first, second, other})
    std::filesystem::remove(path);
}

TEST_CASE("CSV and JSON Lines output hold the same table", "[generator]") {
  const tally::Table csv = generate("--rows 4000 --seed 9 --days 30 --format csv", ".csv");
  const tally::Table jsonl = generate("--rows 4000 --seed 9 --days 30 --format jsonl", ".jsonl");
  REQUIRE(csv.rows == 4000);
  REQUIRE(jsonl.rows == 4000);
  CHECK(csv.day == jsonl.day);
  CHECK(csv.line.back() == 4001); // the header is line 1
  CHECK(jsonl.line.back() == 4000);
  for (std::size_t column = 0; column < schema().columns.size(); ++column) {
    const tally::ColumnData& left = csv.columns[column];
    const tally::ColumnData& right = jsonl.columns[column];
    INFO("column " << schema().columns[column].name);
    CHECK(left.ints == right.ints);
    CHECK(left.times == right.times);
    CHECK(left.enums == right.enums);
    CHECK(left.bits == right.bits);
    CHECK(left.set_offsets == right.set_offsets);
    for (std::size_t row = 0; row < left.strings.size(); ++row)
      REQUIRE(csv.strings.view(left.strings[row]) == jsonl.strings.view(right.strings[row]));
    for (std::size_t item = 0; item < left.set_items.size(); ++item)
      REQUIRE(csv.strings.view(left.set_items[item]) == jsonl.strings.view(right.set_items[item]));
  }
}

TEST_CASE("the generator refuses bad arguments", "[generator]") {
  CHECK(run_generator("--seed 1") != 0);
  CHECK(run_generator("--rows ten") != 0);
  CHECK(run_generator("--rows 10 --start 2026-02-30") != 0);
  CHECK(run_generator("--rows 10 --days 0") != 0);
  CHECK(run_generator("--rows 10 --format xml") != 0);
  CHECK(run_generator("--rows 10 --colour red") != 0);
  CHECK(run_generator("--rows") != 0);
  CHECK(run_generator("--rows 10 --out /nonexistent-dir/x.csv") != 0);
}

// examples/sample/observations.csv is
//   gen_observations --rows 20000 --seed 1 --start 2026-01-01 --days 90
TEST_CASE("the committed sample table reads cleanly", "[generator]") {
  const tally::Table table =
      tally::read_observations(TALLY_SOURCE_DIR "/examples/sample/observations.csv", schema(), {});
  CHECK(table.rows == 20000);
  CHECK(table.skipped.empty());
  CHECK(table.day.front() == *tally::parse_date("2026-01-01"));
  CHECK(table.day.back() == *tally::parse_date("2026-03-31"));
  check_products(table, 1);
}
