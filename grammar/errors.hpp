// What the parser says when a committed rule fails. Every rule that can appear
// in a must/if_must position has an entry: the control class below is built
// with RequireMessage, so a missing entry is a compile error, not a vague
// "parse error matching ...".
#pragma once

#include "grammar.hpp"

namespace tally::grammar {

template <typename Rule> inline constexpr const char* error_message = nullptr;

#define TALLY_ERROR(rule, text) template <> inline constexpr const char* error_message<rule> = text;

// Punctuation and keywords shared by many rules.
TALLY_ERROR(open_brace, "expected `{`")
TALLY_ERROR(open_paren, "expected `(`")
TALLY_ERROR(paren_close, "expected `)`")
TALLY_ERROR(comma, "expected `,`")
TALLY_ERROR(colon, "expected `:` before the type")
TALLY_ERROR(equals, "expected `=`")
TALLY_ERROR(of_keyword, "expected `of`")
TALLY_ERROR(has_keyword, "expected `has` and a row condition")
TALLY_ERROR(days_keyword, "expected `days`")
TALLY_ERROR(then_keyword, "expected `then`")
TALLY_ERROR(else_keyword, "expected `else`: an `if` needs both branches")
TALLY_ERROR(every_keyword, "expected `every`, as in `method peak every 15 days`")
TALLY_ERROR(over_keyword, "expected `over`, as in `method rolling average over 90 days`")
TALLY_ERROR(last_keyword, "expected `last`, as in `within last 30 days`")
TALLY_ERROR(hours_keyword, "expected `hours`, as in `last 3 hours`")
TALLY_ERROR(empty_keyword, "expected `empty` after `is`")

// Literals.
TALLY_ERROR(string_body, "invalid character in string")
TALLY_ERROR(string_close, "unterminated string: expected a closing `\"` on the same line")
TALLY_ERROR(set_items, "expected set items separated by `,`")
TALLY_ERROR(set_close, "expected `,` or `}` in a set")

// Expressions.
TALLY_ERROR(parenthesized_expr, "expected an expression inside `(`")
TALLY_ERROR(hours_count, "expected a whole number of hours, as in `last 3 hours`")
TALLY_ERROR(distinct_key, "expected the column to count, as in `distinct asset_id of snapshot`")
TALLY_ERROR(distinct_source, "expected the rows to count: `snapshot`, `term`, `last N hours` or a name")
TALLY_ERROR(row_test_source, "expected the rows to test: `snapshot`, `term` or a name")
TALLY_ERROR(row_test_condition, "expected a row condition after `has`")
TALLY_ERROR(reduced_column, "expected a column name, as in `latest status of term`")
TALLY_ERROR(reduction_source, "expected the rows to reduce: `snapshot`, `term` or a name")
TALLY_ERROR(round_operand, "expected the value to round")
TALLY_ERROR(round_mode, "expected a rounding mode: half_up, half_even, floor, ceiling or toward_zero")
TALLY_ERROR(round_places, "expected the number of decimal places, a whole number")
TALLY_ERROR(subscribed_product, "expected a product name, as in `subscribed(ETM)`")
TALLY_ERROR(call_arguments, "expected an argument")
TALLY_ERROR(call_close, "expected `,` or `)` after an argument")
TALLY_ERROR(if_condition, "expected a condition after `if`")
TALLY_ERROR(if_then, "expected a value after `then`")
TALLY_ERROR(if_else, "expected a value after `else`")
TALLY_ERROR(filter_condition, "expected a condition")
TALLY_ERROR(unary_operand, "expected a value")
TALLY_ERROR(first_count, "expected how many units to keep, as in `first 50 by activated_at`")
TALLY_ERROR(first_by, "expected `by` and the column that orders the units, as in `first 50 by activated_at`")
TALLY_ERROR(first_order, "expected the column that orders the units, as in `first 50 by activated_at`")
TALLY_ERROR(right_operand, "expected a value after the operator")
TALLY_ERROR(right_term, "expected a value after the operator")
TALLY_ERROR(multiplicative, "expected a value after the operator")
TALLY_ERROR(compared_value, "expected a value to compare with")
TALLY_ERROR(in_set, "expected a set after `in`, as in `{host, vm}`")
TALLY_ERROR(has_mode, "expected `any of`, `all of` or an item after `has`")
TALLY_ERROR(has_items, "expected an item or a set after `has`")
TALLY_ERROR(within_days_count, "expected a whole number of days, as in `within last 30 days`")
TALLY_ERROR(quantified_condition, "expected an asset condition")
TALLY_ERROR(not_operand, "expected a condition after `not`")
TALLY_ERROR(and_operand, "expected a condition after `and`")
TALLY_ERROR(or_operand, "expected a condition after `or`")

// Declarations.
TALLY_ERROR(declared_name, "expected a name (letters, digits and `_`, not a reserved word)")
TALLY_ERROR(let_head, "expected a name (letters, digits and `_`, not a reserved word)")
TALLY_ERROR(let_parameter_list, "expected parameter names separated by `,`")
TALLY_ERROR(let_parameters_close, "expected `,` or `)` after a parameter name")
TALLY_ERROR(defined_value, "expected an expression after `=`")
TALLY_ERROR(param_type, "expected a parameter type: decimal, integer, boolean, date or set")
TALLY_ERROR(param_default, "expected the parameter's default value")
TALLY_ERROR(required_when_column, "expected a column name after `when`")
TALLY_ERROR(required_when_value, "expected a value after `=`")
TALLY_ERROR(column_default_value, "expected the default value")
TALLY_ERROR(column_type, "expected a column type: timestamp, string, enum {...}, integer or set")
TALLY_ERROR(column_options, "expected `required` or `default`")
TALLY_ERROR(ties_column, "expected the tie-break column name")
TALLY_ERROR(ties_order, "expected the tie-break order as a set, first value wins")
TALLY_ERROR(schema_body, "expected `column` or `ties`")
TALLY_ERROR(schema_close, "expected `column`, `ties` or `}` in a schema")
TALLY_ERROR(import_path, "expected the imported file's name as a string, as in `import \"prelude\"`")
TALLY_ERROR(method_length, "expected a whole number of days")
TALLY_ERROR(rolling_kind, "expected `average` or `total` after `rolling`")
TALLY_ERROR(method_kind, "expected `peak every N days` or `rolling average|total over N days`")
TALLY_ERROR(title_text, "expected the product title as a string")
TALLY_ERROR(given_list, "expected component values, as in `given A1 = 4000, B = 2000`")
TALLY_ERROR(expect_when, "expected a period start date or an expectation")
TALLY_ERROR(expectation_list, "expected expectations, as in `expect usage = 7000, qlu = 10500`")
TALLY_ERROR(data_open, "expected `{` and a line break after `data`")
TALLY_ERROR(data_rows, "expected data rows, cells separated by `|`")
TALLY_ERROR(data_close, "expected `}` on its own line to close the data")
TALLY_ERROR(example_title, "expected the example's title as a string")
TALLY_ERROR(example_body, "expected `given`, `expect`, `data` or a setting")
TALLY_ERROR(example_close, "expected `given`, `expect`, `data`, a setting or `}` in an example")
TALLY_ERROR(product_id, "expected a product name, as in `product VMDR {`")
TALLY_ERROR(product_body, "expected a product item")
TALLY_ERROR(product_close,
            "expected `title`, `method`, `param`, `let`, `component`, `usage`, `qlu`, `example` or `}`")
TALLY_ERROR(bought_products, "expected the products bought, as in `products {VMDR, ETM}`")
TALLY_ERROR(bought_list, "expected product names separated by `,`")
TALLY_ERROR(bought_close, "expected `,` or `}` after a product name")
TALLY_ERROR(subscription_title, "expected the subscription's name as a string")
TALLY_ERROR(subscription_body, "expected a subscription setting")
TALLY_ERROR(subscription_close, "expected `name = value`, `PRODUCT.param = value`, `products {...}` or `}`")
TALLY_ERROR(end_of_file,
            "expected a declaration: `import`, `schema`, `let`, `param`, `product` or `subscription`")

#undef TALLY_ERROR

struct error_table {
  template <typename Rule> static constexpr const char* message = error_message<Rule>;
  // Shared rules (punctuation, keywords) also appear in optional positions:
  // only a failure inside must/if_must is an error.
  template <typename Rule> static constexpr bool raise_on_failure = false;
};

} // namespace tally::grammar
