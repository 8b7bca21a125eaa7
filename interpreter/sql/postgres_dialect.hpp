// PostgreSQL 13 or later (gcd on numeric), and engines that speak it: Citus,
// and others that keep its functions.
#pragma once

#include "sql/dialect.hpp"

namespace tally::sql {

const Dialect& postgres_dialect();

} // namespace tally::sql
