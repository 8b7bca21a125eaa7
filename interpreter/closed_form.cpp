#include "closed_form.hpp"

#include "diagnostic.hpp"

namespace tally {

Rational ClosedForm::operator()(const plan::Num& num) const {
  return std::visit(
      [&](const auto& n) -> Rational {
        using Node = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<Node, plan::Constant>) {
          return n.value;
        } else if constexpr (std::is_same_v<Node, plan::ComponentRef>) {
          return components_.at(n.index);
        } else if constexpr (std::is_same_v<Node, plan::UsageRef>) {
          return *usage_;
        } else if constexpr (std::is_same_v<Node, plan::Negate>) {
          return -(*this)(*n.operand);
        } else if constexpr (std::is_same_v<Node, plan::Round>) {
          const auto before = (*this)(*n.operand);
          auto after = round_to(before, n.mode, n.places);
          if (on_round_) on_round_({num.pos, n.mode, n.places, before, after});
          return after;
        } else if constexpr (std::is_same_v<Node, plan::Binary>) {
          const auto a = (*this)(*n.left);
          const auto b = (*this)(*n.right);
          if (n.op == plan::Arith::div && b == 0)
            throw DiagnosticError({Severity::error, "E0801", num.pos, 1, "division by zero", {}});
          return plan::apply(n.op, a, b);
        } else {
          throw DiagnosticError(
              {Severity::error, "E0902", num.pos, 1,
               "this expression counts rows; a `given` example can only state component values",
               "use a `data` table for this example"});
        }
      },
      num.node);
}

} // namespace tally
