// gen_observations: writes a synthetic observation table that follows
// /work/shared/contract/observations.md, for benchmarks and examples.
//
//   gen_observations --rows N [--seed S] [--start YYYY-MM-DD] [--days D]
//                    [--format csv|jsonl] [--out FILE]
//
// The table describes a stable estate that grows and churns: every asset is
// created once (with a birth day, maybe a death day, and fixed traits) and is
// then seen again day after day, so term-to-date counts differ from daily
// ones. Each kind of asset gets a fixed share of every day's rows, which keeps
// every product of semantics.md in use at any table size. All randomness is
// an integer hash of (seed, asset, day, ...), so a seed always gives the same
// bytes.
#include "date.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using tally::Day;

// ---------------------------------------------------------------- randomness

std::uint64_t splitmix(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ull;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ull;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBull;
  return value ^ (value >> 31);
}

// A splitmix64 stream keyed by the things a decision depends on.
class Random {
public:
  Random(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0)
      : state_(splitmix(seed ^ splitmix(a ^ splitmix(b ^ splitmix(c))))) {}
  std::uint64_t next() { return splitmix(state_++); }
  std::uint64_t below(std::uint64_t bound) { return next() % bound; }
  bool per_mille(std::uint64_t chance) { return below(1000) < chance; }
  template <class T, std::size_t N> const T& pick(const std::array<T, N>& options) {
    return options[below(N)];
  }

private:
  std::uint64_t state_;
};

// ---------------------------------------------------------------- vocabulary

enum Module : std::uint16_t {
  VM = 1 << 0,
  PC = 1 << 1,
  EDR = 1 << 2,
  ZLINUX = 1 << 3,
  FIM = 1 << 4,
  PAF = 1 << 5,
  PM = 1 << 6,
  ISL = 1 << 7,
  MTG = 1 << 8,
  PCI = 1 << 9,
  WAS = 1 << 10,
  TAS = 1 << 11,
};
constexpr std::array<std::string_view, 12> kModuleNames = {"VM", "PC",  "EDR", "ZLINUX", "FIM", "PAF",
                                                           "PM", "ISL", "MTG", "PCI",    "WAS", "TAS"};

constexpr std::array<std::string_view, 18> kColumns = {
    "observed_at", "asset_id",      "asset_type", "source",  "agent_id", "instance_id",
    "cloud",       "status",        "open_ports", "vulns",   "findings", "modules",
    "ot_class",    "last_event_at", "os",         "os_name", "tags",     "activated_at"};

enum class Kind {
  host_agent,
  host_scanned,
  cloud_vm,
  serverless_function,
  container_node,
  container_image,
  serverless_container,
  web_app,
  api_endpoint,
  identity,
  saas_user,
  mobile_device,
  ot_asset,
  ip_address,
  dns_name,
  other_asset,
};

struct KindPlan {
  Kind kind;
  std::uint64_t share_per_mille;    // of every day's rows
  std::uint64_t rows_per_visit_x10; // rows one sighting of an asset produces on average, times 10
};

// The shares are rough estate proportions; hosts dominate, as in real exports.
constexpr std::array<KindPlan, 16> kPlans = {{
    {Kind::host_agent, 300, 19},
    {Kind::host_scanned, 50, 11},
    {Kind::cloud_vm, 150, 22},
    {Kind::serverless_function, 40, 12},
    {Kind::container_node, 120, 0}, // hourly heartbeats: sized by heartbeat_hours
    {Kind::container_image, 60, 16},
    {Kind::serverless_container, 30, 13},
    {Kind::web_app, 25, 10},
    {Kind::api_endpoint, 25, 10},
    {Kind::identity, 60, 15},
    {Kind::saas_user, 40, 10},
    {Kind::mobile_device, 30, 10},
    {Kind::ot_asset, 25, 10},
    {Kind::ip_address, 15, 13},
    {Kind::dns_name, 10, 13},
    {Kind::other_asset, 20, 10},
}};

constexpr std::string_view kActive = "active", kEnabled = "enabled", kInactive = "inactive",
                           kDisabled = "disabled", kDecommissioned = "decommissioned",
                           kTerminated = "terminated";

constexpr Day kNever = std::numeric_limits<Day>::max();

// ---------------------------------------------------------------- the estate

struct Asset {
  Kind kind = Kind::host_agent;
  std::uint32_t serial = 0;
  Day birth = 0, death = kNever; // offsets from the start day; death is the last day seen
  std::string id, agent_id, instance_id, tags;
  std::string_view asset_type, cloud, os, os_name, source, ot_class, living_status = kActive;
  std::uint16_t modules = 0;
  Day activated = kNever;   // absolute day the PM agent was activated
  bool ghost = false;       // no open port and no vulnerability, ever
  bool scanned = false;     // hosts: also seen by a scanner; vms: scanned by FlexScan
  bool posture = false;     // vms: assessed by CSPM
  bool detection = false;   // vms and serverless functions: watched by CDR
  bool side_source = false; // a kind-specific second source (cmdb, runtime sensor, AD, EASM ...)
  bool stale_fim = false;   // its FIM events stopped more than 30 days ago
  bool flaky = false;       // misses heartbeats or flips status more often
};

struct Options {
  std::uint64_t rows = 0;
  std::uint64_t seed = 1;
  Day start = 0;
  Day days = 90;
  bool json_lines = false;
  std::string out;
};

std::string_view pick_cloud(Random& random, bool with_alibaba) {
  const std::uint64_t roll = random.below(100);
  if (roll < 40) return "aws";
  if (roll < 65) return "azure";
  if (roll < 83) return "gcp";
  if (roll < 93 || !with_alibaba) return "oci";
  return "alibaba";
}

constexpr std::array<std::string_view, 11> kTagWords = {"prod", "dev",     "test", "pci",     "dmz",    "web",
                                                        "db",   "finance", "hr",   "eu-west", "us-east"};

std::string pick_tags(Random& random) {
  std::string tags;
  const std::uint64_t count = random.below(3);
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::string_view word = random.pick(kTagWords);
    if (tags.find(word) != std::string::npos) continue;
    if (!tags.empty()) tags += ';';
    tags += word;
  }
  return tags;
}

void pick_operating_system(Random& random, Asset& asset, bool mainframe) {
  static constexpr std::array<std::string_view, 6> kWindows = {
      "Windows Server 2019", "Windows Server 2012 R2", "Windows Server 2012", "Windows 10 Enterprise, LTSC",
      "Windows 11",          "Windows Server 2022"};
  static constexpr std::array<std::string_view, 4> kLinux = {"Ubuntu 22.04", "RHEL 8", "Debian 12",
                                                             "SLES 15"};
  if (mainframe) {
    asset.os = "linux";
    asset.os_name = "RHEL 8 s390x";
    return;
  }
  const std::uint64_t roll = random.below(100);
  if (roll < 55) {
    asset.os = "windows";
    asset.os_name = random.pick(kWindows);
  } else if (roll < 95) {
    asset.os = "linux";
    asset.os_name = random.pick(kLinux);
  } else {
    asset.os = "mac";
    asset.os_name = "macOS 14";
  }
}

// Modules licensed on an agent: VM nearly always, the others in shares that
// keep EDR, FIM, PAF, PM (and its ISL / MTG variants) and ZLINUX all in use.
std::uint16_t pick_agent_modules(Random& random, bool mainframe) {
  std::uint16_t modules = random.per_mille(950) ? VM : 0;
  if (random.per_mille(400)) modules |= PC;
  if (random.per_mille(300)) modules |= EDR;
  if (random.per_mille(150)) modules |= FIM;
  if (random.per_mille(200)) modules |= PAF;
  const std::uint64_t patch = random.below(100);
  if (patch < 25)
    modules |= PM;
  else if (patch < 30)
    modules |= ISL;
  else if (patch < 34)
    modules |= MTG;
  if (mainframe) modules |= ZLINUX;
  return modules;
}

std::string hex_id(std::string_view prefix, std::uint64_t value, int digits) {
  if (digits < 16) value &= (std::uint64_t{1} << (4 * digits)) - 1;
  return fmt::format("{}{:0{}x}", prefix, value, digits);
}

// Canonical ids look opaque, as platform ids do, yet stay unique: multiplying
// by an odd constant is a bijection on the low 48 bits.
std::string canonical_id(std::string_view prefix, std::uint32_t serial) {
  return hex_id(prefix, serial * 0x9E3779B97F4Bull, 12);
}

// Agent ids are UUIDs, as the cloud agent reports them.
std::string agent_uuid(std::uint64_t seed, std::uint64_t key) {
  const std::uint64_t high = splitmix(seed ^ key), low = splitmix(high);
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF, high & 0xFFF,
                     0x8000 | (low >> 48 & 0x3FFF), low & 0xFFFFFFFFFFFFull);
}

// The first assets of each kind are given the kind's rarer variants, so that
// even a small table has, say, a mainframe, a stale FIM sensor or an Alibaba
// VM; larger tables get the same variants at random as well.
void apply_archetype(Asset& asset, std::size_t index, const Options& options) {
  const auto dies_mid_term = [&] {
    asset.birth = 0;
    asset.death = std::max<Day>(1, options.days / 2);
  };
  switch (asset.kind) {
  case Kind::host_agent:
    if (index == 0) {
      asset.os = "linux";
      asset.os_name = "RHEL 8 s390x";
      asset.modules = VM | ZLINUX | PM | FIM;
    }
    if (index == 1) asset.modules = VM | PC | ISL | EDR;
    if (index == 2) asset.modules = VM | MTG | PAF | PC;
    if (index == 3) {
      asset.modules = VM | PM | PAF | EDR;
      asset.os = "windows";
      asset.os_name = "Windows Server 2012 R2";
      asset.tags = "prod;pci";
      asset.scanned = true;
    }
    if (index == 4) {
      asset.ghost = true;
      asset.scanned = true;
    }
    if (index == 5) dies_mid_term();
    break;
  case Kind::host_scanned:
    if (index < 2) {
      asset.modules = VM | PC | FIM;
      asset.stale_fim = index == 1;
    }
    if (index == 3) dies_mid_term();
    break;
  case Kind::cloud_vm:
    if (index <= 1 && asset.agent_id.empty()) asset.agent_id = agent_uuid(options.seed, asset.serial);
    if (index == 0) {
      asset.cloud = "aws";
      asset.posture = asset.detection = true;
      asset.modules = VM | EDR | PM;
    }
    if (index == 1) {
      asset.cloud = "azure";
      asset.scanned = true;
    }
    if (index == 2) {
      asset.cloud = "alibaba";
      asset.agent_id.clear();
      asset.modules = 0;
      asset.scanned = asset.posture = true;
    }
    if (index == 3) {
      asset.cloud = "gcp";
      asset.ghost = true;
      asset.posture = true;
    }
    if (index == 4) dies_mid_term();
    break;
  case Kind::serverless_function:
    if (index < 3) asset.cloud = std::array<std::string_view, 3>{"aws", "alibaba", "oci"}[index];
    asset.detection = asset.detection || index == 0;
    break;
  case Kind::container_node:
    if (index < 2) {
      asset.modules = FIM;
      asset.stale_fim = index == 1;
    }
    asset.flaky = asset.flaky || index == 2;
    break;
  case Kind::container_image:
    asset.side_source = index == 2 || (index > 2 && asset.side_source);
    break;
  case Kind::serverless_container:
    asset.side_source = asset.side_source || index == 0;
    break;
  case Kind::web_app:
    if (index < 3) asset.modules = std::array<std::uint16_t, 3>{WAS | TAS, WAS, TAS}[index];
    break;
  case Kind::identity:
    if (index < 3) asset.living_status = index == 1 ? kDisabled : kEnabled;
    asset.side_source = asset.side_source || index == 0;
    break;
  case Kind::saas_user:
    if (index < 2) asset.living_status = index == 1 ? kInactive : kActive;
    break;
  case Kind::mobile_device:
    if (index < 3) {
      asset.source = std::array<std::string_view, 3>{"mobile_agent", "agent", "intune"}[index];
      asset.agent_id = index == 1 ? agent_uuid(options.seed, asset.serial) : std::string{};
    }
    break;
  case Kind::ot_asset:
    if (index < 3) asset.ot_class = std::array<std::string_view, 3>{"basic", "enriched", "vulnerable"}[index];
    break;
  case Kind::ip_address:
  case Kind::dns_name:
    if (index < 2) asset.modules = index == 0 ? PCI : 0;
    asset.side_source = asset.side_source || index == 0;
    break;
  case Kind::api_endpoint:
  case Kind::other_asset:
    break;
  }
}

constexpr std::size_t kAlwaysAlive = 3; // the first assets of each kind live all term, so no kind runs dry

Asset make_asset(const Options& options, Kind kind, std::uint32_t serial, std::size_t index_in_kind) {
  const bool always_alive = index_in_kind < kAlwaysAlive;
  Random random(options.seed, 0xA55E7, serial);
  Asset asset;
  asset.kind = kind;
  asset.serial = serial;
  // Most of the estate exists on day one; the rest arrives over the term, and
  // some assets go away (their last day shows them terminated or decommissioned).
  if (!always_alive) {
    if (!random.per_mille(800))
      asset.birth = static_cast<Day>(random.below(static_cast<std::uint64_t>(options.days)));
    if (random.per_mille(120)) {
      const Day span = options.days + 30 - asset.birth;
      const Day death = asset.birth + 1 + static_cast<Day>(random.below(static_cast<std::uint64_t>(span)));
      if (death < options.days) asset.death = death;
    }
  }
  asset.ghost = random.per_mille(100);
  asset.flaky = random.per_mille(150);
  asset.stale_fim = random.per_mille(300);
  const std::uint64_t token = splitmix(options.seed ^ serial);
  const bool mainframe = random.per_mille(30);

  switch (kind) {
  case Kind::host_agent:
    asset.asset_type = "host";
    asset.id = canonical_id("h-", serial);
    // A reimaged machine keeps its agent under a new asset id now and then.
    asset.agent_id = agent_uuid(options.seed, random.per_mille(10) ? serial - 1 : serial);
    pick_operating_system(random, asset, mainframe);
    asset.modules = pick_agent_modules(random, mainframe && asset.os == "linux");
    asset.tags = pick_tags(random);
    asset.scanned = random.per_mille(600);
    asset.side_source = random.per_mille(100);
    break;
  case Kind::host_scanned:
    asset.asset_type = "host";
    asset.id = canonical_id("h-", serial);
    asset.modules = random.per_mille(300) ? VM | PC : VM;
    if (random.per_mille(80)) asset.modules |= FIM;
    pick_operating_system(random, asset, false);
    asset.side_source = random.per_mille(150);
    break;
  case Kind::cloud_vm:
    asset.asset_type = "vm";
    asset.id = canonical_id("vm-", serial);
    asset.cloud = pick_cloud(random, true);
    asset.instance_id =
        hex_id("i-0", splitmix(options.seed ^ (random.per_mille(10) ? serial - 1 : serial)), 16);
    if (random.per_mille(700)) {
      asset.agent_id = agent_uuid(options.seed, serial);
      asset.modules = pick_agent_modules(random, false);
    }
    asset.os = "linux";
    asset.os_name = "Ubuntu 22.04";
    asset.scanned = random.per_mille(120);
    asset.posture = random.per_mille(450);
    asset.detection = random.per_mille(200);
    break;
  case Kind::serverless_function:
    asset.asset_type = "serverless_function";
    asset.id = canonical_id("fn-", serial);
    asset.cloud = pick_cloud(random, true);
    asset.detection = random.per_mille(400);
    break;
  case Kind::container_node:
    asset.asset_type = "container_node";
    asset.id = canonical_id("node-", serial);
    asset.cloud = pick_cloud(random, false);
    if (random.per_mille(250)) asset.modules = FIM;
    break;
  case Kind::container_image:
    asset.asset_type = "container_image";
    asset.id = hex_id("sha256:", token, 16) + hex_id("", splitmix(token), 16);
    asset.side_source = random.per_mille(150); // seen only at runtime, never by a pipeline or registry
    break;
  case Kind::serverless_container:
    asset.asset_type = "serverless_container";
    asset.id = canonical_id("sc-", serial);
    asset.cloud = pick_cloud(random, false);
    asset.side_source = random.per_mille(250); // a runtime sensor also reports it
    break;
  case Kind::web_app:
    asset.asset_type = "web_app";
    asset.id = canonical_id("app-", serial);
    asset.modules =
        static_cast<std::uint16_t>((random.per_mille(850) ? WAS : 0) | (random.per_mille(500) ? TAS : 0));
    break;
  case Kind::api_endpoint:
    asset.asset_type = "api_endpoint";
    asset.id = canonical_id("api-", serial);
    asset.modules = random.per_mille(900) ? TAS : 0;
    break;
  case Kind::identity:
    asset.asset_type = "identity";
    asset.id = canonical_id("uid-", serial);
    asset.living_status = random.per_mille(850) ? kEnabled : kDisabled;
    asset.side_source = random.per_mille(500); // also in Active Directory
    break;
  case Kind::saas_user:
    asset.asset_type = "saas_user";
    asset.id = canonical_id("su-", serial);
    asset.living_status = random.per_mille(900) ? kActive : kInactive;
    break;
  case Kind::mobile_device: {
    asset.asset_type = "mobile_device";
    asset.id = canonical_id("mob-", serial);
    const std::uint64_t roll = random.below(10);
    asset.source = roll < 5 ? "mobile_agent" : roll < 7 ? "agent" : "intune";
    if (asset.source == "agent") asset.agent_id = agent_uuid(options.seed, serial);
    asset.os_name = random.per_mille(600) ? "Android 14" : "iOS 17.4";
    asset.living_status = random.per_mille(300) ? kEnabled : kActive;
    break;
  }
  case Kind::ot_asset: {
    asset.asset_type = "ot_asset";
    asset.id = canonical_id("ot-", serial);
    const std::uint64_t roll = random.below(10);
    asset.ot_class = roll < 5 ? "basic" : roll < 8 ? "enriched" : "vulnerable";
    break;
  }
  case Kind::ip_address:
    asset.asset_type = "ip_address";
    asset.id = fmt::format("10.{}.{}.{}", (serial >> 16) & 255, (serial >> 8) & 255, serial & 255);
    asset.modules = random.per_mille(750) ? PCI : 0;
    asset.side_source = random.per_mille(300); // easm
    break;
  case Kind::dns_name:
    asset.asset_type = "dns_name";
    asset.id = fmt::format("d{}.example.com", serial);
    asset.modules = random.per_mille(750) ? PCI : 0;
    asset.side_source = random.per_mille(300); // easm
    break;
  case Kind::other_asset: {
    static constexpr std::array<std::string_view, 6> kDiscovery = {"passive_sensor", "caps",   "easm",
                                                                   "cmdb",           "vmware", "ad"};
    asset.asset_type = "other";
    asset.id = canonical_id("x-", serial);
    asset.source = random.pick(kDiscovery);
    break;
  }
  }
  apply_archetype(asset, index_in_kind, options);
  // Patch Management licences go by activation date: every patched agent has one.
  if (!asset.agent_id.empty() && (asset.modules & (PM | ISL | MTG)))
    asset.activated =
        options.start - 400 + static_cast<Day>(random.below(400 + static_cast<std::uint64_t>(asset.birth)));
  return asset;
}

// ---------------------------------------------------------------- rows

struct Row {
  std::string_view observed_at, asset_id, asset_type, source, agent_id, instance_id, cloud, status;
  std::int64_t open_ports = -1, vulns = -1, findings = -1; // -1: empty cell
  std::uint16_t modules = 0;
  std::string_view ot_class;
  Day last_event_at = kNever;
  std::string_view os, os_name, tags;
  Day activated_at = kNever;
};

// Days as text, precomputed: every date the table prints lies in this range.
class DateTexts {
public:
  DateTexts(Day first, Day last) : first_(first) {
    for (Day day = first; day <= last; ++day)
      texts_.push_back(tally::format_date(day));
  }
  std::string_view of(Day day) const { return texts_.at(static_cast<std::size_t>(day - first_)); }

private:
  Day first_;
  std::vector<std::string> texts_;
};

class Output {
public:
  Output(std::FILE* file, bool json_lines) : file_(file), json_lines_(json_lines) {
    buffer_.reserve(kFlushAt + 4096);
    if (!json_lines_) {
      for (std::size_t i = 0; i < kColumns.size(); ++i) {
        if (i > 0) buffer_ += ',';
        buffer_ += kColumns[i];
      }
      buffer_ += '\n';
    }
  }

  void write(const Row& row, const DateTexts& dates) {
    begin_row();
    text(0, row.observed_at);
    text(1, row.asset_id);
    text(2, row.asset_type);
    text(3, row.source);
    text(4, row.agent_id);
    text(5, row.instance_id);
    text(6, row.cloud);
    text(7, row.status);
    number(8, row.open_ports);
    number(9, row.vulns);
    number(10, row.findings);
    modules(11, row.modules);
    text(12, row.ot_class);
    text(13, row.last_event_at == kNever ? std::string_view{} : dates.of(row.last_event_at));
    text(14, row.os);
    text(15, row.os_name);
    set(16, row.tags);
    text(17, row.activated_at == kNever ? std::string_view{} : dates.of(row.activated_at));
    buffer_ += json_lines_ ? "}\n" : "\n";
    if (buffer_.size() >= kFlushAt) flush();
  }

  void flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
      throw std::runtime_error("cannot write the output");
    buffer_.clear();
  }

private:
  static constexpr std::size_t kFlushAt = std::size_t{1} << 20;

  void begin_row() {
    first_in_row_ = true;
    if (json_lines_) buffer_ += '{';
  }

  // CSV writes every column (empty cells included); JSON Lines leaves empty
  // cells out, which the contract reads as empty.
  void key(std::size_t column) {
    if (json_lines_) {
      if (!first_in_row_) buffer_ += ',';
      buffer_ += '"';
      buffer_ += kColumns[column];
      buffer_ += "\":";
    } else if (column > 0) {
      buffer_ += ',';
    }
    first_in_row_ = false;
  }

  void quoted(std::string_view value) {
    buffer_ += '"';
    for (const char c : value) {
      if (c == '"')
        buffer_ += json_lines_ ? "\\\"" : "\"\"";
      else if (c == '\\' && json_lines_)
        buffer_ += "\\\\";
      else
        buffer_ += c;
    }
    buffer_ += '"';
  }

  void text(std::size_t column, std::string_view value) {
    if (json_lines_ && value.empty()) return;
    key(column);
    if (json_lines_ || value.find_first_of(",\"\r\n") != std::string_view::npos)
      quoted(value);
    else
      buffer_ += value;
  }

  void number(std::size_t column, std::int64_t value) {
    if (value < 0) {
      if (!json_lines_) key(column);
      return;
    }
    key(column);
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    buffer_.append(digits, end);
  }

  void modules(std::size_t column, std::uint16_t bits) {
    std::string joined;
    for (std::size_t i = 0; i < kModuleNames.size(); ++i) {
      if (!(bits & (1u << i))) continue;
      if (!joined.empty()) joined += ';';
      joined += kModuleNames[i];
    }
    set(column, joined);
  }

  void set(std::size_t column, std::string_view items) {
    if (!json_lines_) return text(column, items);
    if (items.empty()) return;
    key(column);
    buffer_ += '[';
    for (bool first = true; !items.empty(); first = false) {
      const std::size_t end = items.find(';');
      if (!first) buffer_ += ',';
      quoted(items.substr(0, end));
      items = end == std::string_view::npos ? std::string_view{} : items.substr(end + 1);
    }
    buffer_ += ']';
  }

  std::FILE* file_;
  bool json_lines_;
  bool first_in_row_ = true;
  std::string buffer_;
};

// ---------------------------------------------------------------- one day's sightings

class Estate {
public:
  explicit Estate(const Options& options)
      : options_(options), dates_(options.start - 520, options.start + options.days + 1) {
    const std::uint64_t rows_per_day =
        std::max<std::uint64_t>(1, options.rows / static_cast<std::uint64_t>(options.days));
    // A container node's sighting is a run of hourly heartbeats; small tables
    // get shorter runs so that several nodes still fit in a day's share.
    const std::uint64_t node_rows = rows_per_day * kPlans[4].share_per_mille / 1000;
    heartbeat_hours_ = static_cast<int>(std::clamp<std::uint64_t>(node_rows / 3, 1, 20));
    rows_.reserve(32);
    std::uint32_t serial = 1;
    for (const KindPlan& plan : kPlans) {
      const std::uint64_t per_visit_x10 = plan.rows_per_visit_x10 != 0
                                              ? plan.rows_per_visit_x10
                                              : static_cast<std::uint64_t>(heartbeat_hours_) * 9;
      // 30% more assets than a day's share needs: some are not born yet or gone,
      // and the rest are not all seen every day.
      const std::uint64_t wanted = rows_per_day * plan.share_per_mille * 13 / (per_visit_x10 * 1000);
      const std::uint64_t count = std::max<std::uint64_t>(kFewestAssets, wanted);
      std::vector<Asset>& assets = by_kind_[static_cast<std::size_t>(plan.kind)];
      for (std::size_t i = 0; i < count; ++i)
        assets.push_back(make_asset(options, plan.kind, serial++, i));
    }
  }

  void write_day(Day offset, std::uint64_t rows, Output& output) {
    // Each kind's share of the day; the rounding remainder goes to a kind that
    // changes from day to day, so small tables still see every kind.
    std::array<std::uint64_t, kPlans.size()> quota{};
    std::uint64_t given = 0;
    for (std::size_t k = 0; k < kPlans.size(); ++k)
      given += quota[k] = rows * kPlans[k].share_per_mille / 1000;
    for (std::size_t turn = 0; given < rows; ++turn, ++given)
      ++quota[(static_cast<std::size_t>(offset) * 5 + turn) % kPlans.size()];

    for (std::size_t k = 0; k < kPlans.size(); ++k) {
      std::vector<Asset>& assets = by_kind_[static_cast<std::size_t>(kPlans[k].kind)];
      Random order(options_.seed, 0x0D4E, static_cast<std::uint64_t>(offset), k);
      std::size_t next = order.below(assets.size());
      for (std::uint64_t pass = 0; quota[k] > 0; ++pass) {
        for (std::size_t seen = 0; seen < assets.size() && quota[k] > 0;
             ++seen, next = (next + 1) % assets.size()) {
          const Asset& asset = assets[next];
          if (asset.birth > offset || asset.death < offset) continue;
          rows_.clear();
          visit(asset, offset, pass);
          for (std::size_t r = 0; r < rows_.size() && quota[k] > 0; ++r, --quota[k])
            output.write(rows_[r], dates_);
        }
      }
    }
  }

private:
  static constexpr std::uint64_t kFewestAssets = 6; // room for every archetype

  std::string_view status_on(const Asset& asset, Day offset, Random& random) const {
    if (asset.death != kNever && offset + 1 >= asset.death) {
      switch (asset.kind) {
      case Kind::cloud_vm:
      case Kind::serverless_function:
      case Kind::container_node:
      case Kind::serverless_container:
        return kTerminated;
      case Kind::host_agent:
      case Kind::host_scanned:
        return kDecommissioned;
      case Kind::identity:
      case Kind::saas_user:
        return kDisabled;
      default:
        return kInactive;
      }
    }
    if (asset.death != kNever && offset + 4 >= asset.death && random.per_mille(500)) return kInactive;
    if (random.per_mille(asset.flaky ? 80 : 15))
      return asset.living_status == kEnabled ? kDisabled : kInactive;
    return asset.living_status;
  }

  // Open ports and vulnerabilities: none at all on ghost assets, often none elsewhere.
  void exposure(const Asset& asset, Random& random, Row& row) const {
    row.open_ports =
        asset.ghost || random.per_mille(250) ? 0 : static_cast<std::int64_t>(1 + random.below(24));
    row.vulns = asset.ghost || random.per_mille(300) ? 0 : static_cast<std::int64_t>(1 + random.below(60));
    row.findings = random.per_mille(450) ? 0 : static_cast<std::int64_t>(1 + random.below(30));
  }

  Day fim_event(const Asset& asset, Day day, Random& random) const {
    return asset.stale_fim ? day - 31 - static_cast<Day>(random.below(90))
                           : day - static_cast<Day>(random.below(30));
  }

  Row& add(const Asset& asset, Day day, std::string_view source, std::string_view status) {
    Row& row = rows_.emplace_back();
    row.observed_at = dates_.of(day);
    row.asset_id = asset.id;
    row.asset_type = asset.asset_type;
    row.source = source;
    row.status = status;
    return row;
  }

  void visit(const Asset& asset, Day offset, std::uint64_t pass) {
    Random random(options_.seed, asset.serial, static_cast<std::uint64_t>(offset), pass);
    const Day day = options_.start + offset;
    const std::string_view status = status_on(asset, offset, random);
    switch (asset.kind) {
    case Kind::host_agent: {
      Row& row = add(asset, day, "agent", status);
      row.agent_id = asset.agent_id;
      exposure(asset, random, row);
      row.modules = asset.modules;
      row.os = asset.os;
      row.os_name = asset.os_name;
      row.tags = asset.tags;
      row.activated_at = asset.activated;
      if (asset.modules & FIM) row.last_event_at = day - static_cast<Day>(random.below(3));
      if (asset.scanned && random.per_mille(600)) {
        Row& scan = add(asset, day, "scanner", status);
        exposure(asset, random, scan);
        scan.modules = VM | (asset.modules & PC);
        scan.os = asset.os;
        scan.os_name = asset.os_name;
      }
      if (asset.side_source && random.per_mille(500))
        add(asset, day, random.per_mille(500) ? "cmdb" : "vmware", status).os = asset.os;
      if (random.per_mille(80))
        add(asset, day, "external", status).findings = static_cast<std::int64_t>(1 + random.below(20));
      break;
    }
    case Kind::host_scanned: {
      Row& row = add(asset, day, "scanner", status);
      exposure(asset, random, row);
      row.modules = asset.modules;
      row.os = asset.os;
      row.os_name = asset.os_name;
      if (asset.modules & FIM) row.last_event_at = fim_event(asset, day, random);
      if (asset.side_source && random.per_mille(500)) add(asset, day, "passive_sensor", status);
      break;
    }
    case Kind::cloud_vm: {
      if (!asset.agent_id.empty()) {
        Row& row = add(asset, day, "agent", status);
        row.agent_id = asset.agent_id;
        row.instance_id = asset.instance_id;
        row.cloud = asset.cloud;
        exposure(asset, random, row);
        row.modules = asset.modules;
        row.os = asset.os;
        row.os_name = asset.os_name;
        row.activated_at = asset.activated;
        if (asset.modules & FIM) row.last_event_at = day - static_cast<Day>(random.below(3));
      }
      if (random.per_mille(700)) {
        Row& row = add(asset, day, "cloud_connector", status);
        row.instance_id = asset.instance_id;
        row.cloud = asset.cloud;
      }
      if (asset.posture) {
        Row& row = add(asset, day, "cspm", status);
        row.cloud = asset.cloud;
        row.instance_id = asset.instance_id;
        row.findings = static_cast<std::int64_t>(random.below(12));
      }
      if (asset.detection) {
        Row& row = add(asset, day, "cdr", status);
        row.cloud = asset.cloud;
        row.instance_id = asset.instance_id;
      }
      if (asset.scanned) {
        Row& row = add(asset, day, "flexscan", status);
        row.cloud = asset.cloud;
        exposure(asset, random, row);
      }
      break;
    }
    case Kind::serverless_function:
      add(asset, day, "cspm", status).cloud = asset.cloud;
      if (asset.detection) add(asset, day, "cdr", status).cloud = asset.cloud;
      if (random.per_mille(150)) add(asset, day, "cloud_connector", status).cloud = asset.cloud;
      break;
    case Kind::container_node:
      heartbeats(asset, day, random);
      break;
    case Kind::container_image: {
      if (asset.side_source) {
        add(asset, day, "runtime_sensor", status).vulns = static_cast<std::int64_t>(random.below(40));
        break;
      }
      // A build scans the same image at several pipeline stages the same day.
      const std::uint64_t roll = random.below(100);
      const std::uint64_t stages = roll < 45 ? 1 + random.below(3) : 1;
      const std::string_view source = roll < 45 ? "cicd" : roll < 80 ? "registry" : "runtime_sensor";
      for (std::uint64_t stage = 0; stage < stages; ++stage)
        add(asset, day, source, status).vulns = static_cast<std::int64_t>(random.below(40));
      break;
    }
    case Kind::serverless_container:
      add(asset, day, "serverless_telemetry", status).cloud = asset.cloud;
      if (asset.side_source && random.per_mille(700))
        add(asset, day, "runtime_sensor", status).cloud = asset.cloud;
      break;
    case Kind::web_app:
    case Kind::api_endpoint: {
      Row& row = add(asset, day, "webapp_scanner", status);
      row.modules = asset.modules;
      row.vulns = static_cast<std::int64_t>(random.below(15));
      row.findings = static_cast<std::int64_t>(random.below(8));
      break;
    }
    case Kind::identity:
      add(asset, day, "idp", status);
      if (asset.side_source && random.per_mille(600)) add(asset, day, "ad", status);
      break;
    case Kind::saas_user:
      add(asset, day, "sspm", status);
      break;
    case Kind::mobile_device: {
      Row& row = add(asset, day, asset.source, status);
      row.agent_id = asset.agent_id;
      row.os_name = asset.os_name;
      row.vulns = static_cast<std::int64_t>(random.below(6));
      break;
    }
    case Kind::ot_asset: {
      Row& row = add(asset, day, "ot_sensor", status);
      // An enriched asset is sometimes found vulnerable for a day.
      row.ot_class = asset.ot_class == "enriched" && random.per_mille(100) ? "vulnerable" : asset.ot_class;
      if (row.ot_class == "vulnerable") row.vulns = static_cast<std::int64_t>(1 + random.below(9));
      break;
    }
    case Kind::ip_address:
    case Kind::dns_name: {
      Row& row = add(asset, day, "pci_scanner", status);
      row.modules = asset.modules;
      row.open_ports = static_cast<std::int64_t>(random.below(6));
      if (asset.side_source && random.per_mille(500))
        add(asset, day, "easm", status).findings = static_cast<std::int64_t>(random.below(3));
      break;
    }
    case Kind::other_asset:
      add(asset, day, asset.source, status).findings =
          random.per_mille(200) ? static_cast<std::int64_t>(1 + random.below(5)) : 0;
      break;
    }
  }

  // A run of hourly heartbeats; a flaky node misses hours, sometimes three in
  // a row (and so drops out of the node count), and reports a non-live status
  // now and then.
  void heartbeats(const Asset& asset, Day day, Random& random) {
    const int first_hour = static_cast<int>(random.below(static_cast<std::uint64_t>(25 - heartbeat_hours_)));
    const int minute = static_cast<int>(asset.serial % 60);
    for (int hour = first_hour; hour < first_hour + heartbeat_hours_; ++hour) {
      if (random.per_mille(asset.flaky ? 300 : 30)) continue;
      fmt::format_to(stamps_[hour].data(), "{}T{:02}:{:02}:{:02}Z", dates_.of(day), hour, minute,
                     random.below(60));
      Row& row =
          add(asset, day, "runtime_sensor", random.per_mille(asset.flaky ? 60 : 5) ? kInactive : kActive);
      row.observed_at = std::string_view(stamps_[hour].data(), 20);
      row.cloud = asset.cloud;
      row.modules = asset.modules;
      if (asset.modules & FIM) row.last_event_at = fim_event(asset, day, random);
    }
  }

  const Options& options_;
  DateTexts dates_;
  int heartbeat_hours_ = 1;
  std::array<std::vector<Asset>, kPlans.size()> by_kind_;
  std::vector<Row> rows_;                         // the current sighting's rows
  std::array<std::array<char, 24>, 24> stamps_{}; // their hourly timestamps
};

// ---------------------------------------------------------------- command line

std::uint64_t parse_count(std::string_view flag, std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size())
    throw std::invalid_argument(fmt::format("{} needs a whole number, got `{}`", flag, text));
  return value;
}

Options parse_options(int argc, char** argv) {
  Options options;
  options.start = *tally::parse_date("2026-01-01");
  std::optional<std::string> format;
  bool has_rows = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument(fmt::format("{} needs a value", flag));
    const std::string_view value = argv[++i];
    if (flag == "--rows") {
      options.rows = parse_count(flag, value);
      has_rows = true;
    } else if (flag == "--seed") {
      options.seed = parse_count(flag, value);
    } else if (flag == "--start") {
      const auto start = tally::parse_date(value);
      if (!start)
        throw std::invalid_argument(fmt::format("--start needs a date YYYY-MM-DD, got `{}`", value));
      options.start = *start;
    } else if (flag == "--days") {
      const std::uint64_t days = parse_count(flag, value);
      if (days == 0 || days > 3660) throw std::invalid_argument("--days must be between 1 and 3660");
      options.days = static_cast<Day>(days);
    } else if (flag == "--format") {
      if (value != "csv" && value != "jsonl") throw std::invalid_argument("--format must be csv or jsonl");
      format = std::string(value);
    } else if (flag == "--out") {
      options.out = std::string(value);
    } else {
      throw std::invalid_argument(fmt::format("unknown option `{}`", flag));
    }
  }
  if (!has_rows) throw std::invalid_argument("--rows is required");
  const bool jsonl_name = options.out.ends_with(".jsonl") || options.out.ends_with(".ndjson");
  options.json_lines = format ? *format == "jsonl" : jsonl_name;
  return options;
}

} // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    options = parse_options(argc, argv);
  } catch (const std::invalid_argument& error) {
    std::fprintf(
        stderr,
        "gen_observations: error: %s\nusage: gen_observations --rows N [--seed S] [--start YYYY-MM-DD] "
        "[--days D] [--format csv|jsonl] [--out FILE]\n",
        error.what());
    return 2;
  }

  std::FILE* file = options.out.empty() ? stdout : std::fopen(options.out.c_str(), "wb");
  if (file == nullptr) {
    std::fprintf(stderr, "gen_observations: error: cannot write `%s`: %s\n", options.out.c_str(),
                 std::strerror(errno));
    return 1;
  }
  try {
    Output output(file, options.json_lines);
    Estate estate(options);
    const auto days = static_cast<std::uint64_t>(options.days);
    for (std::uint64_t offset = 0; offset < days; ++offset) {
      const std::uint64_t rows = options.rows * (offset + 1) / days - options.rows * offset / days;
      estate.write_day(static_cast<Day>(offset), rows, output);
    }
    output.flush();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "gen_observations: error: %s\n", error.what());
    if (file != stdout) std::fclose(file);
    return 1;
  }
  if (file != stdout && std::fclose(file) != 0) {
    std::fprintf(stderr, "gen_observations: error: cannot write `%s`\n", options.out.c_str());
    return 1;
  }
  return 0;
}
