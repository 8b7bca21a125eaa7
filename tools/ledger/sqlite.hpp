// A thin RAII layer over SQLite's C API, as much of it as the ledger needs: a
// connection, prepared statements with typed binds, and a transaction guard.
// Every SQLite failure becomes a StorageError that names the file and the SQL
// that failed, so a message from the command says what it was doing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tally::ledger {

// The ledger file could not be read or written as asked.
class StorageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Statement {
public:
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;
  ~Statement() = default;

  // Parameters are numbered from 1, as `?1` in the SQL.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::optional<std::string>& text); // nullopt binds NULL

  // Each argument in order, from ?1.
  template <class... Values> Statement& bind_all(const Values&... values) {
    int index = 0;
    (bind(++index, values), ...);
    return *this;
  }

  bool step(); // true: a row is ready to read; false: done
  void run();  // steps to the end; for statements that return no rows

  int columns() const;
  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  std::string text(int column) const; // NULL reads as ""
  std::optional<std::string> optional_text(int column) const;

private:
  friend class Database;
  Statement(sqlite3_stmt* statement, std::string file);
  [[noreturn]] void fail(std::string_view doing) const;

  struct Finalize {
    void operator()(sqlite3_stmt* statement) const;
  };
  std::unique_ptr<sqlite3_stmt, Finalize> statement_;
  std::string file_; // as the caller named it, for messages
};

class Database {
public:
  enum class Open { existing, create };

  // Opens with foreign keys enforced, a rollback journal and a busy timeout
  // (docs/ledger.md says why).
  static Database open(const std::filesystem::path& path, Open mode);

  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;
  ~Database() = default;

  Statement prepare(std::string_view sql);
  // Runs one or more statements that take no parameters (a migration, a pragma).
  void execute(std::string_view sql);
  // One statement with its parameters, run to the end.
  template <class... Values> void run(std::string_view sql, const Values&... values) {
    prepare(sql).bind_all(values...).run();
  }
  std::int64_t pragma_integer(std::string_view name);
  bool in_transaction() const;
  const std::string& path() const { return path_; } // as the caller named it

  // The connection, for a caller that needs what this layer does not offer
  // (the tests register SQL functions on it).
  sqlite3* handle() const { return connection_.get(); }

private:
  Database(sqlite3* connection, std::string path);

  struct Close {
    void operator()(sqlite3* connection) const;
  };
  std::unique_ptr<sqlite3, Close> connection_;
  std::string path_;
};

// BEGIN on construction; ROLLBACK on destruction unless commit() was called,
// so a failure or an exception anywhere in between leaves the file as it was.
class Transaction {
public:
  // `write` takes the write lock at once (BEGIN IMMEDIATE), so what the
  // transaction checks cannot be changed by another process before it writes.
  enum class Kind { read, write };

  Transaction(Database& database, Kind kind);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  void commit();
  void rollback();

private:
  Database& database_;
  bool open_ = true;
};

} // namespace tally::ledger
