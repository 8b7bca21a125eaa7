// Builders for the evaluator's tests: observation tables from named cells, and
// plans written node by node, so each test reads like the semantics it checks.
#pragma once

#include "evaluator.hpp"
#include "plan.hpp"
#include "schema.hpp"
#include "table.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tally::eval_test {

const Schema& schema(); // the contract schema
std::size_t column(std::string_view name);
Day day(std::string_view text);      // "2026-01-05"
Seconds time(std::string_view text); // "2026-01-05T03:00Z"

using Cells = std::vector<std::pair<std::string, std::string>>;

// A table of the contract schema; every row goes through RowAppender.
class TableBuilder {
public:
  TableBuilder();
  TableBuilder& row(const Cells& cells); // throws std::logic_error on a bad row
  const Table& table() const { return *table_; }
  Table& table() { return *table_; }

private:
  std::unique_ptr<Table> table_;
  std::unique_ptr<RowAppender> appender_;
  std::uint64_t line_ = 1;
};

// ---------------------------------------------------------------- row predicates
plan::RowPredPtr always();
plan::RowPredPtr all_of(std::vector<plan::RowPredPtr> terms);
plan::RowPredPtr any_of(std::vector<plan::RowPredPtr> terms);
plan::RowPredPtr not_row(plan::RowPredPtr term);
plan::RowPredPtr enum_in(std::string_view column_name, std::initializer_list<std::string_view> values);
plan::RowPredPtr string_in(std::string_view column_name, std::vector<std::string> values);
plan::RowPredPtr int_compare(std::string_view column_name, plan::Compare op, std::int64_t value);
plan::RowPredPtr time_compare(std::string_view column_name, plan::Compare op, Seconds value);
plan::RowPredPtr modules_has(std::initializer_list<std::string_view> modules, bool all = false);
plan::RowPredPtr tags_has(std::vector<std::string> tags, bool all = false);
plan::RowPredPtr is_empty(std::string_view column_name);
plan::RowPredPtr within_days(std::string_view column_name, std::int32_t days);
plan::RowPredPtr live();

// ---------------------------------------------------------------- row sets
plan::RowSetPtr snapshot(plan::RowPredPtr where);
plan::RowSetPtr term(plan::RowPredPtr where);
plan::RowSetPtr hours(std::int32_t count, plan::RowPredPtr where);

// ---------------------------------------------------------------- asset predicates
plan::AssetPredPtr asset_const(bool value);
plan::AssetPredPtr asset_all(std::vector<plan::AssetPredPtr> terms);
plan::AssetPredPtr asset_any(std::vector<plan::AssetPredPtr> terms);
plan::AssetPredPtr asset_not(plan::AssetPredPtr term);
plan::AssetPredPtr any_row(plan::RowSetPtr rows);
plan::AssetPredPtr every_row(plan::RowSetPtr rows, plan::RowPredPtr test);
plan::AssetPredPtr reduced_in(plan::Reduce reduce, plan::RowSetPtr rows, std::string_view column_name,
                              std::initializer_list<std::string_view> values);

// ---------------------------------------------------------------- unit sets
plan::UnitPredPtr unit_const(bool value);
plan::UnitPredPtr unit_all(std::vector<plan::UnitPredPtr> terms);
plan::UnitPredPtr unit_any(std::vector<plan::UnitPredPtr> terms);
plan::UnitPredPtr unit_not(plan::UnitPredPtr term);
plan::UnitPredPtr all_assets(plan::AssetPredPtr test);
plan::UnitPredPtr some_asset(plan::AssetPredPtr test);
plan::UnitsPtr distinct(std::string_view key_column, plan::RowSetPtr rows);
plan::UnitsPtr having(plan::UnitsPtr units, plan::UnitPredPtr test);
plan::UnitsPtr minus(plan::UnitsPtr units, plan::UnitsPtr removed);
plan::UnitsPtr first(plan::UnitsPtr units, std::string_view order_column, std::uint64_t count);

// ---------------------------------------------------------------- numbers
// Every number is located at test.tally:<line>:1, so errors can be checked.
plan::NumPtr constant(std::string_view decimal, std::uint32_t line = 1);
plan::NumPtr count(plan::UnitsPtr units, std::uint32_t line = 1);
plan::NumPtr component(std::size_t index);
plan::NumPtr usage();
plan::NumPtr negate(plan::NumPtr operand);
plan::NumPtr arith(plan::Arith op, plan::NumPtr left, plan::NumPtr right, std::uint32_t line = 1);
plan::NumPtr add(plan::NumPtr left, plan::NumPtr right);
plan::NumPtr sub(plan::NumPtr left, plan::NumPtr right);
plan::NumPtr mul(plan::NumPtr left, plan::NumPtr right);
plan::NumPtr divide(plan::NumPtr left, plan::NumPtr right, std::uint32_t line = 1);
plan::NumPtr round(plan::NumPtr operand, RoundingMode mode, int places);
plan::NumPtr hourly_average(plan::NumPtr operand);

// ---------------------------------------------------------------- products and plans
// A product whose usage is its single component and whose QLU is usage x ratio.
plan::ProductPlan simple_product(std::string name, plan::Method method, std::int32_t length,
                                 plan::NumPtr daily, std::string_view ratio = "1");
// A product with several named components and an explicit usage.
plan::ProductPlan product(std::string name, plan::Method method, std::int32_t length,
                          std::vector<std::pair<std::string, plan::NumPtr>> components, plan::NumPtr usage,
                          std::string_view ratio = "1");
plan::Plan make_plan(Day start, Day end, std::optional<Day> as_of, std::vector<plan::ProductPlan> products);

// Daily values of a one-day rolling total: period i is U(start + i).
std::vector<Rational> daily_usage(const ProductResult& product);
Rational value_of(const PeriodResult& period, std::string_view component_name);

} // namespace tally::eval_test
