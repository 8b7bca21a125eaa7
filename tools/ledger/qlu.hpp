// Quantities of QLU: exact decimals, as the ledger stores and prints them.
#pragma once

#include "interpreter/number.hpp"

#include <string>
#include <string_view>

namespace tally::ledger {

// "7552.5" to 15105/2. `what` names the quantity in the InputError a
// malformed or negative text raises ("--purchased", "the allocation of EDR").
Rational parse_qlu(std::string_view text, std::string_view what);

// The exact decimal a ledger column holds: "7552.5", "100000". Every
// quantity the ledger makes is a finite decimal (sums and differences of
// decimals are), so nothing is rounded.
std::string qlu_text(const Rational& qlu);

// As people read it: "100,000", "7,552.5".
std::string qlu_shown(const Rational& qlu);

} // namespace tally::ledger
