// Which grammar rules become parse-tree nodes. Precedence levels fold away when
// they hold a single operand, so the tree the parser converts is close to the
// AST: operators, literals, names and declarations.
#pragma once

#include "grammar.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

namespace tally::grammar {

namespace pt = tao::pegtl::parse_tree;

template <typename Rule>
using selector =
    pt::selector<Rule,
                 pt::store_content::on<
                     // literals and names
                     identifier, product_name, date_literal, decimal_literal, string_literal, true_literal,
                     false_literal, set_literal, column_values, ties_order, bought_products, hours_count,
                     within_days_count, round_places, method_length,
                     // operators and keywords that decide a node's meaning
                     op_add, op_sub, op_minus, op_mul, op_div, op_eq, op_ne, op_lt, op_le, op_gt, op_ge,
                     in_keyword, not_in, has_any_of, has_all_of, is_not, is_keyword, filter_where,
                     filter_having, filter_unless, filter_first, first_order, negate, count_keyword,
                     hourly_average, every_row, any_row, no_row, reduce_latest, reduce_highest, reduce_lowest,
                     all_assets, any_asset, snapshot_scope, term_scope, rolling_average, rolling_total,
                     // expression structure
                     if_expr, negation, quantified, comparison, in_test, has_test, empty_test, within_test,
                     prefixed, filter, counted, parenthesized, distinct, row_test, reduction, hours_scope,
                     round_call, subscribed_call, call,
                     // declarations
                     import_decl, schema_decl, column_decl, column_required, required_when, column_default,
                     ties_decl, let_decl, let_parameter, param_decl, product_decl, license_decl, title_decl,
                     method_peak, method_rolling, component_decl, usage_decl, qlu_decl, example_decl,
                     given_decl, expect_decl, expectation, data_decl, data_line, cell, setting,
                     subscription_decl, products_decl, product_setting, product_setting_name>,
                 pt::fold_one::on<query, or_expr, and_expr, predicate, additive, multiplicative>>;

} // namespace tally::grammar
