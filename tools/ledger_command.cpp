#include "tools/ledger_command.hpp"

#include "commands.hpp"

#include "tools/ledger/errors.hpp"

#include <fmt/format.h>

#include <iostream>

namespace tally {

Day date_option(const std::optional<std::string>& text, std::string_view option) {
  const auto day = parse_date(*text);
  if (!day) throw ledger::InputError(fmt::format("{} takes a date YYYY-MM-DD, not `{}`", option, *text));
  return *day;
}

ledger::Clock clock_of(const cli::PoolOptions& pool) {
  if (!pool.today) return ledger::Clock::system();
  return {start_of(date_option(pool.today, "--today"))};
}

int run_ledger_command(const std::function<int()>& command) {
  try {
    return command();
  } catch (const ledger::Refused& refusal) {
    std::cerr << "tally: refused: " << refusal.what() << "\n";
    return kExitFailed;
  } catch (const ledger::InputError& error) {
    std::cerr << "tally: " << error.what() << "\n";
    return kExitUsage;
  } catch (const ledger::StorageError& error) {
    std::cerr << "tally: " << error.what() << "\n";
    return kExitUsage;
  }
}

} // namespace tally
