// `tally sql`: the SQL statement that computes `tally eval`'s report inside a
// database (docs/scale-out.md).
#include "commands.hpp"
#include "postgres_eval.hpp"

#include <iostream>

namespace tally {

int sql_command(const cli::Options& options) {
  const auto contract = bind_rules(options, std::cerr);
  if (!contract) return kExitFailed;
  const auto statement = compile_contract_sql(*contract, {options.table, options.partition}, std::cerr);
  if (!statement) return kExitFailed;
  std::cout << *statement;
  std::cout.flush();
  return std::cout ? kExitOk : kExitFailed;
}

} // namespace tally
