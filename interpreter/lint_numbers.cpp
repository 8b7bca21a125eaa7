#include "lint_numbers.hpp"

#include <fmt/format.h>

#include <functional>

namespace tally {

namespace {

namespace p = plan;

using plan::is;

const Rational* constant_of(const p::NumPtr& num) {
  const auto* constant = std::get_if<p::Constant>(&num->node);
  return constant ? &constant->value : nullptr;
}

// Calls `visit(node, rounded)` on every node of `root`, where `rounded` says a
// `round` encloses the node.
void walk(const p::NumPtr& root, const std::function<void(const p::Num&, bool)>& visit,
          bool rounded = false) {
  if (!root) return;
  visit(*root, rounded);
  std::visit(
      [&](const auto& n) {
        using Node = decltype(n);
        if constexpr (is<Node, p::Negate> || is<Node, p::HourlyAverage>) {
          walk(n.operand, visit, rounded);
        } else if constexpr (is<Node, p::Binary>) {
          walk(n.left, visit, rounded);
          walk(n.right, visit, rounded);
        } else if constexpr (is<Node, p::Round>) {
          walk(n.operand, visit, true);
        }
      },
      root->node);
}

// Why `num` can produce a value with no finite decimal form, or empty.
std::string inexact_step(const p::Num& num) {
  if (std::holds_alternative<p::HourlyAverage>(num.node)) return "an hourly average divides by 24";
  const auto* binary = std::get_if<p::Binary>(&num.node);
  if (!binary) return {};
  if (binary->op == p::Arith::div) {
    const auto* divisor = constant_of(binary->right);
    if (!divisor) return "a division by a number that varies";
    if (*divisor != 0 && !has_finite_decimal(1 / *divisor))
      return fmt::format("a division by {}", to_fraction_text(*divisor));
    return {};
  }
  if (binary->op == p::Arith::mul)
    for (const auto& side : {binary->left, binary->right})
      if (const auto* weight = constant_of(side); weight && !has_finite_decimal(*weight))
        return fmt::format("a weight of {}", to_fraction_text(*weight));
  return {};
}

const Rational* weight_of(const p::Num& num) {
  const auto* binary = std::get_if<p::Binary>(&num.node);
  if (!binary || binary->op != p::Arith::mul) return nullptr;
  const auto* left = constant_of(binary->left);
  const auto* right = constant_of(binary->right);
  if (left && !right) return left;
  if (right && !left) return right;
  return nullptr;
}

class NumberChecks {
public:
  NumberChecks(const p::ProductPlan& product, std::vector<Diagnostic>& diagnostics)
      : product_(product), diagnostics_(diagnostics) {}

  void run() {
    for (const auto& component : product_.components)
      check_weights(component.daily);
    check_weights(product_.usage);
    check_weights(product_.qlu);
    // A rolling average divides by the days in its window: its usage has no
    // finite decimal form as a rule, and the contract reports the exact fraction.
    if (product_.method == p::Method::rolling_average) return;
    const bool usage_rounded = every_use_rounded(
        product_.qlu, [](const p::Num& n) { return std::holds_alternative<p::UsageRef>(n.node); });
    check_precision(product_.qlu, false);
    check_precision(product_.usage, usage_rounded);
    for (std::size_t i = 0; i < product_.components.size(); ++i)
      check_precision(product_.components[i].daily, usage_rounded || component_rounded(i));
  }

private:
  const p::ProductPlan& product_;
  std::vector<Diagnostic>& diagnostics_;

  static bool every_use_rounded(const p::NumPtr& root, const std::function<bool(const p::Num&)>& is_use) {
    bool all = true;
    walk(root, [&](const p::Num& n, bool rounded) { all = all && (!is_use(n) || rounded); });
    return all;
  }

  static auto refers_to(std::size_t index) {
    return [index](const p::Num& n) {
      const auto* ref = std::get_if<p::ComponentRef>(&n.node);
      return ref && ref->index == index;
    };
  }

  // Every use of component `index` is rounded, in usage or in a later
  // component whose own uses are all rounded.
  bool component_rounded(std::size_t index) const {
    if (!every_use_rounded(product_.usage, refers_to(index))) return false;
    for (std::size_t later = index + 1; later < product_.components.size(); ++later) {
      if (every_use_rounded(product_.components[later].daily, refers_to(index))) continue;
      if (!component_rounded(later)) return false;
    }
    return true;
  }

  void check_precision(const p::NumPtr& root, bool rounded_downstream) {
    if (rounded_downstream) return;
    walk(root, [&](const p::Num& n, bool rounded) {
      if (rounded) return;
      const auto step = inexact_step(n);
      if (step.empty()) return;
      diagnostics_.push_back(
          {Severity::warning, "W0303", n.pos, n.length,
           fmt::format("{} can give `{}` a value with no finite decimal form, and nothing rounds it", step,
                       product_.name),
           "declare the rounding the contract states, e.g. `round(usage * ratio, half_up, 0)`"});
    });
  }

  void check_weights(const p::NumPtr& root) {
    walk(root, [&](const p::Num& n, bool) {
      const auto* weight = weight_of(n);
      if (!weight || *weight > 0) return;
      diagnostics_.push_back({Severity::warning, "W0304", n.pos, n.length,
                              fmt::format("a weight of {} makes this term {}", to_fraction_text(*weight),
                                          *weight == 0 ? "always zero" : "negative"),
                              "weights of counted assets are positive; subtract with `-` or `minus`"});
    });
  }
};

} // namespace

void check_numbers(const plan::ProductPlan& product, std::vector<Diagnostic>& diagnostics) {
  NumberChecks(product, diagnostics).run();
}

} // namespace tally
