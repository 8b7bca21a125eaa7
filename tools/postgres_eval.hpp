// `tally sql` and `tally eval --engine postgres`: the rules compiled to one
// SQL statement (interpreter/sql), printed, or run on a PostgreSQL server and
// read back into the report the native engine makes.
#pragma once

#include "cli_options.hpp"

#include "interpreter/api/api_access.hpp"
#include "interpreter/sql/sql_compiler.hpp"

#include <iosfwd>
#include <optional>
#include <string>

namespace tally {

// The rules and subscription of `options`, bound; nullopt (reported to `err`)
// when they do not compile or bind.
std::optional<Contract> bind_rules(const cli::Options& options, std::ostream& err);

// The statement for the contract; nullopt (a located diagnostic on `err`)
// when a rule cannot be expressed in SQL.
std::optional<std::string> compile_contract_sql(const Contract& contract, const sql::Target& target,
                                                std::ostream& err);

// Runs the statement on the server at options.dsn over options.table (and
// options.partition).
// nullopt, with the reason on `err`, when the server cannot be reached or
// refuses the statement.
std::optional<Report> evaluate_on_postgres(const Contract& contract, const cli::Options& options,
                                           std::ostream& err);

} // namespace tally
