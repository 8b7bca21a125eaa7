#include "tests/eval/eval_fixtures.hpp"

#include "tests/support/contract_schema.hpp"

#include <stdexcept>

namespace tally::eval_test {

namespace {

template <class T, class Node> std::shared_ptr<const T> make(Node node) {
  return std::make_shared<const T>(T{std::move(node)});
}

SourcePos at_line(std::uint32_t line) {
  return SourcePos{"test.tally", line, 1};
}

plan::NumPtr num(decltype(plan::Num::node) node, std::uint32_t line = 1) {
  return std::make_shared<const plan::Num>(plan::Num{std::move(node), at_line(line)});
}

plan::UnitsPtr units(decltype(plan::Units::node) node, std::size_t key) {
  return std::make_shared<const plan::Units>(plan::Units{std::move(node), key, at_line(1)});
}

std::uint64_t mask_of(std::string_view column_name, std::initializer_list<std::string_view> values) {
  const Column& declared = schema().columns[column(column_name)];
  std::uint64_t mask = 0;
  for (const std::string_view value : values) {
    const auto index = declared.value_index(value);
    if (!index) throw std::logic_error("no value " + std::string(value) + " in " + std::string(column_name));
    mask |= std::uint64_t{1} << *index;
  }
  return mask;
}

plan::RowSetPtr row_set(plan::Scope scope, std::int32_t count, plan::RowPredPtr where) {
  return std::make_shared<const plan::RowSet>(plan::RowSet{scope, count, std::move(where), at_line(1)});
}

Rational decimal(std::string_view text) {
  const auto value = parse_decimal(text);
  if (!value) throw std::logic_error("bad decimal " + std::string(text));
  return *value;
}

} // namespace

const Schema& schema() {
  static const Schema contract = test::contract_schema();
  return contract;
}

std::size_t column(std::string_view name) {
  const auto index = schema().index_of(name);
  if (!index) throw std::logic_error("no column " + std::string(name));
  return *index;
}

Day day(std::string_view text) {
  const auto parsed = parse_date(text);
  if (!parsed) throw std::logic_error("bad date " + std::string(text));
  return *parsed;
}

Seconds time(std::string_view text) {
  const auto parsed = parse_timestamp(text);
  if (!parsed) throw std::logic_error("bad time " + std::string(text));
  return *parsed;
}

TableBuilder::TableBuilder()
    : table_(std::make_unique<Table>()), appender_(std::make_unique<RowAppender>(schema(), *table_)) {
  table_->path = "test.csv";
}

TableBuilder& TableBuilder::row(const Cells& cells) {
  BadRow error;
  appender_->begin_row(++line_);
  for (const auto& [name, text] : cells)
    if (!appender_->set_cell(column(name), text, 1, error)) throw std::logic_error(error.message);
  if (!appender_->end_row(error)) throw std::logic_error(error.message);
  return *this;
}

plan::RowPredPtr always() {
  return make<plan::RowPred>(plan::BoolConst{true});
}
plan::RowPredPtr all_of(std::vector<plan::RowPredPtr> terms) {
  return make<plan::RowPred>(plan::AllOf{std::move(terms)});
}
plan::RowPredPtr any_of(std::vector<plan::RowPredPtr> terms) {
  return make<plan::RowPred>(plan::AnyOf{std::move(terms)});
}
plan::RowPredPtr not_row(plan::RowPredPtr term) {
  return make<plan::RowPred>(plan::NotRow{std::move(term)});
}
plan::RowPredPtr enum_in(std::string_view column_name, std::initializer_list<std::string_view> values) {
  return make<plan::RowPred>(plan::EnumIn{column(column_name), mask_of(column_name, values)});
}
plan::RowPredPtr string_in(std::string_view column_name, std::vector<std::string> values) {
  return make<plan::RowPred>(plan::StringIn{column(column_name), std::move(values)});
}
plan::RowPredPtr int_compare(std::string_view column_name, plan::Compare op, std::int64_t value) {
  return make<plan::RowPred>(plan::IntCompare{column(column_name), op, value});
}
plan::RowPredPtr time_compare(std::string_view column_name, plan::Compare op, Seconds value) {
  return make<plan::RowPred>(plan::TimeCompare{column(column_name), op, value});
}
plan::RowPredPtr modules_has(std::initializer_list<std::string_view> modules, bool all) {
  std::vector<std::string> items(modules.begin(), modules.end());
  return make<plan::RowPred>(
      plan::SetHas{column("modules"), all, mask_of("modules", modules), std::move(items)});
}
plan::RowPredPtr tags_has(std::vector<std::string> tags, bool all) {
  return make<plan::RowPred>(plan::SetHas{column("tags"), all, 0, std::move(tags)});
}
plan::RowPredPtr is_empty(std::string_view column_name) {
  return make<plan::RowPred>(plan::IsEmpty{column(column_name)});
}
plan::RowPredPtr within_days(std::string_view column_name, std::int32_t days) {
  return make<plan::RowPred>(plan::WithinDays{column(column_name), days});
}
plan::RowPredPtr live() {
  return enum_in("status", {"active", "enabled"});
}

plan::RowSetPtr snapshot(plan::RowPredPtr where) {
  return row_set(plan::Scope::snapshot, 0, std::move(where));
}
plan::RowSetPtr term(plan::RowPredPtr where) {
  return row_set(plan::Scope::term, 0, std::move(where));
}
plan::RowSetPtr hours(std::int32_t count, plan::RowPredPtr where) {
  return row_set(plan::Scope::hours, count, std::move(where));
}

plan::AssetPredPtr asset_const(bool value) {
  return make<plan::AssetPred>(plan::AssetConst{value});
}
plan::AssetPredPtr asset_all(std::vector<plan::AssetPredPtr> terms) {
  return make<plan::AssetPred>(plan::AssetAll{std::move(terms)});
}
plan::AssetPredPtr asset_any(std::vector<plan::AssetPredPtr> terms) {
  return make<plan::AssetPred>(plan::AssetAny{std::move(terms)});
}
plan::AssetPredPtr asset_not(plan::AssetPredPtr term) {
  return make<plan::AssetPred>(plan::AssetNot{std::move(term)});
}
plan::AssetPredPtr any_row(plan::RowSetPtr rows) {
  return make<plan::AssetPred>(plan::AnyRow{std::move(rows)});
}
plan::AssetPredPtr every_row(plan::RowSetPtr rows, plan::RowPredPtr test) {
  return make<plan::AssetPred>(plan::EveryRow{std::move(rows), std::move(test)});
}
plan::AssetPredPtr reduced_in(plan::Reduce reduce, plan::RowSetPtr rows, std::string_view column_name,
                              std::initializer_list<std::string_view> values) {
  return make<plan::AssetPred>(
      plan::EnumReduce{reduce, std::move(rows), column(column_name), mask_of(column_name, values)});
}

plan::UnitPredPtr unit_const(bool value) {
  return make<plan::UnitPred>(plan::UnitConst{value});
}
plan::UnitPredPtr unit_all(std::vector<plan::UnitPredPtr> terms) {
  return make<plan::UnitPred>(plan::UnitAll{std::move(terms)});
}
plan::UnitPredPtr unit_any(std::vector<plan::UnitPredPtr> terms) {
  return make<plan::UnitPred>(plan::UnitAny{std::move(terms)});
}
plan::UnitPredPtr unit_not(plan::UnitPredPtr term) {
  return make<plan::UnitPred>(plan::UnitNot{std::move(term)});
}
plan::UnitPredPtr all_assets(plan::AssetPredPtr test) {
  return make<plan::UnitPred>(plan::AllAssets{std::move(test)});
}
plan::UnitPredPtr some_asset(plan::AssetPredPtr test) {
  return make<plan::UnitPred>(plan::SomeAsset{std::move(test)});
}

plan::UnitsPtr distinct(std::string_view key_column, plan::RowSetPtr rows) {
  return units(plan::Distinct{column(key_column), std::move(rows)}, column(key_column));
}
plan::UnitsPtr having(plan::UnitsPtr inner, plan::UnitPredPtr test) {
  const std::size_t key = inner->key;
  return units(plan::Having{std::move(inner), std::move(test)}, key);
}
plan::UnitsPtr minus(plan::UnitsPtr kept, plan::UnitsPtr removed) {
  const std::size_t key = kept->key;
  return units(plan::Minus{std::move(kept), std::move(removed)}, key);
}

plan::UnitsPtr first(plan::UnitsPtr inner, std::string_view order_column, std::uint64_t count) {
  const std::size_t key = inner->key;
  return units(plan::First{std::move(inner), column(order_column), count}, key);
}

plan::NumPtr constant(std::string_view text, std::uint32_t line) {
  return num(plan::Constant{decimal(text)}, line);
}
plan::NumPtr count(plan::UnitsPtr counted, std::uint32_t line) {
  return num(plan::Count{std::move(counted)}, line);
}
plan::NumPtr component(std::size_t index) {
  return num(plan::ComponentRef{index});
}
plan::NumPtr usage() {
  return num(plan::UsageRef{});
}
plan::NumPtr negate(plan::NumPtr operand) {
  return num(plan::Negate{std::move(operand)});
}
plan::NumPtr arith(plan::Arith op, plan::NumPtr left, plan::NumPtr right, std::uint32_t line) {
  return num(plan::Binary{op, std::move(left), std::move(right)}, line);
}
plan::NumPtr add(plan::NumPtr left, plan::NumPtr right) {
  return arith(plan::Arith::add, std::move(left), std::move(right));
}
plan::NumPtr sub(plan::NumPtr left, plan::NumPtr right) {
  return arith(plan::Arith::sub, std::move(left), std::move(right));
}
plan::NumPtr mul(plan::NumPtr left, plan::NumPtr right) {
  return arith(plan::Arith::mul, std::move(left), std::move(right));
}
plan::NumPtr divide(plan::NumPtr left, plan::NumPtr right, std::uint32_t line) {
  return arith(plan::Arith::div, std::move(left), std::move(right), line);
}
plan::NumPtr round(plan::NumPtr operand, RoundingMode mode, int places) {
  return num(plan::Round{std::move(operand), mode, places});
}
plan::NumPtr hourly_average(plan::NumPtr operand) {
  return num(plan::HourlyAverage{std::move(operand)});
}

plan::ProductPlan simple_product(std::string name, plan::Method method, std::int32_t length,
                                 plan::NumPtr daily, std::string_view ratio) {
  return product(std::move(name), method, length, {{"units", std::move(daily)}}, component(0), ratio);
}

plan::ProductPlan product(std::string name, plan::Method method, std::int32_t length,
                          std::vector<std::pair<std::string, plan::NumPtr>> components,
                          plan::NumPtr usage_num, std::string_view ratio) {
  plan::ProductPlan result;
  result.name = name;
  result.title = name + " title";
  result.pos = at_line(1);
  result.method = method;
  result.length = length;
  result.ratio = decimal(ratio);
  for (auto& [component_name, daily] : components)
    result.components.push_back(plan::Component{component_name, std::move(daily), at_line(1)});
  result.usage = std::move(usage_num);
  result.qlu = mul(usage(), constant(ratio));
  return result;
}

plan::Plan make_plan(Day start, Day end, std::optional<Day> as_of, std::vector<plan::ProductPlan> products) {
  plan::Plan result;
  result.start = start;
  result.end = end;
  result.as_of = as_of;
  result.products = std::move(products);
  return result;
}

std::vector<Rational> daily_usage(const ProductResult& product) {
  std::vector<Rational> values;
  for (const PeriodResult& period : product.periods)
    values.push_back(period.usage);
  return values;
}

Rational value_of(const PeriodResult& period, std::string_view component_name) {
  for (const auto& [name, value] : period.components)
    if (name == component_name) return value;
  throw std::logic_error("no component " + std::string(component_name));
}

} // namespace tally::eval_test
