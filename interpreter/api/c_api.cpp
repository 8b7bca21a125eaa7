// The C API: each handle wraps the C++ API's object, and every entry point
// runs behind one guard that turns any exception into a status.
#include <tally/tally.h>
#include <tally/tally.hpp>

#include "provenance.hpp"

#include <new>

struct tally_diagnostics {
  std::vector<tally::Diagnostic> list;
  std::string text;
};
struct tally_sources {
  tally::RuleSources value;
};
struct tally_rules {
  tally::Rules value;
};
struct tally_terms {
  tally::Terms value;
};
struct tally_contract {
  tally::Contract value;
};
struct tally_table {
  tally::Observations value;
};
struct tally_builder {
  tally::ObservationBuilder value;
};
struct tally_usage {
  tally::Usage value;
};

namespace {

template <class Body> tally_status guarded(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return TALLY_NO_MEMORY;
  } catch (...) {
    return TALLY_INTERNAL;
  }
}

// Hands the diagnostics to the caller when it asked for them.
void give(const tally::Diagnostics& diagnostics, tally_diagnostics** out) {
  if (!out) return;
  *out = nullptr; // should the allocation below fail
  *out = new tally_diagnostics{diagnostics.list(), diagnostics.render()};
}

// Stores the outcome's value in a new handle, or reports why there is none.
template <class Handle, class T>
tally_status deliver(tally::Outcome<T>&& outcome, Handle** out, tally_diagnostics** diagnostics) {
  *out = nullptr;
  give(outcome.diagnostics(), diagnostics);
  if (!outcome) return TALLY_INVALID;
  *out = new Handle{std::move(*outcome)};
  return TALLY_OK;
}

// A new, empty handle for the host to fill.
template <class Handle> tally_status created(Handle** out) {
  if (!out) return TALLY_MISUSE;
  return guarded([&] {
    *out = new Handle{};
    return TALLY_OK;
  });
}

tally_exact exact(const tally::Exact& value) {
  return {value.numerator.c_str(), value.denominator.c_str(), value.decimal.c_str(), value.decimal_is_exact};
}

const tally::PeriodUsage* period_of(const tally_usage* usage, size_t product, size_t period) {
  if (!usage || product >= usage->value.products().size()) return nullptr;
  const auto& periods = usage->value.products()[product].periods;
  return period < periods.size() ? &periods[period] : nullptr;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(';', start), text.size());
    if (end > start) items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

} // namespace

extern "C" {

const char* tally_status_text(tally_status status) {
  switch (status) {
  case TALLY_OK:
    return "ok";
  case TALLY_INVALID:
    return "invalid input (see the diagnostics)";
  case TALLY_MISUSE:
    return "misuse of the API (a NULL handle, an index out of range)";
  case TALLY_NO_MEMORY:
    return "out of memory";
  case TALLY_INTERNAL:
    return "internal error";
  }
  return "unknown status";
}

const char* tally_version(void) {
  try {
    static const std::string version = tally::tally_version();
    return version.c_str();
  } catch (...) { // the first call could not allocate; a later one may
    return "";
  }
}

// ---------------------------------------------------------------- diagnostics

size_t tally_diagnostics_count(const tally_diagnostics* diagnostics) {
  return diagnostics ? diagnostics->list.size() : 0;
}

tally_status tally_diagnostics_get(const tally_diagnostics* diagnostics, size_t index,
                                   tally_diagnostic* out) {
  if (!diagnostics || !out || index >= diagnostics->list.size()) return TALLY_MISUSE;
  const auto& d = diagnostics->list[index];
  *out = {static_cast<tally_severity>(d.severity),
          d.code.c_str(),
          d.pos.file.c_str(),
          d.pos.line,
          d.pos.column,
          d.message.c_str(),
          d.help.c_str()};
  return TALLY_OK;
}

const char* tally_diagnostics_text(const tally_diagnostics* diagnostics) {
  return diagnostics ? diagnostics->text.c_str() : "";
}

void tally_diagnostics_free(tally_diagnostics* diagnostics) {
  delete diagnostics;
}

// ---------------------------------------------------------------- rules

void tally_limits_default(tally_limits* out) {
  if (!out) return;
  const tally::Limits limits;
  *out = {limits.max_rule_bytes, limits.max_nesting, limits.max_identifier_length,
          limits.max_products,   limits.max_rows,    limits.max_term_days};
}

tally_status tally_sources_new(tally_sources** out) {
  return created(out);
}

tally_status tally_sources_add_file(tally_sources* sources, const char* path) {
  if (!sources || !path) return TALLY_MISUSE;
  return guarded([&] {
    sources->value.add_file(path);
    return TALLY_OK;
  });
}

tally_status tally_sources_add_text(tally_sources* sources, const char* name, const char* text,
                                    size_t length) {
  if (!sources || !name || (!text && length > 0)) return TALLY_MISUSE;
  return guarded([&] {
    sources->value.add_text(name, std::string(text ? text : "", length));
    return TALLY_OK;
  });
}

void tally_sources_free(tally_sources* sources) {
  delete sources;
}

tally_status tally_rules_compile(const tally_sources* sources, const tally_limits* limits, tally_rules** out,
                                 tally_diagnostics** diagnostics) {
  if (diagnostics) *diagnostics = nullptr;
  if (!sources || !out) return TALLY_MISUSE;
  return guarded([&] {
    tally::Limits chosen;
    if (limits)
      chosen = {limits->max_rule_bytes, limits->max_nesting, limits->max_identifier_length,
                limits->max_products,   limits->max_rows,    limits->max_term_days};
    return deliver(tally::Rules::compile(sources->value, chosen), out, diagnostics);
  });
}

void tally_rules_free(tally_rules* rules) {
  delete rules;
}

// ---------------------------------------------------------------- terms and contracts

tally_status tally_terms_new(tally_terms** out) {
  return created(out);
}

tally_status tally_terms_set(tally_terms* terms, const char* name, const char* value) {
  if (!terms || !name || !value) return TALLY_MISUSE;
  return guarded([&] {
    auto& t = terms->value;
    const std::string key = name;
    if (key == "start")
      t.start = value;
    else if (key == "end")
      t.end = value;
    else if (key == "as_of")
      t.as_of = value;
    else if (key == "products")
      t.products = split_list(value);
    else if (key == "only")
      t.only = split_list(value);
    else if (const auto dot = key.find('.'); dot != std::string::npos)
      t.product_settings[key.substr(0, dot)][key.substr(dot + 1)] = value;
    else
      t.settings[key] = value;
    return TALLY_OK;
  });
}

void tally_terms_free(tally_terms* terms) {
  delete terms;
}

tally_status tally_contract_bind(const tally_rules* rules, const tally_terms* terms, tally_contract** out,
                                 tally_diagnostics** diagnostics) {
  if (diagnostics) *diagnostics = nullptr;
  if (!rules || !out) return TALLY_MISUSE;
  return guarded([&] {
    return deliver(tally::Contract::bind(rules->value, terms ? terms->value : tally::Terms{}), out,
                   diagnostics);
  });
}

void tally_contract_free(tally_contract* contract) {
  delete contract;
}

// ---------------------------------------------------------------- tables

tally_status tally_table_read(const tally_contract* contract, const char* path, int skip_bad_rows,
                              tally_table** out, tally_diagnostics** diagnostics) {
  if (diagnostics) *diagnostics = nullptr;
  if (!contract || !path || !out) return TALLY_MISUSE;
  return guarded([&] {
    tally::ReadSettings settings;
    settings.skip_bad_rows = skip_bad_rows != 0;
    return deliver(tally::Observations::read(contract->value, path, settings), out, diagnostics);
  });
}

size_t tally_table_rows(const tally_table* table) {
  return table ? table->value.rows() : 0;
}

void tally_table_free(tally_table* table) {
  delete table;
}

tally_status tally_builder_new(const tally_rules* rules, const char* const* columns, size_t count,
                               const char* name, tally_builder** out, tally_diagnostics** diagnostics) {
  if (diagnostics) *diagnostics = nullptr;
  if (!rules || (!columns && count > 0) || !out) return TALLY_MISUSE;
  for (size_t i = 0; i < count; ++i)
    if (!columns[i]) return TALLY_MISUSE;
  return guarded([&] {
    std::vector<std::string> names(columns, columns + count);
    return deliver(tally::ObservationBuilder::create(rules->value, std::move(names), name ? name : "<host>"),
                   out, diagnostics);
  });
}

tally_status tally_builder_append_row(tally_builder* builder, const char* const* cells,
                                      tally_diagnostics** diagnostics) {
  if (diagnostics) *diagnostics = nullptr;
  if (!builder || !cells) return TALLY_MISUSE;
  return guarded([&] {
    const auto width = builder->value.column_count();
    std::vector<std::string_view> row;
    for (size_t i = 0; i < width; ++i) {
      if (!cells[i]) return TALLY_MISUSE;
      row.emplace_back(cells[i]);
    }
    const auto refused = builder->value.append_row(row);
    give(refused, diagnostics);
    return refused.has_errors() ? TALLY_INVALID : TALLY_OK;
  });
}

tally_status tally_builder_finish(tally_builder* builder, tally_table** out) {
  if (!builder || !out) return TALLY_MISUSE;
  return guarded([&] {
    *out = new tally_table{builder->value.finish()};
    return TALLY_OK;
  });
}

void tally_builder_free(tally_builder* builder) {
  delete builder;
}

// ---------------------------------------------------------------- evaluation

tally_status tally_evaluate(const tally_contract* contract, const tally_table* table, tally_usage** out,
                            tally_diagnostics** diagnostics) {
  if (diagnostics) *diagnostics = nullptr;
  if (!contract || !table || !out) return TALLY_MISUSE;
  return guarded([&] { return deliver(contract->value.evaluate(table->value), out, diagnostics); });
}

size_t tally_usage_product_count(const tally_usage* usage) {
  return usage ? usage->value.products().size() : 0;
}

const char* tally_usage_product(const tally_usage* usage, size_t product) {
  if (!usage || product >= usage->value.products().size()) return nullptr;
  return usage->value.products()[product].product.c_str();
}

size_t tally_usage_period_count(const tally_usage* usage, size_t product) {
  if (!usage || product >= usage->value.products().size()) return 0;
  return usage->value.products()[product].periods.size();
}

tally_status tally_usage_period(const tally_usage* usage, size_t product, size_t period, tally_period* out) {
  const auto* found = period_of(usage, product, period);
  if (!found || !out) return TALLY_MISUSE;
  *out = {found->start.c_str(), found->end.c_str(), found->partial,
          exact(found->usage),  exact(found->qlu),  found->components.size()};
  return TALLY_OK;
}

tally_status tally_usage_component(const tally_usage* usage, size_t product, size_t period, size_t component,
                                   const char** name, tally_exact* value) {
  const auto* found = period_of(usage, product, period);
  if (!found || component >= found->components.size() || !name || !value) return TALLY_MISUSE;
  *name = found->components[component].first.c_str();
  *value = exact(found->components[component].second);
  return TALLY_OK;
}

size_t tally_usage_total_count(const tally_usage* usage) {
  return usage ? usage->value.totals().size() : 0;
}

tally_status tally_usage_total(const tally_usage* usage, size_t index, tally_total* out) {
  if (!usage || !out || index >= usage->value.totals().size()) return TALLY_MISUSE;
  const auto& total = usage->value.totals()[index];
  *out = {total.start.c_str(), total.end.c_str(), total.partial, exact(total.qlu)};
  return TALLY_OK;
}

void tally_usage_free(tally_usage* usage) {
  delete usage;
}

} // extern "C"
