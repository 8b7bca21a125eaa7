#include "ast_dump.hpp"

#include <fmt/format.h>

namespace tally::test {
namespace {

// Every field of every node, one node per line, indented by depth. Names are
// dumped by text only: their `pos` and `length` are layout, not meaning.
class AstDump {
public:
  std::string file(const ast::File& file) {
    for (const auto& import : file.imports)
      line(0, fmt::format("import {:?}", import.path));
    for (const auto& schema : file.schemas)
      this->schema(schema);
    for (const auto& let : file.lets)
      this->let("let", let, 0);
    for (const auto& param : file.params)
      this->param(param, 0);
    for (const auto& product : file.products)
      this->product(product);
    for (const auto& subscription : file.subscriptions)
      this->subscription(subscription);
    return std::move(out_);
  }

private:
  std::string out_;

  void line(int depth, const std::string& text) {
    out_.append(static_cast<std::size_t>(depth) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }

  static std::string names(const std::vector<ast::Name>& list) {
    std::string out;
    for (const auto& name : list)
      out += fmt::format("{:?} ", name.text);
    return out;
  }

  static std::string optional_name(const std::optional<ast::Name>& name) {
    return name ? fmt::format("{:?}", name->text) : "-";
  }

  void expr(const ast::Expr& e, int depth) {
    line(depth, fmt::format("expr kind={} text={:?} name={:?} value={} day={} integer={} flag={}",
                            static_cast<int>(e.kind), e.text, e.name, to_fraction_text(e.value), e.day,
                            e.integer, e.flag));
    for (const auto& arg : e.args)
      expr(*arg, depth + 1);
  }

  void optional_expr(const ast::ExprPtr& e, int depth) {
    if (e)
      expr(*e, depth);
    else
      line(depth, "no expr");
  }

  void schema(const ast::SchemaDecl& schema) {
    line(0, fmt::format("schema {:?} ties={} order={}", schema.name.text, optional_name(schema.ties_column),
                        names(schema.ties_order)));
    for (const auto& c : schema.columns)
      line(1, fmt::format("column {:?} type={:?} values=[{}] has_values={} required={} when={}={} default={}",
                          c.name.text, c.type.text, names(c.values), c.has_values, c.required,
                          optional_name(c.required_when_column), optional_name(c.required_when_value),
                          optional_name(c.default_value)));
  }

  void let(const char* what, const ast::LetDecl& let, int depth) {
    line(depth, fmt::format("{} {:?} parameters=[{}]", what, let.name.text, names(let.parameters)));
    optional_expr(let.value, depth + 1);
  }

  void param(const ast::ParamDecl& param, int depth) {
    line(depth, fmt::format("param {:?} type={:?}", param.name.text, param.type.text));
    optional_expr(param.default_value, depth + 1);
  }

  void setting(const char* what, const ast::Setting& setting, int depth) {
    line(depth, fmt::format("{} {:?} product={}", what, setting.name.text, optional_name(setting.product)));
    optional_expr(setting.value, depth + 1);
  }

  void products(const std::optional<std::vector<ast::Name>>& bought, int depth) {
    line(depth, bought ? fmt::format("products [{}]", names(*bought)) : "products -");
  }

  void example(const ast::ExampleDecl& example) {
    line(1, fmt::format("example {:?}", example.title));
    for (const auto& setting : example.settings)
      this->setting("setting", setting, 2);
    products(example.products, 2);
    for (const auto& given : example.given)
      setting("given", given, 2);
    for (const auto& row : example.data) {
      std::string cells;
      for (const auto& cell : row)
        cells += fmt::format("{:?} ", cell.text);
      line(2, "row " + cells);
    }
    for (const auto& e : example.expectations)
      line(2, fmt::format("expect period={} {:?} = {} ({:?})", e.period ? std::to_string(*e.period) : "-",
                          e.name.text, to_fraction_text(e.value), e.value_text));
  }

  void product(const ast::ProductDecl& product) {
    line(0, fmt::format("product {:?} title={:?}", product.name.text, product.title.value_or("-")));
    if (product.method)
      line(1, fmt::format("method {} {}", static_cast<int>(product.method->kind), product.method->length));
    for (const auto& param : product.params)
      this->param(param, 1);
    for (const auto& let : product.lets)
      this->let("let", let, 1);
    for (const auto& component : product.components)
      let("component", component, 1);
    line(1, "usage");
    optional_expr(product.usage, 2);
    line(1, "qlu");
    optional_expr(product.qlu, 2);
    for (const auto& example : product.examples)
      this->example(example);
  }

  void subscription(const ast::SubscriptionDecl& subscription) {
    line(0, fmt::format("subscription {:?}", subscription.title));
    for (const auto& setting : subscription.settings)
      this->setting("setting", setting, 1);
    products(subscription.products, 1);
  }
};

} // namespace

std::string ast_without_positions(const ast::File& file) {
  return AstDump().file(file);
}

} // namespace tally::test
