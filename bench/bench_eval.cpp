// Times each stage of an evaluation (compile the rules, read the table,
// evaluate) and prints rows per second and peak memory. A benchmark, not a
// test: it prints figures and asserts nothing, because shared machines are
// too noisy for timed assertions.
//
//   bench_eval RULES_DIR DATA_FILE START_DATE [PRODUCT...]
#include "interpreter/engine.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/program.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace {

using Clock = std::chrono::steady_clock;

long long milliseconds_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// The resident memory now, from /proc: the table's columns once reading is
// done, before evaluation adds its own.
long long resident_mib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("VmRSS:")) return std::stoll(line.substr(6)) / 1024;
  return -1;
}

long long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024; // Linux reports KiB
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: bench_eval RULES_DIR DATA_FILE START_DATE [PRODUCT...]\n";
    return 2;
  }
  using namespace tally;
  const auto total = Clock::now();

  auto stage = Clock::now();
  SourceRegistry sources;
  const auto compiled = compile({argv[1]}, sources);
  if (!compiled.program) {
    for (const auto& d : compiled.diagnostics)
      std::cerr << format_diagnostic(d, &sources);
    return 1;
  }
  Subscription subscription;
  subscription.start = Setting{argv[3], {"<bench>", 0, 0}};
  for (int i = 4; i < argc; ++i)
    subscription.only.emplace_back(argv[i]);
  const auto bound = bind(*compiled.program, subscription);
  if (!bound.plan) {
    for (const auto& d : bound.diagnostics)
      std::cerr << format_diagnostic(d, &sources);
    return 1;
  }
  const auto compile_ms = milliseconds_since(stage);

  stage = Clock::now();
  ReadOptions options;
  options.needed_columns = columns_needed(*bound.plan, compiled.program->schema);
  options.keep_needed_columns_only = true; // as `tally eval` reads
  const auto table = read_observations(argv[2], compiled.program->schema, options);
  const auto read_ms = milliseconds_since(stage);
  const auto table_mib = resident_mib();

  stage = Clock::now();
  const auto report = evaluate(*bound.plan, compiled.program->schema, table);
  const auto evaluate_ms = milliseconds_since(stage);
  const auto total_ms = milliseconds_since(total);

  const auto bytes = std::filesystem::file_size(argv[2]);
  const auto per_second = [](std::uint64_t amount, long long ms) {
    return ms == 0 ? amount * 1000 : amount * 1000 / ms;
  };
  std::cout << fmt::format("products     {}\n", report.products.size());
  std::cout << fmt::format("rows         {}\n", table.rows);
  std::cout << fmt::format("input        {} MB\n", bytes / 1'000'000);
  std::cout << fmt::format("compile      {} ms\n", compile_ms);
  std::cout << fmt::format("read         {} ms  ({} rows/s, {} MB/s)\n", read_ms,
                           per_second(table.rows, read_ms), per_second(bytes, read_ms) / 1'000'000);
  std::cout << fmt::format("evaluate     {} ms  ({} rows/s)\n", evaluate_ms,
                           per_second(table.rows, evaluate_ms));
  std::cout << fmt::format("total        {} ms  ({} rows/s)\n", total_ms, per_second(table.rows, total_ms));
  std::cout << fmt::format("resident     {} MiB after reading\n", table_mib);
  std::cout << fmt::format("peak memory  {} MiB\n", peak_rss_mib());
  return 0;
}
