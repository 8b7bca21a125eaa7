// The ledger's schema, versioned in `PRAGMA user_version` and built by
// migrations kept in code: version N is reached from N-1 by migration N, in
// one transaction, so a file is always at one version or the next, never
// between (docs/ledger.md, "Schema and migrations").
#pragma once

#include "tools/ledger/sqlite.hpp"

#include <span>
#include <string_view>

namespace tally::ledger {

struct Migration {
  int version;          // the schema version it produces
  std::string_view sql; // statements run in order
};

// Every migration this code knows, by version from 1.
std::span<const Migration> migrations();

// Brings `database` up to the last of `steps` (which run from version 1 with
// no gap). Refuses, with StorageError, a file another application made or a
// file at a version newer than `steps` know; a failed migration leaves the
// file at the version before it.
void migrate(Database& database, std::span<const Migration> steps = migrations());

} // namespace tally::ledger
