#include "observation_sink.hpp"

#include "mapped_file.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tally {

ObservationSink::ObservationSink(const std::string& path, const Schema& schema, Table& table,
                                 const ReadOptions& options)
    : path_(path), schema_(schema), table_(table), options_(options), appender_(schema, table),
      stored_(schema.columns.size(), !options.keep_needed_columns_only) {
  if (!options.keep_needed_columns_only) return;
  for (const std::string_view always : {kTimeColumn, kAssetColumn})
    if (const auto index = schema.index_of(always)) stored_[*index] = true;
  for (const auto& [name, product] : options.needed_columns)
    if (const auto index = schema.index_of(name)) stored_[*index] = true;
  appender_.store_only(stored_);
}

namespace {

template <class Column> void reserve_column(Column& values, std::size_t rows) {
  values.reserve(rows);
  advise_huge_pages(values.data(), values.capacity() * sizeof(values[0]));
}

} // namespace

void ObservationSink::reserve_for(std::string_view input) {
  // Reserving only claims address space (pages arrive when written), so a
  // generous guess costs little while a short one costs copies: twice the
  // rows the first lines' average length suggests, as exports often start
  // with their longest rows. Never past the row limit, where reading stops
  // anyway: gigabytes of blank lines would otherwise claim more address space
  // than the machine has, and fail a file that holds no row at all.
  input_bytes_ = input.size();
  constexpr std::size_t kSampleBytes = std::size_t{1} << 16;
  const std::string_view sample = input.substr(0, kSampleBytes);
  const auto sample_lines = static_cast<std::size_t>(std::count(sample.begin(), sample.end(), '\n')) + 1;
  const std::size_t guess = input.size() / std::max<std::size_t>(sample.size() / sample_lines, 1) * 2 + 64;
  const std::size_t rows = std::min(guess, options_.max_rows);
  for (std::size_t i = 0; i < schema_.columns.size(); ++i) {
    if (!stored_[i]) continue;
    const Column& column = schema_.columns[i];
    ColumnData& data = table_.columns[i];
    switch (column.type) {
    case ColumnType::integer:
      reserve_column(data.ints, rows);
      break;
    case ColumnType::timestamp:
      reserve_column(data.times, rows);
      break;
    case ColumnType::string:
      reserve_column(data.strings, rows);
      break;
    case ColumnType::enumeration:
      reserve_column(data.enums, rows);
      break;
    case ColumnType::set:
      if (column.values.empty())
        reserve_column(data.set_offsets, rows + 1);
      else
        reserve_column(data.bits, rows);
      break;
    }
  }
  reserve_column(table_.day, rows);
}

void ObservationSink::fail_too_many_rows(std::uint64_t line) const {
  fail(data_error::too_many_rows, line, 1, 1, fmt::format("too many rows (limit is {})", options_.max_rows),
       "raise the limit with --max-rows");
}

void ObservationSink::report_progress(std::size_t offset) {
  constexpr std::size_t kProgressStep = std::size_t{1} << 20;
  next_progress_ = offset + kProgressStep;
  if (options_.on_progress) options_.on_progress(ReadProgress{offset, input_bytes_, records_});
}

void ObservationSink::reject_row(std::string_view code, const BadRow& bad, std::uint32_t length) {
  if (options_.skip_bad_rows) {
    table_.skipped.push_back(bad);
    table_.skipped.back().code = code;
    return;
  }
  throw DiagnosticError(Diagnostic{Severity::error,
                                   std::string(code),
                                   SourcePos{path_, static_cast<std::uint32_t>(bad.line), bad.column},
                                   std::max<std::uint32_t>(length, 1),
                                   bad.message,
                                   {}});
}

void ObservationSink::fail(std::string_view code, std::uint64_t line, std::uint32_t column,
                           std::uint32_t length, std::string message, std::string help) const {
  throw DiagnosticError(Diagnostic{Severity::error, std::string(code),
                                   SourcePos{path_, static_cast<std::uint32_t>(line), column},
                                   std::max<std::uint32_t>(length, 1), std::move(message), std::move(help)});
}

namespace {

bool has_column(const std::vector<std::string>& input_columns, std::string_view name) {
  return std::find(input_columns.begin(), input_columns.end(), name) != input_columns.end();
}

// A column of the input whose name looks like a typo of the missing one.
std::string near_miss_help(const std::vector<std::string>& input_columns, std::string_view missing) {
  const std::string near = closest_match(missing, input_columns);
  if (near.empty()) return {};
  return fmt::format("the input has a column `{}`; is it `{}` misspelt?", near, missing);
}

} // namespace

void ObservationSink::require_columns(const std::vector<std::string>& input_columns, std::uint64_t line,
                                      std::uint32_t column) const {
  for (const Column& schema_column : schema_.columns) {
    const bool required =
        schema_column.required || schema_column.name == kTimeColumn || schema_column.name == kAssetColumn;
    if (required && !has_column(input_columns, schema_column.name))
      fail(data_error::missing_column, line, column, 1,
           fmt::format("missing required column `{}`", schema_column.name),
           near_miss_help(input_columns, schema_column.name));
  }
  require_needed_columns(input_columns, line, column);
}

std::vector<std::optional<std::size_t>> ObservationSink::take_header(const std::vector<HeaderField>& fields,
                                                                     std::uint64_t line,
                                                                     std::uint32_t column) {
  std::vector<std::optional<std::size_t>> target;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const HeaderField& field = fields[i];
    if (field.name.empty())
      fail(data_error::bad_header, field.line, field.column, 1,
           fmt::format("empty column name in the header (field {})", i + 1));
    for (std::size_t earlier = 0; earlier < i; ++earlier)
      if (names[earlier] == field.name)
        fail(data_error::bad_header, field.line, field.column, field.width,
             fmt::format("duplicate column `{}` in the header (fields {} and {})", field.name, earlier + 1,
                         i + 1));
    names.emplace_back(field.name);
    target.push_back(schema_.index_of(field.name));
    if (target.back())
      table_.columns[*target.back()].present = true;
    else
      table_.extra_columns.emplace_back(field.name);
  }
  require_columns(names, line, column);
  return target;
}

void ObservationSink::require_needed_columns(const std::vector<std::string>& input_columns,
                                             std::uint64_t line, std::uint32_t column) const {
  tally::require_needed_columns(path_, options_.needed_columns, input_columns, line, column);
}

void require_needed_columns(const std::string& path,
                            const std::vector<std::pair<std::string, std::string>>& needed,
                            const std::vector<std::string>& input_columns, std::uint64_t line,
                            std::uint32_t column) {
  for (const auto& [name, product] : needed)
    if (!has_column(input_columns, name))
      throw DiagnosticError(Diagnostic{
          Severity::error, std::string(data_error::missing_column),
          SourcePos{path, static_cast<std::uint32_t>(line), column}, 1,
          fmt::format("column `{}` is needed by product {} but the table has no such column", name, product),
          near_miss_help(input_columns, name)});
}

} // namespace tally
