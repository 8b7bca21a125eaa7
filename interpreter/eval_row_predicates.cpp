#include "eval_row_predicates.hpp"

#include "eval_errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

namespace tally::eval {

namespace {

using plan::is;

std::string_view compare_name(plan::Compare op) {
  static constexpr std::string_view kNames[] = {"eq", "ne", "lt", "le", "gt", "ge"};
  return kNames[static_cast<std::size_t>(op)];
}

// Length-prefixed, so that no choice of text can make two lists collide.
std::string texts_key(const std::vector<std::string>& texts) {
  std::string key;
  for (const std::string& text : texts)
    key += fmt::format("{}:{},", text.size(), text);
  return key;
}

std::string terms_key(std::string_view name, const std::vector<plan::RowPredPtr>& terms) {
  std::string key = fmt::format("{}(", name);
  for (const plan::RowPredPtr& term : terms)
    key += (term ? key_of(*term) : "null") + ",";
  return key + ")";
}

// Sorted ids of the texts that were interned; texts never seen match no cell.
std::vector<StringId> interned_ids(const StringPool& strings, const std::vector<std::string>& texts,
                                   bool& all_found) {
  std::vector<StringId> ids;
  all_found = true;
  for (const std::string& text : texts) {
    const auto id = strings.find(text);
    if (id && *id != 0)
      ids.push_back(*id);
    else
      all_found = false;
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

} // namespace

bool depends_on_day(const plan::RowPred& predicate) {
  return std::visit(
      [](const auto& node) -> bool {
        using Node = decltype(node);
        if constexpr (is<Node, plan::WithinDays>)
          return true;
        else if constexpr (is<Node, plan::AllOf> || is<Node, plan::AnyOf>)
          return std::any_of(node.terms.begin(), node.terms.end(),
                             [](const auto& term) { return depends_on_day(*term); });
        else if constexpr (is<Node, plan::NotRow>)
          return depends_on_day(*node.term);
        else
          return false;
      },
      predicate.node);
}

std::string key_of(const plan::RowPred& predicate) {
  return std::visit(
      [](const auto& node) -> std::string {
        using Node = decltype(node);
        if constexpr (is<Node, plan::BoolConst>)
          return node.value ? "true" : "false";
        else if constexpr (is<Node, plan::AllOf>)
          return terms_key("all", node.terms);
        else if constexpr (is<Node, plan::AnyOf>)
          return terms_key("any", node.terms);
        else if constexpr (is<Node, plan::NotRow>)
          return "not(" + (node.term ? key_of(*node.term) : "null") + ")";
        else if constexpr (is<Node, plan::IntCompare>)
          return fmt::format("int({},{},{})", node.column, compare_name(node.op), node.value);
        else if constexpr (is<Node, plan::TimeCompare>)
          return fmt::format("time({},{},{})", node.column, compare_name(node.op), node.value);
        else if constexpr (is<Node, plan::EnumIn>)
          return fmt::format("enum({},{})", node.column, node.mask);
        else if constexpr (is<Node, plan::StringIn>)
          return fmt::format("string({},{})", node.column, texts_key(node.values));
        else if constexpr (is<Node, plan::SetHas>)
          return fmt::format("set({},{},{},{})", node.column, node.all, node.mask, texts_key(node.items));
        else if constexpr (is<Node, plan::IsEmpty>)
          return fmt::format("empty({})", node.column);
        else
          return fmt::format("within({},{})", node.column, node.days);
      },
      predicate.node);
}

void check_row_predicate(const plan::RowPred& predicate, const Schema& schema, const SourcePos& pos,
                         std::vector<std::size_t>& columns) {
  const auto read = [&](std::size_t column, std::optional<ColumnType> expected) {
    if (column >= schema.columns.size())
      fail(kMalformedPlan, pos,
           fmt::format("the plan reads column #{}, but the schema has {} columns", column,
                       schema.columns.size()));
    const Column& declared = schema.columns[column];
    if (expected && declared.type != *expected)
      fail(kMalformedPlan, pos,
           fmt::format("the plan reads column `{}` as {}, but it is {}", declared.name, name_of(*expected),
                       name_of(declared.type)));
    columns.push_back(column);
  };
  const auto check_terms = [&](const std::vector<plan::RowPredPtr>& terms) {
    for (const plan::RowPredPtr& term : terms) {
      if (!term) fail(kMalformedPlan, pos, "the plan has an empty row condition");
      check_row_predicate(*term, schema, pos, columns);
    }
  };
  std::visit(
      [&](const auto& node) {
        using Node = decltype(node);
        if constexpr (is<Node, plan::AllOf> || is<Node, plan::AnyOf>)
          check_terms(node.terms);
        else if constexpr (is<Node, plan::NotRow>)
          check_terms({node.term});
        else if constexpr (is<Node, plan::IntCompare>)
          read(node.column, ColumnType::integer);
        else if constexpr (is<Node, plan::TimeCompare> || is<Node, plan::WithinDays>)
          read(node.column, ColumnType::timestamp);
        else if constexpr (is<Node, plan::EnumIn>)
          read(node.column, ColumnType::enumeration);
        else if constexpr (is<Node, plan::StringIn>)
          read(node.column, ColumnType::string);
        else if constexpr (is<Node, plan::SetHas>)
          read(node.column, ColumnType::set);
        else if constexpr (is<Node, plan::IsEmpty>)
          read(node.column, std::nullopt);
      },
      predicate.node);
}

RowFilter::RowFilter(const Schema& schema, const Table& table, RowIndex first_row, RowIndex last_row)
    : schema_(schema), table_(table), first_row_(first_row), last_row_(last_row) {}

template <class Use> void RowFilter::with_row_test(const plan::RowPred& leaf, Day day, Use&& use) const {
  std::visit(
      [&](const auto& node) {
        using Node = decltype(node);
        if constexpr (is<Node, plan::BoolConst>) {
          use([value = node.value](RowIndex) { return value; });
        } else if constexpr (is<Node, plan::IntCompare>) {
          const auto& ints = table_.columns[node.column].ints;
          use([&](RowIndex row) { return plan::holds(node.op, ints[row], node.value); });
        } else if constexpr (is<Node, plan::TimeCompare>) {
          const auto& times = table_.columns[node.column].times;
          use([&](RowIndex row) {
            return times[row] != kNoTime && plan::holds(node.op, times[row], node.value);
          });
        } else if constexpr (is<Node, plan::EnumIn>) {
          const auto& enums = table_.columns[node.column].enums;
          use([&](RowIndex row) { return enums[row] < 64 && ((node.mask >> enums[row]) & 1) != 0; });
        } else if constexpr (is<Node, plan::StringIn>) {
          bool all_found = false;
          const std::vector<StringId> ids = interned_ids(table_.strings, node.values, all_found);
          const auto& strings = table_.columns[node.column].strings;
          use([&](RowIndex row) { return std::binary_search(ids.begin(), ids.end(), strings[row]); });
        } else if constexpr (is<Node, plan::SetHas>) {
          const ColumnData& data = table_.columns[node.column];
          if (!schema_.columns[node.column].values.empty()) {
            if (node.all)
              use([&](RowIndex row) { return (data.bits[row] & node.mask) == node.mask; });
            else
              use([&](RowIndex row) { return (data.bits[row] & node.mask) != 0; });
            return;
          }
          bool all_found = false;
          const std::vector<StringId> ids = interned_ids(table_.strings, node.items, all_found);
          const auto holds = [&](RowIndex row, StringId id) {
            const auto first = data.set_items.begin() + data.set_offsets[row];
            const auto last = data.set_items.begin() + data.set_offsets[row + 1];
            return std::find(first, last, id) != last;
          };
          if (node.all)
            use([&](RowIndex row) {
              return all_found &&
                     std::all_of(ids.begin(), ids.end(), [&](StringId id) { return holds(row, id); });
            });
          else
            use([&](RowIndex row) {
              return std::any_of(ids.begin(), ids.end(), [&](StringId id) { return holds(row, id); });
            });
        } else if constexpr (is<Node, plan::IsEmpty>) {
          const ColumnData& data = table_.columns[node.column];
          const Column& column = schema_.columns[node.column];
          switch (column.type) {
          case ColumnType::integer:
            use([](RowIndex) { return false; }); // an integer cell always holds a number
            break;
          case ColumnType::timestamp:
            use([&](RowIndex row) { return data.times[row] == kNoTime; });
            break;
          case ColumnType::string:
            use([&](RowIndex row) { return data.strings[row] == 0; });
            break;
          case ColumnType::enumeration:
            use([&](RowIndex row) { return data.enums[row] == kNoEnum; });
            break;
          case ColumnType::set:
            if (!column.values.empty())
              use([&](RowIndex row) { return data.bits[row] == 0; });
            else
              use([&](RowIndex row) { return data.set_offsets[row] == data.set_offsets[row + 1]; });
            break;
          }
        } else if constexpr (is<Node, plan::WithinDays>) {
          const auto& times = table_.columns[node.column].times;
          const std::int64_t first = std::int64_t{day} - (std::int64_t{node.days} - 1);
          use([&](RowIndex row) {
            if (times[row] == kNoTime) return false;
            const Day value_day = day_of(times[row]);
            return value_day >= first && value_day <= day;
          });
        }
      },
      leaf.node);
}

const RowBits& RowFilter::mask(const plan::RowPred& predicate) {
  if (const auto found = masks_by_node_.find(&predicate); found != masks_by_node_.end())
    return *found->second;
  const std::string key = key_of(predicate);
  auto found = masks_.find(key);
  if (found == masks_.end())
    found = masks_.emplace(key, std::make_unique<RowBits>(compute_mask(predicate))).first;
  masks_by_node_.emplace(&predicate, found->second.get());
  return *found->second;
}

RowBits RowFilter::compute_mask(const plan::RowPred& predicate) {
  RowBits bits(table_.rows);
  std::vector<std::uint64_t>& words = bits.words();
  // Clears the bits of rows outside first_row_..last_row_-1, after a negation.
  const auto keep_range = [&] {
    for (std::size_t word = 0; word < words.size(); ++word) {
      const std::uint64_t first = word * 64, last = first + 64;
      if (last <= first_row_ || first >= last_row_) words[word] = 0;
      if (first < first_row_ && first_row_ < last) words[word] &= ~std::uint64_t{0} << (first_row_ - first);
      if (first < last_row_ && last_row_ < last) words[word] &= ~std::uint64_t{0} >> (last - last_row_);
    }
  };
  const auto combine = [&](const std::vector<plan::RowPredPtr>& terms, bool all) {
    if (terms.empty()) {
      if (all) {
        std::fill(words.begin(), words.end(), ~std::uint64_t{0});
        keep_range();
      }
      return;
    }
    words = mask(*terms[0]).words();
    for (std::size_t t = 1; t < terms.size(); ++t) {
      const std::vector<std::uint64_t>& term = mask(*terms[t]).words();
      for (std::size_t word = 0; word < words.size(); ++word)
        words[word] = all ? words[word] & term[word] : words[word] | term[word];
    }
  };
  std::visit(
      [&](const auto& node) {
        using Node = decltype(node);
        if constexpr (is<Node, plan::AllOf>) {
          combine(node.terms, true);
        } else if constexpr (is<Node, plan::AnyOf>) {
          combine(node.terms, false);
        } else if constexpr (is<Node, plan::NotRow>) {
          const std::vector<std::uint64_t>& term = mask(*node.term).words();
          for (std::size_t word = 0; word < words.size(); ++word)
            words[word] = ~term[word];
          keep_range();
        } else {
          with_row_test(predicate, 0, [&](auto&& test) {
            RowIndex row = first_row_;
            while (row < last_row_) {
              const std::size_t word = row >> 6;
              const RowIndex end = static_cast<RowIndex>(std::min<std::uint64_t>(last_row_, (word + 1) * 64));
              std::uint64_t packed = 0;
              for (; row < end; ++row)
                packed |= std::uint64_t{test(row)} << (row & 63);
              words[word] = packed;
            }
          });
        }
      },
      predicate.node);
  return bits;
}

void RowFilter::evaluate(const plan::RowPred& predicate, std::span<const RowIndex> rows, Day day,
                         std::vector<std::uint8_t>& passes) {
  passes.resize(rows.size());
  evaluate_into(predicate, rows, day, passes.data(), 0);
}

std::uint8_t* RowFilter::scratch(std::size_t depth, std::size_t size) {
  if (scratch_.size() <= depth) scratch_.resize(depth + 1);
  if (scratch_[depth].size() < size) scratch_[depth].resize(size);
  return scratch_[depth].data();
}

void RowFilter::evaluate_into(const plan::RowPred& predicate, std::span<const RowIndex> rows, Day day,
                              std::uint8_t* out, std::size_t depth) {
  const std::size_t count = rows.size();
  if (!depends_on_day(predicate)) {
    const RowBits& bits = mask(predicate);
    for (std::size_t i = 0; i < count; ++i)
      out[i] = bits.test(rows[i]);
    return;
  }
  // Combines the terms' results into `out`, the first term written directly.
  const auto combine = [&](const std::vector<plan::RowPredPtr>& terms, bool all) {
    evaluate_into(*terms[0], rows, day, out, depth + 1);
    for (std::size_t t = 1; t < terms.size(); ++t) {
      std::uint8_t* term = scratch(depth, count);
      evaluate_into(*terms[t], rows, day, term, depth + 1);
      if (all)
        for (std::size_t i = 0; i < count; ++i)
          out[i] &= term[i];
      else
        for (std::size_t i = 0; i < count; ++i)
          out[i] |= term[i];
    }
  };
  std::visit(
      [&](const auto& node) {
        using Node = decltype(node);
        if constexpr (is<Node, plan::AllOf>) { // a day-dependent combination has terms
          combine(node.terms, true);
        } else if constexpr (is<Node, plan::AnyOf>) {
          combine(node.terms, false);
        } else if constexpr (is<Node, plan::NotRow>) {
          evaluate_into(*node.term, rows, day, out, depth + 1);
          for (std::size_t i = 0; i < count; ++i)
            out[i] = !out[i];
        } else {
          with_row_test(predicate, day, [&](auto&& test) {
            for (std::size_t i = 0; i < count; ++i)
              out[i] = test(rows[i]);
          });
        }
      },
      predicate.node);
}

} // namespace tally::eval
