// Subscriptions come from a `subscription { ... }` block (parsed and checked
// like any rule file) and from command-line flags, which override the file.
#pragma once

#include "ast.hpp"
#include "engine.hpp"

#include <vector>

namespace tally {

// The settings a subscription block states. Names are checked later, by bind(),
// against the program's parameters, so a typo is reported where it was written.
Subscription subscription_from(const ast::SubscriptionDecl& decl);

// Settings `later` states replace those in `base`.
void override_subscription(Subscription& base, const Subscription& later);

// The text a literal setting stands for ("2026-01-01", "1.7", "true", "a;b").
std::string setting_text(const ast::Expr& literal);

} // namespace tally
