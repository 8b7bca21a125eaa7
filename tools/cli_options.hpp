// Command-line parsing for `tally`: every mistake is a message, never a crash.
#pragma once

#include <tally/limits.hpp>
#include <tally/tally.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tally::cli {

// `tally pool ACTION`: the QFlex ledger (docs/ledger.md). Dates and
// quantities stay text here; the command reads them and says what is wrong.
struct PoolOptions {
  std::string action; // create grant revoke allocate rebalance show record status alerts thresholds audit
                      // export prune
  std::string ledger, user, subscription, contact, grantee;
  std::optional<std::string> start, end, purchased, today, effective, as_of;
  bool purge_rules = false;                             // record: the customer enabled purge rules
  std::vector<std::string> percents;                    // thresholds: --percent N, in the order given
  std::string report;                                   // export: usage | subscription | audit
  std::optional<std::string> from, to;                  // export: the range, inclusive
  std::string role;                                     // licenses role: super | sub
  std::vector<std::pair<std::string, std::string>> qlu; // --qlu PRODUCT=QLU, in the order given
};

struct Options {
  std::string
      command; // check | lint | fmt | test | eval | explain | diff | pool | report | licenses | load | sql
  std::vector<std::filesystem::path> inputs; // rule files and folders (diff: the new rules; pool: --rules)
  std::vector<std::filesystem::path> old_inputs; // diff: the old rules
  std::filesystem::path data;
  std::optional<std::filesystem::path> subscription_file;
  Terms terms;        // from flags, which override the subscription file; origin "<command line>"
  std::string format; // empty: the command's default
  bool skip_bad_rows = false;
  bool quiet = false; // no progress line on a terminal
  Limits limits;      // --max-* flags, every command
  // lint
  bool strict = false;
  std::optional<std::size_t> max_errors;
  // fmt
  bool fmt_check = false, fmt_diff = false;
  // test
  std::optional<std::filesystem::path> junit;
  bool coverage = false;
  // explain
  std::string product, asset;
  std::optional<std::string> day;
  std::optional<std::size_t> period;
  // pool, and report: its ledger, user, subscription and day
  PoolOptions pool;
  // report
  std::filesystem::path html; // where the HTML page goes
  // licenses: the licenses to count (empty: every license of the rules)
  std::vector<std::string> licenses;
  // load, sql and eval --engine postgres: the database and the observations table in it
  std::string dsn;                    // a libpq connection string or a postgresql:// URI
  std::string table = "observations"; // NAME or SCHEMA.NAME (pg::is_table_name)
  std::string engine = "native";      // eval: native | postgres
  std::string dialect = "postgres";   // sql: the only dialect so far
  // sql and eval --engine postgres: one tenant's rows of a shared table, the
  // rows whose COLUMN holds VALUE (COLUMN is the table's distribution column on Citus)
  std::optional<std::pair<std::string, std::string>> partition;
  bool replace = false; // load: drop the table first, in the same transaction
};

struct Parsed {
  Options options;
  std::string error; // non-empty: a usage mistake
  bool help = false;
};

Parsed parse(int argc, const char* const* argv);
std::string usage();

} // namespace tally::cli
