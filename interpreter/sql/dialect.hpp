// What one SQL engine spells its own way. The compiler (sql_compiler.hpp)
// writes standard SQL around these pieces, so a new engine (Spark SQL, Trino)
// is one more Dialect and nothing else; postgres_dialect.cpp is the first.
#pragma once

#include "date.hpp"
#include "schema.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tally::sql {

class Dialect {
public:
  virtual ~Dialect() = default;

  virtual std::string_view name() const = 0;

  // Statements to run before the query in the same session: settings the
  // engine's planner needs for a statement of this shape. Empty when none.
  virtual std::string preamble() const = 0;

  // ---- names and literals
  // A column, table or alias name, quoted only when it must be.
  virtual std::string identifier(std::string_view name) const = 0;
  virtual std::string string_literal(std::string_view text) const = 0;
  virtual std::string date_literal(Day day) const = 0;
  virtual std::string timestamp_literal(Seconds at) const = 0;
  // The type each kind of observation column has in a table tally reads.
  virtual std::string column_type(ColumnType type) const = 0;
  // The value of an empty set column (an empty array).
  virtual std::string empty_set() const = 0;

  // ---- dates and hours (a timestamp is UTC, without time zone)
  virtual std::string day_of(std::string_view timestamp) const = 0;
  virtual std::string hour_start(std::string_view timestamp) const = 0;  // truncated to its hour
  virtual std::string hour_of_day(std::string_view timestamp) const = 0; // 0..23, an integer
  virtual std::string plus_days(std::string_view date,
                                std::string_view days) const = 0; // days: an integer expression
  virtual std::string plus_hours(std::string_view timestamp, std::string_view hours) const = 0;
  virtual std::string start_of_day(std::string_view date) const = 0; // the timestamp of its midnight
  virtual std::string days_from(std::string_view from,
                                std::string_view to) const = 0; // to - from, an integer
  // A query: one row per day from..to (dates, inclusive) in column `column`.
  virtual std::string day_series(std::string_view from, std::string_view to,
                                 std::string_view column) const = 0;
  // A FROM item: one row per integer first..last in column `column`.
  virtual std::string integer_series(std::int64_t first, std::int64_t last,
                                     std::string_view column) const = 0;

  // ---- sets (arrays of text)
  virtual std::string set_has_any(std::string_view set, const std::vector<std::string>& items) const = 0;
  virtual std::string set_has_all(std::string_view set, const std::vector<std::string>& items) const = 0;
  virtual std::string set_is_empty(std::string_view set) const = 0;

  // ---- exact integers (the compiler keeps every value an integer numerator)
  virtual std::string exact_type() const = 0; // arbitrary precision, no fraction
  virtual std::string truncated_quotient(std::string_view dividend, std::string_view divisor) const = 0;
  virtual std::string truncated_remainder(std::string_view dividend, std::string_view divisor) const = 0;
  virtual std::string gcd(std::string_view left, std::string_view right) const = 0;

  // ---- ordering and failure
  // `text` compared byte by byte, as tally orders keys.
  virtual std::string byte_order(std::string_view text) const = 0;
  // An expression of the exact type that stops the query with `message` (a
  // text expression) in the error the engine reports.
  virtual std::string fail(std::string_view message) const = 0;
};

} // namespace tally::sql
