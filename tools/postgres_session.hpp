// A thin RAII layer over libpq, as much of it as tally's PostgreSQL back end
// needs: one connection, statements run as text (results in text format), and
// COPY FROM STDIN. Every failure is a SessionError carrying the server's
// message and SQLSTATE, so a command can say what went wrong in one line and
// tell a duplicate table from a broken connection.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct pg_conn; // libpq's PGconn

namespace tally::pg {

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows; // text format; nullopt = SQL NULL
};

// what(): the server's or libpq's message, its first line, without a trailing newline.
class SessionError : public std::runtime_error {
public:
  SessionError(std::string message, std::string sqlstate);
  const std::string& sqlstate() const { return sqlstate_; } // "" when not from the server

private:
  std::string sqlstate_;
};

class Session {
public:
  // Connects (a libpq connection string or a postgresql:// URI) with UTF-8 as
  // the client encoding, since tally's text always is; the server's notices
  // are dropped, so they never mix with a command's output. Throws
  // SessionError ("cannot connect to PostgreSQL: ...").
  explicit Session(const std::string& dsn);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs the text, which may hold several statements, and returns the rows of
  // the last one. Statements sent together run as one transaction (unless
  // the text has its own BEGIN and COMMIT): the first that fails undoes the
  // others, and the rest are not run.
  QueryResult query(const std::string& sql);
  // The same, when no rows are wanted.
  void execute(const std::string& sql);
  // Runs `COPY ... FROM STDIN` (text format) and sends the data: next_chunk
  // is called until it returns false, and each chunk it filled before that is
  // sent as it is. When sending fails, the server refuses the data or
  // next_chunk throws, the copy is ended with an error (nothing of it is
  // kept) and the failure is thrown.
  void copy_in(const std::string& copy_statement, const std::function<bool(std::string& chunk)>& next_chunk);

private:
  struct Finish {
    void operator()(pg_conn* connection) const;
  };
  std::unique_ptr<pg_conn, Finish> connection_;
};

} // namespace tally::pg
