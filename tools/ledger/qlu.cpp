#include "tools/ledger/qlu.hpp"

#include "tools/ledger/errors.hpp"

#include <fmt/format.h>

namespace tally::ledger {

Rational parse_qlu(std::string_view text, std::string_view what) {
  const auto value = parse_decimal(text);
  if (!value)
    throw InputError(
        fmt::format("{} takes a decimal number of QLU such as 1500 or 7552.5, not `{}`", what, text));
  if (*value < 0) throw InputError(fmt::format("{} cannot be negative, not `{}`", what, text));
  return *value;
}

std::string qlu_text(const Rational& qlu) {
  return to_decimal_text(qlu).text;
}

std::string qlu_shown(const Rational& qlu) {
  return group_thousands(qlu_text(qlu));
}

} // namespace tally::ledger
