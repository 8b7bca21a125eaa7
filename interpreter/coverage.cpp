#include "coverage.hpp"

#include "closed_form.hpp"
#include "engine.hpp"
#include "evaluator.hpp"
#include "probes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace tally {

namespace {

namespace p = plan;

using plan::is;

auto position_key(const SourcePos& pos) {
  return std::make_tuple(pos.file, pos.line, pos.column);
}

void each_round(const p::NumPtr& num, const std::function<void(const p::Num&)>& visit) {
  if (!num) return;
  std::visit(
      [&](const auto& n) {
        using Node = decltype(n);
        if constexpr (is<Node, p::Round>) {
          visit(*num);
          each_round(n.operand, visit);
        } else if constexpr (is<Node, p::Negate> || is<Node, p::HourlyAverage>) {
          each_round(n.operand, visit);
        } else if constexpr (is<Node, p::Binary>) {
          each_round(n.left, visit);
          each_round(n.right, visit);
        }
      },
      num->node);
}

} // namespace

CoverageCollector::CoverageCollector(const Program& program) : program_(program) {
  // What there is to cover: every product bound with every other product
  // bought and its parameters at their defaults.
  Subscription everything;
  everything.start = Setting{"2026-01-01", {}};
  LowerTrace trace;
  const auto bound = bind(program, everything, &trace);
  if (!bound.plan) return;
  for (const auto& filter : trace.row_filters) {
    if (filter.at->kind != ast::ExprKind::filter || filter_items_.count(filter.at)) continue;
    filter_items_[filter.at] = items_.size();
    const auto& condition = *filter.at->args[1];
    items_.push_back({CoverageItem::Kind::filter,
                      condition.pos,
                      ast::extent_on_first_line(condition),
                      "where",
                      false,
                      {}});
  }
  for (const auto& [units, at] : trace.unit_steps) {
    if (at->kind != ast::ExprKind::filter || filter_items_.count(at)) continue;
    filter_items_[at] = items_.size();
    const auto& condition = *at->args[1];
    items_.push_back({CoverageItem::Kind::filter,
                      condition.pos,
                      ast::extent_on_first_line(condition),
                      at->text,
                      false,
                      {}});
  }
  for (const auto& product : bound.plan->products) {
    for (const auto& component : product.components) {
      component_items_[{product.name, component.name}] = items_.size();
      items_.push_back({CoverageItem::Kind::component,
                        component.pos,
                        static_cast<std::uint32_t>(component.name.size()),
                        component.name,
                        false,
                        {}});
      add_rounding_items(component.daily);
    }
    add_rounding_items(product.usage);
    add_rounding_items(product.qlu);
  }
}

void CoverageCollector::add_rounding_items(const p::NumPtr& num) {
  each_round(num, [&](const p::Num& round) {
    if (!rounding_items_.emplace(position_key(round.pos), items_.size()).second) return;
    const auto& node = std::get<p::Round>(round.node);
    items_.push_back({CoverageItem::Kind::rounding,
                      round.pos,
                      5,
                      fmt::format("round({}, {})", name_of(node.mode), node.places),
                      false,
                      {}});
  });
}

void CoverageCollector::observe(const ExampleRun& run) {
  const auto& product = run.plan.products.front();
  if (run.given) {
    for (std::size_t c = 0; c < product.components.size(); ++c)
      if ((*run.given)[c] != 0)
        if (const auto item = component_items_.find({product.name, product.components[c].name});
            item != component_items_.end())
          items_[item->second].exercised = true;
    observe_rounding(*product.usage, *run.given, nullptr);
    const auto usage = ClosedForm(*run.given, nullptr)(*product.usage);
    observe_rounding(*product.qlu, {}, &usage);
    return;
  }
  observe_data(run);
}

namespace {

// Whether `num` reads rows itself (a license's `usage = count ...`) rather
// than components alone, so that it cannot be replayed from a day's components.
bool counts_rows(const p::Num& num) {
  return std::visit(
      [](const auto& node) {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, p::Count> || std::is_same_v<Node, p::HourlyAverage>)
          return true;
        else if constexpr (std::is_same_v<Node, p::Negate> || std::is_same_v<Node, p::Round>)
          return counts_rows(*node.operand);
        else if constexpr (std::is_same_v<Node, p::Binary>)
          return counts_rows(*node.left) || counts_rows(*node.right);
        else
          return false;
      },
      num.node);
}

} // namespace

// Records which roundings change a value when `expression` is computed.
void CoverageCollector::observe_rounding(const p::Num& expression, const std::vector<Rational>& components,
                                         const Rational* usage) {
  ClosedForm(components, usage, [&](const RoundingStep& step) {
    if (step.before == step.after) return;
    if (const auto item = rounding_items_.find(position_key(step.pos)); item != rounding_items_.end())
      items_[item->second].exercised = true;
  })(expression);
}

void CoverageCollector::observe_data(const ExampleRun& run) {
  const auto& product = run.plan.products.front();
  const auto probed = probe_plan(run.plan, run.trace, std::nullopt);
  const auto daily = evaluate(probed.plan, program_.schema, *run.table);
  for (const auto& day : daily.products.front().periods) {
    std::vector<Rational> components;
    for (std::size_t c = 0; c < product.components.size(); ++c) {
      components.push_back(day.components[c].second);
      if (components.back() != 0)
        if (const auto item = component_items_.find({product.name, product.components[c].name});
            item != component_items_.end())
          items_[item->second].exercised = true;
    }
    if (!counts_rows(*product.usage)) observe_rounding(*product.usage, components, nullptr);
    for (const auto& count : probed.counts) {
      for (std::size_t s = 0; s < count.steps.size(); ++s) {
        const auto& step = count.steps[s];
        const auto item = step.at ? filter_items_.find(step.at) : filter_items_.end();
        if (item == filter_items_.end()) continue;
        // The units before this step: the last earlier step at the same depth.
        std::optional<Rational> before;
        for (std::size_t e = s; e-- > 0;)
          if (count.steps[e].depth == step.depth) {
            before = day.components[count.steps[e].component].second;
            break;
          }
        const auto& after = day.components[step.component].second;
        auto& seen = filters_seen_[item->second];
        seen.evaluated = true;
        seen.kept = seen.kept || after > 0;
        seen.dropped = seen.dropped || (before && *before > after);
      }
    }
  }
  for (const auto& period : run.report->products.front().periods)
    observe_rounding(*product.qlu, {}, &period.usage);
}

std::vector<FileCoverage> CoverageCollector::files() const {
  std::map<std::string, FileCoverage> by_file;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    auto item = items_[i];
    if (item.kind == CoverageItem::Kind::filter) {
      const auto seen = filters_seen_.find(i);
      const FilterSeen outcome = seen == filters_seen_.end() ? FilterSeen{} : seen->second;
      item.exercised = outcome.kept && outcome.dropped;
      item.missing = !outcome.evaluated ? "no data example reaches it"
                     : !outcome.dropped ? "no example row or unit is dropped by it"
                                        : "it drops everything in every example";
    } else if (!item.exercised) {
      item.missing = item.kind == CoverageItem::Kind::component ? "it is zero in every example"
                                                                : "no example makes it change a value";
    }
    if (item.exercised) item.missing.clear();
    auto& file = by_file[item.pos.file];
    file.file = item.pos.file;
    file.items.push_back(std::move(item));
  }
  std::vector<FileCoverage> out;
  for (auto& [_, file] : by_file) {
    std::sort(file.items.begin(), file.items.end(), [](const CoverageItem& a, const CoverageItem& b) {
      return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
    });
    out.push_back(std::move(file));
  }
  return out;
}

} // namespace tally
