// Numbers: each day's (or hour's) values as scaled integers, and a period's
// QLU as an exact fraction.
#include "sql/sql_writer.hpp"

#include <fmt/format.h>

#include <boost/multiprecision/integer.hpp>

namespace tally::sql {

namespace {

std::string times(const std::string& expr, const Integer& factor) {
  if (factor == 1) return expr;
  return fmt::format("{} * {}", expr, factor.str());
}

// left * right, leaving out a factor of 1.
std::string product_of(const std::string& left, const std::string& right) {
  if (left == "1") return right;
  if (right == "1") return left;
  return fmt::format("({}) * ({})", left, right);
}

Integer power_of_ten(int places) {
  Integer value = 1;
  for (int i = 0; i < places; ++i)
    value *= 10;
  return value;
}

} // namespace

void Writer::join_once(GridRow& row, std::string join) const {
  if (std::find(row.joins.begin(), row.joins.end(), join) == row.joins.end())
    row.joins.push_back(std::move(join));
}

// numerator / denominator (denominator > 0) as an integer, rounded by `mode`.
std::string Writer::rounded(std::string_view numerator, std::string_view denominator,
                            RoundingMode mode) const {
  const std::string q = dialect_.truncated_quotient("x", "m"), r = dialect_.truncated_remainder("x", "m");
  std::string adjust;
  switch (mode) {
  case RoundingMode::toward_zero:
    adjust = "0";
    break;
  case RoundingMode::floor:
    adjust = "CASE WHEN r < 0 THEN -1 ELSE 0 END";
    break;
  case RoundingMode::ceiling:
    adjust = "CASE WHEN r > 0 THEN 1 ELSE 0 END";
    break;
  case RoundingMode::half_up: // ties away from zero
    adjust = "CASE WHEN 2 * abs(r) >= m THEN sign(r) ELSE 0 END";
    break;
  case RoundingMode::half_even:
    adjust = fmt::format("CASE WHEN 2 * abs(r) > m OR (2 * abs(r) = m AND {} <> 0) THEN sign(r) ELSE 0 END",
                         dialect_.truncated_remainder("q", "2"));
    break;
  }
  return fmt::format(
      "(SELECT q + {} FROM (SELECT {} AS q, {} AS r, m FROM (SELECT {} AS x, {} AS m) AS operands) "
      "AS parts)",
      adjust, q, r, numerator, denominator);
}

Scaled Writer::daily(const plan::Num& num, GridRow& row) {
  return std::visit(
      [&](const auto& node) -> Scaled {
        using Node = decltype(node);
        if constexpr (plan::is<Node, plan::Constant>) {
          return {numerator(node.value).str(), denominator(node.value)};
        } else if constexpr (plan::is<Node, plan::Count>) {
          const std::string step = count(*node.units, row.grain);
          join_once(row, fmt::format("LEFT JOIN {} ON {}", step, same_instant(row.grain, step, "i")));
          return {fmt::format("coalesce({}.n, 0)", step), Integer(1)};
        } else if constexpr (plan::is<Node, plan::ComponentRef>) {
          if (row.grain == Grain::hour || node.index >= row.components.size())
            unsupported(num.pos, "a component read inside an hourly average");
          return {row.aliases[node.index] + ".v", row.components[node.index].scale};
        } else if constexpr (plan::is<Node, plan::UsageRef>) {
          unsupported(num.pos, "`usage` outside a QLU");
        } else if constexpr (plan::is<Node, plan::Negate>) {
          const Scaled operand = daily(*node.operand, row);
          return {fmt::format("-({})", operand.expr), operand.scale};
        } else if constexpr (plan::is<Node, plan::Binary>) {
          if (node.op == plan::Arith::div) {
            const auto* divisor = std::get_if<plan::Constant>(&node.right->node);
            if (!divisor)
              unsupported(num.pos, "a daily value divided by a value known only once the day is counted; SQL "
                                   "cannot sum such values exactly");
            const Scaled left = daily(*node.left, row);
            const Integer p = numerator(divisor->value), q = denominator(divisor->value);
            if (p == 0)
              return {dialect_.fail(dialect_.string_literal(
                          fmt::format("tally: division by zero in product `{}` ({}:{}:{})", row.product,
                                      num.pos.file, num.pos.line, num.pos.column))),
                      Integer(1)};
            // x / (p/q) = x * q / p: the scale takes |p|, the numerator q and p's sign.
            return {fmt::format("({}) * {}", left.expr, (p < 0 ? -q : q).str()), left.scale * abs(p)};
          }
          const Scaled left = daily(*node.left, row), right = daily(*node.right, row);
          if (node.op == plan::Arith::mul)
            return {fmt::format("({}) * ({})", left.expr, right.expr), left.scale * right.scale};
          const Integer scale = boost::multiprecision::lcm(left.scale, right.scale);
          return {fmt::format("({} {} {})", times("(" + left.expr + ")", scale / left.scale),
                              node.op == plan::Arith::add ? '+' : '-',
                              times("(" + right.expr + ")", scale / right.scale)),
                  scale};
        } else if constexpr (plan::is<Node, plan::Round>) {
          const Scaled operand = daily(*node.operand, row);
          const Integer scale = power_of_ten(node.places);
          if (operand.scale == 1) return {times("(" + operand.expr + ")", scale), scale};
          return {rounded(times("(" + operand.expr + ")", scale), operand.scale.str(), node.mode), scale};
        } else {
          if (row.grain == Grain::hour) unsupported(num.pos, "an hourly average inside an hourly average");
          return hourly_average(*node.operand, row);
        }
      },
      num.node);
}

// The day's sum of the operand over its 24 hours, over 24 times its scale.
Scaled Writer::hourly_average(const plan::Num& operand, GridRow& row) {
  hours_used_ = true;
  GridRow hours;
  hours.grain = Grain::hour;
  hours.product = row.product;
  const Scaled value = daily(operand, hours);
  std::string joins;
  for (const std::string& join : hours.joins)
    joins += "\n  " + join;
  const std::string step =
      add_step("hourly", fmt::format("each day's 24 hourly values, summed: {}", where_from(operand.pos)),
               fmt::format("SELECT i.eval_day, sum({}) AS v\n  FROM hours AS i{}\n  GROUP BY i.eval_day",
                           value.expr, joins));
  join_once(row, fmt::format("LEFT JOIN {} ON {}.eval_day = i.eval_day", step, step));
  return {fmt::format("coalesce({}.v, 0)", step), value.scale * 24};
}

// The QLU of a period from its usage, both as (numerator, denominator) with
// a positive denominator; QLU rules are a few operations, so each value's
// text may repeat.
std::pair<std::string, std::string> Writer::qlu(const plan::Num& num,
                                                const std::pair<std::string, std::string>& usage,
                                                const std::string& product) {
  using Fraction = std::pair<std::string, std::string>;
  return std::visit(
      [&](const auto& node) -> Fraction {
        using Node = decltype(node);
        if constexpr (plan::is<Node, plan::Constant>) {
          return {numerator(node.value).str(), denominator(node.value).str()};
        } else if constexpr (plan::is<Node, plan::UsageRef>) {
          return usage;
        } else if constexpr (plan::is<Node, plan::Negate>) {
          const Fraction operand = qlu(*node.operand, usage, product);
          return {"-(" + operand.first + ")", operand.second};
        } else if constexpr (plan::is<Node, plan::Binary>) {
          const Fraction a = qlu(*node.left, usage, product), b = qlu(*node.right, usage, product);
          switch (node.op) {
          case plan::Arith::add:
          case plan::Arith::sub:
            return {fmt::format("(({}) * ({}) {} ({}) * ({}))", a.first, b.second,
                                node.op == plan::Arith::add ? '+' : '-', b.first, a.second),
                    fmt::format("({}) * ({})", a.second, b.second)};
          case plan::Arith::mul:
            return {product_of(a.first, b.first), product_of(a.second, b.second)};
          case plan::Arith::div: {
            if (const auto* divisor = std::get_if<plan::Constant>(&node.right->node);
                divisor && divisor->value != 0) {
              const Integer p = numerator(divisor->value), q = denominator(divisor->value);
              return {product_of(a.first, (p < 0 ? -q : q).str()),
                      product_of(a.second, Integer(abs(p)).str())};
            }
            const std::string exact_divisor = fmt::format("CAST({} AS {})", b.first, dialect_.exact_type());
            const std::string message = dialect_.string_literal(fmt::format(
                "tally: division by zero in the QLU of product `{}` ({}:{}:{}) for the period starting ",
                product, num.pos.file, num.pos.line, num.pos.column));
            const std::string failed =
                dialect_.fail(fmt::format("{} || CAST(p.period_start AS text)", message));
            return {fmt::format("({}) * ({}) * sign({})", a.first, b.second, exact_divisor),
                    fmt::format("CASE WHEN ({}) = 0 THEN {} ELSE ({}) * abs({}) END", b.first, failed,
                                a.second, exact_divisor)};
          }
          }
          return a;
        } else if constexpr (plan::is<Node, plan::Round>) {
          const Fraction operand = qlu(*node.operand, usage, product);
          const Integer scale = power_of_ten(node.places);
          return {rounded(times("(" + operand.first + ")", scale), operand.second, node.mode), scale.str()};
        } else {
          unsupported(num.pos, "a QLU that reads the observations (it may read only `usage` and numbers)");
        }
      },
      num.node);
}

} // namespace tally::sql
