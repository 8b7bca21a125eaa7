#include "lint_filters.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <string>

namespace tally {

namespace {

namespace p = plan;

using plan::is;

constexpr std::int64_t kEmpty = std::numeric_limits<std::int64_t>::min();
// Above this many combinations the check gives up rather than slow lint down.
constexpr std::uint64_t kMaxCombinations = std::uint64_t{1} << 18;

// The values of one column worth trying: one from every stretch of values on
// which each condition on the column is constant. Strings are numbered: the
// index into `strings`, or strings.size() for "any other string".
struct Domain {
  std::set<std::int64_t> candidates;
  std::vector<std::string> strings;
};

// One combination being tried: a value per column, a truth per free condition.
struct Assignment {
  std::map<std::size_t, std::int64_t> values;
  std::map<const p::RowPred*, bool> free;
};

bool may_be_empty(const Column& column) {
  return !column.required && !column.default_value;
}

class Explorer {
public:
  explicit Explorer(const Schema& schema) : schema_(schema) {}

  void collect(const p::RowPred& pred) {
    std::visit(
        [&](const auto& n) {
          using Node = decltype(n);
          if constexpr (is<Node, p::AllOf> || is<Node, p::AnyOf>) {
            for (const auto& term : n.terms)
              collect(*term);
          } else if constexpr (is<Node, p::NotRow>) {
            collect(*n.term);
          } else if constexpr (is<Node, p::IntCompare>) {
            auto& domain = domain_of(n.column);
            for (const auto v : {n.value - 1, n.value, n.value + 1})
              if (v >= 0) domain.candidates.insert(v);
          } else if constexpr (is<Node, p::TimeCompare>) {
            auto& domain = domain_of(n.column);
            for (const auto v : {n.value - 1, n.value, n.value + 1})
              domain.candidates.insert(v);
          } else if constexpr (is<Node, p::StringIn>) {
            auto& domain = domain_of(n.column);
            for (const auto& value : n.values)
              if (std::find(domain.strings.begin(), domain.strings.end(), value) == domain.strings.end())
                domain.strings.push_back(value);
          } else if constexpr (is<Node, p::EnumIn>) {
            domain_of(n.column);
          } else if constexpr (is<Node, p::IsEmpty>) {
            if (schema_.columns[n.column].type == ColumnType::set)
              free_.push_back(&pred);
            else
              domain_of(n.column);
          } else if constexpr (is<Node, p::SetHas> || is<Node, p::WithinDays>) {
            free_.push_back(&pred);
          }
        },
        pred.node);
  }

  // Calls `try_one` on every combination until it returns false; false when
  // there are too many to try.
  template <class F> bool each_assignment(F&& try_one) {
    std::vector<std::pair<std::size_t, std::vector<std::int64_t>>> columns;
    std::uint64_t combinations = std::uint64_t{1} << std::min<std::size_t>(free_.size(), 63);
    if (free_.size() > 20) return false;
    for (auto& [column, domain] : domains_) {
      std::vector<std::int64_t> values(domain.candidates.begin(), domain.candidates.end());
      if (schema_.columns[column].type == ColumnType::string)
        for (std::size_t i = 0; i <= domain.strings.size(); ++i)
          values.push_back(static_cast<std::int64_t>(i));
      if (may_be_empty(schema_.columns[column])) values.push_back(kEmpty);
      combinations *= values.size();
      if (combinations > kMaxCombinations) return false;
      columns.emplace_back(column, std::move(values));
    }
    Assignment assignment;
    std::vector<std::size_t> position(columns.size(), 0);
    for (std::uint64_t n = 0; n < combinations; ++n) {
      auto rest = n;
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& values = columns[i].second;
        assignment.values[columns[i].first] = values[rest % values.size()];
        rest /= values.size();
      }
      for (std::size_t i = 0; i < free_.size(); ++i)
        assignment.free[free_[i]] = (rest >> i) & 1;
      if (!try_one(assignment)) break;
    }
    return true;
  }

  bool holds(const p::RowPred& pred, const Assignment& a) const {
    return std::visit(
        [&](const auto& n) -> bool {
          using Node = decltype(n);
          if constexpr (is<Node, p::BoolConst>) {
            return n.value;
          } else if constexpr (is<Node, p::AllOf>) {
            return std::all_of(n.terms.begin(), n.terms.end(), [&](const auto& t) { return holds(*t, a); });
          } else if constexpr (is<Node, p::AnyOf>) {
            return std::any_of(n.terms.begin(), n.terms.end(), [&](const auto& t) { return holds(*t, a); });
          } else if constexpr (is<Node, p::NotRow>) {
            return !holds(*n.term, a);
          } else if constexpr (is<Node, p::IntCompare>) {
            return p::holds(n.op, a.values.at(n.column), n.value);
          } else if constexpr (is<Node, p::TimeCompare>) {
            const auto value = a.values.at(n.column);
            return value != kEmpty && p::holds(n.op, value, static_cast<std::int64_t>(n.value));
          } else if constexpr (is<Node, p::EnumIn>) {
            const auto value = a.values.at(n.column);
            return value != kEmpty && ((n.mask >> value) & 1);
          } else if constexpr (is<Node, p::StringIn>) {
            const auto value = a.values.at(n.column);
            if (value == kEmpty) return false;
            const auto& strings = domains_.at(n.column).strings;
            if (static_cast<std::size_t>(value) == strings.size()) return false;
            return std::find(n.values.begin(), n.values.end(), strings[value]) != n.values.end();
          } else if constexpr (is<Node, p::IsEmpty>) {
            if (const auto free = a.free.find(&pred); free != a.free.end()) return free->second;
            return a.values.at(n.column) == kEmpty;
          } else {
            return a.free.at(&pred); // SetHas, WithinDays
          }
        },
        pred.node);
  }

private:
  const Schema& schema_;
  std::map<std::size_t, Domain> domains_;
  std::vector<const p::RowPred*> free_;

  Domain& domain_of(std::size_t column) {
    auto& domain = domains_[column];
    const auto& declared = schema_.columns[column];
    if (declared.type == ColumnType::enumeration)
      for (std::size_t i = 0; i < declared.values.size(); ++i)
        domain.candidates.insert(static_cast<std::int64_t>(i));
    if (declared.type == ColumnType::integer) domain.candidates.insert(0);
    if (declared.type == ColumnType::timestamp) domain.candidates.insert(0);
    return domain;
  }
};

} // namespace

FilterTruth filter_truth(const p::RowPredPtr& before, const p::RowPredPtr& condition, const Schema& schema) {
  Explorer explorer(schema);
  explorer.collect(*before);
  explorer.collect(*condition);
  bool any_before = false, kept = false, dropped = false;
  const bool tried_all = explorer.each_assignment([&](const Assignment& a) {
    if (!explorer.holds(*before, a)) return true;
    any_before = true;
    (explorer.holds(*condition, a) ? kept : dropped) = true;
    return !(kept && dropped);
  });
  if (kept && dropped) return FilterTruth::sometimes;
  if (!tried_all || !any_before) return FilterTruth::unknown;
  return kept ? FilterTruth::always : FilterTruth::never;
}

} // namespace tally
