#include "postgres_session.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <climits>
#include <string_view>

namespace tally::pg {

namespace {

struct Clear {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, Clear>;

// libpq's messages end in a newline and may go on with DETAIL, HINT or, for a
// refused connection, a second line about the socket; a command shows one line.
std::string first_line(std::string_view text) {
  text = text.substr(0, text.find('\n'));
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\t'))
    text.remove_suffix(1);
  return std::string(text);
}

// A result's full message starts with the severity ("ERROR:  "); the
// primary-message field, when the server sent one, does not.
SessionError error_of(PGconn* connection, const PGresult* result) {
  std::string message, sqlstate;
  if (result) {
    if (const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) message = primary;
    if (const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE)) sqlstate = state;
    if (message.empty()) {
      message = first_line(PQresultErrorMessage(result));
      for (const std::string_view severity : {"ERROR:  ", "FATAL:  ", "PANIC:  "})
        if (message.rfind(severity, 0) == 0) message.erase(0, severity.size());
    }
  }
  if (message.empty()) message = PQerrorMessage(connection);
  message = first_line(message);
  if (message.empty()) message = "PostgreSQL failed without saying why";
  return SessionError(std::move(message), std::move(sqlstate));
}

// A COPY the caller did not ask for (COPY ... TO STDOUT through query(), say)
// would leave the connection in the middle of it: an incoming one is ended
// with an error, so the server keeps nothing of it; an outgoing one is read
// to its end and dropped.
void end_copy(PGconn* connection, ExecStatusType status) {
  if (status == PGRES_COPY_IN) {
    PQputCopyEnd(connection, "tally: COPY FROM STDIN ended before its data");
  } else if (status == PGRES_COPY_OUT) {
    char* row = nullptr;
    while (PQgetCopyData(connection, &row, 0) > 0)
      PQfreemem(row);
  }
}

// Reads and frees every result still pending, so the connection is ready for
// the next statement; returns the first error among them.
std::optional<SessionError> drain(PGconn* connection) {
  std::optional<SessionError> first;
  while (Result result{PQgetResult(connection)}) {
    const auto status = PQresultStatus(result.get());
    end_copy(connection, status);
    if ((status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE || status == PGRES_NONFATAL_ERROR) &&
        !first)
      first = error_of(connection, result.get());
  }
  return first;
}

// Notices (a DROP TABLE IF EXISTS of nothing, say) would otherwise go to
// stderr, into the middle of a command's output.
void drop_notice(void*, const char*) {}

[[noreturn]] void refuse_copy(PGconn* connection, Result started, std::string_view why) {
  const auto status = PQresultStatus(started.get());
  started.reset();
  end_copy(connection, status);
  drain(connection);
  throw SessionError(std::string(why), "");
}

} // namespace

SessionError::SessionError(std::string message, std::string sqlstate)
    : std::runtime_error(std::move(message)), sqlstate_(std::move(sqlstate)) {}

void Session::Finish::operator()(pg_conn* connection) const {
  PQfinish(connection);
}

Session::Session(const std::string& dsn) : connection_(PQconnectdb(dsn.c_str())) {
  PGconn* connection = connection_.get();
  const auto refused = [&](std::string_view why) {
    return SessionError(std::string("cannot connect to PostgreSQL: ").append(why), "");
  };
  if (!connection) throw refused("out of memory");
  if (PQstatus(connection) != CONNECTION_OK) throw refused(error_of(connection, nullptr).what());
  PQsetNoticeProcessor(connection, drop_notice, nullptr);
  if (PQsetClientEncoding(connection, "UTF8") != 0) throw refused(error_of(connection, nullptr).what());
}

Session::~Session() = default;

QueryResult Session::query(const std::string& sql) {
  PGconn* connection = connection_.get();
  Result result{PQexec(connection, sql.c_str())};
  if (!result) throw error_of(connection, nullptr);
  switch (PQresultStatus(result.get())) {
  case PGRES_COMMAND_OK:
  case PGRES_EMPTY_QUERY:
    return {};
  case PGRES_TUPLES_OK: {
    QueryResult out;
    const int columns = PQnfields(result.get()), rows = PQntuples(result.get());
    for (int column = 0; column < columns; ++column)
      out.columns.emplace_back(PQfname(result.get(), column));
    out.rows.reserve(static_cast<std::size_t>(rows));
    for (int row = 0; row < rows; ++row) {
      auto& cells = out.rows.emplace_back();
      cells.reserve(static_cast<std::size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        if (PQgetisnull(result.get(), row, column))
          cells.emplace_back(std::nullopt);
        else
          cells.emplace_back(std::string(PQgetvalue(result.get(), row, column),
                                         static_cast<std::size_t>(PQgetlength(result.get(), row, column))));
      }
    }
    return out;
  }
  case PGRES_COPY_IN:
  case PGRES_COPY_OUT:
  case PGRES_COPY_BOTH:
    refuse_copy(connection, std::move(result), "COPY is not run through query(): use copy_in()");
  default:
    throw error_of(connection, result.get());
  }
}

void Session::execute(const std::string& sql) {
  query(sql);
}

void Session::copy_in(const std::string& copy_statement,
                      const std::function<bool(std::string& chunk)>& next_chunk) {
  PGconn* connection = connection_.get();
  Result started{PQexec(connection, copy_statement.c_str())};
  if (!started) throw error_of(connection, nullptr);
  const auto status = PQresultStatus(started.get());
  if (status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)
    refuse_copy(connection, std::move(started), "copy_in() runs COPY ... FROM STDIN only");
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
    throw SessionError("copy_in() runs COPY ... FROM STDIN only", "");
  if (status != PGRES_COPY_IN) throw error_of(connection, started.get());
  started.reset();

  // Ends the copy with an error, so the server keeps nothing of it, and
  // returns what the server said (it may have refused the data first).
  const auto abandon = [&](const char* why) {
    PQputCopyEnd(connection, why);
    return drain(connection);
  };
  std::string chunk;
  for (;;) {
    bool more = false;
    try {
      more = next_chunk(chunk);
    } catch (...) {
      abandon("tally: the data could not be made");
      throw;
    }
    if (!more) break;
    // PQputCopyData takes an int length.
    for (std::size_t sent = 0; sent < chunk.size();) {
      const std::size_t piece = std::min<std::size_t>(chunk.size() - sent, INT_MAX / 2);
      if (PQputCopyData(connection, chunk.data() + sent, static_cast<int>(piece)) != 1) {
        auto connection_error = error_of(connection, nullptr);
        auto server_error = abandon("tally: sending the data failed");
        throw server_error ? *server_error : connection_error;
      }
      sent += piece;
    }
  }
  if (PQputCopyEnd(connection, nullptr) != 1) {
    auto connection_error = error_of(connection, nullptr);
    auto server_error = drain(connection);
    throw server_error ? *server_error : connection_error;
  }
  if (auto error = drain(connection)) throw *error;
}

} // namespace tally::pg
