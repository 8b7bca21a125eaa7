// Seed examples of the rolling products: a 90-day window from 2026-01-01 to
// 2026-03-31, evaluated as of its last day, with rows on every day.
#include "tests/reference/seeds/seed_builder.hpp"

namespace tally::test {

using namespace seeds;

namespace {

constexpr int kWindowDays = 90;
Day window_end() {
  return term_day(kWindowDays);
}

// Two alternating daily counts average to their midpoint over an even window.
int alternating(int day_index, int even_days, int odd_days) {
  return day_index % 2 == 0 ? even_days : odd_days;
}

// CSPM and CDR: 1,000 VMs and 2,500 serverless functions every day.
void write_cloud_workloads(RowWriter& rows, const std::string& source,
                           std::initializer_list<std::string_view> clouds, std::string_view uncovered_cloud,
                           std::string_view other_source) {
  std::vector<std::string_view> covered(clouds);
  // Before the term: outside every window.
  for (int i = 0; i < 100; ++i)
    rows.append({{"observed_at", date_text(term_day(0))},
                 {"asset_id", numbered(source + "-early", i)},
                 {"asset_type", "vm"},
                 {"source", source},
                 {"cloud", "aws"}});
  for (int n = 1; n <= kWindowDays; ++n) {
    Day day = term_day(n);
    auto workload = [&](const std::string& asset, std::string_view type, std::string_view cloud,
                        std::string_view status, std::string_view from) {
      rows.append({{"observed_at", hour_text(day, n % 24)},
                   {"asset_id", asset},
                   {"asset_type", std::string(type)},
                   {"source", std::string(from)},
                   {"cloud", std::string(cloud)},
                   {"status", std::string(status)}});
    };
    for (int i = 0; i < 1000; ++i) {
      std::string_view cloud = covered[i % covered.size()];
      workload(numbered(source + "-vm", i), "vm", cloud, i % 2 == 0 ? "active" : "enabled", source);
      if (i % 50 == 0) workload(numbered(source + "-vm", i), "vm", cloud, "active", source); // scanned twice
    }
    for (int i = 0; i < 2500; ++i)
      workload(numbered(source + "-function", i), "serverless_function", covered[i % covered.size()],
               "active", source);
    for (int i = 0; i < 10; ++i) {
      workload(numbered(source + "-uncovered", i), "vm", uncovered_cloud, "active", source);
      workload(numbered(source + "-deleted", i), "vm", "aws", "terminated", source);
      workload(numbered(source + "-bucket", i), "other", "aws", "active", source);
      workload(numbered(source + "-elsewhere", i), "vm", "aws", "active", other_source);
    }
  }
}

} // namespace

SeedExample seed_cspm(const Schema& schema) {
  SeedExample seed =
      new_seed("CSPM", "1,000 VMs + 2,500 serverless (1,025), ratio 12: 12,300 QLU", window_end());
  RowWriter rows(schema, seed.table);
  write_cloud_workloads(rows, "cspm", {"aws", "azure", "gcp", "oci"}, "alibaba", "cdr");
  seed.expected = {rolling_period(window_end(), 1025, 12300, {{"vms", 1000}, {"serverless", 2500}})};
  return seed;
}

SeedExample seed_cdr(const Schema& schema) {
  SeedExample seed =
      new_seed("CDR", "1,000 VMs + 2,500 serverless (1,025), ratio 12: 12,300 QLU", window_end());
  RowWriter rows(schema, seed.table);
  write_cloud_workloads(rows, "cdr", {"aws", "azure", "gcp"}, "oci", "cspm");
  seed.expected = {rolling_period(window_end(), 1025, 12300, {{"vms", 1000}, {"serverless", 2500}})};
  return seed;
}

SeedExample seed_cwp_flexscan(const Schema& schema) {
  SeedExample seed =
      new_seed("CWP-FLEXSCAN", "800..1,000 VMs a day, average 900, ratio 3: 2,700 QLU", window_end());
  RowWriter rows(schema, seed.table);
  static constexpr std::string_view clouds[] = {"aws", "azure", "gcp", "oci"};
  for (int n = 1; n <= kWindowDays; ++n) {
    Day day = term_day(n);
    for (int i = 0; i < alternating(n, 800, 1000); ++i)
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("flex-vm", i)},
                   {"asset_type", "vm"},
                   {"source", "flexscan"},
                   {"cloud", std::string(clouds[i % 4])},
                   {"status", i % 7 == 0 ? "inactive" : "active"}});
    for (int i = 0; i < 30; ++i) {
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("flex-host", i)},
                   {"asset_type", "host"},
                   {"source", "flexscan"},
                   {"cloud", "aws"}});
      rows.append({{"observed_at", date_text(day)},
                   {"asset_id", numbered("agent-vm", i)},
                   {"asset_type", "vm"},
                   {"source", "agent"},
                   {"agent_id", numbered("agent", i)},
                   {"cloud", "aws"}});
    }
  }
  seed.expected = {rolling_period(window_end(), 900, 2700, {{"vms", 900}})};
  return seed;
}

SeedExample seed_cs(const Schema& schema) {
  SeedExample seed = new_seed("CS", "120..180 nodes a day, average 150, ratio 45: 6,750 QLU", window_end());
  RowWriter rows(schema, seed.table);
  auto heartbeat = [&](Day day, int hour, const std::string& node, std::string_view type,
                       std::string_view source, std::string_view status) {
    rows.append({{"observed_at", hour_text(day, hour)},
                 {"asset_id", node},
                 {"asset_type", std::string(type)},
                 {"source", std::string(source)},
                 {"agent_id", source == "agent" ? node + "-agent" : ""},
                 {"status", std::string(status)}});
  };
  for (int n = 1; n <= kWindowDays; ++n) {
    Day day = term_day(n);
    // A heartbeat every third hour keeps a node active all day (two missed
    // heartbeats are tolerated); after 21:00 it lapses before the next midnight.
    for (int node = 0; node < alternating(n, 120, 180); ++node)
      for (int hour = 0; hour < 24; hour += 3)
        heartbeat(day, hour, numbered("node", node), "container_node", "runtime_sensor",
                  node % 2 == 0 ? "active" : "enabled");
    for (int i = 0; i < 10; ++i) {
      for (int hour = 0; hour < 24; ++hour) // a non-live row is not a heartbeat
        heartbeat(day, hour, numbered("node-stopped", i), "container_node", "runtime_sensor", "inactive");
      heartbeat(day, 6, numbered("image", i), "container_image", "runtime_sensor", "active");
      heartbeat(day, 6, numbered("node-agent", i), "container_node", "agent", "active");
    }
  }
  seed.expected = {rolling_period(window_end(), 150, 6750, {{"nodes", 150}})};
  return seed;
}

SeedExample seed_cis(const Schema& schema) {
  SeedExample seed = new_seed("CIS", "2,400 scans in 90 days, 0.12 per scan: 288 QLU", window_end());
  RowWriter rows(schema, seed.table);
  auto image_row = [&](Day day, int hour, const std::string& image, std::string_view type,
                       std::string_view source) {
    rows.append({{"observed_at", hour_text(day, hour)},
                 {"asset_id", image},
                 {"asset_type", std::string(type)},
                 {"source", std::string(source)}});
  };
  // Scans before the term are outside the window.
  for (int i = 0; i < 80; ++i)
    image_row(term_day(-5), 10, numbered("sha256:image", i), "container_image", "cicd");
  // 80 images, each scanned on every third day: 30 scan days each. Half of
  // them are scanned in the pipeline and again in the registry the same day,
  // which is one scan.
  for (int n = 1; n <= kWindowDays; ++n) {
    Day day = term_day(n);
    for (int i = 0; i < 80; ++i) {
      if (n % 3 != i % 3) continue;
      std::string image = numbered("sha256:image", i);
      image_row(day, 9, image, "container_image", "cicd");
      if (i % 2 == 0) image_row(day, 15, image, "container_image", "registry");
    }
    for (int i = 0; i < 5; ++i) { // runtime analysis is licensed with CS, and not an image
      image_row(day, 11, numbered("sha256:runtime-image", i), "container_image", "runtime_sensor");
      image_row(day, 11, numbered("pipeline-job", i), "other", "cicd");
    }
  }
  seed.expected = {rolling_period(window_end(), 2400, 288, {{"scans", 2400}})};
  return seed;
}

SeedExample seed_sc(const Schema& schema) {
  SeedExample seed = new_seed("SC", "90..120 instances a day, average 105, ratio 3: 315 QLU", window_end());
  RowWriter rows(schema, seed.table);
  auto container_row = [&](Day day, const std::string& asset, std::string_view type, std::string_view source,
                           std::string_view status) {
    rows.append({{"observed_at", date_text(day)},
                 {"asset_id", asset},
                 {"asset_type", std::string(type)},
                 {"source", std::string(source)},
                 {"status", std::string(status)}});
  };
  for (int n = 1; n <= kWindowDays; ++n) {
    Day day = term_day(n);
    for (int i = 0; i < alternating(n, 90, 120); ++i)
      container_row(day, numbered("fargate-task", i), "serverless_container", "serverless_telemetry",
                    i % 10 == 0 ? "terminated" : "active");
    for (int i = 0; i < 15; ++i) { // already covered by a runtime sensor that day
      container_row(day, numbered("sidecar-task", i), "serverless_container", "serverless_telemetry",
                    "active");
      container_row(day, numbered("sidecar-task", i), "container_node", "runtime_sensor", "active");
    }
    for (int i = 0; i < 10; ++i)
      container_row(day, numbered("sensor-task", i), "serverless_container", "runtime_sensor", "active");
  }
  seed.expected = {rolling_period(window_end(), 105, 315, {{"containers", 105}})};
  return seed;
}

SeedExample seed_sspm(const Schema& schema) {
  SeedExample seed =
      new_seed("SSPM", "4,000..4,500 users a day, average 4,250, ratio 1.5: 6,375 QLU", window_end());
  RowWriter rows(schema, seed.table);
  auto user_row = [&](Day day, const std::string& user, std::string_view source, std::string_view status) {
    rows.append({{"observed_at", date_text(day)},
                 {"asset_id", user},
                 {"asset_type", "saas_user"},
                 {"source", std::string(source)},
                 {"status", std::string(status)}});
  };
  for (int n = 1; n <= kWindowDays; ++n) {
    Day day = term_day(n);
    for (int i = 0; i < alternating(n, 4000, 4500); ++i)
      user_row(day, numbered("user", i), "sspm", i % 3 == 0 ? "enabled" : "active");
    for (int i = 0; i < 50; ++i)
      user_row(day, numbered("user-left", i), "sspm", i % 2 == 0 ? "disabled" : "inactive");
    for (int i = 0; i < 20; ++i)
      user_row(day, numbered("user-idp", i), "idp", "active");
  }
  seed.expected = {rolling_period(window_end(), 4250, 6375, {{"users", 4250}})};
  return seed;
}

} // namespace tally::test
