#include "postgres_eval.hpp"

#include "evaluation.hpp"
#include "postgres_copy.hpp"
#include "postgres_session.hpp"

#include "interpreter/provenance.hpp"
#include "interpreter/sql/postgres_dialect.hpp"
#include "interpreter/sql/sql_compiler.hpp"
#include "interpreter/sql/sql_result.hpp"

#include <fmt/format.h>

#include <ostream>

namespace tally {

std::optional<Contract> bind_rules(const cli::Options& options, std::ostream& err) {
  auto rules = compile_rules(options.inputs, options, err);
  if (!rules) return std::nullopt;
  auto contract = api_access::Access::bind(*rules, options.terms, nullptr);
  err << contract.diagnostics().render();
  if (!contract) return std::nullopt;
  return std::move(*contract);
}

std::optional<std::string> compile_contract_sql(const Contract& contract, const sql::Target& target,
                                                std::ostream& err) {
  const Rules& rules = api_access::Access::rules(contract);
  try {
    return sql::compile(api_access::Access::plan(contract), api_access::Access::program(rules).schema,
                        sql::postgres_dialect(), target, &api_access::Access::sources(rules));
  } catch (const DiagnosticError& error) {
    err << format_diagnostic(error.diagnostic(), &api_access::Access::sources(rules));
    return std::nullopt;
  }
}

std::optional<Report> evaluate_on_postgres(const Contract& contract, const cli::Options& options,
                                           std::ostream& err) {
  const auto statement = compile_contract_sql(contract, {options.table, options.partition}, err);
  if (!statement) return std::nullopt;
  const plan::Plan& plan = api_access::Access::plan(contract);
  try {
    pg::Session session(options.dsn);
    // The rows and last day of the table, read in the statement's snapshot.
    session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    std::string rows_read = pg::quoted_table_name(options.table);
    if (options.partition)
      rows_read += fmt::format(" WHERE {} = {}", sql::postgres_dialect().identifier(options.partition->first),
                               sql::postgres_dialect().string_literal(options.partition->second));
    const auto facts = session.query(
        fmt::format("SELECT count(*), to_char(max(observed_at), 'YYYY-MM-DD') FROM {}", rows_read));
    const auto& cells = facts.rows.at(0);
    const std::optional<Day> last_day = cells[1] ? parse_date(*cells[1]) : std::nullopt;
    const Day as_of = plan.as_of ? *plan.as_of : last_day.value_or(plan.start);
    std::vector<sql::ResultRow> rows = session.query(*statement).rows;
    session.execute("COMMIT");
    Report report = sql::report_from_rows(plan, as_of, rows);
    report.rows_read = std::stoull(cells[0].value_or("0"));
    Table source;
    source.path = fmt::format("postgresql table {}", options.table);
    if (options.partition)
      source.path += fmt::format(" where {} = {}", options.partition->first, options.partition->second);
    report.provenance =
        provenance_of(api_access::Access::sources(api_access::Access::rules(contract)), source);
    report.provenance.engine += " on PostgreSQL";
    report.provenance.settings = api_access::Access::settings(contract);
    return report;
  } catch (const pg::SessionError& error) {
    // A refusal by the server is the server's message; one before it (no
    // connection) says so itself.
    err << fmt::format("tally: error: {}{}\n", error.sqlstate().empty() ? "" : "PostgreSQL: ", error.what());
  } catch (const std::runtime_error& error) {
    err << fmt::format("tally: error: {}\n", error.what());
  }
  return std::nullopt;
}

} // namespace tally
