#include "tests/eval/naive_plan.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace tally::eval_test {

namespace {

using plan::is;

} // namespace

NaivePlan::NaivePlan(const Schema& schema, const Table& table, Day start)
    : schema_(schema), table_(table), start_(start), time_column_(*schema.index_of(kTimeColumn)),
      asset_column_(*schema.index_of(kAssetColumn)) {}

Seconds NaivePlan::observed_at(std::size_t row) const {
  return table_.columns[time_column_].times[row];
}

std::string NaivePlan::asset_of(std::size_t row) const {
  return std::string(table_.strings.view(table_.columns[asset_column_].strings[row]));
}

std::string NaivePlan::key_text(std::size_t column, std::size_t row) const {
  const ColumnData& data = table_.columns[column];
  switch (schema_.columns[column].type) {
  case ColumnType::string:
    return std::string(table_.strings.view(data.strings[row]));
  case ColumnType::enumeration:
    return data.enums[row] == kNoEnum ? "" : schema_.columns[column].values[data.enums[row]];
  case ColumnType::integer:
    return std::to_string(data.ints[row]);
  case ColumnType::timestamp:
    return data.times[row] == kNoTime ? "" : std::to_string(data.times[row]);
  case ColumnType::set:
    break;
  }
  throw std::logic_error("naive plan: a set column as key");
}

bool NaivePlan::row_passes(const plan::RowPred& predicate, std::size_t row, Day d) const {
  return std::visit(
      [&](const auto& node) -> bool {
        using Node = decltype(node);
        if constexpr (is<Node, plan::BoolConst>) {
          return node.value;
        } else if constexpr (is<Node, plan::AllOf>) {
          for (const auto& term : node.terms)
            if (!row_passes(*term, row, d)) return false;
          return true;
        } else if constexpr (is<Node, plan::AnyOf>) {
          for (const auto& term : node.terms)
            if (row_passes(*term, row, d)) return true;
          return false;
        } else if constexpr (is<Node, plan::NotRow>) {
          return !row_passes(*node.term, row, d);
        } else if constexpr (is<Node, plan::IntCompare>) {
          return plan::holds(node.op, table_.columns[node.column].ints[row], node.value);
        } else if constexpr (is<Node, plan::TimeCompare>) {
          const Seconds value = table_.columns[node.column].times[row];
          return value != kNoTime && plan::holds(node.op, value, node.value);
        } else if constexpr (is<Node, plan::EnumIn>) {
          const std::uint8_t value = table_.columns[node.column].enums[row];
          return value != kNoEnum && value < 64 && ((node.mask >> value) & 1) != 0;
        } else if constexpr (is<Node, plan::StringIn>) {
          const std::string text = key_text(node.column, row);
          if (text.empty()) return false;
          for (const std::string& value : node.values)
            if (value == text) return true;
          return false;
        } else if constexpr (is<Node, plan::SetHas>) {
          const ColumnData& data = table_.columns[node.column];
          std::set<std::string> items;
          if (!schema_.columns[node.column].values.empty()) {
            for (std::size_t i = 0; i < 64; ++i)
              if ((data.bits[row] >> i) & 1) items.insert(schema_.columns[node.column].values[i]);
          } else {
            for (std::uint32_t i = data.set_offsets[row]; i < data.set_offsets[row + 1]; ++i)
              items.insert(std::string(table_.strings.view(data.set_items[i])));
          }
          std::size_t held = 0;
          for (const std::string& item : node.items)
            held += items.count(item);
          return node.all ? held == node.items.size() : held > 0;
        } else if constexpr (is<Node, plan::IsEmpty>) {
          const ColumnData& data = table_.columns[node.column];
          switch (schema_.columns[node.column].type) {
          case ColumnType::set:
            return schema_.columns[node.column].values.empty()
                       ? data.set_offsets[row] == data.set_offsets[row + 1]
                       : data.bits[row] == 0;
          case ColumnType::integer:
            return false;
          default:
            return key_text(node.column, row).empty();
          }
        } else {
          const Seconds value = table_.columns[node.column].times[row];
          if (value == kNoTime) return false;
          return day_of(value) >= d - (node.days - 1) && day_of(value) <= d;
        }
      },
      predicate.node);
}

std::vector<std::size_t> NaivePlan::rows_in(const plan::RowSet& rows, Day d,
                                            std::optional<std::int64_t> hour) const {
  std::vector<std::size_t> found;
  for (std::size_t row = 0; row < table_.rows; ++row) {
    const Day row_day = table_.day[row];
    bool in_scope = false;
    switch (rows.scope) {
    case plan::Scope::snapshot:
      in_scope = row_day == d;
      break;
    case plan::Scope::term:
      in_scope = row_day >= start_ && row_day <= d;
      break;
    case plan::Scope::hours: {
      const std::int64_t row_hour = hour_of(observed_at(row));
      in_scope = row_hour >= *hour - (rows.hours - 1) && row_hour <= *hour;
      break;
    }
    }
    if (in_scope && (!rows.where || row_passes(*rows.where, row, d))) found.push_back(row);
  }
  return found;
}

NaivePlan::Units NaivePlan::units(const plan::Units& units_node, Day d,
                                  std::optional<std::int64_t> hour) const {
  return std::visit(
      [&](const auto& node) -> Units {
        using Node = decltype(node);
        if constexpr (is<Node, plan::Distinct>) {
          Units found;
          for (const std::size_t row : rows_in(*node.rows, d, hour)) {
            const std::string key = key_text(node.key, row);
            if (!key.empty()) found[key].insert(asset_of(row));
          }
          return found;
        } else if constexpr (is<Node, plan::Having>) {
          Units kept;
          for (const auto& [key, assets] : units(*node.units, d, hour))
            if (unit_passes(*node.test, assets, d, hour)) kept[key] = assets;
          return kept;
        } else if constexpr (is<Node, plan::First>) {
          return first(node, d, hour);
        } else {
          Units kept = units(*node.units, d, hour);
          for (const auto& [key, assets] : units(*node.removed, d, hour))
            kept.erase(key);
          return kept;
        }
      },
      units_node.node);
}

// Sorts every unit by the earliest time on the rows of the distinct it comes
// from, then by key text (string keys; the graph orders other keys by value).
NaivePlan::Units NaivePlan::first(const plan::First& node, Day d, std::optional<std::int64_t> hour) const {
  const plan::Units* base = node.units.get();
  while (!std::holds_alternative<plan::Distinct>(base->node))
    base = std::visit(
        [](const auto& inner) -> const plan::Units* {
          if constexpr (is<decltype(inner), plan::Distinct>)
            return nullptr;
          else
            return inner.units.get();
        },
        base->node);
  const auto& distinct = std::get<plan::Distinct>(base->node);
  const Units candidates = units(*node.units, d, hour);
  std::map<std::string, Seconds> earliest;
  for (const std::size_t row : rows_in(*distinct.rows, d, hour)) {
    const std::string key = key_text(distinct.key, row);
    if (!candidates.count(key)) continue;
    const Seconds time = table_.columns[node.order].times[row];
    auto [at, fresh] = earliest.emplace(key, time);
    if (time != kNoTime && (at->second == kNoTime || time < at->second)) at->second = time;
  }
  std::vector<std::pair<Seconds, std::string>> order;
  for (const auto& [key, time] : earliest)
    order.emplace_back(time == kNoTime ? std::numeric_limits<Seconds>::max() : time, key);
  std::sort(order.begin(), order.end());
  Units kept;
  for (std::size_t i = 0; i < order.size() && i < node.count; ++i)
    kept[order[i].second] = candidates.at(order[i].second);
  return kept;
}

bool NaivePlan::unit_passes(const plan::UnitPred& predicate, const std::set<std::string>& assets, Day d,
                            std::optional<std::int64_t> hour) const {
  return std::visit(
      [&](const auto& node) -> bool {
        using Node = decltype(node);
        if constexpr (is<Node, plan::UnitConst>) {
          return node.value;
        } else if constexpr (is<Node, plan::UnitAll>) {
          for (const auto& term : node.terms)
            if (!unit_passes(*term, assets, d, hour)) return false;
          return true;
        } else if constexpr (is<Node, plan::UnitAny>) {
          for (const auto& term : node.terms)
            if (unit_passes(*term, assets, d, hour)) return true;
          return false;
        } else if constexpr (is<Node, plan::UnitNot>) {
          return !unit_passes(*node.term, assets, d, hour);
        } else if constexpr (is<Node, plan::AllAssets>) {
          for (const std::string& asset : assets)
            if (!asset_passes(*node.test, asset, d, hour)) return false;
          return true;
        } else {
          for (const std::string& asset : assets)
            if (asset_passes(*node.test, asset, d, hour)) return true;
          return false;
        }
      },
      predicate.node);
}

bool NaivePlan::asset_passes(const plan::AssetPred& predicate, const std::string& asset, Day d,
                             std::optional<std::int64_t> hour) const {
  const auto rows_of_asset = [&](const plan::RowSet& rows) {
    std::vector<std::size_t> mine;
    for (const std::size_t row : rows_in(rows, d, hour))
      if (asset_of(row) == asset) mine.push_back(row);
    return mine;
  };
  return std::visit(
      [&](const auto& node) -> bool {
        using Node = decltype(node);
        if constexpr (is<Node, plan::AssetConst>) {
          return node.value;
        } else if constexpr (is<Node, plan::AssetAll>) {
          for (const auto& term : node.terms)
            if (!asset_passes(*term, asset, d, hour)) return false;
          return true;
        } else if constexpr (is<Node, plan::AssetAny>) {
          for (const auto& term : node.terms)
            if (asset_passes(*term, asset, d, hour)) return true;
          return false;
        } else if constexpr (is<Node, plan::AssetNot>) {
          return !asset_passes(*node.term, asset, d, hour);
        } else if constexpr (is<Node, plan::AnyRow>) {
          return !rows_of_asset(*node.rows).empty();
        } else if constexpr (is<Node, plan::EveryRow>) {
          for (const std::size_t row : rows_of_asset(*node.rows))
            if (!row_passes(*node.test, row, d)) return false;
          return true;
        } else {
          const auto& values = table_.columns[node.column].enums;
          std::optional<std::size_t> chosen;
          // The tie rank of a row: its status's position in the tie order, unlisted last.
          const auto tie_rank = [&](std::size_t row) -> std::size_t {
            if (!schema_.tie_column) return 0;
            const std::uint8_t tie = table_.columns[*schema_.tie_column].enums[row];
            for (std::size_t i = 0; i < schema_.tie_order.size(); ++i)
              if (schema_.tie_order[i] == tie) return i;
            return schema_.tie_order.size();
          };
          // Empty values sort below every value.
          const auto value_rank = [&](std::size_t row) {
            return values[row] == kNoEnum ? -1 : int{values[row]};
          };
          for (const std::size_t row : rows_of_asset(*node.rows)) {
            if (!chosen) {
              chosen = row;
              continue;
            }
            bool better = false;
            switch (node.reduce) {
            case plan::Reduce::latest:
              if (observed_at(row) != observed_at(*chosen))
                better = observed_at(row) > observed_at(*chosen);
              else if (tie_rank(row) != tie_rank(*chosen))
                better = tie_rank(row) < tie_rank(*chosen);
              else
                better = value_rank(row) > value_rank(*chosen);
              break;
            case plan::Reduce::highest:
              better = value_rank(row) > value_rank(*chosen);
              break;
            case plan::Reduce::lowest:
              better =
                  values[row] != kNoEnum && (values[*chosen] == kNoEnum || values[row] < values[*chosen]);
              break;
            }
            if (better) chosen = row;
          }
          if (!chosen || values[*chosen] == kNoEnum || values[*chosen] >= 64) return false;
          return ((node.mask >> values[*chosen]) & 1) != 0;
        }
      },
      predicate.node);
}

Rational NaivePlan::number(const plan::Num& num, Day d, std::optional<std::int64_t> hour,
                           const std::vector<Rational>& components) const {
  return std::visit(
      [&](const auto& node) -> Rational {
        using Node = decltype(node);
        if constexpr (is<Node, plan::Constant>) {
          return node.value;
        } else if constexpr (is<Node, plan::Count>) {
          return Rational(static_cast<unsigned long long>(units(*node.units, d, hour).size()));
        } else if constexpr (is<Node, plan::ComponentRef>) {
          return components.at(node.index);
        } else if constexpr (is<Node, plan::UsageRef>) {
          throw std::logic_error("naive plan: usage outside a QLU");
        } else if constexpr (is<Node, plan::Negate>) {
          return -number(*node.operand, d, hour, components);
        } else if constexpr (is<Node, plan::Binary>) {
          const Rational left = number(*node.left, d, hour, components);
          const Rational right = number(*node.right, d, hour, components);
          return plan::apply(node.op, left, right);
        } else if constexpr (is<Node, plan::Round>) {
          return round_to(number(*node.operand, d, hour, components), node.mode, node.places);
        } else {
          Rational total = 0;
          for (std::int64_t h = 0; h < 24; ++h)
            total += number(*node.operand, d, std::int64_t{d} * 24 + h, components);
          return total / 24;
        }
      },
      num.node);
}

std::vector<Rational> NaivePlan::daily_usage(const plan::ProductPlan& product, Day last) const {
  std::vector<Rational> usage;
  for (Day d = start_; d <= last; ++d) {
    std::vector<Rational> components;
    for (const plan::Component& component : product.components)
      components.push_back(number(*component.daily, d, std::nullopt, components));
    usage.push_back(number(*product.usage, d, std::nullopt, components));
  }
  return usage;
}

} // namespace tally::eval_test
