#include "tools/ledger/sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace tally::ledger {

namespace {

constexpr int kBusyTimeoutMs = 5000;

// The SQL as an error message quotes it: on one line, and short.
std::string summary(std::string_view sql) {
  std::string line;
  for (const char c : sql) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (line.empty() || line.back() == ' ')) continue;
    line += space ? ' ' : c;
  }
  while (!line.empty() && line.back() == ' ')
    line.pop_back();
  constexpr std::size_t kLongest = 72;
  return line.size() <= kLongest ? line : line.substr(0, kLongest) + "...";
}

[[noreturn]] void fail(sqlite3* connection, std::string_view file, std::string_view doing) {
  throw StorageError(fmt::format("{}: {} failed: {}", file, doing, sqlite3_errmsg(connection)));
}

} // namespace

// ------------------------------------------------------------------ Statement

void Statement::Finalize::operator()(sqlite3_stmt* statement) const {
  sqlite3_finalize(statement);
}

Statement::Statement(sqlite3_stmt* statement, std::string file)
    : statement_(statement), file_(std::move(file)) {}

void Statement::fail(std::string_view doing) const {
  ledger::fail(sqlite3_db_handle(statement_.get()), file_,
               fmt::format("{} `{}`", doing, summary(sqlite3_sql(statement_.get()))));
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_.get(), index, value) != SQLITE_OK) fail("binding a parameter of");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(statement_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) !=
      SQLITE_OK)
    fail("binding a parameter of");
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  if (text) return bind(index, std::string_view(*text));
  if (sqlite3_bind_null(statement_.get(), index) != SQLITE_OK) fail("binding a parameter of");
  return *this;
}

bool Statement::step() {
  const int status = sqlite3_step(statement_.get());
  if (status == SQLITE_ROW) return true;
  if (status == SQLITE_DONE) {
    sqlite3_reset(statement_.get());
    return false;
  }
  fail("running");
}

void Statement::run() {
  while (step()) {
  }
}

int Statement::columns() const {
  return sqlite3_column_count(statement_.get());
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(statement_.get(), column);
}

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_.get(), column);
  if (!bytes) return {};
  return std::string(reinterpret_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement_.get(), column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

// ------------------------------------------------------------------ Database

void Database::Close::operator()(sqlite3* connection) const {
  sqlite3_close_v2(connection);
}

Database::Database(sqlite3* connection, std::string path) : connection_(connection), path_(std::move(path)) {}

Database Database::open(const std::filesystem::path& path, Open mode) {
  sqlite3* connection = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (mode == Open::create ? SQLITE_OPEN_CREATE : 0);
  const int status = sqlite3_open_v2(path.c_str(), &connection, flags, nullptr);
  // A handle comes back even on failure, holding the message; the guard closes it.
  Database database(connection, path.string());
  if (status != SQLITE_OK) {
    if (!connection) throw StorageError(fmt::format("{}: opening failed: out of memory", path.string()));
    throw StorageError(fmt::format("{}: opening failed: {}", path.string(), sqlite3_errmsg(connection)));
  }
  sqlite3_extended_result_codes(connection, 1);
  if (sqlite3_busy_timeout(connection, kBusyTimeoutMs) != SQLITE_OK)
    ledger::fail(connection, database.path(), "setting a busy timeout");
  // A rollback journal keeps the ledger one file at rest, which WAL (with its
  // -wal and -shm files, and shared memory that network file systems lack)
  // would not; its lesser concurrency is irrelevant to a few writes a day.
  // FULL synchronous makes a committed change survive a power cut.
  database.execute("PRAGMA foreign_keys = ON; PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;");
  return database;
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(connection_.get(), sql.data(), static_cast<int>(sql.size()), &statement, nullptr) !=
      SQLITE_OK)
    ledger::fail(connection_.get(), path_, fmt::format("preparing `{}`", summary(sql)));
  return Statement(statement, path_);
}

void Database::execute(std::string_view sql) {
  const std::string script(sql);
  char* message = nullptr;
  if (sqlite3_exec(connection_.get(), script.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return;
  const std::string error = message ? message : sqlite3_errmsg(connection_.get());
  sqlite3_free(message);
  throw StorageError(fmt::format("{}: running `{}` failed: {}", path(), summary(sql), error));
}

std::int64_t Database::pragma_integer(std::string_view name) {
  auto statement = prepare(fmt::format("PRAGMA {}", name));
  if (!statement.step()) return 0;
  const auto value = statement.integer(0);
  statement.run();
  return value;
}

bool Database::in_transaction() const {
  return sqlite3_get_autocommit(connection_.get()) == 0;
}

// ------------------------------------------------------------------ Transaction

Transaction::Transaction(Database& database, Kind kind) : database_(database) {
  database_.execute(kind == Kind::write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  // Some errors (a full disk, an I/O error) have already rolled back; a
  // second ROLLBACK would fail, and a destructor must not throw.
  if (open_ && database_.in_transaction())
    sqlite3_exec(database_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  database_.execute("COMMIT");
  open_ = false;
}

void Transaction::rollback() {
  open_ = false;
  if (database_.in_transaction()) database_.execute("ROLLBACK");
}

} // namespace tally::ledger
