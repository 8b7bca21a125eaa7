#include "eval_plan_keys.hpp"

#include "eval_row_predicates.hpp"

#include <fmt/format.h>

#include <type_traits>

namespace tally::eval {

namespace {

using plan::is;

template <class Ptr> std::string list_key(std::string_view name, const std::vector<Ptr>& terms) {
  std::string key = fmt::format("{}(", name);
  for (const Ptr& term : terms)
    key += key_of(term) + ",";
  return key + ")";
}

} // namespace

std::string key_of(const plan::RowSetPtr& rows) {
  if (!rows) return "null";
  return fmt::format("rows({},{},{})", static_cast<int>(rows->scope),
                     rows->scope == plan::Scope::hours ? rows->hours : 0,
                     rows->where ? eval::key_of(*rows->where) : "true");
}

std::string key_of(const plan::AssetPredPtr& predicate) {
  if (!predicate) return "null";
  return std::visit(
      [](const auto& node) -> std::string {
        using Node = decltype(node);
        if constexpr (is<Node, plan::AssetConst>)
          return node.value ? "true" : "false";
        else if constexpr (is<Node, plan::AssetAll>)
          return list_key("all", node.terms);
        else if constexpr (is<Node, plan::AssetAny>)
          return list_key("any", node.terms);
        else if constexpr (is<Node, plan::AssetNot>)
          return "not(" + key_of(node.term) + ")";
        else if constexpr (is<Node, plan::AnyRow>)
          return "any_row(" + key_of(node.rows) + ")";
        else if constexpr (is<Node, plan::EveryRow>)
          return fmt::format("every_row({},{})", key_of(node.rows),
                             node.test ? eval::key_of(*node.test) : "null");
        else
          return fmt::format("reduce({},{},{},{})", static_cast<int>(node.reduce), key_of(node.rows),
                             node.column, node.mask);
      },
      predicate->node);
}

std::string key_of(const plan::UnitPredPtr& predicate) {
  if (!predicate) return "null";
  return std::visit(
      [](const auto& node) -> std::string {
        using Node = decltype(node);
        if constexpr (is<Node, plan::UnitConst>)
          return node.value ? "true" : "false";
        else if constexpr (is<Node, plan::UnitAll>)
          return list_key("all", node.terms);
        else if constexpr (is<Node, plan::UnitAny>)
          return list_key("any", node.terms);
        else if constexpr (is<Node, plan::UnitNot>)
          return "not(" + key_of(node.term) + ")";
        else if constexpr (is<Node, plan::AllAssets>)
          return "all_assets(" + key_of(node.test) + ")";
        else
          return "some_asset(" + key_of(node.test) + ")";
      },
      predicate->node);
}

std::string key_of(const plan::UnitsPtr& units) {
  if (!units) return "null";
  return std::visit(
      [](const auto& node) -> std::string {
        using Node = decltype(node);
        if constexpr (is<Node, plan::Distinct>)
          return fmt::format("distinct({},{})", node.key, key_of(node.rows));
        else if constexpr (is<Node, plan::Having>)
          return fmt::format("having({},{})", key_of(node.units), key_of(node.test));
        else if constexpr (is<Node, plan::First>)
          return fmt::format("first({},{},{})", key_of(node.units), node.order, node.count);
        else
          return fmt::format("minus({},{})", key_of(node.units), key_of(node.removed));
      },
      units->node);
}

} // namespace tally::eval
