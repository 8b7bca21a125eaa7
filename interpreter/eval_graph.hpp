// The plan compiled against one table: every distinct row set, asset
// aggregate and unit set exactly once, shared by all the products that use
// it, and each product's numbers bound to them. Compiling validates the plan
// against the schema and the table, so evaluation itself only fails on
// arithmetic (division by zero).
#pragma once

#include "eval_asset_state.hpp"
#include "eval_numbers.hpp"
#include "eval_row_predicates.hpp"
#include "eval_row_sources.hpp"
#include "eval_table_index.hpp"
#include "eval_units.hpp"
#include "plan.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tally::eval {

struct CompiledProduct {
  const plan::ProductPlan* plan = nullptr;
  std::vector<NumNode> components;
  NumNode usage, qlu;
};

class EvaluationGraph {
public:
  // The evaluated days will be first..last (none when first > last).
  EvaluationGraph(const plan::Plan& plan, const Schema& schema, const Table& table, Day first, Day last);

  // Collects `day`'s rows and folds them into every term-to-date state. Call
  // once for each evaluated day, in order.
  void advance_to(Day day);

  const std::vector<CompiledProduct>& products() const { return products_; }

private:
  // Where a number sits, which decides what it may read.
  struct NumRole {
    std::size_t visible_components = 0; // ComponentRef below this index
    bool qlu = false;                   // UsageRef allowed; no counting
    bool hourly = false;                // inside an HourlyAverage
  };

  NumNode compile_num(const plan::NumPtr& num, const NumRole& role, const SourcePos& around);
  UnitSet& compile_units(const plan::UnitsPtr& units, const SourcePos& around);
  UnitTest compile_unit_test(const plan::UnitPredPtr& test, const SourcePos& pos,
                             std::vector<AssetAggregate*>& reads, bool& reads_assets);
  AssetTest compile_asset_test(const plan::AssetPredPtr& test, const SourcePos& pos,
                               std::vector<AssetAggregate*>& reads);
  AssetAggregate& aggregate(const AssetAggregateSpec& spec, const plan::RowSetPtr& rows,
                            const std::string& key, const SourcePos& pos);
  RowSource& source(const plan::RowSetPtr& rows, const SourcePos& around);
  void check_predicate(const plan::RowPred& predicate, const SourcePos& pos);
  std::size_t key_column(const plan::Units& units) const;
  std::string reader() const;

  const Schema& schema_;
  TableIndex index_;
  RowFilter filter_;
  const plan::ProductPlan* compiling_ = nullptr;

  std::map<std::string, std::unique_ptr<RowSource>> sources_by_key_;
  std::map<std::string, std::unique_ptr<AssetAggregate>> aggregates_by_key_;
  std::map<std::string, std::unique_ptr<UnitSet>> units_by_key_;
  // In creation order, which puts every node after the nodes it reads.
  std::vector<RowSource*> sources_;
  std::vector<AssetAggregate*> aggregates_;
  std::vector<UnitSet*> term_units_;

  std::vector<CompiledProduct> products_;
};

} // namespace tally::eval
