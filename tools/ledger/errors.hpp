// What the ledger's operations throw besides StorageError (sqlite.hpp). The
// command maps each to its exit code: Refused 1, the others 2.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace tally::ledger {

// A rule refused the operation: the user lacks the right, the last rebalance
// is too recent, the allocations would exceed the pool. The refusal is in
// the audit log by the time this is thrown.
class Refused : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// What was asked is malformed or names something that is not there: an
// unknown subscription or product, a negative quantity, a day outside the
// term. Nothing is written.
class InputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Every name the ledger stores (users, subscriptions) must say something.
inline void require_name(const std::string& name, std::string_view what) {
  if (name.empty()) throw InputError(std::string(what) + " cannot be empty");
}

} // namespace tally::ledger
