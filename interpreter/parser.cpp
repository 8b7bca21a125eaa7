#include "parser.hpp"

#include "grammar/errors.hpp"
#include "grammar/selector.hpp"
#include "utf8.hpp"

#include <tao/pegtl.hpp>

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

namespace tally {
namespace {

namespace pegtl = tao::pegtl;
namespace g = tally::grammar;
using Node = pegtl::parse_tree::node;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;

// The text being parsed, with the limits the actions below enforce.
struct LimitedInput : pegtl::memory_input<> {
  LimitedInput(std::string_view text, const std::string& source, const Limits& limits)
      : pegtl::memory_input<>(text.data(), text.size(), source), limits(limits) {}
  const Limits& limits;
};

// The 1-based line and byte column of `at` in the input.
pegtl::position position_of(const LimitedInput& in, const char* at) {
  std::size_t line = 1;
  const char* line_start = in.begin();
  for (const char* p = in.begin(); p < at; ++p)
    if (*p == '\n') {
      ++line;
      line_start = p + 1;
    }
  return pegtl::position(static_cast<std::size_t>(at - in.begin()), line,
                         static_cast<std::size_t>(at - line_start) + 1, in.source());
}

// An action on every rule: counts the nesting depth (as pegtl::limit_depth
// does, but with the limit chosen at run time) and measures identifiers.
struct limits_guard : pegtl::maybe_nothing {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename... States>
  [[nodiscard]] static bool match(LimitedInput& in, States&&... st) {
    struct Depth {
      std::size_t& depth;
      explicit Depth(std::size_t& d) : depth(++d) {}
      ~Depth() { --depth; }
    } depth(in.private_depth);
    if (in.private_depth > in.limits.max_nesting)
      throw pegtl::parse_error("maximum parser rule nesting depth exceeded", in);
    const char* begin = in.current();
    const bool matched = pegtl::match<Rule, A, M, Action, Control>(in, st...);
    if constexpr (std::is_same_v<Rule, g::identifier>) {
      const auto length = static_cast<std::size_t>(in.current() - begin);
      if (matched && length > in.limits.max_identifier_length)
        throw pegtl::parse_error(fmt::format("a name of {} bytes is longer than the limit of {}", length,
                                             in.limits.max_identifier_length),
                                 position_of(in, begin));
    }
    return matched;
  }
};
template <typename Rule> struct depth_limit : limits_guard {};

class Converter {
public:
  explicit Converter(std::string file) : file_(std::move(file)) {}

  ast::File file(const Node& root) {
    ast::File out;
    out.path = file_;
    for (const auto& child : root.children)
      declaration(*child, out);
    return out;
  }

private:
  std::string file_;

  SourcePos pos(const Node& node) const {
    const auto p = node.begin();
    return {file_, static_cast<std::uint32_t>(p.line), static_cast<std::uint32_t>(p.column)};
  }

  static std::uint32_t first_line_length(const Node& node) {
    // Precedence levels folded by the selector keep their position but not their
    // text (fold_one removes it): their caret is one character wide.
    if (!node.has_content()) return 1;
    const auto text = node.string_view();
    const auto end = text.find_first_of("\r\n");
    const auto trimmed = text.substr(0, end == std::string_view::npos ? text.size() : end);
    const auto last = trimmed.find_last_not_of(" \t");
    return last == std::string_view::npos ? 1u : static_cast<std::uint32_t>(last + 1);
  }

  ast::Name name(const Node& node) const {
    return {std::string(trimmed(node.string_view())), pos(node), first_line_length(node)};
  }

  static std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
  }

  static std::string unquote(std::string_view quoted) {
    std::string out;
    for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
      char c = quoted[i];
      if (c == '\\') {
        const char e = quoted[++i];
        c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
      }
      out.push_back(c);
    }
    return out;
  }

  std::int64_t whole_number(const Node& node) const {
    const auto text = trimmed(node.string_view());
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value > 100000)
      throw DiagnosticError({Severity::error,
                             "E0102",
                             pos(node),
                             first_line_length(node),
                             fmt::format("number `{}` is too large here (limit is 100000)", text),
                             {}});
    return value;
  }

  ExprPtr make(ExprKind kind, const Node& node) const {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->pos = pos(node);
    e->length = first_line_length(node);
    return e;
  }

  // ------------------------------------------------------------ expressions

  ExprPtr expr(const Node& n) const {
    if (n.is_type<g::identifier>()) {
      auto e = make(ExprKind::name, n);
      e->text = n.string();
      return e;
    }
    if (n.is_type<g::decimal_literal>()) {
      auto e = make(ExprKind::number, n);
      e->text = n.string();
      e->value = *parse_decimal(e->text);
      return e;
    }
    if (n.is_type<g::date_literal>()) {
      auto e = make(ExprKind::date, n);
      e->text = n.string();
      const auto day = parse_date(e->text);
      if (!day)
        throw DiagnosticError({Severity::error, "E0103", e->pos, e->length,
                               fmt::format("invalid date `{}`", e->text), "dates are YYYY-MM-DD"});
      e->day = *day;
      return e;
    }
    if (n.is_type<g::string_literal>()) {
      auto e = make(ExprKind::string, n);
      e->text = unquote(n.string_view());
      return e;
    }
    if (n.is_type<g::true_literal>() || n.is_type<g::false_literal>()) {
      auto e = make(ExprKind::boolean, n);
      e->flag = n.is_type<g::true_literal>();
      return e;
    }
    if (n.is_type<g::set_literal>()) {
      auto e = make(ExprKind::set, n);
      for (const auto& item : n.children)
        e->args.push_back(expr(*item));
      return e;
    }
    if (n.is_type<g::parenthesized>()) return expr(*n.children.at(0));
    if (n.is_type<g::snapshot_scope>()) return make(ExprKind::snapshot, n);
    if (n.is_type<g::term_scope>()) return make(ExprKind::term, n);
    if (n.is_type<g::hours_scope>()) {
      auto e = make(ExprKind::last_hours, n);
      e->integer = whole_number(*n.children.at(0));
      return e;
    }
    if (n.is_type<g::distinct>()) {
      auto e = make(ExprKind::distinct, n);
      e->name = n.children.at(0)->string();
      e->name_pos = pos(*n.children.at(0));
      e->args.push_back(expr(*n.children.at(1)));
      return e;
    }
    if (n.is_type<g::row_test>()) {
      const auto& quantifier = *n.children.at(0);
      const auto kind = quantifier.is_type<g::every_row>() ? ExprKind::every_row
                        : quantifier.is_type<g::any_row>() ? ExprKind::any_row
                                                           : ExprKind::no_row;
      auto e = make(kind, n);
      e->args.push_back(expr(*n.children.at(1)));
      e->args.push_back(expr(*n.children.at(2)));
      return e;
    }
    if (n.is_type<g::reduction>()) {
      auto e = make(ExprKind::reduce, n);
      const auto& kind = *n.children.at(0);
      e->text = kind.is_type<g::reduce_latest>()    ? "latest"
                : kind.is_type<g::reduce_highest>() ? "highest"
                                                    : "lowest";
      e->name = n.children.at(1)->string();
      e->name_pos = pos(*n.children.at(1));
      e->args.push_back(expr(*n.children.at(2)));
      return e;
    }
    if (n.is_type<g::round_call>()) {
      auto e = make(ExprKind::round, n);
      e->args.push_back(expr(*n.children.at(0)));
      e->text = n.children.at(1)->string();
      e->integer = whole_number(*n.children.at(2));
      return e;
    }
    if (n.is_type<g::subscribed_call>()) {
      auto e = make(ExprKind::subscribed, n);
      e->text = n.children.at(0)->string();
      return e;
    }
    if (n.is_type<g::call>()) {
      auto e = make(ExprKind::call, n);
      e->text = n.children.at(0)->string();
      for (std::size_t i = 1; i < n.children.size(); ++i)
        e->args.push_back(expr(*n.children[i]));
      return e;
    }
    if (n.is_type<g::if_expr>()) {
      auto e = make(ExprKind::if_then_else, n);
      for (const auto& child : n.children)
        e->args.push_back(expr(*child));
      return e;
    }
    if (n.is_type<g::query>()) return filtered(n, 0);
    if (n.is_type<g::counted>()) {
      auto e = make(ExprKind::count, n);
      e->args.push_back(filtered(n, 1));
      return e;
    }
    if (n.is_type<g::prefixed>()) {
      auto e = make(n.children.at(0)->is_type<g::negate>() ? ExprKind::negate : ExprKind::hourly_average, n);
      e->args.push_back(expr(*n.children.at(1)));
      return e;
    }
    if (n.is_type<g::multiplicative>() || n.is_type<g::additive>()) {
      auto left = expr(*n.children.at(0));
      for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
        const auto& op = *n.children[i];
        auto e = make(ExprKind::binary, op);
        e->text = op.is_type<g::op_minus>() ? "minus" : std::string(trimmed(op.string_view()));
        e->pos = left->pos;
        e->args.push_back(std::move(left));
        e->args.push_back(expr(*n.children[i + 1]));
        left = std::move(e);
      }
      return left;
    }
    if (n.is_type<g::predicate>()) return predicate(n);
    if (n.is_type<g::quantified>()) {
      auto e =
          make(n.children.at(0)->is_type<g::all_assets>() ? ExprKind::all_assets : ExprKind::any_asset, n);
      e->args.push_back(expr(*n.children.at(1)));
      return e;
    }
    if (n.is_type<g::negation>()) {
      auto e = make(ExprKind::logical_not, n);
      e->args.push_back(expr(*n.children.at(0)));
      return e;
    }
    if (n.is_type<g::and_expr>() || n.is_type<g::or_expr>()) {
      auto e = make(ExprKind::logical, n);
      e->text = n.is_type<g::and_expr>() ? "and" : "or";
      for (const auto& child : n.children)
        e->args.push_back(expr(*child));
      return e;
    }
    throw std::logic_error("parser: unexpected node " + std::string(n.type));
  }

  // children[first] followed by filters: each filter wraps what precedes it.
  ExprPtr filtered(const Node& n, std::size_t first) const {
    auto subject = expr(*n.children.at(first));
    for (std::size_t i = first + 1; i < n.children.size(); ++i)
      subject = filter(std::move(subject), *n.children[i]);
    return subject;
  }

  ExprPtr filter(ExprPtr subject, const Node& n) const {
    const auto& word = *n.children.at(0);
    if (word.is_type<g::filter_first>()) return first(std::move(subject), word);
    auto e = make(ExprKind::filter, word);
    e->text = word.is_type<g::filter_where>()    ? "where"
              : word.is_type<g::filter_having>() ? "having"
                                                 : "unless";
    // A filter stands where its subject starts: errors about what is being
    // filtered point there.
    e->pos = subject->pos;
    e->length = subject->length;
    e->args.push_back(std::move(subject));
    e->args.push_back(expr(*n.children.at(1)));
    return e;
  }

  // first N by COLUMN: children are the count and the column.
  ExprPtr first(ExprPtr subject, const Node& n) const {
    auto e = make(ExprKind::filter, n);
    e->text = "first";
    e->pos = subject->pos;
    e->length = subject->length;
    e->name = n.children.at(1)->string();
    e->name_pos = pos(*n.children.at(1));
    e->args.push_back(std::move(subject));
    e->args.push_back(expr(*n.children.at(0)));
    return e;
  }

  ExprPtr predicate(const Node& n) const {
    auto subject = expr(*n.children.at(0));
    const auto& tail = *n.children.at(1);
    ExprPtr e;
    if (tail.is_type<g::comparison>()) {
      e = make(ExprKind::compare, tail);
      // The operator's node runs on over the separator after it, comments
      // included: only its symbol is the operator.
      const auto op = tail.children.at(0)->string_view();
      e->text = std::string(op.substr(0, op.find_first_not_of("=!<>")));
      e->args.push_back(std::move(subject));
      e->args.push_back(expr(*tail.children.at(1)));
    } else if (tail.is_type<g::in_test>()) {
      e = make(ExprKind::in, tail);
      e->flag = tail.children.at(0)->is_type<g::not_in>();
      e->args.push_back(std::move(subject));
      e->args.push_back(expr(*tail.children.at(1)));
    } else if (tail.is_type<g::has_test>()) {
      e = make(ExprKind::has, tail);
      std::size_t items = 0;
      if (tail.children.size() == 2) {
        e->text = tail.children[0]->is_type<g::has_all_of>() ? "all" : "any";
        items = 1;
      }
      e->args.push_back(std::move(subject));
      e->args.push_back(expr(*tail.children.at(items)));
    } else if (tail.is_type<g::empty_test>()) {
      e = make(ExprKind::is_empty, tail);
      e->flag = tail.children.at(0)->is_type<g::is_not>();
      e->args.push_back(std::move(subject));
    } else if (tail.is_type<g::within_test>()) {
      e = make(ExprKind::within, tail);
      e->integer = whole_number(*tail.children.at(0));
      e->args.push_back(std::move(subject));
    } else {
      throw std::logic_error("parser: unexpected predicate " + std::string(tail.type));
    }
    e->pos = e->args.front()->pos;
    return e;
  }

  // ------------------------------------------------------------ declarations

  void declaration(const Node& n, ast::File& out) const {
    if (n.is_type<g::import_decl>()) {
      out.imports.push_back({unquote(n.children.at(0)->string_view()), pos(n)});
    } else if (n.is_type<g::schema_decl>()) {
      out.schemas.push_back(schema(n));
    } else if (n.is_type<g::let_decl>()) {
      out.lets.push_back(let(n));
    } else if (n.is_type<g::param_decl>()) {
      out.params.push_back(param(n));
    } else if (n.is_type<g::product_decl>() || n.is_type<g::license_decl>()) {
      out.products.push_back(product(n));
      out.products.back().license = n.is_type<g::license_decl>();
    } else if (n.is_type<g::subscription_decl>()) {
      out.subscriptions.push_back(subscription(n));
    } else {
      throw std::logic_error("parser: unexpected declaration " + std::string(n.type));
    }
  }

  // let NAME [(PARAMETER, ...)] = VALUE; components share the shape without parameters.
  ast::LetDecl let(const Node& n) const {
    ast::LetDecl out;
    out.name = name(*n.children.at(0));
    std::size_t i = 1;
    for (; n.children.at(i)->is_type<g::let_parameter>(); ++i)
      out.parameters.push_back(name(*n.children[i]->children.at(0)));
    out.value = expr(*n.children.at(i));
    return out;
  }

  ast::ParamDecl param(const Node& n) const {
    return {name(*n.children.at(0)), name(*n.children.at(1)), expr(*n.children.at(2))};
  }

  ast::SchemaDecl schema(const Node& n) const {
    ast::SchemaDecl out;
    out.name = name(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const auto& item = *n.children[i];
      if (item.is_type<g::ties_decl>()) {
        out.ties_column = name(*item.children.at(0));
        for (const auto& value : item.children.at(1)->children)
          out.ties_order.push_back(set_item(*value));
        continue;
      }
      ast::ColumnDecl column;
      column.name = name(*item.children.at(0));
      column.type = name(*item.children.at(1));
      for (std::size_t j = 2; j < item.children.size(); ++j) {
        const auto& part = *item.children[j];
        if (part.is_type<g::column_values>()) {
          column.has_values = true;
          for (const auto& value : part.children)
            column.values.push_back(set_item(*value));
        } else if (part.is_type<g::column_required>()) {
          column.required = true;
          if (!part.children.empty()) {
            const auto& when = *part.children[0];
            column.required_when_column = name(*when.children.at(0));
            column.required_when_value = set_item(*when.children.at(1));
          }
        } else if (part.is_type<g::column_default>()) {
          column.default_value = set_item(*part.children.at(0));
        }
      }
      out.columns.push_back(std::move(column));
    }
    return out;
  }

  ast::Name set_item(const Node& n) const {
    auto item = name(n);
    if (n.is_type<g::string_literal>()) item.text = unquote(n.string_view());
    return item;
  }

  // A product states its title, method, usage and qlu once: a second one would
  // silently replace the first.
  void once(bool already, const Node& item, std::string_view what, const ast::Name& product) const {
    if (already)
      throw DiagnosticError({Severity::error,
                             "E0204",
                             pos(item),
                             static_cast<std::uint32_t>(what.size()),
                             fmt::format("`{}` is stated twice in product `{}`", what, product.text),
                             {}});
  }

  ast::ProductDecl product(const Node& n) const {
    ast::ProductDecl out;
    out.name = name(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const auto& item = *n.children[i];
      if (item.is_type<g::title_decl>()) {
        once(out.title.has_value(), item, "title", out.name);
        out.title = unquote(item.children.at(0)->string_view());
      } else if (item.is_type<g::method_peak>() || item.is_type<g::method_rolling>()) {
        once(out.method.has_value(), item, "method", out.name);
        ast::MethodDecl method;
        method.pos = pos(item);
        if (item.is_type<g::method_peak>()) {
          method.kind = ast::MethodKind::peak;
        } else {
          method.kind = item.children.at(0)->is_type<g::rolling_average>() ? ast::MethodKind::rolling_average
                                                                           : ast::MethodKind::rolling_total;
        }
        method.length = static_cast<std::int32_t>(whole_number(*item.children.back()));
        out.method = method;
      } else if (item.is_type<g::param_decl>()) {
        out.params.push_back(param(item));
      } else if (item.is_type<g::let_decl>()) {
        out.lets.push_back(let(item));
      } else if (item.is_type<g::component_decl>()) {
        out.components.push_back(let(item));
      } else if (item.is_type<g::usage_decl>()) {
        once(out.usage != nullptr, item, "usage", out.name);
        out.usage = expr(*item.children.at(0));
      } else if (item.is_type<g::qlu_decl>()) {
        once(out.qlu != nullptr, item, "qlu", out.name);
        out.qlu = expr(*item.children.at(0));
      } else if (item.is_type<g::example_decl>()) {
        out.examples.push_back(example(item));
      }
    }
    return out;
  }

  ast::Setting setting(const Node& n) const {
    ast::Setting out;
    const auto& target = *n.children.at(0);
    if (target.is_type<g::product_setting_name>()) {
      out.product = name(*target.children.at(0));
      out.name = name(*target.children.at(1));
    } else {
      out.name = name(target);
    }
    out.value = expr(*n.children.at(1));
    return out;
  }

  ast::ExampleDecl example(const Node& n) const {
    ast::ExampleDecl out;
    out.title = unquote(n.children.at(0)->string_view());
    out.pos = pos(n);
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const auto& item = *n.children[i];
      if (item.is_type<g::setting>()) {
        out.settings.push_back(setting(item));
      } else if (item.is_type<g::products_decl>()) {
        out.products = products(item);
      } else if (item.is_type<g::given_decl>()) {
        for (const auto& given : item.children)
          out.given.push_back(setting(*given));
      } else if (item.is_type<g::expect_decl>()) {
        std::optional<Day> period;
        SourcePos period_pos = pos(item);
        for (const auto& child : item.children) {
          if (child->is_type<g::date_literal>()) {
            period = parse_date(child->string_view());
            period_pos = pos(*child);
            if (!period)
              throw DiagnosticError({Severity::error,
                                     "E0103",
                                     period_pos,
                                     first_line_length(*child),
                                     fmt::format("invalid date `{}`", child->string_view()),
                                     {}});
            continue;
          }
          ast::Expectation expectation;
          expectation.period = period;
          expectation.period_pos = period_pos;
          expectation.name = name(*child->children.at(0));
          expectation.value_text = child->children.at(1)->string();
          expectation.value = *parse_decimal(expectation.value_text);
          if (child->children.size() > 2) {
            const auto denominator_text = child->children[2]->string();
            const auto denominator = *parse_decimal(denominator_text);
            if (denominator == 0)
              throw DiagnosticError(
                  {Severity::error, "E0304", pos(*child->children[2]), 1, "division by zero", {}});
            expectation.value /= denominator;
            expectation.value_text += "/" + denominator_text;
          }
          out.expectations.push_back(std::move(expectation));
        }
      } else if (item.is_type<g::data_decl>()) {
        for (const auto& line : item.children) {
          std::vector<ast::DataCell> row;
          for (const auto& cell : line->children) {
            const auto raw = cell->string_view();
            const auto text = trimmed(raw);
            auto at = pos(*cell);
            at.column += static_cast<std::uint32_t>(
                raw.find_first_not_of(" \t") == std::string_view::npos ? 0 : raw.find_first_not_of(" \t"));
            row.push_back({std::string(text), at});
          }
          out.data.push_back(std::move(row));
        }
      }
    }
    return out;
  }

  // products {ETM, CSAM}
  std::vector<ast::Name> products(const Node& n) const {
    std::vector<ast::Name> out;
    for (const auto& item : n.children.at(0)->children)
      out.push_back(name(*item));
    return out;
  }

  ast::SubscriptionDecl subscription(const Node& n) const {
    ast::SubscriptionDecl out;
    out.pos = pos(n);
    for (const auto& child : n.children) {
      if (child->is_type<g::string_literal>()) {
        out.title = unquote(child->string_view());
      } else if (child->is_type<g::products_decl>()) {
        out.products = products(*child);
      } else if (child->is_type<g::product_setting>() || child->is_type<g::setting>()) {
        out.settings.push_back(setting(*child));
      }
    }
    return out;
  }
};

Diagnostic syntax_error(const std::string& file, const pegtl::parse_error& error, const Limits& limits) {
  const auto& at = error.positions().front();
  Diagnostic d;
  d.code = "E0101";
  d.pos = {file, static_cast<std::uint32_t>(at.line), static_cast<std::uint32_t>(at.column)};
  d.message = std::string(error.message());
  if (d.message == "maximum parser rule nesting depth exceeded") {
    d.code = "E0104";
    d.message = fmt::format("expression nested too deeply (limit is {} grammar levels)", limits.max_nesting);
    d.help = "split the expression into named `let` definitions, or raise the limit with --max-nesting";
  } else if (d.message.find("is longer than the limit") != std::string::npos) {
    d.code = "E0109";
    d.help = "raise the limit with --max-identifier-length";
  }
  return d;
}

Diagnostic encoding_error(const std::string& file, std::string_view text, std::size_t offset) {
  const auto line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  const auto column = offset - (line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1) + 1;
  return {Severity::error,
          "E0106",
          {file, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)},
          1,
          fmt::format("invalid UTF-8 byte 0x{:02x}", static_cast<unsigned char>(text[offset])),
          "rule files are UTF-8 text"};
}

} // namespace

ParseResult parse_rules(const std::string& file_name, std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_rule_bytes)
    return {
        std::nullopt,
        Diagnostic{Severity::error,
                   "E0108",
                   {file_name, 0, 0},
                   1,
                   fmt::format("rule source of {} bytes is larger than the limit of {}", text.size(),
                               limits.max_rule_bytes),
                   "split it into files that import each other, or raise the limit with --max-rule-bytes"}};
  if (const auto bad = invalid_utf8(text)) return {std::nullopt, encoding_error(file_name, text, *bad)};
  LimitedInput input(text, file_name, limits);
  try {
    const auto root =
        pegtl::parse_tree::parse<g::file, g::selector, depth_limit, pegtl::must_if<g::error_table>::control>(
            input);
    return {Converter(file_name).file(*root), std::nullopt};
  } catch (const pegtl::parse_error& error) {
    return {std::nullopt, syntax_error(file_name, error, limits)};
  } catch (const DiagnosticError& error) {
    return {std::nullopt, error.diagnostic()};
  }
}

} // namespace tally
