// Command-line parsing for `tally`: every mistake is a message, never a crash.
#pragma once

#include "interpreter/engine.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tally::cli {

struct Options {
  std::string command;                       // check | test | eval
  std::vector<std::filesystem::path> inputs; // rule files and folders
  std::filesystem::path data;
  std::optional<std::filesystem::path> subscription_file;
  Subscription subscription; // from flags; overrides the subscription file
  std::string format = "table";
  bool skip_bad_rows = false;
};

struct Parsed {
  Options options;
  std::string error; // non-empty: a usage mistake
  bool help = false;
};

Parsed parse(int argc, const char* const* argv);
std::string usage();

} // namespace tally::cli
