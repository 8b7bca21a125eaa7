// The checker: type-checks a product's expressions and lowers them to the
// typed plan in one walk. compile() runs it with every parameter at its default
// to collect all errors; bind() runs it again with the subscription's values.
#pragma once

#include "ast.hpp"
#include "plan.hpp"
#include "program.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tally {

enum class ParamType { decimal, integer, boolean, date, set };
std::optional<ParamType> param_type_named(std::string_view name);
std::string_view name_of(ParamType type);

struct ParamValue {
  ParamType type = ParamType::decimal;
  Rational number;                // decimal, integer
  bool flag = false;              // boolean
  Day day = 0;                    // date
  std::vector<std::string> items; // set
};

// Types a literal (an AST literal node) as a value of `type`; nullopt and a
// diagnostic when it is not one.
std::optional<ParamValue> param_value_from_literal(const ast::Expr& literal, ParamType type,
                                                   std::string_view what,
                                                   std::vector<Diagnostic>& diagnostics);
// Types a setting's text (command line or subscription) as a value of `type`.
std::optional<ParamValue> param_value_from_text(std::string_view text, ParamType type);

using ParamValues = std::map<std::string, ParamValue, std::less<>>;

// What lowering saw, for `tally lint`: the declarations a product reads and the
// row filters it built. Filled only when a LowerContext carries one.
struct LowerTrace {
  std::set<const ast::LetDecl*> lets_used;
  std::set<std::string, std::less<>> product_params_used, global_params_used;
  struct RowFilter {
    const ast::Expr* at;           // the `where` expression
    plan::RowPredPtr before;       // what the filtered rows already satisfy
    plan::RowPredPtr condition;    // what the filter adds
    bool reads_parameters = false; // the filter or its rows depend on a subscription's choices
  };
  std::vector<RowFilter> row_filters;
  // The `having`, `unless` and `minus` expression each unit set came from.
  std::map<const plan::Units*, const ast::Expr*> unit_steps;
};

struct LowerContext {
  const Program& program;
  const ParamValues& globals;                           // every subscription-wide parameter
  const ParamValues& params;                            // every parameter of this product
  const std::set<std::string, std::less<>>& subscribed; // products bought
  LowerTrace* trace = nullptr;                          // lint only
};

std::optional<plan::ProductPlan> lower_product(const LowerContext& context, const ast::ProductDecl& product,
                                               std::vector<Diagnostic>& diagnostics);

// The parameters' default values: globals from the program, or one product's.
ParamValues default_params(const std::vector<const ast::ParamDecl*>& params,
                           std::vector<Diagnostic>& diagnostics);

} // namespace tally
