#include "probes.hpp"

#include <fmt/format.h>

#include <map>

namespace tally {

namespace {

namespace p = plan;

using plan::is;

std::string scope_name(const p::RowSet& rows) {
  switch (rows.scope) {
  case p::Scope::snapshot:
    return "snapshot";
  case p::Scope::term:
    return "term";
  case p::Scope::hours:
    return fmt::format("last {} hours", rows.hours);
  }
  return "rows";
}

// Builds the probes of one count: the units after each of its steps.
class ProbeBuilder {
public:
  explicit ProbeBuilder(const LowerTrace& trace) : trace_(trace) {
    for (const auto& filter : trace.row_filters)
      where_of_[filter.condition.get()] = filter.at;
  }

  struct Probe {
    ProbeStep step;
    p::NumPtr count;
  };

  std::vector<Probe> probes(const p::UnitsPtr& units, bool hourly) {
    std::vector<Probe> out;
    add(units, 0, hourly, out);
    return out;
  }

private:
  const LowerTrace& trace_;
  std::map<const p::RowPred*, const ast::Expr*> where_of_;

  p::NumPtr count_of(const p::UnitsPtr& units, bool hourly, const SourcePos& pos) const {
    auto count = std::make_shared<const p::Num>(p::Num{p::Count{units}, pos});
    if (!hourly) return count;
    return std::make_shared<const p::Num>(p::Num{p::HourlyAverage{count}, pos});
  }

  static ProbeStep step_at(std::string clause, const ast::Expr* at, int depth, const SourcePos& fallback) {
    ProbeStep step;
    step.clause = std::move(clause);
    step.depth = depth;
    step.at = at;
    if (at) {
      const auto& condition = *at->args[1];
      step.pos = condition.pos;
      step.length = ast::extent_on_first_line(condition);
    } else {
      step.pos = fallback;
    }
    return step;
  }

  // The filters of a row set, first to last: `where` builds AllOf{earlier, added}.
  void clauses(const p::RowPredPtr& where,
               std::vector<std::pair<p::RowPredPtr, const ast::Expr*>>& out) const {
    if (const auto* all = std::get_if<p::AllOf>(&where->node); all && all->terms.size() == 2) {
      if (const auto found = where_of_.find(all->terms[1].get()); found != where_of_.end()) {
        clauses(all->terms[0], out);
        out.emplace_back(all->terms[1], found->second);
        return;
      }
    }
    if (const auto* constant = std::get_if<p::BoolConst>(&where->node); constant && constant->value) return;
    out.emplace_back(where, nullptr);
  }

  void add(const p::UnitsPtr& units, int depth, bool hourly, std::vector<Probe>& out) {
    std::visit(
        [&](const auto& n) {
          using Node = decltype(n);
          if constexpr (is<Node, p::Distinct>) {
            add_rows(n, units->pos, depth, hourly, out);
          } else if constexpr (is<Node, p::Having>) {
            add(n.units, depth, hourly, out);
            const auto* at = step_expr(units);
            out.push_back({step_at(at ? at->text : "having", at, depth, units->pos),
                           count_of(units, hourly, units->pos)});
          } else if constexpr (is<Node, p::First>) {
            add(n.units, depth, hourly, out);
            const auto* at = step_expr(units);
            auto step = step_at("first", at, depth, units->pos);
            // The excerpt runs from the count to the ordering column: `limit by activated_at`.
            if (at && at->name_pos.line == step.pos.line && at->name_pos.column > step.pos.column)
              step.length =
                  at->name_pos.column + static_cast<std::uint32_t>(at->name.size()) - step.pos.column;
            out.push_back({std::move(step), count_of(units, hourly, units->pos)});
          } else if constexpr (is<Node, p::Minus>) {
            add(n.units, depth, hourly, out);
            add(n.removed, depth + 1, hourly, out);
            out.push_back(
                {step_at("minus", step_expr(units), depth, units->pos), count_of(units, hourly, units->pos)});
          }
        },
        units->node);
  }

  const ast::Expr* step_expr(const p::UnitsPtr& units) const {
    const auto found = trace_.unit_steps.find(units.get());
    return found == trace_.unit_steps.end() ? nullptr : found->second;
  }

  void add_rows(const p::Distinct& distinct, const SourcePos& pos, int depth, bool hourly,
                std::vector<Probe>& out) {
    const auto& rows = *distinct.rows;
    std::vector<std::pair<p::RowPredPtr, const ast::Expr*>> filters;
    clauses(rows.where, filters);
    auto prefix = p::make_node<p::RowPred>(p::BoolConst{true});
    auto probe_rows = [&](const p::RowPredPtr& where) {
      auto set = std::make_shared<const p::RowSet>(p::RowSet{rows.scope, rows.hours, where, rows.pos});
      auto units =
          std::make_shared<const p::Units>(p::Units{p::Distinct{distinct.key, set}, distinct.key, pos});
      return count_of(units, hourly, pos);
    };
    ProbeStep scope;
    scope.clause = scope_name(rows);
    scope.pos = rows.pos;
    scope.depth = depth;
    out.push_back({scope, probe_rows(prefix)});
    for (const auto& [clause, at] : filters) {
      prefix = p::make_node<p::RowPred>(p::AllOf{{prefix, clause}});
      out.push_back({step_at("where", at, depth, rows.pos), probe_rows(prefix)});
    }
  }
};

// Every count in a component's expression, with whether it sits in an hourly average.
void counts_in(const p::NumPtr& num, bool hourly, std::vector<std::pair<const p::Num*, bool>>& out) {
  if (!num) return;
  std::visit(
      [&](const auto& n) {
        using Node = decltype(n);
        if constexpr (is<Node, p::Count>) {
          out.emplace_back(num.get(), hourly);
        } else if constexpr (is<Node, p::HourlyAverage>) {
          counts_in(n.operand, true, out);
        } else if constexpr (is<Node, p::Negate> || is<Node, p::Round>) {
          counts_in(n.operand, hourly, out);
        } else if constexpr (is<Node, p::Binary>) {
          counts_in(n.left, hourly, out);
          counts_in(n.right, hourly, out);
        }
      },
      num->node);
}

} // namespace

p::Plan daily_plan(const p::Plan& plan, std::optional<Day> as_of) {
  p::Plan daily = plan;
  daily.as_of = as_of ? as_of : plan.as_of;
  for (auto& product : daily.products) {
    product.method = p::Method::peak;
    product.length = 1;
  }
  return daily;
}

ProbedPlan probe_plan(const p::Plan& plan, const LowerTrace& trace, std::optional<Day> as_of) {
  ProbedPlan out{daily_plan(plan, as_of), {}};
  auto& measured = out.plan.products.front();
  const auto& product = plan.products.front();
  ProbeBuilder builder(trace);
  for (std::size_t c = 0; c < product.components.size(); ++c) {
    std::vector<std::pair<const p::Num*, bool>> counts;
    counts_in(product.components[c].daily, false, counts);
    for (const auto& [count, hourly] : counts) {
      ProbedCount probed{c, count, {}};
      for (auto& probe : builder.probes(std::get<p::Count>(count->node).units, hourly)) {
        probe.step.component = measured.components.size();
        measured.components.push_back(
            {fmt::format("probe {}", measured.components.size()), probe.count, count->pos});
        probed.steps.push_back(probe.step);
      }
      out.counts.push_back(std::move(probed));
    }
  }
  return out;
}

} // namespace tally
