#include "schema_builder.hpp"

#include <fmt/format.h>

namespace tally {
namespace {

Diagnostic error_at(const ast::Name& at, std::string code, std::string message, std::string help = {}) {
  return {Severity::error, std::move(code), at.pos, at.length, std::move(message), std::move(help)};
}

std::optional<ColumnType> column_type_named(std::string_view name) {
  if (name == "timestamp") return ColumnType::timestamp;
  if (name == "string") return ColumnType::string;
  if (name == "enum") return ColumnType::enumeration;
  if (name == "integer") return ColumnType::integer;
  if (name == "set") return ColumnType::set;
  return std::nullopt;
}

class Builder {
public:
  explicit Builder(std::vector<Diagnostic>& diagnostics) : diagnostics_(diagnostics) {}

  void add(const ast::SchemaDecl& decl) {
    if (schema_.name.empty()) schema_.name = decl.name.text;
    for (const auto& column : decl.columns)
      add_column(column);
    if (decl.ties_column) pending_ties_.push_back(&decl);
  }

  Schema finish(const std::vector<const ast::SchemaDecl*>& declarations) {
    for (const auto* decl : declarations)
      for (const auto& column : decl->columns)
        resolve_required_when(column);
    for (const auto* decl : pending_ties_)
      resolve_ties(*decl);
    // A column missing altogether is reported at the (first) schema's name.
    const ast::Name* schema_name = declarations.empty() ? nullptr : &declarations.front()->name;
    require_column(kTimeColumn, ColumnType::timestamp, schema_name);
    require_column(kAssetColumn, ColumnType::string, schema_name);
    return std::move(schema_);
  }

private:
  std::vector<Diagnostic>& diagnostics_;
  Schema schema_;
  std::vector<const ast::SchemaDecl*> pending_ties_;

  void add_column(const ast::ColumnDecl& decl) {
    if (const auto* existing = schema_.find(decl.name.text)) {
      diagnostics_.push_back(
          error_at(decl.name, "E0501", fmt::format("column `{}` is declared twice", decl.name.text),
                   fmt::format("first declared at {}:{}", existing->pos.file, existing->pos.line)));
      return;
    }
    Column column;
    column.name = decl.name.text;
    column.pos = decl.name.pos;
    const auto type = column_type_named(decl.type.text);
    if (!type) {
      diagnostics_.push_back(error_at(decl.type, "E0502",
                                      fmt::format("unknown column type `{}`", decl.type.text),
                                      "column types are timestamp, string, enum {...}, integer and set"));
      return;
    }
    column.type = *type;
    for (const auto& value : decl.values) {
      if (column.value_index(value.text)) {
        diagnostics_.push_back(
            error_at(value, "E0503", fmt::format("value `{}` is listed twice", value.text)));
        continue;
      }
      column.values.push_back(value.text);
    }
    if (decl.has_values && column.type != ColumnType::enumeration && column.type != ColumnType::set)
      diagnostics_.push_back(error_at(decl.type, "E0504",
                                      fmt::format("{} {} column takes no value list",
                                                  decl.type.text == "integer" ? "an" : "a", decl.type.text)));
    if (column.type == ColumnType::enumeration && column.values.empty())
      diagnostics_.push_back(
          error_at(decl.type, "E0504", "an enum column needs its values, as in `enum {a, b}`"));
    if (column.values.size() > 64)
      diagnostics_.push_back(error_at(decl.type, "E0505", "too many values (limit is 64)"));
    column.required = decl.required && !decl.required_when_column;
    if (decl.default_value) {
      const auto& value = *decl.default_value;
      if (column.type == ColumnType::enumeration && !column.value_index(value.text))
        diagnostics_.push_back(error_at(
            value, "E0506", fmt::format("default `{}` is not one of the column's values", value.text)));
      if (column.type == ColumnType::integer &&
          value.text.find_first_not_of("0123456789") != std::string::npos)
        diagnostics_.push_back(
            error_at(value, "E0506", fmt::format("default `{}` is not a whole number >= 0", value.text)));
      if (column.type != ColumnType::enumeration && column.type != ColumnType::integer)
        diagnostics_.push_back(error_at(value, "E0506", "only enum and integer columns take a default"));
      column.default_value = value.text;
    }
    schema_.columns.push_back(std::move(column));
  }

  void resolve_required_when(const ast::ColumnDecl& decl) {
    if (!decl.required_when_column) return;
    const auto& when = *decl.required_when_column;
    const auto index = schema_.index_of(when.text);
    const auto self = schema_.index_of(decl.name.text);
    if (!self) return;
    if (!index || schema_.columns[*index].type != ColumnType::enumeration) {
      diagnostics_.push_back(error_at(
          when, "E0507", fmt::format("`required when` needs an enum column; `{}` is not one", when.text)));
      return;
    }
    const auto value = schema_.columns[*index].value_index(decl.required_when_value->text);
    if (!value) {
      diagnostics_.push_back(error_at(
          *decl.required_when_value, "E0203",
          fmt::format("unknown value `{}` for column `{}`", decl.required_when_value->text, when.text)));
      return;
    }
    schema_.columns[*self].required_when_column = *index;
    schema_.columns[*self].required_when_value = *value;
  }

  void resolve_ties(const ast::SchemaDecl& decl) {
    const auto& name = *decl.ties_column;
    const auto index = schema_.index_of(name.text);
    if (!index || schema_.columns[*index].type != ColumnType::enumeration) {
      diagnostics_.push_back(
          error_at(name, "E0507", fmt::format("`ties` needs an enum column; `{}` is not one", name.text)));
      return;
    }
    const auto& column = schema_.columns[*index];
    std::vector<std::size_t> order;
    for (const auto& value : decl.ties_order) {
      const auto at = column.value_index(value.text);
      if (!at) {
        diagnostics_.push_back(error_at(
            value, "E0203", fmt::format("unknown value `{}` for column `{}`", value.text, name.text)));
        continue;
      }
      order.push_back(*at);
    }
    schema_.tie_column = *index;
    schema_.tie_order = std::move(order);
  }

  void require_column(std::string_view name, ColumnType type, const ast::Name* schema_name) {
    const auto* column = schema_.find(name);
    if (column && column->type == type) return;
    diagnostics_.push_back({Severity::error,
                            "E0508",
                            column        ? column->pos
                            : schema_name ? schema_name->pos
                                          : SourcePos{},
                            column || !schema_name ? 1 : schema_name->length,
                            fmt::format("the schema must declare column `{}` as {}", name, name_of(type)),
                            {}});
  }
};

} // namespace

Schema build_schema(const std::vector<const ast::SchemaDecl*>& declarations,
                    std::vector<Diagnostic>& diagnostics) {
  Builder builder(diagnostics);
  for (const auto* decl : declarations)
    builder.add(*decl);
  return builder.finish(declarations);
}

} // namespace tally
