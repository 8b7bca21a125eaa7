#include "lower.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace tally {

std::optional<ParamType> param_type_named(std::string_view name) {
  if (name == "decimal") return ParamType::decimal;
  if (name == "integer") return ParamType::integer;
  if (name == "boolean") return ParamType::boolean;
  if (name == "date") return ParamType::date;
  if (name == "set") return ParamType::set;
  return std::nullopt;
}

std::string_view name_of(ParamType type) {
  switch (type) {
  case ParamType::decimal:
    return "decimal";
  case ParamType::integer:
    return "integer";
  case ParamType::boolean:
    return "boolean";
  case ParamType::date:
    return "date";
  case ParamType::set:
    return "set";
  }
  return "?";
}

std::optional<ParamValue> param_value_from_text(std::string_view text, ParamType type) {
  ParamValue value;
  value.type = type;
  switch (type) {
  case ParamType::decimal:
  case ParamType::integer: {
    const auto number = parse_decimal(text);
    if (!number || (type == ParamType::integer && denominator(*number) != 1)) return std::nullopt;
    value.number = *number;
    return value;
  }
  case ParamType::boolean:
    if (text != "true" && text != "false") return std::nullopt;
    value.flag = text == "true";
    return value;
  case ParamType::date: {
    const auto day = parse_date(text);
    if (!day) return std::nullopt;
    value.day = *day;
    return value;
  }
  case ParamType::set: {
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto end = std::min(text.find(';', start), text.size());
      auto item = text.substr(start, end - start);
      while (!item.empty() && item.front() == ' ')
        item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ')
        item.remove_suffix(1);
      if (!item.empty()) value.items.emplace_back(item);
      start = end + 1;
    }
    return value;
  }
  }
  return std::nullopt;
}

std::optional<ParamValue> param_value_from_literal(const ast::Expr& literal, ParamType type,
                                                   std::string_view what,
                                                   std::vector<Diagnostic>& diagnostics) {
  using ast::ExprKind;
  ParamValue value;
  value.type = type;
  bool ok = false;
  switch (type) {
  case ParamType::decimal:
    ok = literal.kind == ExprKind::number;
    value.number = literal.value;
    break;
  case ParamType::integer:
    ok = literal.kind == ExprKind::number && denominator(literal.value) == 1;
    value.number = literal.value;
    break;
  case ParamType::boolean:
    ok = literal.kind == ExprKind::boolean;
    value.flag = literal.flag;
    break;
  case ParamType::date:
    ok = literal.kind == ExprKind::date;
    value.day = literal.day;
    break;
  case ParamType::set:
    ok = literal.kind == ExprKind::set;
    for (const auto& item : literal.args)
      value.items.push_back(item->text);
    break;
  }
  if (ok) return value;
  diagnostics.push_back(
      {Severity::error,
       "E0303",
       literal.pos,
       literal.length,
       fmt::format("{} must be {} {} value", what, type == ParamType::integer ? "an" : "a", name_of(type)),
       {}});
  return std::nullopt;
}

ParamValues default_params(const std::vector<const ast::ParamDecl*>& params,
                           std::vector<Diagnostic>& diagnostics) {
  ParamValues values;
  for (const auto* param : params) {
    const auto type = param_type_named(param->type.text);
    if (!type) {
      diagnostics.push_back({Severity::error, "E0302", param->type.pos, param->type.length,
                             fmt::format("unknown parameter type `{}`", param->type.text),
                             "parameter types are decimal, integer, boolean, date and set"});
      continue;
    }
    if (auto value = param_value_from_literal(
            *param->default_value, *type, fmt::format("the default of `{}`", param->name.text), diagnostics))
      values.emplace(param->name.text, std::move(*value));
  }
  return values;
}

namespace {

using ast::Expr;
using ast::ExprKind;
namespace p = plan;

// What an expression turned out to be. Exactly one family applies.
struct Typed {
  enum class Kind {
    error,      // already reported
    boolean,    // a constant condition (literal, parameter, subscribed())
    number,     // a constant or a daily number
    rows,       // a row set
    units,      // a set of units
    row_cond,   // a condition on one row
    asset_cond, // a condition on one asset
    unit_cond,  // a condition on one unit
    column,     // a bare column
    reduced,    // latest/highest/lowest enum value of an asset's rows
    set,        // a set of words
    word,       // an identifier that is no name: maybe an enum value
    string,
    date,
  } kind = Kind::error;
  SourcePos pos;
  std::uint32_t length = 1;

  bool flag = false;                // boolean
  std::optional<Rational> constant; // number, when known now
  p::NumPtr num;                    // number, when daily
  bool daily = false;               // number depends on the day (counts, components)
  p::RowSetPtr rows;
  p::UnitsPtr units;
  p::RowPredPtr row_cond;
  p::AssetPredPtr asset_cond;
  p::UnitPredPtr unit_cond;
  std::size_t column = 0; // column, reduced
  p::Reduce reduce = p::Reduce::latest;
  std::vector<std::string> items;  // set
  std::vector<SourcePos> item_pos; // where each item is written
  std::string text;                // word, string
  Day day = 0;                     // date
  bool hourly = false;             // reads an hours scope
  std::optional<SourcePos> within; // a row condition relative to the evaluated day
};
using Kind = Typed::Kind;

std::string_view describe(Kind kind) {
  switch (kind) {
  case Kind::error:
    return "an invalid expression";
  case Kind::boolean:
    return "a true/false value";
  case Kind::number:
    return "a number";
  case Kind::rows:
    return "a set of rows";
  case Kind::units:
    return "a set of distinct units";
  case Kind::row_cond:
    return "a row condition";
  case Kind::asset_cond:
    return "an asset condition";
  case Kind::unit_cond:
    return "a unit condition";
  case Kind::column:
    return "a column";
  case Kind::reduced:
    return "a per-asset value";
  case Kind::set:
    return "a set";
  case Kind::word:
    return "a name";
  case Kind::string:
    return "a string";
  case Kind::date:
    return "a date";
  }
  return "?";
}

// Where an expression is being lowered: decides which names mean something.
enum class Place { let, component, usage, qlu };

class Lowerer {
public:
  Lowerer(const LowerContext& context, const ast::ProductDecl& product, std::vector<Diagnostic>& diagnostics)
      : context_(context), schema_(context.program.schema), product_(product), diagnostics_(diagnostics) {
    asset_column_ = *schema_.index_of(kAssetColumn);
  }

  std::optional<p::ProductPlan> run() {
    p::ProductPlan out;
    out.name = product_.name.text;
    out.title = product_.title.value_or(product_.name.text);
    out.pos = product_.name.pos;
    const auto errors_before = error_count();
    if (product_.license) {
      license_terms(out);
    } else {
      product_terms(out);
    }
    check_duplicates();
    for (std::size_t i = 0; i < product_.components.size(); ++i) {
      const auto& component = product_.components[i];
      current_component_ = i;
      const auto value = number(lower(*component.value, Place::component), *component.value);
      out.components.push_back({component.name.text, value, component.name.pos});
    }
    current_component_.reset();
    if (!product_.usage) {
      error(product_.name.pos, product_.name.length, "E0402",
            fmt::format("{} `{}` has no `usage = ...`", kind(), out.name),
            product_.license ? "a license's usage is the licences it consumes: one per asset counted"
                             : std::string{});
    } else {
      out.usage = number(lower(*product_.usage, Place::usage), *product_.usage);
    }
    if (product_.license) {
      license_qlu(out);
    } else {
      product_qlu(out);
    }
    if (error_count() != errors_before) return std::nullopt;
    return out;
  }

private:
  std::string_view kind() const { return product_.license ? "license" : "product"; }

  void product_terms(p::ProductPlan& out) {
    if (!product_.method) {
      error(product_.name.pos, product_.name.length, "E0401",
            fmt::format("product `{}` has no `method`", out.name),
            "add `method peak every 15 days` or `method rolling average over 90 days`");
    } else {
      const auto& method = *product_.method;
      out.method = method.kind == ast::MethodKind::peak              ? p::Method::peak
                   : method.kind == ast::MethodKind::rolling_average ? p::Method::rolling_average
                                                                     : p::Method::rolling_total;
      out.length = method.length;
      if (method.length < 1) error(method.pos, 1, "E0406", "a method's length must be at least 1 day");
    }
    const auto ratio = context_.params.find("ratio");
    const bool ratio_declared = std::any_of(product_.params.begin(), product_.params.end(),
                                            [](const ast::ParamDecl& p) { return p.name.text == "ratio"; });
    if (ratio != context_.params.end() && ratio->second.type == ParamType::decimal) {
      out.ratio = ratio->second.number;
    } else if (!ratio_declared || ratio != context_.params.end()) {
      error(product_.name.pos, product_.name.length, "E0404",
            fmt::format("product `{}` has no `param ratio: decimal`", out.name),
            "the ratio is what the report multiplies usage by");
    }
  }

  void product_qlu(p::ProductPlan& out) {
    if (!product_.qlu) {
      error(product_.name.pos, product_.name.length, "E0403",
            fmt::format("product `{}` has no `qlu = ...`", out.name),
            "most products say `qlu = usage * ratio`");
    } else {
      auto qlu = lower(*product_.qlu, Place::qlu);
      if (qlu.kind == Kind::number && qlu.daily)
        error(product_.qlu->pos, product_.qlu->length, "E0305",
              "`qlu` is computed per period from `usage`; it cannot read counts or components");
      out.qlu = number(std::move(qlu), *product_.qlu);
    }
  }

  // A license is counted on each day against its `limit`: one period a day,
  // no method to choose and no QLU.
  void license_terms(p::ProductPlan& out) {
    if (product_.method)
      error(product_.method->pos, 1, "E0408", fmt::format("license `{}` has a `method`", out.name),
            "a license is counted day by day; remove the method");
    out.method = p::Method::peak;
    out.length = 1;
    const auto limit = context_.params.find("limit");
    if (limit == context_.params.end() || limit->second.type != ParamType::integer) {
      error(product_.name.pos, product_.name.length, "E0409",
            fmt::format("license `{}` has no `param limit: integer`", out.name),
            "the limit is the number of licences bought");
      return;
    }
    out.license_limit = limit->second.number;
    const bool licensed = std::any_of(product_.components.begin(), product_.components.end(),
                                      [](const ast::LetDecl& c) { return c.name.text == "licensed"; });
    if (!licensed)
      error(product_.name.pos, product_.name.length, "E0409",
            fmt::format("license `{}` has no `component licensed`", out.name),
            "say which units hold the licences, e.g. `count (candidates first limit by activated_at)`");
  }

  void license_qlu(p::ProductPlan& out) {
    if (product_.qlu)
      error(product_.qlu->pos, product_.qlu->length, "E0408",
            fmt::format("license `{}` has a `qlu`", out.name), "licences are not metered in QLU; remove it");
    out.qlu = std::make_shared<const p::Num>(p::Num{p::Constant{0}, product_.name.pos});
  }

  const LowerContext& context_;
  const Schema& schema_;
  const ast::ProductDecl& product_;
  std::vector<Diagnostic>& diagnostics_;
  std::size_t asset_column_ = 0;
  std::optional<std::size_t> current_component_;
  bool in_hourly_ = false;
  std::map<const ast::LetDecl*, Typed> let_cache_;
  std::set<const ast::LetDecl*> lowering_;
  // How many times a parameter or `subscribed()` was read, so lint can tell a
  // filter that is constant by itself from one a subscription decides.
  std::size_t parameter_reads_ = 0;
  std::set<const ast::LetDecl*> lets_reading_parameters_;
  // The definitions being lowered, innermost last, with their arguments. A body
  // sees only its own parameters, and a top-level body sees no product's names:
  // what a prelude definition means never depends on the product using it.
  struct Frame {
    std::map<std::string, Typed, std::less<>> arguments;
    bool top_level = false;
    std::set<std::string, std::less<>> arguments_reading_parameters;
  };
  std::vector<Frame> frames_;

  std::size_t error_count() const {
    return static_cast<std::size_t>(
        std::count_if(diagnostics_.begin(), diagnostics_.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; }));
  }

  Typed error(const SourcePos& pos, std::uint32_t length, std::string code, std::string message,
              std::string help = {}) {
    diagnostics_.push_back(
        {Severity::error, std::move(code), pos, length, std::move(message), std::move(help)});
    return {};
  }
  Typed error(const Expr& at, std::string code, std::string message, std::string help = {}) {
    return error(at.pos, at.length, std::move(code), std::move(message), std::move(help));
  }

  void check_duplicates() {
    std::map<std::string, SourcePos, std::less<>> seen;
    auto note = [&](const ast::Name& name) {
      const auto [it, fresh] = seen.emplace(name.text, name.pos);
      if (!fresh)
        error(name.pos, name.length, "E0204",
              fmt::format("`{}` is already defined in product `{}`", name.text, product_.name.text),
              fmt::format("first defined at line {}", it->second.line));
      if (schema_.find(name.text))
        error(name.pos, name.length, "E0204",
              fmt::format("`{}` is a column; choose another name", name.text));
    };
    for (const auto& param : product_.params)
      note(param.name);
    for (const auto& let : product_.lets)
      note(let.name);
    for (const auto& component : product_.components)
      note(component.name);
  }

  static Typed with_pos(Typed typed, const Expr& e) {
    typed.pos = e.pos;
    typed.length = e.length;
    return typed;
  }

  p::NumPtr number(Typed typed, const Expr& at) {
    if (typed.kind == Kind::error) return nullptr;
    if (typed.kind != Kind::number) {
      error(at, "E0301", fmt::format("expected a number, found {}", describe(typed.kind)),
            typed.kind == Kind::units ? "count it: `count ...`" : std::string{});
      return nullptr;
    }
    return as_num(typed);
  }

  static p::NumPtr as_num(const Typed& typed) {
    if (typed.num) return typed.num;
    return std::make_shared<const p::Num>(p::Num{p::Constant{*typed.constant}, typed.pos});
  }

  // ------------------------------------------------------------ names

  Typed lower(const Expr& e, Place place) { return with_pos(dispatch(e, place), e); }

  Typed dispatch(const Expr& e, Place place) {
    switch (e.kind) {
    case ExprKind::number: {
      Typed t;
      t.kind = Kind::number;
      t.constant = e.value;
      return t;
    }
    case ExprKind::boolean: {
      Typed t;
      t.kind = Kind::boolean;
      t.flag = e.flag;
      return t;
    }
    case ExprKind::string: {
      Typed t;
      t.kind = Kind::string;
      t.text = e.text;
      return t;
    }
    case ExprKind::date: {
      Typed t;
      t.kind = Kind::date;
      t.day = e.day;
      return t;
    }
    case ExprKind::set: {
      Typed t;
      t.kind = Kind::set;
      for (const auto& item : e.args) {
        t.items.push_back(item->text);
        t.item_pos.push_back(item->pos);
      }
      return t;
    }
    case ExprKind::name:
      return resolve(e, place);
    case ExprKind::snapshot:
    case ExprKind::term: {
      Typed t;
      t.kind = Kind::rows;
      t.rows = std::make_shared<const p::RowSet>(
          p::RowSet{e.kind == ExprKind::snapshot ? p::Scope::snapshot : p::Scope::term, 0,
                    p::make_node<p::RowPred>(p::BoolConst{true}), e.pos});
      return t;
    }
    case ExprKind::last_hours: {
      if (!in_hourly_)
        return error(e, "E0306", "`last N hours` rows exist only inside `hourly average of ...`");
      if (e.integer < 1) return error(e, "E0306", "`last N hours` needs at least 1 hour");
      Typed t;
      t.kind = Kind::rows;
      t.hourly = true;
      t.rows =
          std::make_shared<const p::RowSet>(p::RowSet{p::Scope::hours, static_cast<std::int32_t>(e.integer),
                                                      p::make_node<p::RowPred>(p::BoolConst{true}), e.pos});
      return t;
    }
    case ExprKind::filter:
      return filter(e, place);
    case ExprKind::distinct:
      return distinct(e, place);
    case ExprKind::every_row:
    case ExprKind::any_row:
    case ExprKind::no_row:
      return row_test(e, place);
    case ExprKind::reduce:
      return reduction(e, place);
    case ExprKind::all_assets:
    case ExprKind::any_asset:
      return quantified(e, place);
    case ExprKind::count:
      return count(e, place);
    case ExprKind::hourly_average:
      return hourly_average(e, place);
    case ExprKind::negate:
      return negate(e, place);
    case ExprKind::binary:
      return binary(e, place);
    case ExprKind::round:
      return round(e, place);
    case ExprKind::subscribed:
      return subscribed(e);
    case ExprKind::call:
      return call(e, place);
    case ExprKind::if_then_else:
      return if_then_else(e, place);
    case ExprKind::compare:
      return compare(e, place);
    case ExprKind::in:
      return in(e, place);
    case ExprKind::has:
      return has(e, place);
    case ExprKind::is_empty:
      return is_empty(e, place);
    case ExprKind::within:
      return within(e, place);
    case ExprKind::logical:
      return logical(e, place);
    case ExprKind::logical_not:
      return logical_not(e, place);
    }
    return error(e, "E0301", "unsupported expression");
  }

  bool product_names_visible() const { return frames_.empty() || !frames_.back().top_level; }

  bool is_product_let(const ast::LetDecl& let) const {
    return std::any_of(product_.lets.begin(), product_.lets.end(),
                       [&](const ast::LetDecl& l) { return &l == &let; });
  }

  const ast::LetDecl* find_let(std::string_view name) const {
    if (product_names_visible())
      for (const auto& let : product_.lets)
        if (let.name.text == name) return &let;
    const auto global = context_.program.lets.find(name);
    return global == context_.program.lets.end() ? nullptr : global->second;
  }

  Typed param_value(const ParamValue& value) const {
    Typed t;
    switch (value.type) {
    case ParamType::decimal:
    case ParamType::integer:
      t.kind = Kind::number;
      t.constant = value.number;
      break;
    case ParamType::boolean:
      t.kind = Kind::boolean;
      t.flag = value.flag;
      break;
    case ParamType::date:
      t.kind = Kind::date;
      t.day = value.day;
      break;
    case ParamType::set:
      t.kind = Kind::set;
      t.items = value.items;
      break;
    }
    return t;
  }

  const Typed* argument(std::string_view name) const {
    if (frames_.empty()) return nullptr;
    const auto& arguments = frames_.back().arguments;
    const auto found = arguments.find(name);
    return found == arguments.end() ? nullptr : &found->second;
  }

  // A product's own parameter or component, if `e` names one.
  std::optional<Typed> product_name(const Expr& e, Place place) {
    const auto& name = e.text;
    if (const auto param = context_.params.find(name); param != context_.params.end()) {
      ++parameter_reads_;
      if (context_.trace) context_.trace->product_params_used.insert(name);
      return param_value(param->second);
    }
    for (const auto& param : product_.params)
      if (param.name.text == name)
        return Typed{}; // declared, but its default was rejected (already reported)
    for (std::size_t i = 0; i < product_.components.size(); ++i) {
      if (product_.components[i].name.text != name) continue;
      if (place == Place::usage ||
          (place == Place::component && current_component_ && i < *current_component_)) {
        Typed t;
        t.kind = Kind::number;
        t.daily = true;
        t.num = std::make_shared<const p::Num>(p::Num{p::ComponentRef{i}, e.pos});
        return t;
      }
      if (place == Place::qlu)
        return error(e, "E0305",
                     fmt::format("`qlu` cannot read component `{}`; it is computed from `usage`", name));
      return error(e, "E0307",
                   fmt::format("component `{}` can only be used in `usage` or a later component", name));
    }
    return std::nullopt;
  }

  Typed resolve(const Expr& e, Place place) {
    const auto& name = e.text;
    if (const auto* bound = argument(name)) {
      parameter_reads_ += frames_.back().arguments_reading_parameters.count(name);
      return *bound;
    }
    if (name == "usage" && place == Place::qlu) {
      Typed t;
      t.kind = Kind::number;
      t.num = std::make_shared<const p::Num>(p::Num{p::UsageRef{}, e.pos});
      return t;
    }
    if (product_names_visible())
      if (auto named = product_name(e, place)) return std::move(*named);
    if (const auto* let = find_let(name)) {
      if (!let->parameters.empty())
        return error(e, "E0209", fmt::format("`{}` needs {}", name, arguments_wanted(*let)),
                     fmt::format("write `{}`", signature(*let)));
      return let_value(*let, e);
    }
    if (const auto global = context_.globals.find(name); global != context_.globals.end()) {
      ++parameter_reads_;
      if (context_.trace) context_.trace->global_params_used.insert(name);
      return param_value(global->second);
    }
    if (const auto column = schema_.index_of(name)) {
      Typed t;
      t.kind = Kind::column;
      t.column = *column;
      return t;
    }
    Typed t;
    t.kind = Kind::word;
    t.text = name;
    return t;
  }

  Typed let_value(const ast::LetDecl& let, const Expr& use) {
    if (context_.trace) context_.trace->lets_used.insert(&let);
    if (const auto cached = let_cache_.find(&let); cached != let_cache_.end()) {
      parameter_reads_ += lets_reading_parameters_.count(&let);
      return cached->second;
    }
    if (!lowering_.insert(&let).second)
      return error(use, "E0208", fmt::format("`{}` is defined in terms of itself", let.name.text),
                   "definitions cannot refer to themselves, directly or through others");
    const auto reads_before = parameter_reads_;
    auto value = definition_body(let, {});
    if (parameter_reads_ != reads_before) lets_reading_parameters_.insert(&let);
    lowering_.erase(&let);
    let_cache_[&let] = value;
    return value;
  }

  // A definition's value with its parameters bound to `arguments`.
  Typed definition_body(const ast::LetDecl& let, std::map<std::string, Typed, std::less<>> arguments,
                        std::set<std::string, std::less<>> arguments_reading_parameters = {}) {
    const bool outer_hourly = in_hourly_;
    frames_.push_back({std::move(arguments), !is_product_let(let), std::move(arguments_reading_parameters)});
    auto value = lower(*let.value, Place::let);
    frames_.pop_back();
    in_hourly_ = outer_hourly;
    if (value.kind == Kind::word) value = unknown_name(*let.value, value.text);
    return value;
  }

  static std::string signature(const ast::LetDecl& let) {
    std::vector<std::string> names;
    for (const auto& parameter : let.parameters)
      names.push_back(parameter.text);
    return fmt::format("{}({})", let.name.text, fmt::join(names, ", "));
  }

  static std::string arguments_wanted(const ast::LetDecl& let) {
    const auto n = let.parameters.size();
    return fmt::format("{} argument{}", n, n == 1 ? "" : "s");
  }

  // f(a, b): the arguments are lowered where the call is written, then the body
  // with its parameters standing for them. Each call lowers the body afresh, so
  // every use is checked with the values it is given.
  Typed call(const Expr& e, Place place) {
    const auto* let = find_let(e.text);
    if (!let) return unknown_name(e, e.text);
    if (context_.trace) context_.trace->lets_used.insert(let);
    if (let->parameters.empty())
      return error(e, "E0209", fmt::format("`{}` takes no arguments", e.text),
                   fmt::format("write `{}` without parentheses", e.text));
    if (e.args.size() != let->parameters.size())
      return error(e, "E0209",
                   fmt::format("`{}` takes {}, found {}", e.text, arguments_wanted(*let), e.args.size()),
                   fmt::format("write `{}`", signature(*let)));
    if (!parameters_valid(*let)) return {};
    std::map<std::string, Typed, std::less<>> arguments;
    std::set<std::string, std::less<>> reading_parameters;
    for (std::size_t i = 0; i < e.args.size(); ++i) {
      const auto reads_before = parameter_reads_;
      auto value = lower(*e.args[i], place);
      if (value.kind == Kind::error) return {};
      if (parameter_reads_ != reads_before) reading_parameters.insert(let->parameters[i].text);
      arguments.emplace(let->parameters[i].text, std::move(value));
    }
    if (!lowering_.insert(let).second)
      return error(e, "E0208", fmt::format("`{}` is defined in terms of itself", e.text),
                   "definitions cannot refer to themselves, directly or through others");
    auto value = definition_body(*let, std::move(arguments), std::move(reading_parameters));
    lowering_.erase(let);
    return value;
  }

  bool parameters_valid(const ast::LetDecl& let) {
    bool valid = true;
    std::set<std::string_view> seen;
    for (const auto& parameter : let.parameters) {
      if (!seen.insert(parameter.text).second) {
        error(parameter.pos, parameter.length, "E0204",
              fmt::format("parameter `{}` is named twice in `{}`", parameter.text, let.name.text));
        valid = false;
      } else if (schema_.find(parameter.text)) {
        error(parameter.pos, parameter.length, "E0204",
              fmt::format("parameter `{}` is a column; choose another name", parameter.text));
        valid = false;
      }
    }
    return valid;
  }

  std::vector<std::string> known_names() const {
    std::vector<std::string> names;
    if (!frames_.empty())
      for (const auto& [name, _] : frames_.back().arguments)
        names.push_back(name);
    if (product_names_visible()) {
      for (const auto& param : product_.params)
        names.push_back(param.name.text);
      for (const auto& let : product_.lets)
        names.push_back(let.name.text);
      for (const auto& component : product_.components)
        names.push_back(component.name.text);
    }
    for (const auto& [name, _] : context_.program.lets)
      names.push_back(name);
    for (const auto& [name, _] : context_.globals)
      names.push_back(name);
    for (const auto& column : schema_.columns)
      names.push_back(column.name);
    names.push_back("usage");
    return names;
  }

  Typed unknown_name(const Expr& at, const std::string& name) {
    const auto suggestion = closest_match(name, known_names());
    const bool column_like = at.kind == ExprKind::name || at.kind == ExprKind::call;
    return error(at, "E0201", fmt::format("unknown {} `{}`", column_like ? "name" : "value", name),
                 suggestion.empty() ? std::string{} : fmt::format("did you mean `{}`?", suggestion));
  }

  // A word that must be a name: report it unless it resolved.
  Typed require_resolved(Typed typed, const Expr& at) {
    if (typed.kind == Kind::word) return unknown_name(at, typed.text);
    return typed;
  }

  Typed operand(const Expr& e, Place place) { return require_resolved(lower(e, place), e); }

  // The column `at` names (distinct, reduce), reported where its name is written.
  std::optional<std::size_t> column_named(const Expr& at) {
    const auto& name = at.name;
    if (const auto index = schema_.index_of(name)) return index;
    const auto suggestion = closest_match(name, schema_.column_names());
    error(at.name_pos, static_cast<std::uint32_t>(name.size()), "E0202",
          fmt::format("unknown column `{}`", name),
          suggestion.empty() ? std::string{} : fmt::format("did you mean `{}`?", suggestion));
    return std::nullopt;
  }

  // ------------------------------------------------------------ rows, units, assets

  Typed filter(const Expr& e, Place place) {
    if (e.text == "first") return first(e, place);
    const auto reads_before = parameter_reads_;
    auto subject = operand(*e.args[0], place);
    auto condition = operand(*e.args[1], place);
    if (subject.kind == Kind::error || condition.kind == Kind::error) return {};
    if (e.text == "where") return where(subject, condition, e, parameter_reads_ != reads_before);
    if (subject.kind != Kind::units)
      return error(e, "E0301",
                   fmt::format("`{}` filters units, but this is {}", e.text, describe(subject.kind)),
                   subject.kind == Kind::rows ? "filter rows with `where`" : std::string{});
    auto test = unit_condition(condition, subject.units->key, *e.args[1]);
    if (!test) return {};
    if (e.text == "unless") test = p::make_node<p::UnitPred>(p::UnitNot{test});
    Typed t = subject;
    t.units =
        std::make_shared<const p::Units>(p::Units{p::Having{subject.units, test}, subject.units->key, e.pos});
    if (context_.trace) context_.trace->unit_steps[t.units.get()] = &e;
    t.hourly = subject.hourly || condition.hourly;
    return t;
  }

  // The scope of the rows every unit of `units` comes from.
  static p::Scope scope_of(const p::Units& units) {
    return std::visit(
        [](const auto& node) {
          if constexpr (std::is_same_v<std::decay_t<decltype(node)>, p::Distinct>)
            return node.rows->scope;
          else
            return scope_of(*node.units);
        },
        units.node);
  }

  // U first N by COLUMN
  Typed first(const Expr& e, Place place) {
    auto subject = operand(*e.args[0], place);
    auto count = operand(*e.args[1], place);
    if (subject.kind == Kind::error || count.kind == Kind::error) return {};
    if (subject.kind != Kind::units)
      return error(e, "E0301", fmt::format("`first` keeps units, but this is {}", describe(subject.kind)),
                   subject.kind == Kind::rows ? "take the units first: `distinct asset_id of ...`"
                                              : std::string{});
    if (scope_of(*subject.units) != p::Scope::snapshot || subject.hourly)
      return error(e, "E0306", "`first` ranks the units of one day; these units are not from `snapshot`",
                   "rank `distinct ... of snapshot`: a ranking over the term would move as the term grows");
    if (count.kind != Kind::number || !count.constant || denominator(*count.constant) != 1 ||
        *count.constant < 0)
      return error(*e.args[1], "E0301", "`first` needs a whole number of units known before the data is read",
                   "a literal such as `first 50`, or an integer parameter");
    const auto order = column_named(e);
    if (!order) return {};
    if (schema_.columns[*order].type != ColumnType::timestamp)
      return error(e.name_pos, static_cast<std::uint32_t>(e.name.size()), "E0301",
                   fmt::format("`first` orders by a timestamp column; `{}` is not one", e.name),
                   "the units go earliest first, as licences go by activation time");
    // No day has more units than a table has rows: a larger count keeps them all.
    const Integer whole = numerator(*count.constant);
    const auto how_many = whole > std::numeric_limits<std::uint32_t>::max()
                              ? std::uint64_t{std::numeric_limits<std::uint32_t>::max()}
                              : whole.convert_to<std::uint64_t>();
    Typed t = subject;
    t.units = std::make_shared<const p::Units>(
        p::Units{p::First{subject.units, *order, how_many}, subject.units->key, e.pos});
    if (context_.trace) context_.trace->unit_steps[t.units.get()] = &e;
    return t;
  }

  Typed where(const Typed& subject, const Typed& condition, const Expr& e, bool reads_parameters) {
    p::RowPredPtr test;
    if (condition.kind == Kind::boolean) {
      test = p::make_node<p::RowPred>(p::BoolConst{condition.flag});
    } else if (condition.kind == Kind::row_cond) {
      test = condition.row_cond;
    } else {
      return error(*e.args[1], "E0301",
                   fmt::format("`where` needs a row condition, found {}", describe(condition.kind)));
    }
    auto narrow = [&](const p::RowSetPtr& rows) -> p::RowSetPtr {
      if (condition.within && rows->scope == p::Scope::term) {
        error(*condition.within, 1, "E0306",
              "`within last N days` is relative to the evaluated day; it cannot filter `term` rows",
              "filter `snapshot` rows, or compare with a fixed date");
        return nullptr;
      }
      if (context_.trace) context_.trace->row_filters.push_back({&e, rows->where, test, reads_parameters});
      auto both = p::make_node<p::RowPred>(p::AllOf{{rows->where, test}});
      return std::make_shared<const p::RowSet>(p::RowSet{rows->scope, rows->hours, both, rows->pos});
    };
    Typed t = subject;
    t.hourly = subject.hourly || condition.hourly;
    if (subject.kind == Kind::rows) {
      t.rows = narrow(subject.rows);
      return t.rows ? t : Typed{};
    }
    if (subject.kind == Kind::units) {
      const auto* distinct = std::get_if<p::Distinct>(&subject.units->node);
      if (!distinct)
        return error(e, "E0301", "`where` filters rows, and these units are already filtered or subtracted",
                     "use `having` or `unless` to filter units");
      auto rows = narrow(distinct->rows);
      if (!rows) return {};
      t.units = std::make_shared<const p::Units>(
          p::Units{p::Distinct{distinct->key, rows}, distinct->key, subject.units->pos});
      return t;
    }
    return error(e, "E0301", fmt::format("`where` filters rows, but this is {}", describe(subject.kind)));
  }

  p::UnitPredPtr unit_condition(const Typed& condition, std::size_t key, const Expr& at) {
    switch (condition.kind) {
    case Kind::boolean:
      return p::make_node<p::UnitPred>(p::UnitConst{condition.flag});
    case Kind::unit_cond:
      return condition.unit_cond;
    case Kind::asset_cond:
      if (key == asset_column_) return p::make_node<p::UnitPred>(p::SomeAsset{condition.asset_cond});
      error(at, "E0301",
            fmt::format("these units are distinct `{}` values, which may span several assets",
                        schema_.columns[key].name),
            "say `all assets ...` or `any asset ...`");
      return nullptr;
    default:
      error(at, "E0301", fmt::format("expected a condition on units, found {}", describe(condition.kind)));
      return nullptr;
    }
  }

  Typed rows_operand(const Expr& e, Place place) {
    auto rows = operand(e, place);
    if (rows.kind == Kind::error) return rows;
    if (rows.kind != Kind::rows)
      return error(
          e, "E0301",
          fmt::format("expected rows (`snapshot`, `term`, `last N hours` or a name for them), found {}",
                      describe(rows.kind)));
    return rows;
  }

  Typed distinct(const Expr& e, Place place) {
    const auto key = column_named(e);
    auto rows = rows_operand(*e.args[0], place);
    if (!key || rows.kind == Kind::error) return {};
    const auto type = schema_.columns[*key].type;
    if (type != ColumnType::string && type != ColumnType::enumeration)
      return error(
          e, "E0301",
          fmt::format("`distinct` counts string or enum columns; `{}` is {}", e.name, name_of(type)));
    Typed t;
    t.kind = Kind::units;
    t.hourly = rows.hourly;
    t.units = std::make_shared<const p::Units>(p::Units{p::Distinct{*key, rows.rows}, *key, e.pos});
    return t;
  }

  Typed row_test(const Expr& e, Place place) {
    const auto reads_before = parameter_reads_;
    auto rows = rows_operand(*e.args[0], place);
    auto test = operand(*e.args[1], place);
    if (rows.kind == Kind::error || test.kind == Kind::error) return {};
    Typed narrowed = where(rows, test, e, parameter_reads_ != reads_before);
    if (narrowed.kind == Kind::error) return {};
    Typed t;
    t.kind = Kind::asset_cond;
    t.hourly = rows.hourly;
    if (e.kind == ExprKind::every_row) {
      const auto pred =
          test.kind == Kind::boolean ? p::make_node<p::RowPred>(p::BoolConst{test.flag}) : test.row_cond;
      t.asset_cond = p::make_node<p::AssetPred>(p::EveryRow{rows.rows, pred});
    } else {
      t.asset_cond = p::make_node<p::AssetPred>(p::AnyRow{narrowed.rows});
      if (e.kind == ExprKind::no_row) t.asset_cond = p::make_node<p::AssetPred>(p::AssetNot{t.asset_cond});
    }
    return t;
  }

  Typed reduction(const Expr& e, Place place) {
    const auto column = column_named(e);
    auto rows = rows_operand(*e.args[0], place);
    if (!column || rows.kind == Kind::error) return {};
    if (schema_.columns[*column].type != ColumnType::enumeration)
      return error(e, "E0301",
                   fmt::format("`{}` reduces enum columns; `{}` is {}", e.text, e.name,
                               name_of(schema_.columns[*column].type)));
    Typed t;
    t.kind = Kind::reduced;
    t.column = *column;
    t.rows = rows.rows;
    t.hourly = rows.hourly;
    t.reduce = e.text == "latest"    ? p::Reduce::latest
               : e.text == "highest" ? p::Reduce::highest
                                     : p::Reduce::lowest;
    return t;
  }

  Typed quantified(const Expr& e, Place place) {
    auto test = operand(*e.args[0], place);
    if (test.kind == Kind::error) return {};
    p::AssetPredPtr pred;
    if (test.kind == Kind::boolean)
      pred = p::make_node<p::AssetPred>(p::AssetConst{test.flag});
    else if (test.kind == Kind::asset_cond)
      pred = test.asset_cond;
    else
      return error(*e.args[0], "E0301",
                   fmt::format("expected an asset condition, found {}", describe(test.kind)),
                   "asset conditions are `every row of ...`, `any row of ...`, `latest ... of ...` and names "
                   "for them");
    Typed t;
    t.kind = Kind::unit_cond;
    t.hourly = test.hourly;
    t.unit_cond = e.kind == ExprKind::all_assets ? p::make_node<p::UnitPred>(p::AllAssets{pred})
                                                 : p::make_node<p::UnitPred>(p::SomeAsset{pred});
    return t;
  }

  // ------------------------------------------------------------ numbers

  Typed count(const Expr& e, Place place) {
    auto units = operand(*e.args[0], place);
    if (units.kind == Kind::error) return {};
    if (units.kind != Kind::units)
      return error(
          *e.args[0], "E0301", fmt::format("`count` needs distinct units, found {}", describe(units.kind)),
          units.kind == Kind::rows ? "say what to count: `count distinct asset_id of ...`" : std::string{});
    if (place == Place::qlu)
      return error(e, "E0305", "`qlu` is computed per period from `usage`; it cannot count rows");
    Typed t;
    t.kind = Kind::number;
    t.daily = true;
    t.hourly = units.hourly;
    t.num = std::make_shared<const p::Num>(p::Num{p::Count{units.units}, e.pos});
    return t;
  }

  Typed hourly_average(const Expr& e, Place place) {
    if (in_hourly_) return error(e, "E0306", "`hourly average` cannot be nested");
    in_hourly_ = true;
    auto value = operand(*e.args[0], place);
    in_hourly_ = false;
    if (value.kind == Kind::error) return {};
    if (value.kind != Kind::number)
      return error(*e.args[0], "E0301", fmt::format("expected a number, found {}", describe(value.kind)));
    Typed t;
    t.kind = Kind::number;
    t.daily = true;
    t.num = std::make_shared<const p::Num>(
        p::Num{p::HourlyAverage{as_num(value)}, e.pos, ast::extent_on_first_line(e)});
    return t;
  }

  Typed negate(const Expr& e, Place place) {
    auto value = operand(*e.args[0], place);
    if (value.kind == Kind::error) return {};
    if (value.kind != Kind::number)
      return error(e, "E0301", fmt::format("cannot negate {}", describe(value.kind)));
    Typed t = value;
    if (value.constant) {
      t.constant = -*value.constant;
    } else {
      t.num = std::make_shared<const p::Num>(p::Num{p::Negate{value.num}, e.pos});
    }
    return t;
  }

  Typed binary(const Expr& e, Place place) {
    auto left = operand(*e.args[0], place);
    auto right = operand(*e.args[1], place);
    if (left.kind == Kind::error || right.kind == Kind::error) return {};
    if (e.text == "minus") {
      if (left.kind != Kind::units || right.kind != Kind::units)
        return error(e, "E0301",
                     fmt::format("`minus` removes units from units, found {} and {}", describe(left.kind),
                                 describe(right.kind)));
      if (left.units->key != right.units->key)
        return error(e, "E0301",
                     fmt::format("`minus` needs units of one key; these are `{}` and `{}`",
                                 schema_.columns[left.units->key].name,
                                 schema_.columns[right.units->key].name));
      Typed t = left;
      t.hourly = left.hourly || right.hourly;
      t.units = std::make_shared<const p::Units>(
          p::Units{p::Minus{left.units, right.units}, left.units->key, e.pos});
      if (context_.trace) context_.trace->unit_steps[t.units.get()] = &e;
      return t;
    }
    if (left.kind != Kind::number || right.kind != Kind::number)
      return error(e, "E0301",
                   fmt::format("`{}` needs numbers, found {} and {}", e.text, describe(left.kind),
                               describe(right.kind)),
                   left.kind == Kind::units && right.kind == Kind::units && e.text == "-"
                       ? "subtract units with `minus`, or count them first"
                       : std::string{});
    const auto op = e.text == "+"   ? p::Arith::add
                    : e.text == "-" ? p::Arith::sub
                    : e.text == "*" ? p::Arith::mul
                                    : p::Arith::div;
    if (op == p::Arith::div && right.constant && *right.constant == 0)
      return error(*e.args[1], "E0304", "division by zero");
    Typed t;
    t.kind = Kind::number;
    t.daily = left.daily || right.daily;
    t.hourly = left.hourly || right.hourly;
    if (left.constant && right.constant) {
      t.constant = p::apply(op, *left.constant, *right.constant);
    } else {
      t.num = std::make_shared<const p::Num>(
          p::Num{p::Binary{op, as_num(left), as_num(right)}, e.pos, ast::extent_on_first_line(e)});
    }
    return t;
  }

  Typed round(const Expr& e, Place place) {
    auto value = operand(*e.args[0], place);
    const auto mode = rounding_mode_named(e.text);
    if (!mode) {
      const auto suggestion =
          closest_match(e.text, {"half_up", "half_even", "floor", "ceiling", "toward_zero"});
      error(e, "E0203", fmt::format("unknown rounding mode `{}`", e.text),
            suggestion.empty() ? "modes are half_up, half_even, floor, ceiling and toward_zero"
                               : fmt::format("did you mean `{}`?", suggestion));
    }
    if (value.kind == Kind::error || !mode) return {};
    if (value.kind != Kind::number)
      return error(*e.args[0], "E0301",
                   fmt::format("`round` needs a number, found {}", describe(value.kind)));
    if (e.integer > 18) return error(e, "E0303", "too many decimal places (limit is 18)");
    Typed t = value;
    if (value.constant) {
      t.constant = round_to(*value.constant, *mode, static_cast<int>(e.integer));
    } else {
      t.num = std::make_shared<const p::Num>(p::Num{p::Round{value.num, *mode, static_cast<int>(e.integer)},
                                                    e.pos, ast::extent_on_first_line(e)});
    }
    return t;
  }

  Typed subscribed(const Expr& e) {
    if (!context_.program.product(e.text)) {
      const auto suggestion = closest_match(e.text, context_.program.product_names());
      return error(e, "E0205", fmt::format("unknown product `{}`", e.text),
                   suggestion.empty() ? std::string{} : fmt::format("did you mean `{}`?", suggestion));
    }
    ++parameter_reads_;
    Typed t;
    t.kind = Kind::boolean;
    t.flag = context_.subscribed.count(e.text) > 0;
    return t;
  }

  Typed if_then_else(const Expr& e, Place place) {
    auto condition = operand(*e.args[0], place);
    auto then_value = operand(*e.args[1], place);
    auto else_value = operand(*e.args[2], place);
    if (condition.kind == Kind::error || then_value.kind == Kind::error || else_value.kind == Kind::error)
      return {};
    if (condition.kind != Kind::boolean)
      return error(
          *e.args[0], "E0301",
          fmt::format("`if` decides on a parameter or `subscribed(...)`, found {}", describe(condition.kind)),
          "row and asset conditions belong in `where`, `having` and `unless`");
    if (then_value.kind != else_value.kind)
      return error(e, "E0301",
                   fmt::format("`if` branches differ: {} and {}", describe(then_value.kind),
                               describe(else_value.kind)));
    return condition.flag ? then_value : else_value;
  }

  // ------------------------------------------------------------ conditions

  // The value a word or string names in an enum column, reporting unknown ones.
  std::optional<std::size_t> enum_value(std::size_t column, const std::string& text, const SourcePos& pos,
                                        std::uint32_t length) {
    const auto& col = schema_.columns[column];
    if (const auto index = col.value_index(text)) return index;
    const auto suggestion = closest_match(text, col.values);
    error(pos, length, "E0203", fmt::format("unknown value `{}` for column `{}`", text, col.name),
          suggestion.empty() ? fmt::format("its values are {}", fmt::join(col.values, ", "))
                             : fmt::format("did you mean `{}`?", suggestion));
    return std::nullopt;
  }

  // A name that no let or parameter defines: on the right of =, in or has it is
  // a value of the column, not a reference.
  bool is_bare_word(const Expr& e) const {
    return e.kind == ExprKind::name && !argument(e.text) && !find_let(e.text) &&
           !(product_names_visible() && context_.params.count(e.text)) && !context_.globals.count(e.text);
  }

  // Words (enum values or set items) for the right-hand side of =, in, has.
  std::optional<std::vector<std::pair<std::string, SourcePos>>> words(const Expr& e, Place place,
                                                                      bool allow_set) {
    std::vector<std::pair<std::string, SourcePos>> out;
    if (is_bare_word(e)) {
      out.emplace_back(e.text, e.pos);
      return out;
    }
    // A word passed as an argument, as in `sourced_by(rows, agent)`.
    if (const auto* bound = e.kind == ExprKind::name ? argument(e.text) : nullptr;
        bound && bound->kind == Kind::word) {
      out.emplace_back(bound->text, bound->pos); // an unknown value is reported at the argument
      return out;
    }
    if (e.kind == ExprKind::string) {
      out.emplace_back(e.text, e.pos);
      return out;
    }
    if (allow_set && e.kind == ExprKind::set) {
      for (const auto& item : e.args)
        out.emplace_back(item->text, item->pos);
      return out;
    }
    auto value = operand(e, place);
    if (value.kind == Kind::error) return std::nullopt;
    if (value.kind == Kind::set && allow_set) {
      // A set named here is reported at its items, wherever they are written.
      for (std::size_t i = 0; i < value.items.size(); ++i)
        out.emplace_back(value.items[i], i < value.item_pos.size() ? value.item_pos[i] : e.pos);
      return out;
    }
    if (value.kind == Kind::string) {
      out.emplace_back(value.text, e.pos);
      return out;
    }
    error(e, "E0301",
          fmt::format("expected {}, found {}", allow_set ? "a value or a set of values" : "a value",
                      describe(value.kind)));
    return std::nullopt;
  }

  std::optional<std::uint64_t> enum_mask(std::size_t column,
                                         const std::vector<std::pair<std::string, SourcePos>>& values,
                                         std::uint32_t length) {
    std::uint64_t mask = 0;
    bool ok = true;
    for (const auto& [text, pos] : values) {
      if (const auto index = enum_value(
              column, text, pos, std::max<std::uint32_t>(length, static_cast<std::uint32_t>(text.size()))))
        mask |= std::uint64_t{1} << *index;
      else
        ok = false;
    }
    if (!ok) return std::nullopt;
    return mask;
  }

  Typed row_condition(p::RowPredPtr pred, const Typed& from) {
    Typed t;
    t.kind = Kind::row_cond;
    t.row_cond = std::move(pred);
    t.within = from.within;
    return t;
  }

  Typed membership(const Typed& subject, const Expr& rhs, bool allow_set, bool negated, const Expr& e,
                   Place place) {
    if (subject.kind == Kind::reduced) {
      const auto values = words(rhs, place, allow_set);
      if (!values) return {};
      const auto mask = enum_mask(subject.column, *values, 1);
      if (!mask) return {};
      Typed t;
      t.kind = Kind::asset_cond;
      t.hourly = subject.hourly;
      t.asset_cond =
          p::make_node<p::AssetPred>(p::EnumReduce{subject.reduce, subject.rows, subject.column, *mask});
      if (negated) t.asset_cond = p::make_node<p::AssetPred>(p::AssetNot{t.asset_cond});
      return t;
    }
    const auto& column = schema_.columns[subject.column];
    p::RowPredPtr pred;
    if (column.type == ColumnType::enumeration) {
      const auto values = words(rhs, place, allow_set);
      if (!values) return {};
      const auto mask = enum_mask(subject.column, *values, 1);
      if (!mask) return {};
      pred = p::make_node<p::RowPred>(p::EnumIn{subject.column, *mask});
    } else if (column.type == ColumnType::string) {
      if (is_bare_word(rhs))
        return error(rhs, "E0301",
                     fmt::format("compare string column `{}` with a quoted string, as in \"{}\"", column.name,
                                 rhs.text));
      const auto values = words(rhs, place, allow_set);
      if (!values) return {};
      std::vector<std::string> texts;
      for (const auto& value : *values)
        texts.push_back(value.first);
      pred = p::make_node<p::RowPred>(p::StringIn{subject.column, std::move(texts)});
    } else {
      return error(e, "E0301",
                   fmt::format("`{}` is {}; `in` and `=` with values need an enum or string column",
                               column.name, name_of(column.type)),
                   column.type == ColumnType::set ? "test set columns with `has`" : std::string{});
    }
    if (negated) pred = p::make_node<p::RowPred>(p::NotRow{pred});
    return row_condition(pred, subject);
  }

  static std::optional<p::Compare> compare_op(std::string_view text) {
    if (text == "=") return p::Compare::eq;
    if (text == "!=") return p::Compare::ne;
    if (text == "<") return p::Compare::lt;
    if (text == "<=") return p::Compare::le;
    if (text == ">") return p::Compare::gt;
    if (text == ">=") return p::Compare::ge;
    return std::nullopt;
  }

  Typed compare(const Expr& e, Place place) {
    auto left = operand(*e.args[0], place);
    if (left.kind == Kind::error) return {};
    const auto op = *compare_op(e.text);
    const bool equality = op == p::Compare::eq || op == p::Compare::ne;
    if ((left.kind == Kind::column && (schema_.columns[left.column].type == ColumnType::enumeration ||
                                       schema_.columns[left.column].type == ColumnType::string)) ||
        left.kind == Kind::reduced) {
      if (!equality)
        return error(e, "E0301",
                     fmt::format("`{}` compares numbers and dates; use `=`, `!=` or `in` here", e.text));
      return membership(left, *e.args[1], false, op == p::Compare::ne, e, place);
    }
    auto right = operand(*e.args[1], place);
    if (right.kind == Kind::error) return {};
    if (left.kind == Kind::column) {
      const auto& column = schema_.columns[left.column];
      if (column.type == ColumnType::integer) {
        if (right.kind != Kind::number || !right.constant || denominator(*right.constant) != 1)
          return error(*e.args[1], "E0301",
                       fmt::format("`{}` is an integer column; compare it with a whole number", column.name));
        if (abs(*right.constant) > Rational(std::numeric_limits<std::int64_t>::max()))
          return error(*e.args[1], "E0303", "number out of range for an integer column");
        return row_condition(p::make_node<p::RowPred>(p::IntCompare{
                                 left.column, op, static_cast<std::int64_t>(numerator(*right.constant))}),
                             left);
      }
      if (column.type == ColumnType::timestamp) {
        if (right.kind != Kind::date)
          return error(*e.args[1], "E0301",
                       fmt::format("`{}` is a timestamp column; compare it with a date", column.name));
        return row_condition(p::make_node<p::RowPred>(p::TimeCompare{left.column, op, start_of(right.day)}),
                             left);
      }
      return error(e, "E0301", fmt::format("`{}` is a set column; test it with `has`", column.name));
    }
    if (left.kind == Kind::number && right.kind == Kind::number && left.constant && right.constant) {
      const auto& a = *left.constant;
      const auto& b = *right.constant;
      Typed t;
      t.kind = Kind::boolean;
      t.flag = p::holds(op, a, b);
      return t;
    }
    return error(e, "E0301",
                 fmt::format("cannot compare {} with {}", describe(left.kind), describe(right.kind)),
                 left.kind == Kind::number
                     ? "daily numbers cannot be compared; conditions filter rows, assets and units"
                     : std::string{});
  }

  Typed in(const Expr& e, Place place) {
    auto subject = operand(*e.args[0], place);
    if (subject.kind == Kind::error) return {};
    if (subject.kind != Kind::column && subject.kind != Kind::reduced)
      return error(*e.args[0], "E0301",
                   fmt::format("`in` tests a column or a per-asset value, found {}", describe(subject.kind)));
    return membership(subject, *e.args[1], true, e.flag, e, place);
  }

  Typed has(const Expr& e, Place place) {
    auto subject = operand(*e.args[0], place);
    if (subject.kind == Kind::error) return {};
    if (subject.kind != Kind::column || schema_.columns[subject.column].type != ColumnType::set)
      return error(*e.args[0], "E0301", "`has` tests a set column, such as `modules has EDR`");
    const auto& column = schema_.columns[subject.column];
    // A free set (tags) takes any word as a value, so a misspelt parameter
    // would silently become a tag nobody has: a word that is nearly a name is
    // taken for that name, and a tag spelt so is written as a string.
    if (column.values.empty() && is_bare_word(*e.args[1])) {
      const auto& word = e.args[1]->text;
      if (const auto name = closest_match(word, known_names()); !name.empty() && name != word)
        return error(*e.args[1], "E0201", fmt::format("unknown name `{}`", word),
                     fmt::format("did you mean `{}`? A value of `{}` spelt so is written as a string: \"{}\"",
                                 name, column.name, word));
    }
    const auto values = words(*e.args[1], place, e.text != "");
    if (!values) return {};
    if (e.text.empty() && e.args[1]->kind == ExprKind::set)
      return error(*e.args[1], "E0301", "say `has any of {...}` or `has all of {...}`");
    p::SetHas test{subject.column, e.text == "all", 0, {}};
    for (const auto& [text, pos] : *values) {
      if (!column.values.empty()) {
        const auto index = column.value_index(text);
        if (!index) {
          const auto suggestion = closest_match(text, column.values);
          error(pos, static_cast<std::uint32_t>(text.size()), "E0203",
                fmt::format("unknown value `{}` for column `{}`", text, column.name),
                suggestion.empty() ? fmt::format("its values are {}", fmt::join(column.values, ", "))
                                   : fmt::format("did you mean `{}`?", suggestion));
          return {};
        }
        test.mask |= std::uint64_t{1} << *index;
      }
      test.items.push_back(text);
    }
    return row_condition(p::make_node<p::RowPred>(std::move(test)), subject);
  }

  Typed is_empty(const Expr& e, Place place) {
    auto subject = operand(*e.args[0], place);
    if (subject.kind == Kind::error) return {};
    if (subject.kind != Kind::column) return error(*e.args[0], "E0301", "`is empty` tests a column");
    const auto& column = schema_.columns[subject.column];
    if (column.default_value)
      return error(
          e, "E0301",
          fmt::format("`{}` is never empty: an empty cell means `{}`", column.name, *column.default_value));
    p::RowPredPtr pred = p::make_node<p::RowPred>(p::IsEmpty{subject.column});
    if (e.flag) pred = p::make_node<p::RowPred>(p::NotRow{pred});
    return row_condition(pred, subject);
  }

  Typed within(const Expr& e, Place place) {
    auto subject = operand(*e.args[0], place);
    if (subject.kind == Kind::error) return {};
    if (subject.kind != Kind::column || schema_.columns[subject.column].type != ColumnType::timestamp)
      return error(*e.args[0], "E0301", "`within last N days` tests a timestamp column");
    if (e.integer < 1) return error(e, "E0303", "`within last N days` needs at least 1 day");
    Typed t = row_condition(
        p::make_node<p::RowPred>(p::WithinDays{subject.column, static_cast<std::int32_t>(e.integer)}),
        subject);
    t.within = e.pos;
    return t;
  }

  Typed logical(const Expr& e, Place place) {
    std::vector<Typed> terms;
    for (const auto& arg : e.args)
      terms.push_back(operand(*arg, place));
    if (std::any_of(terms.begin(), terms.end(), [](const Typed& t) { return t.kind == Kind::error; }))
      return {};
    const bool conjunction = e.text == "and";
    // Constants fold away: `false and x` is false, `true and x` is x.
    Kind family = Kind::boolean;
    std::vector<const Typed*> open;
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const auto& t = terms[i];
      if (t.kind == Kind::boolean) {
        if (t.flag != conjunction) return terms[i];
        continue;
      }
      if (t.kind != Kind::row_cond && t.kind != Kind::asset_cond && t.kind != Kind::unit_cond)
        return error(*e.args[i], "E0301",
                     fmt::format("`{}` joins conditions, found {}", e.text, describe(t.kind)));
      if (family != Kind::boolean && family != t.kind)
        return error(*e.args[i], "E0301",
                     fmt::format("`{}` cannot join {} with {}", e.text, describe(family), describe(t.kind)),
                     "a row condition filters rows (`where`); asset and unit conditions filter units "
                     "(`having`, `unless`)");
      family = t.kind;
      open.push_back(&t);
    }
    if (open.empty()) {
      Typed t;
      t.kind = Kind::boolean;
      t.flag = conjunction;
      return t;
    }
    if (open.size() == 1) return *open.front();
    Typed t;
    t.kind = family;
    for (const auto* term : open) {
      t.hourly = t.hourly || term->hourly;
      if (!t.within) t.within = term->within;
    }
    if (family == Kind::row_cond) {
      std::vector<p::RowPredPtr> parts;
      for (const auto* term : open)
        parts.push_back(term->row_cond);
      t.row_cond =
          conjunction ? p::make_node<p::RowPred>(p::AllOf{parts}) : p::make_node<p::RowPred>(p::AnyOf{parts});
    } else if (family == Kind::asset_cond) {
      std::vector<p::AssetPredPtr> parts;
      for (const auto* term : open)
        parts.push_back(term->asset_cond);
      t.asset_cond = conjunction ? p::make_node<p::AssetPred>(p::AssetAll{parts})
                                 : p::make_node<p::AssetPred>(p::AssetAny{parts});
    } else {
      std::vector<p::UnitPredPtr> parts;
      for (const auto* term : open)
        parts.push_back(term->unit_cond);
      t.unit_cond = conjunction ? p::make_node<p::UnitPred>(p::UnitAll{parts})
                                : p::make_node<p::UnitPred>(p::UnitAny{parts});
    }
    return t;
  }

  Typed logical_not(const Expr& e, Place place) {
    auto t = operand(*e.args[0], place);
    switch (t.kind) {
    case Kind::error:
      return t;
    case Kind::boolean:
      t.flag = !t.flag;
      return t;
    case Kind::row_cond:
      t.row_cond = p::make_node<p::RowPred>(p::NotRow{t.row_cond});
      return t;
    case Kind::asset_cond:
      t.asset_cond = p::make_node<p::AssetPred>(p::AssetNot{t.asset_cond});
      return t;
    case Kind::unit_cond:
      t.unit_cond = p::make_node<p::UnitPred>(p::UnitNot{t.unit_cond});
      return t;
    default:
      return error(*e.args[0], "E0301", fmt::format("`not` needs a condition, found {}", describe(t.kind)));
    }
  }
};

} // namespace

std::optional<plan::ProductPlan> lower_product(const LowerContext& context, const ast::ProductDecl& product,
                                               std::vector<Diagnostic>& diagnostics) {
  return Lowerer(context, product, diagnostics).run();
}

} // namespace tally
