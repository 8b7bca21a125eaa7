// A compiled rule program: every parsed file (the prelude and imports first),
// the schema they declare, and the declarations the checker resolved. It is
// immutable once compile() returns and can be bound to many subscriptions.
#pragma once

#include "ast.hpp"
#include "schema.hpp"
#include <tally/limits.hpp>

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace tally {

struct Program {
  std::deque<ast::File> files; // stable addresses: the maps below point into them
  Schema schema;
  std::map<std::string, const ast::LetDecl*, std::less<>> lets;     // top-level lets
  std::map<std::string, const ast::ParamDecl*, std::less<>> params; // subscription-wide parameters
  std::vector<const ast::ProductDecl*> products;                    // in load order
  std::vector<const ast::SubscriptionDecl*> subscriptions;
  Limits limits; // those it was compiled under; bind() holds every term to them too

  const ast::ProductDecl* product(std::string_view name) const;
  std::vector<std::string> product_names() const; // products and licenses
  // Metered products alone (what a subscription buys unless it says), or licenses alone.
  std::vector<std::string> names_of(bool licenses) const;
};

std::vector<const ast::ParamDecl*> params_of(const ast::ProductDecl& product);
std::vector<const ast::ParamDecl*> global_params(const Program& program); // subscription-wide

} // namespace tally
