#include "eval_graph.hpp"

#include "eval_errors.hpp"
#include "eval_plan_keys.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

namespace tally::eval {

namespace {

using plan::is;

// The longest hours window anywhere in the plan: how far before the first
// evaluated day the index must reach. Missing nodes count as nothing here;
// compiling reports them.
std::int64_t longest_window(const plan::RowSetPtr& rows) {
  return rows && rows->scope == plan::Scope::hours ? std::max<std::int64_t>(rows->hours, 0) : 0;
}

std::int64_t longest_window(const plan::AssetPredPtr& predicate);
std::int64_t longest_window(const plan::UnitPredPtr& predicate);

template <class Ptr> std::int64_t longest_window(const std::vector<Ptr>& terms) {
  std::int64_t longest = 0;
  for (const Ptr& term : terms)
    longest = std::max(longest, longest_window(term));
  return longest;
}

std::int64_t longest_window(const plan::AssetPredPtr& predicate) {
  if (!predicate) return 0;
  return std::visit(
      [](const auto& node) -> std::int64_t {
        using Node = decltype(node);
        if constexpr (is<Node, plan::AssetAll> || is<Node, plan::AssetAny>)
          return longest_window(node.terms);
        else if constexpr (is<Node, plan::AssetNot>)
          return longest_window(node.term);
        else if constexpr (is<Node, plan::AssetConst>)
          return 0;
        else
          return longest_window(node.rows);
      },
      predicate->node);
}

std::int64_t longest_window(const plan::UnitPredPtr& predicate) {
  if (!predicate) return 0;
  return std::visit(
      [](const auto& node) -> std::int64_t {
        using Node = decltype(node);
        if constexpr (is<Node, plan::UnitAll> || is<Node, plan::UnitAny>)
          return longest_window(node.terms);
        else if constexpr (is<Node, plan::UnitNot>)
          return longest_window(node.term);
        else if constexpr (is<Node, plan::UnitConst>)
          return 0;
        else
          return longest_window(node.test);
      },
      predicate->node);
}

std::int64_t longest_window(const plan::UnitsPtr& units) {
  if (!units) return 0;
  return std::visit(
      [](const auto& node) -> std::int64_t {
        using Node = decltype(node);
        if constexpr (is<Node, plan::Distinct>)
          return longest_window(node.rows);
        else if constexpr (is<Node, plan::Having>)
          return std::max(longest_window(node.units), longest_window(node.test));
        else if constexpr (is<Node, plan::First>)
          return longest_window(node.units);
        else
          return std::max(longest_window(node.units), longest_window(node.removed));
      },
      units->node);
}

std::int64_t longest_window(const plan::NumPtr& num) {
  if (!num) return 0;
  return std::visit(
      [](const auto& node) -> std::int64_t {
        using Node = decltype(node);
        if constexpr (is<Node, plan::Count>)
          return longest_window(node.units);
        else if constexpr (is<Node, plan::Negate> || is<Node, plan::Round> || is<Node, plan::HourlyAverage>)
          return longest_window(node.operand);
        else if constexpr (is<Node, plan::Binary>)
          return std::max(longest_window(node.left), longest_window(node.right));
        else
          return 0;
      },
      num->node);
}

Day first_indexed_day(const plan::Plan& plan, Day first, Day last) {
  if (first > last) return first;
  std::int64_t hours = 0;
  for (const plan::ProductPlan& product : plan.products) {
    hours = std::max(hours, longest_window(product.usage));
    for (const plan::Component& component : product.components)
      hours = std::max(hours, longest_window(component.daily));
  }
  return hours <= 1 ? first : day_of_hour(24 * std::int64_t{first} - (hours - 1));
}

AssetMeasure measure_of(plan::Reduce reduce) {
  switch (reduce) {
  case plan::Reduce::latest:
    return AssetMeasure::latest;
  case plan::Reduce::highest:
    return AssetMeasure::highest;
  case plan::Reduce::lowest:
    return AssetMeasure::lowest;
  }
  return AssetMeasure::latest;
}

} // namespace

EvaluationGraph::EvaluationGraph(const plan::Plan& plan, const Schema& schema, const Table& table, Day first,
                                 Day last)
    : schema_(schema), index_(schema, table, first_indexed_day(plan, first, last), last),
      filter_(schema, table, index_.first_row(), index_.last_row()) {
  if (schema.tie_column) {
    const std::size_t tie = *schema.tie_column;
    if (tie >= schema.columns.size())
      fail(kMalformedPlan, {}, fmt::format("the schema's tie-break column #{} does not exist", tie));
    if (schema.columns[tie].type != ColumnType::enumeration)
      fail(kMalformedPlan, schema.columns[tie].pos,
           fmt::format("the tie-break column `{}` is not an enum column", schema.columns[tie].name));
  }
  products_.reserve(plan.products.size());
  for (const plan::ProductPlan& product : plan.products) {
    compiling_ = &product;
    if (product.length < 1)
      fail(kMalformedPlan, product.pos,
           fmt::format("product `{}` has a period of {} days; it must be at least 1", product.name,
                       product.length));
    CompiledProduct compiled;
    compiled.plan = &product;
    for (std::size_t i = 0; i < product.components.size(); ++i)
      compiled.components.push_back(
          compile_num(product.components[i].daily, NumRole{i, false, false}, product.components[i].pos));
    compiled.usage =
        compile_num(product.usage, NumRole{product.components.size(), false, false}, product.pos);
    compiled.qlu = compile_num(product.qlu, NumRole{0, true, false}, product.pos);
    products_.push_back(std::move(compiled));
  }
  compiling_ = nullptr;
}

void EvaluationGraph::advance_to(Day day) {
  for (RowSource* source : sources_)
    source->prepare_day(day);
  for (AssetAggregate* aggregate : aggregates_)
    aggregate->prepare_day(day);
  for (UnitSet* units : term_units_)
    units->advance_day(day);
}

std::string EvaluationGraph::reader() const {
  return fmt::format("product `{}`", compiling_->name);
}

NumNode EvaluationGraph::compile_num(const plan::NumPtr& num, const NumRole& role, const SourcePos& around) {
  if (!num) fail(kMalformedPlan, around, fmt::format("{} has a missing number", reader()));
  NumNode node;
  node.num = num.get();
  const SourcePos& pos = num->pos;
  std::visit(
      [&](const auto& op) {
        using Op = decltype(op);
        if constexpr (is<Op, plan::Count>) {
          if (role.qlu)
            fail(kMalformedPlan, pos,
                 fmt::format("the QLU of {} counts units; a QLU may only use the period's usage", reader()));
          node.units = &compile_units(op.units, pos);
          if (node.units->cadence() == Cadence::hour && !role.hourly)
            fail(kMalformedPlan, pos,
                 fmt::format("{} counts rows of an hours scope outside an hourly average", reader()));
        } else if constexpr (is<Op, plan::ComponentRef>) {
          if (op.index >= role.visible_components)
            fail(kMalformedPlan, pos,
                 role.qlu ? fmt::format("the QLU of {} reads a component; it may only use the period's usage",
                                        reader())
                          : fmt::format("{} reads component #{} before it is computed", reader(), op.index));
        } else if constexpr (is<Op, plan::UsageRef>) {
          if (!role.qlu)
            fail(kMalformedPlan, pos, fmt::format("{} reads its usage outside its QLU", reader()));
        } else if constexpr (is<Op, plan::Negate>) {
          node.operands.push_back(compile_num(op.operand, role, pos));
        } else if constexpr (is<Op, plan::Round>) {
          if (op.places < 0)
            fail(kMalformedPlan, pos,
                 fmt::format("{} rounds to {} places; places must be >= 0", reader(), op.places));
          node.operands.push_back(compile_num(op.operand, role, pos));
        } else if constexpr (is<Op, plan::Binary>) {
          node.operands.push_back(compile_num(op.left, role, pos));
          node.operands.push_back(compile_num(op.right, role, pos));
        } else if constexpr (is<Op, plan::HourlyAverage>) {
          if (role.qlu)
            fail(kMalformedPlan, pos, fmt::format("the QLU of {} takes an hourly average", reader()));
          NumRole hourly = role;
          hourly.hourly = true;
          node.operands.push_back(compile_num(op.operand, hourly, pos));
        }
      },
      num->node);
  return node;
}

std::size_t EvaluationGraph::key_column(const plan::Units& units) const {
  return std::visit(
      [&](const auto& node) -> std::size_t {
        if constexpr (is<decltype(node), plan::Distinct>)
          return node.key;
        else
          return key_column(*node.units);
      },
      units.node);
}

UnitSet& EvaluationGraph::compile_units(const plan::UnitsPtr& units, const SourcePos& around) {
  if (!units) fail(kMalformedPlan, around, fmt::format("{} counts a missing unit set", reader()));
  const std::string key = key_of(units);
  if (const auto found = units_by_key_.find(key); found != units_by_key_.end()) return *found->second;
  const SourcePos& pos = units->pos;
  std::unique_ptr<UnitSet> made = std::visit(
      [&](const auto& node) -> std::unique_ptr<UnitSet> {
        using Node = decltype(node);
        if constexpr (is<Node, plan::Distinct>) {
          if (node.key >= schema_.columns.size())
            fail(kMalformedPlan, pos,
                 fmt::format("{} counts values of column #{}, which the schema lacks", reader(), node.key));
          if (schema_.columns[node.key].type == ColumnType::set)
            fail(kMalformedPlan, pos,
                 fmt::format(
                     "{} counts distinct values of the set column `{}`; a unit key must be a single value",
                     reader(), schema_.columns[node.key].name));
          index_.require_cells(node.key, reader());
          RowSource& rows = source(node.rows, pos);
          return std::make_unique<DistinctUnits>(rows, index_, node.key);
        } else if constexpr (is<Node, plan::Having>) {
          UnitSet& inner = compile_units(node.units, pos);
          std::vector<AssetAggregate*> reads;
          bool reads_assets = false;
          UnitTest test = compile_unit_test(node.test, pos, reads, reads_assets);
          auto having = std::make_unique<HavingUnits>(inner, std::move(test), std::move(reads));
          if (reads_assets) inner.base().need_assets(having->cadence() == Cadence::term);
          return having;
        } else if constexpr (is<Node, plan::First>) {
          UnitSet& inner = compile_units(node.units, pos);
          if (inner.cadence() == Cadence::hour || inner.base().cadence() != Cadence::day)
            fail(kMalformedPlan, pos, fmt::format("{} ranks units that are not of one day", reader()));
          if (node.order >= schema_.columns.size() ||
              schema_.columns[node.order].type != ColumnType::timestamp)
            fail(kMalformedPlan, pos,
                 fmt::format("{} ranks units by column #{}, which is no timestamp", reader(), node.order));
          index_.require_cells(node.order, reader());
          return std::make_unique<FirstUnits>(inner, index_, units->key, node.order, node.count);
        } else {
          UnitSet& kept = compile_units(node.units, pos);
          UnitSet& removed = compile_units(node.removed, pos);
          const std::size_t kept_key = key_column(*node.units), removed_key = key_column(*node.removed);
          if (kept_key != removed_key)
            fail(kMalformedPlan, pos,
                 fmt::format("{} removes units keyed by `{}` from units keyed by `{}`", reader(),
                             schema_.columns[removed_key].name, schema_.columns[kept_key].name));
          return std::make_unique<MinusUnits>(kept, removed);
        }
      },
      units->node);
  UnitSet& set = *made;
  if (set.cadence() == Cadence::term) term_units_.push_back(&set);
  units_by_key_.emplace(key, std::move(made));
  return set;
}

UnitTest EvaluationGraph::compile_unit_test(const plan::UnitPredPtr& test, const SourcePos& pos,
                                            std::vector<AssetAggregate*>& reads, bool& reads_assets) {
  if (!test) fail(kMalformedPlan, pos, fmt::format("{} has a missing unit condition", reader()));
  UnitTest compiled;
  std::visit(
      [&](const auto& node) {
        using Node = decltype(node);
        const auto compile_terms = [&](const std::vector<plan::UnitPredPtr>& terms) {
          for (const plan::UnitPredPtr& term : terms)
            compiled.terms.push_back(compile_unit_test(term, pos, reads, reads_assets));
        };
        if constexpr (is<Node, plan::UnitConst>) {
          compiled.kind = UnitTest::Kind::constant;
          compiled.value = node.value;
        } else if constexpr (is<Node, plan::UnitAll>) {
          compiled.kind = UnitTest::Kind::all;
          compile_terms(node.terms);
        } else if constexpr (is<Node, plan::UnitAny>) {
          compiled.kind = UnitTest::Kind::any;
          compile_terms(node.terms);
        } else if constexpr (is<Node, plan::UnitNot>) {
          compiled.kind = UnitTest::Kind::negate;
          compile_terms({node.term});
        } else {
          compiled.kind = is<Node, plan::AllAssets> ? UnitTest::Kind::all_assets : UnitTest::Kind::some_asset;
          reads_assets = true;
          compiled.asset_test = compile_asset_test(node.test, pos, reads);
        }
      },
      test->node);
  return compiled;
}

AssetTest EvaluationGraph::compile_asset_test(const plan::AssetPredPtr& test, const SourcePos& pos,
                                              std::vector<AssetAggregate*>& reads) {
  if (!test) fail(kMalformedPlan, pos, fmt::format("{} has a missing asset condition", reader()));
  AssetTest compiled;
  const auto read = [&](const AssetAggregateSpec& spec, const plan::RowSetPtr& rows, const std::string& key) {
    AssetAggregate& found = aggregate(spec, rows, key, pos);
    compiled.aggregate = &found;
    if (std::find(reads.begin(), reads.end(), &found) == reads.end()) reads.push_back(&found);
  };
  std::visit(
      [&](const auto& node) {
        using Node = decltype(node);
        const auto compile_terms = [&](const std::vector<plan::AssetPredPtr>& terms) {
          for (const plan::AssetPredPtr& term : terms)
            compiled.terms.push_back(compile_asset_test(term, pos, reads));
        };
        if constexpr (is<Node, plan::AssetConst>) {
          compiled.kind = AssetTest::Kind::constant;
          compiled.value = node.value;
        } else if constexpr (is<Node, plan::AssetAll>) {
          compiled.kind = AssetTest::Kind::all;
          compile_terms(node.terms);
        } else if constexpr (is<Node, plan::AssetAny>) {
          compiled.kind = AssetTest::Kind::any;
          compile_terms(node.terms);
        } else if constexpr (is<Node, plan::AssetNot>) {
          compiled.kind = AssetTest::Kind::negate;
          compile_terms({node.term});
        } else if constexpr (is<Node, plan::AnyRow>) {
          compiled.kind = AssetTest::Kind::has_rows;
          read(AssetAggregateSpec{AssetMeasure::any_row}, node.rows, "any_row:" + key_of(node.rows));
        } else if constexpr (is<Node, plan::EveryRow>) {
          if (!node.test)
            fail(kMalformedPlan, pos,
                 fmt::format("{} tests every row against a missing condition", reader()));
          compiled.kind = AssetTest::Kind::every_row;
          AssetAggregateSpec spec{AssetMeasure::every_row};
          spec.test = node.test.get();
          read(spec, node.rows, "every_row:" + key_of(test));
        } else {
          compiled.kind = AssetTest::Kind::reduced_in;
          compiled.mask = node.mask;
          AssetAggregateSpec spec{measure_of(node.reduce)};
          spec.column = node.column;
          read(spec, node.rows,
               fmt::format("reduce:{}:{}:{}", static_cast<int>(node.reduce), node.column, key_of(node.rows)));
        }
      },
      test->node);
  return compiled;
}

AssetAggregate& EvaluationGraph::aggregate(const AssetAggregateSpec& requested, const plan::RowSetPtr& rows,
                                           const std::string& key, const SourcePos& pos) {
  if (const auto found = aggregates_by_key_.find(key); found != aggregates_by_key_.end())
    return *found->second;
  RowSource& rows_source = source(rows, pos);
  AssetAggregateSpec spec = requested;
  const SourcePos& rows_pos = rows->pos;
  if (spec.measure == AssetMeasure::every_row) {
    check_predicate(*spec.test, rows_pos);
    if (!depends_on_day(*spec.test))
      spec.static_test = &filter_.mask(*spec.test);
    else if (rows_source.scope() == plan::Scope::term)
      fail(kMalformedPlan, rows_pos,
           fmt::format(
               "{} tests term rows against the evaluated day; day-relative conditions need a snapshot or "
               "hours scope",
               reader()));
  } else if (spec.measure != AssetMeasure::any_row) {
    if (spec.column >= schema_.columns.size() || schema_.columns[spec.column].type != ColumnType::enumeration)
      fail(kMalformedPlan, pos, fmt::format("{} reduces a column that is not an enum column", reader()));
    index_.require_cells(spec.column, reader());
    if (spec.measure == AssetMeasure::latest && schema_.tie_column)
      index_.require_cells(*schema_.tie_column, reader());
  }
  auto made = std::make_unique<AssetAggregate>(spec, rows_source, index_, filter_);
  AssetAggregate& result = *made;
  aggregates_.push_back(&result);
  aggregates_by_key_.emplace(key, std::move(made));
  return result;
}

RowSource& EvaluationGraph::source(const plan::RowSetPtr& rows, const SourcePos& around) {
  if (!rows) fail(kMalformedPlan, around, fmt::format("{} reads a missing row set", reader()));
  const std::string key = key_of(rows);
  if (const auto found = sources_by_key_.find(key); found != sources_by_key_.end()) return *found->second;
  const plan::RowSet& set = *rows;
  if (set.scope == plan::Scope::hours && set.hours < 1)
    fail(kMalformedPlan, set.pos,
         fmt::format("{} has an hours scope of {} hours; it must be at least 1", reader(), set.hours));
  const RowBits* static_where = nullptr;
  if (set.where) {
    check_predicate(*set.where, set.pos);
    if (!depends_on_day(*set.where))
      static_where = &filter_.mask(*set.where);
    else if (set.scope == plan::Scope::term)
      fail(kMalformedPlan, set.pos,
           fmt::format(
               "{} filters term rows relative to the evaluated day; day-relative conditions need a snapshot "
               "or hours scope",
               reader()));
  }
  auto made = std::make_unique<RowSource>(set, index_, filter_, static_where);
  RowSource& result = *made;
  sources_.push_back(&result);
  sources_by_key_.emplace(key, std::move(made));
  return result;
}

void EvaluationGraph::check_predicate(const plan::RowPred& predicate, const SourcePos& pos) {
  std::vector<std::size_t> columns;
  check_row_predicate(predicate, schema_, pos, columns);
  for (const std::size_t column : columns)
    index_.require_cells(column, reader());
}

} // namespace tally::eval
