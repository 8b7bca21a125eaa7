#include "subscription.hpp"

namespace tally {

std::string setting_text(const ast::Expr& literal) {
  switch (literal.kind) {
  case ast::ExprKind::boolean:
    return literal.flag ? "true" : "false";
  case ast::ExprKind::set: {
    std::string text;
    for (const auto& item : literal.args)
      text += (text.empty() ? "" : ";") + item->text;
    return text;
  }
  default:
    return literal.text;
  }
}

Subscription subscription_from(const ast::SubscriptionDecl& decl) {
  Subscription out;
  for (const auto& setting : decl.settings) {
    Setting value{setting_text(*setting.value), setting.name.pos};
    if (setting.product) {
      out.product_params[setting.product->text][setting.name.text] = std::move(value);
    } else if (setting.name.text == "start") {
      out.start = std::move(value);
    } else if (setting.name.text == "end") {
      out.end = std::move(value);
    } else if (setting.name.text == "as_of") {
      out.as_of = std::move(value);
    } else {
      out.globals[setting.name.text] = std::move(value);
    }
  }
  if (decl.products) {
    out.products.emplace();
    for (const auto& product : *decl.products)
      out.products->push_back({product.text, product.pos});
  }
  return out;
}

void override_subscription(Subscription& base, const Subscription& later) {
  if (later.start) base.start = later.start;
  if (later.end) base.end = later.end;
  if (later.as_of) base.as_of = later.as_of;
  for (const auto& [name, setting] : later.globals)
    base.globals[name] = setting;
  for (const auto& [product, settings] : later.product_params)
    for (const auto& [name, setting] : settings)
      base.product_params[product][name] = setting;
  if (later.products) base.products = later.products;
  if (!later.only.empty()) base.only = later.only;
}

} // namespace tally
