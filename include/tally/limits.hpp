// Every limit tally enforces on its inputs, in one place, so that no input —
// however large or adversarial — can exhaust memory or the stack, or run for
// hours. A breach is a located diagnostic that names the limit and how to
// raise it: the CLI flag beside each member, or the member itself for a host
// embedding the library.
#pragma once

#include <cstddef>

namespace tally {

struct Limits {
  std::size_t max_rule_bytes = 4 * 1024 * 1024; // size of one rule file or source   --max-rule-bytes
  std::size_t max_nesting = 1000;               // grammar levels of one expression  --max-nesting
  std::size_t max_identifier_length = 128;      // bytes of one name                 --max-identifier-length
  std::size_t max_products = 1000;              // products in one program           --max-products
  std::size_t max_rows = 200'000'000;           // rows of one observation table     --max-rows
  std::size_t max_term_days = 36'525;           // days of one subscription term     --max-term-days
};

} // namespace tally
