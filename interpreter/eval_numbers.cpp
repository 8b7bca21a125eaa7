#include "eval_numbers.hpp"

#include "eval_errors.hpp"

#include <fmt/format.h>

#include <type_traits>

namespace tally::eval {

namespace {

using plan::is;

constexpr std::int64_t kHoursPerDay = 24;

[[noreturn]] void division_by_zero(const plan::Num& num, const NumContext& context) {
  if (context.period_end)
    fail(kDivisionByZero, num.pos,
         fmt::format("division by zero in the QLU of product `{}` for the period {} to {}", context.product,
                     format_date(context.instant.day), format_date(*context.period_end)));
  fail(kDivisionByZero, num.pos,
       fmt::format("division by zero in product `{}` on {}", context.product,
                   format_date(context.instant.day)));
}

} // namespace

Rational evaluate_num(const NumNode& node, NumContext& context) {
  const plan::Num& num = *node.num;
  return std::visit(
      [&](const auto& op) -> Rational {
        using Op = decltype(op);
        if constexpr (is<Op, plan::Constant>) {
          return op.value;
        } else if constexpr (is<Op, plan::Count>) {
          node.units->refresh(context.instant);
          return Rational(static_cast<unsigned long long>(node.units->size()));
        } else if constexpr (is<Op, plan::ComponentRef>) {
          return (*context.components)[op.index];
        } else if constexpr (is<Op, plan::UsageRef>) {
          return *context.usage;
        } else if constexpr (is<Op, plan::Negate>) {
          return -evaluate_num(node.operands[0], context);
        } else if constexpr (is<Op, plan::Binary>) {
          const Rational left = evaluate_num(node.operands[0], context);
          const Rational right = evaluate_num(node.operands[1], context);
          if (op.op == plan::Arith::div && right == 0) division_by_zero(num, context);
          return plan::apply(op.op, left, right);
        } else if constexpr (is<Op, plan::Round>) {
          return round_to(evaluate_num(node.operands[0], context), op.mode, op.places);
        } else {
          const std::optional<std::int64_t> enclosing = context.instant.hour;
          Rational total = 0;
          for (std::int64_t hour = 0; hour < kHoursPerDay; ++hour) {
            context.instant.hour = kHoursPerDay * context.instant.day + hour;
            total += evaluate_num(node.operands[0], context);
          }
          context.instant.hour = enclosing;
          return total / kHoursPerDay;
        }
      },
      num.node);
}

} // namespace tally::eval
