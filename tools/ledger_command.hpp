// What the ledger's commands (`tally pool`, `tally report`) share: the days
// and the clock their options give, and how the ledger's failures become
// messages and exit codes.
#pragma once

#include "cli_options.hpp"

#include "tools/ledger/ledger.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tally {

// The day `text` names; InputError naming `option` when it is no date.
Day date_option(const std::optional<std::string>& text, std::string_view option);

// --today fixes the clock at that day's midnight; without it, the system clock.
ledger::Clock clock_of(const cli::PoolOptions& pool);

// Runs `command` and returns its exit code; a refusal by a rule prints
// `tally: refused: ...` and gives 1, a bad request or an unusable ledger
// prints its message and gives 2.
int run_ledger_command(const std::function<int()>& command);

} // namespace tally
