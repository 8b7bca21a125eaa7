// What a usage statement was computed from, so the same statement can be
// recomputed bit for bit later and each input checked with `sha256sum`.
#pragma once

#include <string>
#include <vector>

namespace tally {

struct Provenance {
  struct Input {
    std::string path, sha256; // sha256 is empty for a table built in memory
  };
  std::string engine;            // "tally 0.1.0"
  std::vector<Input> rule_files; // every rule file read, imports first
  std::string rules_sha256;      // SHA-256 of the rule files' digests, one per line, in that order
  Input data;
  std::vector<std::string> settings; // subscription settings given outside the rule files: NAME=VALUE
};

} // namespace tally
