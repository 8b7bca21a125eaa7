#include "engine_fixture.hpp"

#include <stdexcept>

namespace tally::test {

const Program& standard_rules() {
  static const auto program = [] {
    static SourceRegistry sources;
    auto compiled = compile({TALLY_RULES_DIR}, sources);
    if (!compiled.program)
      throw std::runtime_error(format_diagnostic(compiled.diagnostics.front(), &sources));
    return compiled.program;
  }();
  return *program;
}

Report evaluate_standard(const Table& table, const Terms& terms) {
  Subscription subscription;
  const SourcePos here{"<test>", 0, 0};
  subscription.start = Setting{format_date(terms.start), here};
  subscription.end = Setting{format_date(terms.end), here};
  if (terms.as_of) subscription.as_of = Setting{format_date(*terms.as_of), here};
  subscription.globals["purge_rules"] = Setting{terms.purge_rules ? "true" : "false", here};
  subscription.products.emplace();
  for (const auto& product : terms.products)
    subscription.products->push_back(Setting{product, here});
  auto bound = bind(standard_rules(), subscription);
  if (!bound.plan) throw std::runtime_error(format_diagnostic(bound.diagnostics.front(), nullptr));
  return evaluate(*bound.plan, standard_rules().schema, table);
}

} // namespace tally::test
