#include "api_access.hpp"

#include <algorithm>

namespace tally {

bool Diagnostics::has_errors() const {
  return std::any_of(list_.begin(), list_.end(),
                     [](const Diagnostic& diagnostic) { return diagnostic.severity == Severity::error; });
}

std::string Diagnostics::render() const {
  std::string text;
  for (const auto& diagnostic : list_)
    text += format_diagnostic(diagnostic, sources_.get());
  return text;
}

namespace api_access {

Diagnostics Access::diagnostics(std::vector<Diagnostic> list, std::shared_ptr<const SourceRegistry> sources) {
  Diagnostics diagnostics;
  diagnostics.list_ = std::move(list);
  diagnostics.sources_ = std::move(sources);
  return diagnostics;
}

} // namespace api_access
} // namespace tally
