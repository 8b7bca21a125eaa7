// Cell conversion and row validation for every reader. A row is staged cell by
// cell and only appended by end_row, so a rejected row leaves no trace in the
// table's columns.
#include "table.hpp"

#include "observation_sink.hpp"
#include "text_equal.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fmt/format.h>

namespace tally {

namespace {

enum class Storage { integer, timestamp, string, enumeration, declared_set, free_set };
constexpr std::size_t kStorageKinds = static_cast<std::size_t>(Storage::free_set) + 1;

Storage storage_of(const Column& column) {
  switch (column.type) {
  case ColumnType::integer:
    return Storage::integer;
  case ColumnType::timestamp:
    return Storage::timestamp;
  case ColumnType::string:
    return Storage::string;
  case ColumnType::enumeration:
    return Storage::enumeration;
  case ColumnType::set:
    return column.values.empty() ? Storage::free_set : Storage::declared_set;
  }
  return Storage::string;
}

// Bad text is echoed in messages; a runaway cell (or one with a newline inside
// quotes) must not swamp the message.
std::string shown(std::string_view text) {
  constexpr std::size_t kLongest = 60;
  const std::size_t newline = text.find_first_of("\r\n");
  const bool cut = newline != std::string_view::npos || text.size() > kLongest;
  std::string_view kept = text.substr(0, std::min(newline, kLongest));
  return cut ? fmt::format("{}...", kept) : std::string(kept);
}

// Lookup of a column's declared values (enum values or set items) without a
// scan: these lookups run once per cell on the hot path.
class ValueIndex {
public:
  explicit ValueIndex(const std::vector<std::string>& values) : values_(&values) {
    std::size_t slots = 16;
    while (slots < values.size() * 4)
      slots *= 2;
    slots_.assign(slots, 0);
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::size_t slot = hash(values[i]) & (slots_.size() - 1);
      while (slots_[slot] != 0)
        slot = (slot + 1) & (slots_.size() - 1);
      slots_[slot] = static_cast<std::uint16_t>(i + 1);
    }
  }

  std::optional<std::size_t> find(std::string_view text) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash(text) & mask; slots_[slot] != 0; slot = (slot + 1) & mask)
      if (same_text((*values_)[slots_[slot] - 1], text)) return slots_[slot] - 1;
    return std::nullopt;
  }

private:
  // Declared values differ in length or in their first, middle or last byte
  // almost always; probing settles the rest.
  static std::size_t hash(std::string_view text) {
    if (text.empty()) return 0;
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
    const std::uint64_t key =
        text.size() | byte(0) << 8 | byte(text.size() / 2) << 16 | std::uint64_t{byte(text.size() - 1)} << 24;
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 40);
  }

  const std::vector<std::string>* values_;
  std::vector<std::uint16_t> slots_;
};

std::string_view trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Calls `each` for every non-empty, trimmed item of a ';'-separated set;
// stops early and returns false as soon as `each` does.
template <class Each> bool for_each_item(std::string_view text, Each&& each) {
  while (!text.empty()) {
    const std::size_t end = text.find(';');
    const std::string_view item = trimmed(text.substr(0, end));
    if (!item.empty() && !each(item)) return false;
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return true;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// True when the text has the contract's timestamp shape, so that a rejected
// value is an impossible date rather than a wrong format.
bool has_timestamp_shape(std::string_view text) {
  static constexpr std::string_view kShapes[] = {"dddd-dd-dd", "dddd-dd-ddTdd:ddZ", "dddd-dd-ddTdd:dd:ddZ"};
  return std::any_of(std::begin(kShapes), std::end(kShapes), [&](std::string_view shape) {
    if (shape.size() != text.size()) return false;
    for (std::size_t i = 0; i < shape.size(); ++i)
      if (shape[i] == 'd' ? !is_digit(text[i]) : shape[i] != text[i]) return false;
    return true;
  });
}

} // namespace

struct RowAppender::Impl {
  struct Rule {
    const Column* column = nullptr;
    Storage storage = Storage::string;
    std::optional<ValueIndex> values;
    bool required = false;
    std::optional<std::size_t> required_when_column;
    std::int64_t required_when_value = 0;
    std::int64_t empty_value = 0;      // the empty cell's value, default applied
    std::vector<StringId> empty_items; // free sets: the empty cell's items
    // Cache of the last timestamp text parsed in this column: exports repeat
    // the same date on consecutive rows.
    std::array<char, 32> last_time_text{};
    std::size_t last_time_size = 0;
    Seconds last_time = kNoTime;
    StringId last_string = 0; // the last string interned in this column
    bool stored = true;       // false: cells are checked, not kept (and strings not interned)
  };

  struct Staged {
    std::int64_t value = 0;
    std::uint32_t byte_column = 0; // 0 when the row did not give the cell at all
    bool filled = false;           // a non-empty cell was given
  };

  const Schema& schema;
  Table& table;
  std::vector<Rule> rules;
  // Indices of the stored columns, grouped by how they are stored, so that
  // appending a row is one tight loop per column vector type.
  std::array<std::vector<std::size_t>, kStorageKinds> by_storage;
  // Columns that may not be left empty (required, or required when another
  // column has a value), in schema order: the only ones end_row must look at.
  std::vector<std::size_t> must_be_filled;
  std::vector<Staged> staged;
  std::vector<std::vector<StringId>> staged_items; // free sets
  std::size_t time_column = 0;
  std::uint64_t line = 0;

  Impl(const Schema& schema_in, Table& table_in);
  void group_stored_columns(const std::vector<bool>& stored);
  void start_row(std::uint64_t line);
  bool stage(std::size_t column, std::string_view text, std::uint32_t byte_column, BadRow& error,
             bool verbatim);
  bool finish_row(BadRow& error);
  bool convert(std::size_t index, std::string_view text, std::uint32_t byte_column, bool verbatim,
               BadRow& error);
  bool fail(BadRow& error, std::uint32_t byte_column, std::string message) const;
  // A string cell that is not UTF-8, located at its first bad byte when the
  // cell's text is the file's own bytes.
  bool fail_encoding(BadRow& error, std::string_view text, std::size_t offset, std::uint32_t byte_column,
                     bool verbatim, const std::string& name) const {
    return fail(error, verbatim ? byte_column + static_cast<std::uint32_t>(offset) : byte_column,
                fmt::format("invalid UTF-8 byte 0x{:02x} in column `{}`; observation files are UTF-8 text",
                            static_cast<unsigned char>(text[offset]), name));
  }
  std::int64_t resolved(std::size_t index) const {
    return staged[index].filled ? staged[index].value : rules[index].empty_value;
  }
};

RowAppender::Impl::Impl(const Schema& schema_in, Table& table_in) : schema(schema_in), table(table_in) {
  const auto time_index = schema.index_of(kTimeColumn);
  const auto asset_index = schema.index_of(kAssetColumn);
  const auto schema_error = [&](const SourcePos& pos, std::string message) {
    return DiagnosticError(
        Diagnostic{Severity::error, std::string(data_error::bad_schema), pos, 1, std::move(message), {}});
  };
  if (!time_index || schema.columns[*time_index].type != ColumnType::timestamp)
    throw schema_error({}, fmt::format("schema `{}` has no timestamp column `{}`", schema.name, kTimeColumn));
  if (!asset_index)
    throw schema_error({}, fmt::format("schema `{}` has no column `{}`", schema.name, kAssetColumn));
  time_column = *time_index;

  if (table.columns.size() != schema.columns.size())
    table.columns.assign(schema.columns.size(), ColumnData{});
  rules.resize(schema.columns.size());
  staged.resize(schema.columns.size());
  staged_items.resize(schema.columns.size());

  for (std::size_t i = 0; i < schema.columns.size(); ++i) {
    const Column& column = schema.columns[i];
    Rule& rule = rules[i];
    rule.column = &column;
    rule.storage = storage_of(column);
    // The contract makes these two columns mandatory on every row, whatever
    // the schema's flags say: without them a row has no day and no identity.
    rule.required = column.required || i == *time_index || i == *asset_index;
    if (rule.storage == Storage::enumeration && column.values.size() >= kNoEnum)
      throw schema_error(column.pos,
                         fmt::format("enum column `{}` declares {} values; at most {} are supported",
                                     column.name, column.values.size(), kNoEnum - 1));
    if (rule.storage == Storage::declared_set && column.values.size() > 64)
      throw schema_error(column.pos,
                         fmt::format("set column `{}` declares {} items; at most 64 are supported",
                                     column.name, column.values.size()));
    if (rule.storage == Storage::enumeration || rule.storage == Storage::declared_set)
      rule.values.emplace(column.values);
    if (column.required_when_column) {
      const std::size_t when = *column.required_when_column;
      if (when >= schema.columns.size() || schema.columns[when].type != ColumnType::enumeration ||
          column.required_when_value >= schema.columns[when].values.size())
        throw schema_error(column.pos,
                           fmt::format("column `{}` is required when a column has a value, but that column "
                                       "is not an enum column with that value",
                                       column.name));
      rule.required_when_column = when;
      rule.required_when_value = static_cast<std::int64_t>(column.required_when_value);
    }
  }

  group_stored_columns(std::vector<bool>(schema.columns.size(), true));
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (rules[i].required || rules[i].required_when_column) must_be_filled.push_back(i);

  // Defaults go through the same conversion as cells, so a bad default is
  // reported exactly like a bad cell, at the declaration.
  for (std::size_t i = 0; i < schema.columns.size(); ++i) {
    Rule& rule = rules[i];
    if (rule.storage == Storage::timestamp) rule.empty_value = kNoTime;
    if (rule.storage == Storage::enumeration) rule.empty_value = kNoEnum;
    const auto& default_value = rule.column->default_value;
    if (!default_value || default_value->empty()) continue;
    BadRow error;
    if (!convert(i, *default_value, 0, false, error))
      throw schema_error(rule.column->pos, fmt::format("bad default: {}", error.message));
    rule.empty_value = staged[i].value;
    rule.empty_items = staged_items[i];
  }
}

void RowAppender::Impl::group_stored_columns(const std::vector<bool>& stored) {
  for (auto& columns : by_storage)
    columns.clear();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    rules[i].stored = stored[i];
    if (stored[i]) by_storage[static_cast<std::size_t>(rules[i].storage)].push_back(i);
    // A free set's offsets start with the first row's start; a column not
    // stored has no offsets at all, so it reads as having no cells.
    std::vector<std::uint32_t>& offsets = table.columns[i].set_offsets;
    if (rules[i].storage == Storage::free_set && stored[i] && offsets.empty()) offsets.push_back(0);
    if (rules[i].storage == Storage::free_set && !stored[i]) offsets.clear();
  }
}

bool RowAppender::Impl::fail(BadRow& error, std::uint32_t byte_column, std::string message) const {
  error.line = line;
  error.column = std::max<std::uint32_t>(byte_column, 1);
  error.message = std::move(message);
  return false;
}

bool RowAppender::Impl::convert(std::size_t index, std::string_view text, std::uint32_t byte_column,
                                bool verbatim, BadRow& error) {
  Rule& rule = rules[index];
  Staged& cell = staged[index];
  const std::string& name = rule.column->name;
  switch (rule.storage) {
  case Storage::integer: {
    if (text[0] == '-' && text.size() > 1 &&
        std::all_of(text.begin() + 1, text.end(), [](char c) { return is_digit(c); }))
      return fail(error, byte_column, fmt::format("negative count `{}` in column `{}`", shown(text), name));
    std::int64_t value = 0;
    for (const char c : text) {
      if (!is_digit(c))
        return fail(error, byte_column,
                    fmt::format("invalid number `{}` in column `{}`; expected a whole number >= 0 written "
                                "with the digits 0-9",
                                shown(text), name));
      const int digit = c - '0';
      if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10)
        return fail(error, byte_column,
                    fmt::format("number too large `{}` in column `{}` (the largest is {})", shown(text), name,
                                std::numeric_limits<std::int64_t>::max()));
      value = value * 10 + digit;
    }
    cell.value = value;
    return true;
  }
  case Storage::timestamp: {
    if (same_text(text, std::string_view(rule.last_time_text.data(), rule.last_time_size))) {
      cell.value = rule.last_time;
      return true;
    }
    const std::optional<Seconds> instant = parse_timestamp(text);
    if (!instant) {
      if (has_timestamp_shape(text))
        return fail(error, byte_column, fmt::format("invalid date `{}` in column `{}`", shown(text), name));
      return fail(error, byte_column,
                  fmt::format("invalid date `{}` in column `{}`; expected YYYY-MM-DD or "
                              "YYYY-MM-DDTHH:MM[:SS]Z (UTC)",
                              shown(text), name));
    }
    if (text.size() <= rule.last_time_text.size()) {
      std::memcpy(rule.last_time_text.data(), text.data(), text.size());
      rule.last_time_size = text.size();
      rule.last_time = *instant;
    }
    cell.value = *instant;
    return true;
  }
  case Storage::string:
    if (!rule.stored) {
      if (const auto bad = invalid_utf8(text))
        return fail_encoding(error, text, *bad, byte_column, verbatim, name);
      return true;
    }
    // Consecutive rows often describe the same asset (agent and scanner rows,
    // hourly heartbeats): the previous id is checked before the pool.
    if (!same_text(text, table.strings.view(rule.last_string))) {
      if (const auto bad = invalid_utf8(text))
        return fail_encoding(error, text, *bad, byte_column, verbatim, name);
      rule.last_string = table.strings.intern(text);
    }
    cell.value = rule.last_string;
    return true;
  case Storage::enumeration: {
    if (const auto found = rule.values->find(text)) {
      cell.value = static_cast<std::int64_t>(*found);
      return true;
    }
    const auto& values = rule.column->values;
    if (std::string suggestion = closest_match(text, values); !suggestion.empty())
      return fail(error, byte_column,
                  fmt::format("unknown value `{}` for column `{}`; did you mean `{}`?", shown(text), name,
                              suggestion));
    if (values.size() <= 8)
      return fail(error, byte_column,
                  fmt::format("unknown value `{}` for column `{}`; expected one of {}", shown(text), name,
                              fmt::join(values, ", ")));
    return fail(error, byte_column, fmt::format("unknown value `{}` for column `{}`", shown(text), name));
  }
  case Storage::declared_set: {
    std::uint64_t bits = 0;
    std::string_view unknown;
    const bool known = for_each_item(text, [&](std::string_view item) {
      const auto found = rule.values->find(item);
      if (!found)
        unknown = item;
      else
        bits |= std::uint64_t{1} << *found;
      return found.has_value();
    });
    if (!known) {
      std::string suggestion = closest_match(unknown, rule.column->values);
      const auto item_column =
          verbatim ? byte_column + static_cast<std::uint32_t>(unknown.data() - text.data()) : byte_column;
      return fail(error, item_column,
                  suggestion.empty() ? fmt::format("unknown item `{}` in column `{}`", shown(unknown), name)
                                     : fmt::format("unknown item `{}` in column `{}`; did you mean `{}`?",
                                                   shown(unknown), name, suggestion));
    }
    cell.value = static_cast<std::int64_t>(bits);
    return true;
  }
  case Storage::free_set: {
    if (const auto bad = invalid_utf8(text))
      return fail_encoding(error, text, *bad, byte_column, verbatim, name);
    std::vector<StringId>& items = staged_items[index];
    items.clear();
    if (!rule.stored) {
      // Only whether the set has an item matters (an empty set is an empty cell).
      for_each_item(text, [&](std::string_view) {
        items.push_back(0);
        return false;
      });
      return true;
    }
    for_each_item(text, [&](std::string_view item) {
      const StringId id = table.strings.intern(item);
      if (std::find(items.begin(), items.end(), id) == items.end()) items.push_back(id);
      return true;
    });
    return true;
  }
  }
  return true;
}

RowAppender::RowAppender(const Schema& schema, Table& table) : impl_(std::make_shared<Impl>(schema, table)) {}

void RowAppender::store_only(const std::vector<bool>& columns) {
  impl_->group_stored_columns(columns);
}

void RowAppender::Impl::start_row(std::uint64_t line_in) {
  line = line_in;
  for (Staged& cell : staged)
    cell = Staged{};
}

bool RowAppender::Impl::stage(std::size_t column, std::string_view text, std::uint32_t byte_column,
                              BadRow& error, bool verbatim) {
  Staged& cell = staged[column];
  cell.byte_column = byte_column;
  cell.filled = false;
  if (text.empty()) return true;
  if (!convert(column, text, byte_column, verbatim, error)) return false;
  // A set cell made only of separators and blanks is an empty cell.
  cell.filled = rules[column].storage != Storage::free_set || !staged_items[column].empty();
  if (rules[column].storage == Storage::declared_set && cell.value == 0) cell.filled = false;
  return true;
}

void RowAppender::begin_row(std::uint64_t line) {
  impl_->start_row(line);
}

bool RowAppender::set_cell(std::size_t column, std::string_view text, std::uint32_t byte_column,
                           BadRow& error, bool verbatim) {
  return impl_->stage(column, text, byte_column, error, verbatim);
}

bool RowAppender::end_row(BadRow& error) {
  return impl_->finish_row(error);
}

bool RowAppender::append_record(std::uint64_t line, std::span<const InputField> fields,
                                std::span<const std::optional<std::size_t>> columns, BadRow& error,
                                std::uint32_t& width) {
  Impl& impl = *impl_;
  impl.start_row(line);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!columns[i]) continue;
    const InputField& field = fields[i];
    if (!impl.stage(*columns[i], field.text, field.column, error, field.width == field.text.size())) {
      error.line = field.line;
      width = field.width;
      return false;
    }
  }
  width = 1;
  return impl.finish_row(error);
}

bool RowAppender::Impl::finish_row(BadRow& error) {
  for (const std::size_t i : must_be_filled) {
    const Rule& rule = rules[i];
    const Staged& cell = staged[i];
    if (cell.filled) continue;
    if (rule.required)
      return fail(error, cell.byte_column,
                  fmt::format("missing value for required column `{}`", rule.column->name));
    if (rule.required_when_column && resolved(*rule.required_when_column) == rule.required_when_value) {
      const Column& when = schema.columns[*rule.required_when_column];
      return fail(error, cell.byte_column,
                  fmt::format("missing value for column `{}`, which is required when `{}` is `{}`",
                              rule.column->name, when.name,
                              when.values[static_cast<std::size_t>(rule.required_when_value)]));
    }
  }

  const auto columns_stored_as = [&](Storage storage) -> const std::vector<std::size_t>& {
    return by_storage[static_cast<std::size_t>(storage)];
  };
  for (const std::size_t i : columns_stored_as(Storage::integer))
    table.columns[i].ints.push_back(resolved(i));
  for (const std::size_t i : columns_stored_as(Storage::timestamp))
    table.columns[i].times.push_back(resolved(i));
  for (const std::size_t i : columns_stored_as(Storage::string))
    table.columns[i].strings.push_back(static_cast<StringId>(resolved(i)));
  for (const std::size_t i : columns_stored_as(Storage::enumeration))
    table.columns[i].enums.push_back(static_cast<std::uint8_t>(resolved(i)));
  for (const std::size_t i : columns_stored_as(Storage::declared_set))
    table.columns[i].bits.push_back(static_cast<std::uint64_t>(resolved(i)));
  for (const std::size_t i : columns_stored_as(Storage::free_set)) {
    ColumnData& data = table.columns[i];
    const auto& items = staged[i].filled ? staged_items[i] : rules[i].empty_items;
    data.set_items.insert(data.set_items.end(), items.begin(), items.end());
    data.set_offsets.push_back(static_cast<std::uint32_t>(data.set_items.size()));
  }
  table.day.push_back(day_of(resolved(time_column)));
  table.line.push_back(line);
  ++table.rows;
  return true;
}

} // namespace tally
