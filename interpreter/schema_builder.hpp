// Builds the observation schema from the `schema` blocks of a program,
// reporting every inconsistency (unknown type, default not among the values, ...).
#pragma once

#include "ast.hpp"
#include "schema.hpp"

#include <vector>

namespace tally {

Schema build_schema(const std::vector<const ast::SchemaDecl*>& declarations,
                    std::vector<Diagnostic>& diagnostics);

} // namespace tally
