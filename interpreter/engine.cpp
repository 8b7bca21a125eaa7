#include "engine.hpp"

#include "lower.hpp"
#include "parser.hpp"
#include "program.hpp"
#include "schema_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <dlfcn.h>

#ifndef TALLY_STDLIB_DIR
#error "TALLY_STDLIB_DIR must name the folder holding the prelude"
#endif

namespace tally {

const ast::ProductDecl* Program::product(std::string_view name) const {
  for (const auto* product : products)
    if (product->name.text == name) return product;
  return nullptr;
}

std::vector<std::string> Program::product_names() const {
  std::vector<std::string> names;
  for (const auto* product : products)
    names.push_back(product->name.text);
  return names;
}

std::vector<std::string> Program::names_of(bool licenses) const {
  std::vector<std::string> names;
  for (const auto* product : products)
    if (product->license == licenses) names.push_back(product->name.text);
  return names;
}

std::vector<const ast::ParamDecl*> params_of(const ast::ProductDecl& product) {
  std::vector<const ast::ParamDecl*> params;
  for (const auto& param : product.params)
    params.push_back(&param);
  return params;
}

std::vector<const ast::ParamDecl*> global_params(const Program& program) {
  std::vector<const ast::ParamDecl*> params;
  for (const auto& [_, param] : program.params)
    params.push_back(param);
  return params;
}

const Schema& schema_of(const Program& program) {
  return program.schema;
}

namespace {

namespace fs = std::filesystem;

// The folder `import "name"` searches after the importing file's own folder.
// An installed tally (library or command) finds it beside itself, from the
// install's lib/ or bin/ folder; a build finds the source tree's stdlib/.
fs::path stdlib_dir() {
  if (const char* overridden = std::getenv("TALLY_STDLIB")) return overridden;
  Dl_info self{};
  if (dladdr(reinterpret_cast<void*>(&stdlib_dir), &self) != 0 && self.dli_fname) {
    const auto folder = fs::path(self.dli_fname).parent_path();
    std::error_code ec;
    for (const char* relative : {TALLY_STDLIB_FROM_LIBDIR, TALLY_STDLIB_FROM_BINDIR})
      if (fs::is_directory(folder / relative, ec)) return (folder / relative).lexically_normal();
  }
  return TALLY_STDLIB_DIR;
}

// A path as diagnostics and reports show it: relative to the working folder
// when it lies inside it ("stdlib/prelude.tally"), otherwise as it is.
fs::path shown_path(const fs::path& path) {
  std::error_code ec;
  const auto relative = fs::proximate(path, ec);
  if (ec || relative.empty() || *relative.begin() == "..") return path;
  return relative;
}

class Loader {
public:
  Loader(SourceRegistry& sources, Program& program, const Limits& limits,
         std::vector<Diagnostic>& diagnostics)
      : sources_(sources), program_(program), limits_(limits), diagnostics_(diagnostics) {}

  void load_path(const fs::path& input) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::recursive_directory_iterator(input, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".tally") files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      if (files.empty()) report_file(input.string(), "E0105", "no .tally files in this folder");
      for (const auto& file : files)
        load_file(file, {});
      return;
    }
    load_file(input, {});
  }

  void load_text(const std::string& name, const std::string& text) { parse_and_add(name, text, {}, false); }

private:
  SourceRegistry& sources_;
  Program& program_;
  const Limits& limits_;
  std::vector<Diagnostic>& diagnostics_;
  std::map<std::string, std::string> loaded_; // canonical path -> the name it was loaded under

  void report_file(const std::string& file, std::string code, std::string message,
                   const SourcePos* at = nullptr) {
    diagnostics_.push_back(
        {Severity::error, std::move(code), at ? *at : SourcePos{file, 0, 0}, 1, std::move(message), {}});
  }

  void load_file(const fs::path& path, const SourcePos* imported_at) {
    std::error_code ec;
    const auto canonical = fs::weakly_canonical(path, ec).string();
    if (const auto [it, fresh] = loaded_.emplace(canonical, path.string()); !fresh) {
      // Named by the user after an import loaded it: it is the user's file too.
      if (!imported_at)
        for (auto& file : program_.files)
          if (file.path == it->second) file.imported = false;
      return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      report_file(path.string(), "E0105", fmt::format("cannot read `{}`", path.string()), imported_at);
      return;
    }
    // Refused before it is read: a huge file must not fill memory first.
    if (const auto size = fs::file_size(path, ec); !ec && size > limits_.max_rule_bytes) {
      diagnostics_.push_back(
          {Severity::error,
           "E0108",
           {path.string(), 0, 0},
           1,
           fmt::format("rule file of {} bytes is larger than the limit of {}", size, limits_.max_rule_bytes),
           "split it into files that import each other, or raise the limit with "
           "--max-rule-bytes"});
      return;
    }
    std::ostringstream text;
    text << in.rdbuf();
    // A bare file name lives in the working folder, where its imports are looked up too.
    const auto folder = path.parent_path();
    parse_and_add(path.string(), text.str(), folder.empty() ? fs::path(".") : folder, imported_at != nullptr);
  }

  void parse_and_add(const std::string& name, const std::string& text, const fs::path& folder,
                     bool imported) {
    const auto& stored = sources_.add(name, text);
    auto parsed = parse_rules(name, stored, limits_);
    if (!parsed.file) {
      diagnostics_.push_back(*parsed.error);
      return;
    }
    parsed.file->imported = imported;
    // Imports load first, so the prelude's declarations precede their users.
    for (const auto& import : parsed.file->imports) {
      const auto file = import.path + ".tally";
      const auto local = folder / file;
      std::error_code ec;
      if (!folder.empty() && fs::exists(local, ec))
        load_file(local, &import.pos);
      else if (fs::exists(stdlib_dir() / file, ec))
        load_file(shown_path(stdlib_dir() / file), &import.pos);
      else
        report_file(name, "E0207",
                    fmt::format("cannot find `{}` next to this file or in the standard library", file),
                    &import.pos);
    }
    program_.files.push_back(std::move(*parsed.file));
  }
};

template <class Decl>
void register_unique(std::map<std::string, const Decl*, std::less<>>& names, const Decl& decl,
                     std::vector<Diagnostic>& diagnostics) {
  const auto [it, fresh] = names.emplace(decl.name.text, &decl);
  if (!fresh)
    diagnostics.push_back(
        {Severity::error, "E0204", decl.name.pos, decl.name.length,
         fmt::format("`{}` is already defined", decl.name.text),
         fmt::format("first defined at {}:{}", it->second->name.pos.file, it->second->name.pos.line)});
}

void index_declarations(Program& program, const Limits& limits, std::vector<Diagnostic>& diagnostics) {
  std::vector<const ast::SchemaDecl*> schemas;
  for (const auto& file : program.files) {
    for (const auto& schema : file.schemas)
      schemas.push_back(&schema);
    for (const auto& let : file.lets)
      register_unique(program.lets, let, diagnostics);
    for (const auto& param : file.params)
      register_unique(program.params, param, diagnostics);
    for (const auto& subscription : file.subscriptions)
      program.subscriptions.push_back(&subscription);
    for (const auto& product : file.products) {
      if (const auto* existing = program.product(product.name.text)) {
        diagnostics.push_back(
            {Severity::error, "E0405", product.name.pos, product.name.length,
             fmt::format("product `{}` is defined twice", product.name.text),
             fmt::format("first defined at {}:{}", existing->name.pos.file, existing->name.pos.line)});
        continue;
      }
      if (program.products.size() == limits.max_products) {
        diagnostics.push_back({Severity::error, "E0407", product.name.pos, product.name.length,
                               fmt::format("too many products (limit is {})", limits.max_products),
                               "raise the limit with --max-products"});
        return;
      }
      program.products.push_back(&product);
    }
  }
  if (schemas.empty()) {
    // Without a schema nothing imported the prelude: the first file read is the user's.
    const SourcePos where = program.files.empty() ? SourcePos{} : SourcePos{program.files.front().path, 0, 0};
    diagnostics.push_back({Severity::error, "E0508", where, 1, "no `schema` declared", "import \"prelude\""});
    return;
  }
  program.schema = build_schema(schemas, diagnostics);
  // A top-level name that is also a column would be ambiguous wherever rows are in scope.
  const auto not_a_column = [&](const ast::Name& name) {
    if (program.schema.find(name.text))
      diagnostics.push_back({Severity::error,
                             "E0204",
                             name.pos,
                             name.length,
                             fmt::format("`{}` is a column; choose another name", name.text),
                             {}});
  };
  for (const auto& file : program.files) {
    for (const auto& let : file.lets)
      not_a_column(let.name);
    for (const auto& param : file.params)
      not_a_column(param.name);
  }
}

void check_products(const Program& program, std::vector<Diagnostic>& diagnostics) {
  const auto globals = default_params(global_params(program), diagnostics);
  std::set<std::string, std::less<>> everything;
  for (const auto& name : program.product_names())
    everything.insert(name);
  for (const auto* product : program.products) {
    const auto params = default_params(params_of(*product), diagnostics);
    lower_product({program, globals, params, everything}, *product, diagnostics);
  }
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void sort_by_position(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.pos.file, a.pos.line, a.pos.column) < std::tie(b.pos.file, b.pos.line, b.pos.column);
  });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                [](const Diagnostic& a, const Diagnostic& b) {
                                  return a.pos.file == b.pos.file && a.pos.line == b.pos.line &&
                                         a.pos.column == b.pos.column && a.message == b.message;
                                }),
                    diagnostics.end());
}

CompileResult finish(std::shared_ptr<Program> program, const Limits& limits,
                     std::vector<Diagnostic> diagnostics) {
  if (!has_errors(diagnostics)) index_declarations(*program, limits, diagnostics);
  if (!has_errors(diagnostics)) check_products(*program, diagnostics);
  sort_by_position(diagnostics);
  if (has_errors(diagnostics)) return {nullptr, std::move(diagnostics)};
  program->limits = limits;
  return {std::move(program), std::move(diagnostics)};
}

} // namespace

CompileResult compile(const std::vector<std::filesystem::path>& inputs, const std::vector<SourceText>& texts,
                      SourceRegistry& sources, const Limits& limits) {
  auto program = std::make_shared<Program>();
  std::vector<Diagnostic> diagnostics;
  Loader loader(sources, *program, limits, diagnostics);
  for (const auto& input : inputs)
    loader.load_path(input);
  for (const auto& text : texts)
    loader.load_text(text.name, text.text);
  return finish(std::move(program), limits, std::move(diagnostics));
}

CompileResult compile(const std::vector<std::filesystem::path>& inputs, SourceRegistry& sources,
                      const Limits& limits) {
  return compile(inputs, {}, sources, limits);
}

CompileResult compile_source(const std::string& name, const std::string& text, SourceRegistry& sources,
                             const Limits& limits) {
  return compile({}, {SourceText{name, text}}, sources, limits);
}

// ---------------------------------------------------------------- bind

namespace {

class Binder {
public:
  Binder(const Program& program, const Subscription& subscription, LowerTrace* trace,
         std::vector<Diagnostic>& diagnostics)
      : program_(program), subscription_(subscription), trace_(trace), diagnostics_(diagnostics) {}

  std::optional<plan::Plan> run() {
    plan::Plan out;
    bind_term(out);
    const auto bought = bought_products();
    auto globals = default_params(global_params(program_), diagnostics_);
    for (const auto& [name, setting] : subscription_.globals) {
      const auto param = program_.params.find(name);
      if (param == program_.params.end()) {
        unknown(setting.pos, name, "E0206", fmt::format("unknown setting `{}`", name), setting_names());
        continue;
      }
      if (auto value = typed_setting(*param->second, setting)) globals[name] = std::move(*value);
    }
    // Every product setting is checked, bought or not: a wrong one is wrong either way.
    std::map<std::string, ParamValues> overrides;
    for (const auto& [product, settings] : subscription_.product_params) {
      const auto* decl = program_.product(product);
      if (!decl) {
        unknown(settings.begin()->second.pos, product, "E0205", fmt::format("unknown product `{}`", product),
                program_.product_names());
        continue;
      }
      for (const auto& [name, setting] : settings) {
        // Bound by name: clang 14, which builds the fuzzers, cannot capture a structured binding.
        const auto param =
            std::find_if(decl->params.begin(), decl->params.end(),
                         [&name = name](const ast::ParamDecl& p) { return p.name.text == name; });
        if (param == decl->params.end()) {
          std::vector<std::string> names;
          for (const auto& p : decl->params)
            names.push_back(p.name.text);
          unknown(setting.pos, name, "E0206",
                  fmt::format("product `{}` has no parameter `{}`", product, name), names);
          continue;
        }
        if (auto value = typed_setting(*param, setting)) overrides[product][name] = std::move(*value);
      }
    }
    for (const auto* product : report_order()) {
      if (!bought.count(product->name.text)) continue;
      if (!subscription_.only.empty() && std::find(subscription_.only.begin(), subscription_.only.end(),
                                                   product->name.text) == subscription_.only.end())
        continue;
      auto params = default_params(params_of(*product), diagnostics_);
      for (const auto& [name, value] : overrides[product->name.text])
        params[name] = value;
      if (auto lowered = lower_product({program_, globals, params, bought, trace_}, *product, diagnostics_))
        out.products.push_back(std::move(*lowered));
    }
    for (const auto& name : subscription_.only)
      if (!program_.product(name))
        unknown({"<command line>", 0, 0}, name, "E0205", fmt::format("unknown product `{}`", name),
                program_.product_names());
    if (has_errors(diagnostics_)) return std::nullopt;
    return out;
  }

private:
  const Program& program_;
  const Subscription& subscription_;
  LowerTrace* trace_;
  std::vector<Diagnostic>& diagnostics_;

  void unknown(const SourcePos& pos, std::string_view wrong, std::string code, std::string message,
               const std::vector<std::string>& candidates) {
    const auto suggestion = closest_match(wrong, candidates);
    diagnostics_.push_back(
        {Severity::error, std::move(code), pos, static_cast<std::uint32_t>(wrong.size()), std::move(message),
         suggestion.empty() ? std::string{} : fmt::format("did you mean `{}`?", suggestion)});
  }

  std::vector<std::string> setting_names() const {
    std::vector<std::string> names;
    for (const auto& [name, _] : program_.params)
      names.push_back(name);
    return names;
  }

  std::optional<ParamValue> typed_setting(const ast::ParamDecl& param, const Setting& setting) {
    const auto type = param_type_named(param.type.text);
    if (!type) return std::nullopt; // reported by the checker
    auto value = param_value_from_text(setting.text, *type);
    if (!value) {
      diagnostics_.push_back(
          {Severity::error,
           "E0303",
           setting.pos,
           1,
           fmt::format("`{}` must be {} {} value, not `{}`", param.name.text,
                       *type == ParamType::integer ? "an" : "a", name_of(*type), setting.text),
           {}});
      return std::nullopt;
    }
    if (param.name.text == "ratio" && value->number < 0) {
      diagnostics_.push_back({Severity::error, "E0303", setting.pos, 1, "a ratio cannot be negative", {}});
      return std::nullopt;
    }
    return value;
  }

  std::optional<Day> date_setting(const std::optional<Setting>& setting, std::string_view what) {
    if (!setting) return std::nullopt;
    const auto day = parse_date(setting->text);
    if (!day)
      diagnostics_.push_back({Severity::error,
                              "E0303",
                              setting->pos,
                              1,
                              fmt::format("{} must be a date (YYYY-MM-DD), not `{}`", what, setting->text),
                              {}});
    return day;
  }

  void bind_term(plan::Plan& out) {
    const auto start = date_setting(subscription_.start, "the start");
    const auto end = date_setting(subscription_.end, "the end");
    out.as_of = date_setting(subscription_.as_of, "the as-of day");
    if (!subscription_.start) {
      diagnostics_.push_back({Severity::error,
                              "E0601",
                              {"<command line>", 0, 0},
                              1,
                              "no subscription start day",
                              "give --start YYYY-MM-DD or a subscription file with `start = ...`"});
      return;
    }
    if (!start) return;
    out.start = *start;
    out.end = end.value_or(default_term_end(*start));
    // Evaluation works day by day, so a term of ten thousand years (a typo, or
    // a hostile file) would run for hours: its length is a limit like the others.
    const auto days = std::int64_t{out.end} - out.start + 1;
    if (out.end < out.start)
      diagnostics_.push_back(
          {Severity::error,
           "E0602",
           subscription_.end->pos,
           1,
           fmt::format("the end {} is before the start {}", format_date(out.end), format_date(out.start)),
           {}});
    else if (static_cast<std::size_t>(days) > program_.limits.max_term_days)
      diagnostics_.push_back(
          {Severity::error, "E0604", (subscription_.end ? subscription_.end : subscription_.start)->pos, 1,
           fmt::format("the term {} to {} is {} days long, more than the limit of {}", format_date(out.start),
                       format_date(out.end), days, program_.limits.max_term_days),
           "raise the limit with --max-term-days"});
  }

  // The products in the order the subscription lists them, else as loaded.
  std::vector<const ast::ProductDecl*> report_order() const {
    if (!subscription_.products) return program_.products;
    std::vector<const ast::ProductDecl*> order;
    for (const auto& setting : *subscription_.products) {
      const auto* product = program_.product(setting.text);
      if (product && std::find(order.begin(), order.end(), product) == order.end()) order.push_back(product);
    }
    return order;
  }

  std::set<std::string, std::less<>> bought_products() {
    std::set<std::string, std::less<>> bought;
    if (!subscription_.products) {
      for (const auto& name : program_.names_of(false))
        bought.insert(name);
      // A license is bought only when named, in the products or in --product.
      for (const auto& name : program_.names_of(true))
        if (std::find(subscription_.only.begin(), subscription_.only.end(), name) != subscription_.only.end())
          bought.insert(name);
      return bought;
    }
    for (const auto& product : *subscription_.products) {
      if (!program_.product(product.text)) {
        unknown(product.pos, product.text, "E0205",
                fmt::format("the subscription buys unknown product `{}`", product.text),
                program_.product_names());
        continue;
      }
      bought.insert(product.text);
    }
    return bought;
  }
};

void collect_columns(const plan::RowPredPtr& pred, std::set<std::size_t>& out);

void collect_columns(const plan::RowSetPtr& rows, std::set<std::size_t>& out) {
  collect_columns(rows->where, out);
}

void collect_columns(const plan::RowPredPtr& pred, std::set<std::size_t>& out) {
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, plan::AllOf> || std::is_same_v<T, plan::AnyOf>) {
          for (const auto& term : n.terms)
            collect_columns(term, out);
        } else if constexpr (std::is_same_v<T, plan::NotRow>) {
          collect_columns(n.term, out);
        } else if constexpr (!std::is_same_v<T, plan::BoolConst>) {
          out.insert(n.column);
        }
      },
      pred->node);
}

void collect_columns(const plan::AssetPredPtr& pred, std::set<std::size_t>& out) {
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, plan::AssetAll> || std::is_same_v<T, plan::AssetAny>) {
          for (const auto& term : n.terms)
            collect_columns(term, out);
        } else if constexpr (std::is_same_v<T, plan::AssetNot>) {
          collect_columns(n.term, out);
        } else if constexpr (std::is_same_v<T, plan::AnyRow>) {
          collect_columns(n.rows, out);
        } else if constexpr (std::is_same_v<T, plan::EveryRow>) {
          collect_columns(n.rows, out);
          collect_columns(n.test, out);
        } else if constexpr (std::is_same_v<T, plan::EnumReduce>) {
          collect_columns(n.rows, out);
          out.insert(n.column);
        }
      },
      pred->node);
}

void collect_columns(const plan::UnitPredPtr& pred, std::set<std::size_t>& out) {
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, plan::UnitAll> || std::is_same_v<T, plan::UnitAny>) {
          for (const auto& term : n.terms)
            collect_columns(term, out);
        } else if constexpr (std::is_same_v<T, plan::UnitNot>) {
          collect_columns(n.term, out);
        } else if constexpr (std::is_same_v<T, plan::AllAssets> || std::is_same_v<T, plan::SomeAsset>) {
          collect_columns(n.test, out);
        }
      },
      pred->node);
}

void collect_columns(const plan::UnitsPtr& units, std::set<std::size_t>& out) {
  out.insert(units->key);
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, plan::Distinct>) {
          collect_columns(n.rows, out);
        } else if constexpr (std::is_same_v<T, plan::Having>) {
          collect_columns(n.units, out);
          collect_columns(n.test, out);
        } else if constexpr (std::is_same_v<T, plan::First>) {
          collect_columns(n.units, out);
          out.insert(n.order);
        } else {
          collect_columns(n.units, out);
          collect_columns(n.removed, out);
        }
      },
      units->node);
}

void collect_columns(const plan::NumPtr& num, std::set<std::size_t>& out) {
  if (!num) return;
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, plan::Count>) {
          collect_columns(n.units, out);
        } else if constexpr (std::is_same_v<T, plan::Negate>) {
          collect_columns(n.operand, out);
        } else if constexpr (std::is_same_v<T, plan::Binary>) {
          collect_columns(n.left, out);
          collect_columns(n.right, out);
        } else if constexpr (std::is_same_v<T, plan::Round> || std::is_same_v<T, plan::HourlyAverage>) {
          collect_columns(n.operand, out);
        }
      },
      num->node);
}

} // namespace

BindResult bind(const Program& program, const Subscription& subscription, LowerTrace* trace) {
  BindResult result;
  result.plan = Binder(program, subscription, trace, result.diagnostics).run();
  sort_by_position(result.diagnostics);
  return result;
}

std::vector<std::pair<std::string, std::string>> columns_needed(const plan::Plan& plan,
                                                                const Schema& schema) {
  std::vector<std::pair<std::string, std::string>> needed;
  std::set<std::size_t> seen;
  for (const auto& product : plan.products) {
    std::set<std::size_t> columns;
    for (const auto& component : product.components)
      collect_columns(component.daily, columns);
    collect_columns(product.usage, columns);
    for (const auto column : columns)
      if (seen.insert(column).second) needed.emplace_back(schema.columns[column].name, product.name);
  }
  return needed;
}

} // namespace tally
