// `tally load`: an observation table into PostgreSQL, where `tally sql`'s
// script and `tally eval --engine postgres` read it. The file is read by
// tally's own readers first, so a bad row is the same located error eval
// gives and nothing is sent; then the table is created, filled with COPY and
// analysed in one transaction, so a failure anywhere leaves nothing behind.
#include "commands.hpp"
#include "evaluation.hpp"
#include "postgres_copy.hpp"
#include "postgres_session.hpp"
#include "progress_line.hpp"

#include <fmt/format.h>

#include <iostream>

namespace tally {

namespace {

// As many skipped rows as a report shows; the rest are counted.
constexpr std::size_t kSkippedRowsShown = 20;

std::string plural(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

// The table is there already, and --replace was not given.
class TableExists : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// BEGIN on construction; ROLLBACK on destruction unless committed. Closing
// the connection would roll back too, but saying so keeps the intent visible.
class Transaction {
public:
  explicit Transaction(pg::Session& session) : session_(session) { session_.execute("BEGIN"); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!open_) return;
    try {
      session_.execute("ROLLBACK");
    } catch (...) {
      // The connection is gone, and the server rolls back on its own.
    }
  }
  void commit() {
    session_.execute("COMMIT");
    open_ = false;
  }

private:
  pg::Session& session_;
  bool open_ = true;
};

// The rules whose schema the file is read with: --rules, or else the
// standard prelude alone, which declares the contract's table.
std::optional<Rules> schema_rules(const cli::Options& options) {
  if (!options.inputs.empty()) return compile_rules(options.inputs, options, std::cerr);
  auto rules = Rules::compile(RuleSources().add_text("<load>", "import \"prelude\"\n"), options.limits);
  std::cerr << rules.diagnostics().render();
  if (!rules) return std::nullopt;
  return std::move(*rules);
}

std::optional<Observations> read_file(const Rules& rules, const cli::Options& options) {
  auto observations = [&] {
    // Erased when reading is over, before any diagnostic is printed.
    cli::ProgressLine progress(options.data.filename().string(), cli::progress_wanted(options.quiet));
    return Observations::read(rules, options.data,
                              {.skip_bad_rows = options.skip_bad_rows, .on_progress = progress.callback()});
  }();
  std::cerr << observations.diagnostics().render();
  if (!observations) return std::nullopt;
  return std::move(*observations);
}

void print_skipped(const std::vector<Diagnostic>& skipped) {
  for (std::size_t i = 0; i < std::min(skipped.size(), kSkippedRowsShown); ++i)
    std::cerr << format_diagnostic(skipped[i], nullptr);
  if (skipped.size() > kSkippedRowsShown)
    std::cerr << fmt::format("... and {} more skipped rows\n", skipped.size() - kSkippedRowsShown);
}

// Creates the table and fills it, all in one transaction.
void copy_table(pg::Session& session, const Schema& schema, const Table& table, const cli::Options& options) {
  const auto name = pg::quoted_table_name(options.table);
  Transaction transaction(session);
  if (options.replace) session.execute("DROP TABLE IF EXISTS " + name);
  try {
    session.execute(pg::create_table_sql(schema, options.table));
  } catch (const pg::SessionError& error) {
    constexpr std::string_view kDuplicateTable = "42P07";
    if (error.sqlstate() != kDuplicateTable) throw;
    throw TableExists(
        fmt::format("table \"{}\" already exists (use --replace to drop it first)", options.table));
  }
  pg::CopyRows rows(schema, table);
  session.copy_in(pg::copy_sql(schema, options.table), [&](std::string& chunk) { return rows.next(chunk); });
  // The planner's statistics, so the first queries over the table are planned on its real sizes.
  session.execute("ANALYZE " + name);
  transaction.commit();
}

} // namespace

int load_command(const cli::Options& options) {
  // Connecting first finds a wrong DSN before a large file is read.
  std::optional<pg::Session> session;
  try {
    session.emplace(options.dsn);
  } catch (const pg::SessionError& error) {
    std::cerr << fmt::format("tally: {}\n", error.what());
    return kExitFailed;
  }
  std::optional<Observations> observations;
  try {
    const auto rules = schema_rules(options);
    if (!rules) return kExitFailed;
    observations = read_file(*rules, options);
    if (!observations) return kExitFailed;
    print_skipped(observations->skipped_rows());
    const Table& table = api_access::Access::table(*observations);
    copy_table(*session, api_access::Access::program(*rules).schema, table, options);
    const auto skipped = observations->skipped_rows().size();
    std::cout << fmt::format("loaded {} into {}{}\n", plural(table.rows, "row"), options.table,
                             skipped == 0 ? "" : fmt::format(" ({} skipped)", plural(skipped, "bad row")));
    return kExitOk;
  } catch (const pg::UnstorableCell& cell) {
    const Table& table = api_access::Access::table(*observations);
    std::cerr << format_diagnostic({Severity::error,
                                    "",
                                    {table.path, static_cast<std::uint32_t>(table.line[cell.row]), 0},
                                    1,
                                    cell.what(),
                                    "nothing was loaded"},
                                   nullptr);
    return kExitFailed;
  } catch (const TableExists& error) {
    std::cerr << fmt::format("tally: {}\n", error.what());
    return kExitFailed;
  } catch (const pg::SessionError& error) {
    std::cerr << fmt::format("tally: cannot load {} into {}: {}; nothing was loaded\n", options.data.string(),
                             options.table, error.what());
    return kExitFailed;
  }
}

} // namespace tally
