// Observations: tables read from a file or built from host memory.
#include "api_access.hpp"

#include "observation_sink.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace tally {

namespace {

using api_access::Access;

// Unknown columns are kept, as the contract says; but one that is a near miss
// of a schema column is almost certainly a typo that would otherwise leave the
// real column at its default.
std::vector<Diagnostic> misspelt_columns(const Table& table, const Schema& schema,
                                         std::uint32_t header_line) {
  std::vector<Diagnostic> warnings;
  for (const auto& column : table.extra_columns) {
    const auto suggestion = closest_match(column, schema.column_names());
    if (suggestion.empty() || table.columns[*schema.index_of(suggestion)].present) continue;
    warnings.push_back({Severity::warning,
                        "W0701",
                        {table.path, header_line, 0},
                        1,
                        fmt::format("column `{}` is not in the schema and is ignored", column),
                        fmt::format("did you mean `{}`?", suggestion)});
  }
  return warnings;
}

// A data error quotes the offending line, so the file's text is read, once
// there is an error to show.
std::shared_ptr<const SourceRegistry> data_source(const Diagnostic& diagnostic) {
  auto sources = std::make_shared<SourceRegistry>();
  if (diagnostic.pos.line > 0) {
    std::ifstream in(diagnostic.pos.file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    sources->add(diagnostic.pos.file, text.str());
  }
  return sources;
}

} // namespace

Outcome<Observations>
api_access::Access::read(const Rules& rules, const std::filesystem::path& path, const ReadSettings& settings,
                         std::optional<std::vector<std::pair<std::string, std::string>>> needed) {
  const auto& schema = program(rules).schema;
  ReadOptions options;
  options.skip_bad_rows = settings.skip_bad_rows;
  options.max_rows = rules.limits().max_rows;
  if (needed) {
    options.needed_columns = std::move(*needed);
    options.keep_needed_columns_only = true;
  }
  options.on_progress = settings.on_progress;
  try {
    auto table = read_observations(path.string(), schema, options);
    auto warnings = misspelt_columns(table, schema, 1);
    return Outcome<Observations>(observations(rules, std::move(table)),
                                 diagnostics(std::move(warnings), nullptr));
  } catch (const DiagnosticError& error) {
    return Outcome<Observations>(diagnostics({error.diagnostic()}, data_source(error.diagnostic())));
  }
}

Observations api_access::Access::observations(const Rules& rules, Table table) {
  std::vector<Diagnostic> skipped;
  for (const auto& row : table.skipped)
    skipped.push_back({Severity::warning,
                       row.code,
                       {table.path, static_cast<std::uint32_t>(row.line), row.column},
                       1,
                       "skipped: " + row.message,
                       {}});
  Observations observations;
  observations.state_ = std::make_shared<const Observations::State>(
      Observations::State{rules, std::move(table), std::move(skipped)});
  return observations;
}

Outcome<Observations> Observations::read(const Rules& rules, const std::filesystem::path& path,
                                         const ReadSettings& settings) {
  return Access::read(rules, path, settings, std::nullopt);
}

Outcome<Observations> Observations::read(const Contract& contract, const std::filesystem::path& path,
                                         const ReadSettings& settings) {
  return Access::read(Access::rules(contract), path, settings, contract.columns_needed());
}

std::size_t Observations::rows() const {
  return state_->table.rows;
}

const std::vector<Diagnostic>& Observations::skipped_rows() const {
  return state_->skipped;
}

// ---------------------------------------------------------------- ObservationBuilder

// The host's columns play the part of a CSV header. Throws DiagnosticError
// when they cannot: a missing required column, a name given twice.
struct ObservationBuilder::State {
  State(const Rules& rules, std::string name, std::vector<std::string> columns)
      : rules(rules), sink(name, Access::program(rules).schema, table, options), columns(std::move(columns)) {
    table.path = std::move(name);
    options.max_rows = rules.limits().max_rows;
    std::vector<HeaderField> header;
    for (std::size_t i = 0; i < this->columns.size(); ++i)
      header.push_back({this->columns[i], 0, static_cast<std::uint32_t>(i + 1), 1});
    schema_index = sink.take_header(header, 0, 0);
  }
  Rules rules;
  Table table;
  ReadOptions options;
  ObservationSink sink; // refers to table and options, so a State never moves
  std::vector<std::string> columns;
  std::vector<std::optional<std::size_t>> schema_index; // per column; nullopt: not in the schema
  std::uint64_t row = 0;                                // rows offered so far, kept or not
};

ObservationBuilder::ObservationBuilder(std::unique_ptr<State> state) : state_(std::move(state)) {}
ObservationBuilder::ObservationBuilder(ObservationBuilder&&) noexcept = default;
ObservationBuilder& ObservationBuilder::operator=(ObservationBuilder&&) noexcept = default;
ObservationBuilder::~ObservationBuilder() = default;

Outcome<ObservationBuilder> ObservationBuilder::create(const Rules& rules, std::vector<std::string> columns,
                                                       std::string name) {
  try {
    auto state = std::make_unique<State>(rules, std::move(name), std::move(columns));
    auto warnings = misspelt_columns(state->table, Access::program(rules).schema, 0);
    return Outcome<ObservationBuilder>(ObservationBuilder(std::move(state)),
                                       Access::diagnostics(std::move(warnings), nullptr));
  } catch (const DiagnosticError& error) {
    return Outcome<ObservationBuilder>(Access::diagnostics({error.diagnostic()}, nullptr));
  }
}

Diagnostics ObservationBuilder::append_row(const std::vector<std::string_view>& cells) {
  auto& state = *state_;
  const auto row = ++state.row;
  const auto refused = [&](std::string_view code, std::uint32_t column, std::string message) {
    return Access::diagnostics({{Severity::error,
                                 std::string(code),
                                 SourcePos{state.table.path, static_cast<std::uint32_t>(row), column},
                                 1,
                                 std::move(message),
                                 {}}},
                               nullptr);
  };
  if (cells.size() != state.schema_index.size())
    return refused(
        data_error::malformed, 0,
        fmt::format("expected {} cells, one per column, found {}", state.schema_index.size(), cells.size()));
  try {
    state.sink.count_record(row, 0);
  } catch (const DiagnosticError& error) {
    return Access::diagnostics({error.diagnostic()}, nullptr);
  }
  auto& appender = state.sink.appender();
  appender.begin_row(row);
  BadRow bad;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto column = static_cast<std::uint32_t>(i + 1);
    if (state.schema_index[i] && !appender.set_cell(*state.schema_index[i], cells[i], column, bad))
      return refused(data_error::bad_value, column, bad.message);
  }
  if (!appender.end_row(bad)) return refused(data_error::bad_value, 0, bad.message);
  return {};
}

Diagnostics ObservationBuilder::append_columns(const std::vector<std::vector<std::string_view>>& columns) {
  if (columns.size() != state_->schema_index.size())
    return Access::diagnostics(
        {{Severity::error,
          std::string(data_error::malformed),
          {state_->table.path, 0, 0},
          1,
          fmt::format("expected {} columns, found {}", state_->schema_index.size(), columns.size()),
          {}}},
        nullptr);
  const std::size_t rows = columns.empty() ? 0 : columns.front().size();
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].size() != rows)
      return Access::diagnostics(
          {{Severity::error,
            std::string(data_error::malformed),
            {state_->table.path, 0, static_cast<std::uint32_t>(i + 1)},
            1,
            fmt::format("column {} has {} cells but column 1 has {}", i + 1, columns[i].size(), rows),
            {}}},
          nullptr);
  std::vector<std::string_view> cells(columns.size());
  for (std::size_t row = 0; row < rows; ++row) {
    for (std::size_t i = 0; i < columns.size(); ++i)
      cells[i] = columns[i][row];
    auto refused = append_row(cells);
    if (refused.has_errors()) return refused;
  }
  return {};
}

std::size_t ObservationBuilder::column_count() const {
  return state_->columns.size();
}

std::size_t ObservationBuilder::rows() const {
  return state_->table.rows;
}

Observations ObservationBuilder::finish() {
  auto fresh = std::make_unique<State>(state_->rules, state_->table.path, state_->columns);
  auto table = std::move(state_->table);
  state_ = std::move(fresh);
  return Access::observations(state_->rules, std::move(table));
}

} // namespace tally
