// An independent, deliberately plain reference implementation of the standard
// products, written from /work/shared/contract/semantics.md alone: per-day loops
// over rows, std::set and std::map, no shared code with the engine beyond the
// Table and Report structures. Randomised tables are evaluated by both, and the
// two reports must agree exactly.
#pragma once

#include "date.hpp"
#include "number.hpp"
#include "result.hpp"
#include "schema.hpp"
#include "table.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tally::reference {

// The seed ratios (semantics.md, "default ratio" column), by product name.
std::map<std::string, Rational> default_ratios();

// Every product the reference implements, in semantics.md's table order.
std::vector<std::string> all_products();

struct ReferenceTerms {
  Day start = 0, end = 0;   // S and E, inclusive
  std::optional<Day> as_of; // T; nullopt: the last day present in the table (S when it is empty)
  bool purge_rules = false;
  bool includes_etm = false; // an ETM subscription includes CSAM at no QLU cost
  std::map<std::string, Rational> ratios = default_ratios();
  std::vector<std::string> products = all_products(); // report order
};

// Throws std::invalid_argument for a product it does not know, a product with
// no ratio, or a schema lacking a contract column.
Report evaluate(const Table& table, const Schema& schema, const ReferenceTerms& terms);

} // namespace tally::reference
