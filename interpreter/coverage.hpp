// `tally test --coverage`: which filters, components and rounding steps the
// examples exercised, per rule file.
//   - a filter (`where`, `having`, `unless`) is exercised when some data
//     example, on some day, saw it both keep units and drop units;
//   - a component, when some example gave it a value other than zero;
//   - a rounding, when some example made it change a value.
#pragma once

#include "examples.hpp"
#include "program.hpp"

#include <map>
#include <string>
#include <vector>

namespace tally {

struct CoverageItem {
  enum class Kind { filter, component, rounding };
  Kind kind = Kind::filter;
  SourcePos pos;
  std::uint32_t length = 1;
  std::string label; // "where", "having", "unless", a component name, a rounding mode
  bool exercised = false;
  std::string missing; // when not exercised: what no example showed
};

struct FileCoverage {
  std::string file;
  std::vector<CoverageItem> items; // in source order
};

class CoverageCollector {
public:
  explicit CoverageCollector(const Program& program);
  void observe(const ExampleRun& run);
  std::vector<FileCoverage> files() const;

private:
  struct FilterSeen {
    bool kept = false, dropped = false, evaluated = false;
  };
  const Program& program_;
  std::vector<CoverageItem> items_;
  std::map<const ast::Expr*, std::size_t> filter_items_;
  std::map<std::pair<std::string, std::string>, std::size_t> component_items_; // {product, component}
  std::map<std::tuple<std::string, std::uint32_t, std::uint32_t>, std::size_t> rounding_items_;
  std::map<std::size_t, FilterSeen> filters_seen_;

  void add_rounding_items(const plan::NumPtr& num);
  void observe_rounding(const plan::Num& expression, const std::vector<Rational>& components,
                        const Rational* usage);
  void observe_data(const ExampleRun& run);
};

} // namespace tally
