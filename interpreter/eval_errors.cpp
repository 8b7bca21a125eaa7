#include "eval_errors.hpp"

namespace tally::eval {

void fail(std::string_view code, const SourcePos& pos, std::string message, std::string help) {
  throw DiagnosticError(
      Diagnostic{Severity::error, std::string(code), pos, 1, std::move(message), std::move(help)});
}

} // namespace tally::eval
