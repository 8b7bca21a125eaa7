#include "postgres_copy.hpp"

#include "interpreter/sql/postgres_dialect.hpp"

#include <fmt/format.h>

namespace tally::pg {

namespace {

bool is_identifier(std::string_view part) {
  if (part.empty() || (part[0] >= '0' && part[0] <= '9')) return false;
  for (const char c : part)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// Quoted, so that a column named like an SQL keyword (`order`, `user`) is
// still a column; the schema's names are lowercase, which quoting keeps.
std::string quoted(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string column_list(const Schema& schema) {
  std::string out;
  for (const auto& column : schema.columns)
    out += (out.empty() ? "" : ", ") + quoted(column.name);
  return out;
}

// COPY's text format: a backslash starts an escape, a tab ends a field and a
// newline a row; every other byte goes as it is. False on a NUL, which
// PostgreSQL's text cannot hold.
bool append_copy_text(std::string_view text, std::string& out) {
  for (const char c : text) {
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\0':
      return false;
    default:
      out += c;
    }
  }
  return true;
}

// One element of an array literal, always double-quoted (an item may hold a
// comma, a brace or the word NULL), with `"` and `\` escaped for the array
// and the result escaped again for COPY.
bool append_array_item(std::string_view item, std::string& out) {
  out += '"';
  for (const char c : item) {
    if (c == '"')
      out += "\\\\\""; // \" in the array, its backslash doubled for COPY
    else if (c == '\\')
      out += "\\\\\\\\"; // \\ in the array, each doubled for COPY
    else if (!append_copy_text(std::string_view(&c, 1), out))
      return false;
  }
  out += '"';
  return true;
}

constexpr std::string_view kNull = "\\N";

} // namespace

bool is_table_name(std::string_view name) {
  const auto dot = name.find('.');
  if (dot == std::string_view::npos) return is_identifier(name);
  return is_identifier(name.substr(0, dot)) && is_identifier(name.substr(dot + 1));
}

std::string quoted_table_name(std::string_view name) {
  const auto dot = name.find('.');
  if (dot == std::string_view::npos) return quoted(name);
  return quoted(name.substr(0, dot)) + "." + quoted(name.substr(dot + 1));
}

std::string create_table_sql(const Schema& schema, std::string_view table_name) {
  std::string columns;
  for (const auto& column : schema.columns)
    columns += fmt::format("{}\n  {} {}", columns.empty() ? "" : ",", quoted(column.name),
                           sql::postgres_dialect().column_type(column.type));
  return fmt::format("CREATE TABLE {} ({}\n)", quoted_table_name(table_name), columns);
}

std::string copy_sql(const Schema& schema, std::string_view table_name) {
  return fmt::format("COPY {} ({}) FROM STDIN", quoted_table_name(table_name), column_list(schema));
}

CopyRows::CopyRows(const Schema& schema, const Table& table, std::size_t chunk_bytes)
    : schema_(schema), table_(table), chunk_bytes_(chunk_bytes), values_(schema.columns.size()) {
  for (std::size_t i = 0; i < schema.columns.size(); ++i) {
    const Column& column = schema.columns[i];
    const std::size_t stored = i < table.columns.size() ? stored_cells(column, table.columns[i]) : 0;
    if (stored != table.rows)
      throw std::logic_error(
          fmt::format("column `{}` holds {} cells for {} rows", column.name, stored, table.rows));
    for (const auto& value : column.values) {
      std::string text;
      const bool storable = column.type == ColumnType::enumeration ? append_copy_text(value, text)
                                                                   : append_array_item(value, text);
      if (!storable)
        throw std::logic_error(fmt::format("column `{}` declares a value with a NUL character", column.name));
      (column.type == ColumnType::enumeration ? values_[i].enum_text : values_[i].item_text)
          .push_back(std::move(text));
    }
  }
}

bool CopyRows::next(std::string& chunk) {
  chunk.clear();
  while (row_ < table_.rows && chunk.size() < chunk_bytes_)
    append_row(row_++, chunk);
  return !chunk.empty();
}

// 'YYYY-MM-DD HH:MM:SS'. The readers take years 0000 to 9999; PostgreSQL,
// which has no year 0, calls the year before 1 AD 1 BC, as it is.
void CopyRows::append_timestamp(Seconds instant, std::string& out) {
  const Day day = day_of(instant);
  if (day != last_day_) {
    last_day_ = day;
    last_day_text_ = format_date(day);
    last_day_bc_ = last_day_text_.rfind("0000-", 0) == 0;
    if (last_day_bc_) last_day_text_.replace(0, 4, "0001");
  }
  const Seconds second = instant - start_of(day);
  out += last_day_text_;
  out += fmt::format(" {:02}:{:02}:{:02}", second / 3600, second / 60 % 60, second % 60);
  if (last_day_bc_) out += " BC";
}

void CopyRows::append_row(std::size_t row, std::string& out) {
  for (std::size_t i = 0; i < schema_.columns.size(); ++i) {
    if (i > 0) out += '\t';
    const Column& column = schema_.columns[i];
    const ColumnData& data = table_.columns[i];
    const auto unstorable = [&] {
      return UnstorableCell(
          row, column.name,
          fmt::format("column `{}` holds a NUL character, which PostgreSQL text cannot store", column.name));
    };
    switch (column.type) {
    case ColumnType::timestamp: {
      const Seconds instant = data.times[row];
      if (instant == kNoTime)
        out += kNull;
      else
        append_timestamp(instant, out);
      break;
    }
    case ColumnType::string: {
      const StringId id = data.strings[row];
      if (id == 0)
        out += kNull;
      else if (!append_copy_text(table_.strings.view(id), out))
        throw unstorable();
      break;
    }
    case ColumnType::enumeration: {
      const std::uint8_t value = data.enums[row];
      out += value == kNoEnum || value >= values_[i].enum_text.size() ? kNull : values_[i].enum_text[value];
      break;
    }
    case ColumnType::integer:
      out += fmt::format("{}", data.ints[row]);
      break;
    case ColumnType::set: {
      out += '{';
      bool first = true;
      const auto comma = [&] {
        if (!first) out += ',';
        first = false;
      };
      if (!column.values.empty()) {
        const std::uint64_t bits = data.bits[row];
        for (std::size_t item = 0; item < values_[i].item_text.size(); ++item)
          if ((bits >> item) & 1) {
            comma();
            out += values_[i].item_text[item];
          }
      } else {
        for (std::uint32_t k = data.set_offsets[row]; k < data.set_offsets[row + 1]; ++k) {
          comma();
          if (!append_array_item(table_.strings.view(data.set_items[k]), out)) throw unstorable();
        }
      }
      out += '}';
      break;
    }
    }
  }
  out += '\n';
}

} // namespace tally::pg
