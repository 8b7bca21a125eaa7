// The tally rule language, as a PEGTL grammar. Rules only: no actions, no
// semantics. The parser (interpreter/parser.cpp) keeps the nodes selected in
// grammar/selector.hpp and turns them into the AST; grammar/errors.hpp holds the
// message raised when a committed rule (inside must/if_must) fails.
//
// Layout convention: every token rule matches the token alone; `sep` (blanks
// and # comments) is consumed after tokens by the enclosing sequences.
#pragma once

#include <tao/pegtl.hpp>

namespace tally::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl; // NOLINT: the grammar reads best with PEGTL's vocabulary unqualified

// ---------------------------------------------------------------- lexical

struct comment : seq<one<'#'>, until<eolf>> {};
struct blank : sor<one<' ', '\t', '\r', '\n'>, comment> {};
struct sep : star<blank> {};

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};

// Reserved words: they start or join expressions and declarations, so they
// can never be names. A value that collides with one can be a quoted string.
#define TALLY_RESERVED_WORDS(X)                                                                              \
  X(all)                                                                                                     \
  X(and)                                                                                                     \
  X(any)                                                                                                     \
  X(column)                                                                                                  \
  X(component) X(count) X(default) X(distinct) X(else) X(every) X(example) X(expect) X(false) X(first)       \
      X(given) X(has) X(having) X(highest) X(hourly) X(if) X(import) X(in) X(is) X(last) X(latest) X(let)    \
          X(license) X(lowest) X(method) X(minus) X(no) X(not ) X(of) X(or) X(param) X(product) X(products)  \
              X(required) X(round) X(schema) X(snapshot) X(subscribed) X(subscription) X(term) X(then)       \
                  X(ties) X(title) X(true) X(unless) X(when) X(where) X(within)

// Contextual words: meaningful only right after a reserved word (`all assets`,
// `every row`, `method peak every 15 days`, `usage = ...` at the start of a
// product item), so they stay free for names such as a component `assets`.
#define TALLY_CONTEXT_WORDS(X)                                                                               \
  X(asset)                                                                                                   \
  X(assets)                                                                                                  \
  X(average) X(by) X(days) X(empty) X(hours) X(over) X(peak) X(qlu) X(rolling) X(row) X(total) X(usage)

#define TALLY_DECLARE_KEYWORD(word)                                                                          \
  struct kw_##word : seq<TAO_PEGTL_STRING(#word), not_at<ident_other>> {};
TALLY_RESERVED_WORDS(TALLY_DECLARE_KEYWORD)
TALLY_CONTEXT_WORDS(TALLY_DECLARE_KEYWORD)
#undef TALLY_DECLARE_KEYWORD

#define TALLY_KEYWORD_ALTERNATIVE(word) kw_##word,
struct reserved_word : sor<TALLY_RESERVED_WORDS(TALLY_KEYWORD_ALTERNATIVE) failure> {};
#undef TALLY_KEYWORD_ALTERNATIVE

struct identifier : seq<not_at<reserved_word>, ident_first, star<ident_other>> {};
// Product names may contain inner hyphens: VMDR-OT, CWP-AGENT, ETM-ID.
struct product_name : seq<ident_first, star<ident_other>, star<one<'-'>, plus<ident_other>>> {};

struct digits : plus<digit> {};
// 2026-01-01. Tried before numbers, so `2026-01-01` is never `2026 - 01 - 01`.
struct date_literal
    : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, not_at<ident_other>> {};
struct decimal_literal : seq<digits, opt<one<'.'>, digits>, not_at<one<'.'>>, not_at<ident_other>> {};

struct escaped_char : one<'"', '\\', 'n', 't'> {};
struct string_char : sor<seq<one<'\\'>, escaped_char>, not_one<'"', '\\', '\n', '\r'>> {};
struct string_body : star<string_char> {};
struct string_close : one<'"'> {};
struct string_literal : if_must<one<'"'>, string_body, string_close> {};

struct true_literal : kw_true {};
struct false_literal : kw_false {};

// ---------------------------------------------------------------- punctuation

template <char C> struct punct : seq<one<C>, sep> {};
struct open_brace : punct<'{'> {};
struct close_brace : punct<'}'> {};
struct open_paren : punct<'('> {};
struct close_paren : punct<')'> {};
struct comma : punct<','> {};
struct colon : punct<':'> {};
struct equals : seq<one<'='>, not_at<one<'='>>, sep> {};

template <typename Keyword> struct key : seq<Keyword, sep> {};

// ---------------------------------------------------------------- expressions
//
//   expr        <- if_expr / query
//   query       <- or_expr filter*             filters apply to everything before them
//   filter      <- ('where' / 'having' / 'unless') or_expr / 'first' unary 'by' column
//   or_expr     <- and_expr ('or' and_expr)*
//   and_expr    <- not_expr ('and' not_expr)*
//   not_expr    <- 'not' not_expr / quantified / predicate
//   quantified  <- ('all' 'assets' / 'any' 'asset') not_expr
//   predicate   <- additive (comparison / in_test / has_test / empty_test / within_test)?
//   additive    <- multiplicative (('+' / '-' / 'minus') multiplicative)*
//   multiplicative <- unary (('*' / '/') unary)*
//   unary       <- '-' unary / 'hourly' 'average' 'of' unary / counted / primary
//   counted     <- 'count' unary filter*
//
// A filter's condition is an or_expr, which never takes a filter itself, so
// `where source = agent unless all assets purged` is two filters in a row.
//   primary     <- '(' expr ')' / literal / set / distinct / row_test / reduction / scope / call / name
//   call        <- name '(' expr (',' expr)* ')'

struct expr;
struct or_expr;
struct not_expr;
struct unary;
struct primary;

struct name : seq<identifier, sep> {};
struct date_value : seq<date_literal, sep> {};
struct number_value : seq<decimal_literal, sep> {};
struct string_value : seq<string_literal, sep> {};
struct bool_value : seq<sor<true_literal, false_literal>, sep> {};
struct literal : sor<date_value, number_value, string_value, bool_value> {};

struct set_item : sor<string_value, seq<identifier, sep>, number_value> {};
struct set_items : opt<list<set_item, comma>, opt<comma>> {};
struct set_close : close_brace {};
struct set_literal : if_must<open_brace, set_items, set_close> {};

struct parenthesized_expr : seq<expr> {};
struct paren_close : close_paren {};
struct parenthesized : if_must<open_paren, parenthesized_expr, paren_close> {};

// Scopes: which rows a row set starts from.
struct snapshot_scope : key<kw_snapshot> {};
struct term_scope : key<kw_term> {};
struct hours_count : seq<digits, sep> {};
struct hours_keyword : key<kw_hours> {};
struct hours_scope : if_must<key<kw_last>, hours_count, hours_keyword> {};
struct scope : sor<snapshot_scope, term_scope, hours_scope> {};

// distinct agent_id of restricted
struct distinct_key : name {};
struct of_keyword : key<kw_of> {};
struct distinct_source : seq<primary> {};
struct distinct : if_must<key<kw_distinct>, distinct_key, of_keyword, distinct_source> {};

// every row of restricted has open_ports = 0 and vulns = 0
struct every_row : seq<key<kw_every>, key<kw_row>> {};
struct any_row : seq<key<kw_any>, key<kw_row>> {};
struct no_row : seq<key<kw_no>, key<kw_row>> {};
struct row_quantifier : sor<every_row, any_row, no_row> {};
struct row_test_source : seq<primary> {};
struct has_keyword : key<kw_has> {};
struct row_test_condition : seq<or_expr> {};
struct row_test : if_must<row_quantifier, of_keyword, row_test_source, has_keyword, row_test_condition> {};

// latest status of restricted / highest ot_class of ot_rows
struct reduce_latest : key<kw_latest> {};
struct reduce_highest : key<kw_highest> {};
struct reduce_lowest : key<kw_lowest> {};
struct reduce_kind : sor<reduce_latest, reduce_highest, reduce_lowest> {};
struct reduced_column : name {};
struct reduction_source : seq<primary> {};
struct reduction : if_must<reduce_kind, reduced_column, of_keyword, reduction_source> {};

// round(usage * ratio, half_up, 0)
struct round_operand : seq<expr> {};
struct round_mode : name {};
struct round_places : seq<digits, sep> {};
struct round_call
    : if_must<key<kw_round>, open_paren, round_operand, comma, round_mode, comma, round_places, paren_close> {
};

// subscribed(ETM): the subscription includes that product.
struct subscribed_product : seq<product_name, sep> {};
struct subscribed_call : if_must<key<kw_subscribed>, open_paren, subscribed_product, paren_close> {};

struct if_condition : seq<expr> {};
struct then_keyword : key<kw_then> {};
struct if_then : seq<expr> {};
struct else_keyword : key<kw_else> {};
struct if_else : seq<expr> {};
struct if_expr : if_must<key<kw_if>, if_condition, then_keyword, if_then, else_keyword, if_else> {};

// vm_agents(restricted): a definition with parameters, applied to arguments.
// Nothing else puts `(` right after a name, so a name without one falls back
// to a plain reference.
struct call_argument : seq<expr> {};
struct call_arguments : list<call_argument, comma> {};
struct call_close : close_paren {};
struct call : seq<identifier, sep, if_must<open_paren, call_arguments, call_close>> {};

struct primary : sor<parenthesized, literal, set_literal, distinct, row_test, reduction, scope, round_call,
                     subscribed_call, call, name> {};

struct filter_where : key<kw_where> {};
struct filter_having : key<kw_having> {};
struct filter_unless : key<kw_unless> {};
struct filter_condition : seq<or_expr> {};
struct filter_condition_kind : sor<filter_where, filter_having, filter_unless> {};
// first 50 by activated_at: the first N units, by the earliest value of a column.
struct first_keyword : key<kw_first> {};
struct first_count : seq<unary> {};
struct first_by : key<kw_by> {};
struct first_order : seq<identifier> {};
struct filter_first : seq<if_must<first_keyword, first_count, first_by, first_order>, sep> {};
struct filter : sor<if_must<filter_condition_kind, filter_condition>, filter_first> {};

struct negate : seq<one<'-'>, sep> {};
struct count_keyword : key<kw_count> {};
struct hourly_average : seq<key<kw_hourly>, key<kw_average>, key<kw_of>> {};
struct unary_operand : seq<unary> {};
struct prefixed : if_must<sor<negate, hourly_average>, unary_operand> {};
// count distinct asset_id of snapshot where findings > 0
struct counted : seq<if_must<count_keyword, unary_operand>, star<filter>> {};
struct unary : sor<prefixed, counted, primary> {};

struct op_mul : seq<one<'*'>, sep> {};
struct op_div : seq<one<'/'>, sep> {};
struct op_add : seq<one<'+'>, sep> {};
struct op_sub : seq<one<'-'>, sep> {};
struct op_minus : key<kw_minus> {};
struct right_operand : seq<unary> {};
struct multiplicative : seq<unary, star<if_must<sor<op_mul, op_div>, right_operand>>> {};
struct right_term : seq<multiplicative> {};
struct additive : seq<multiplicative, star<if_must<sor<op_add, op_sub, op_minus>, right_term>>> {};

struct op_eq : seq<one<'='>, not_at<one<'='>>, sep> {};
struct op_ne : seq<string<'!', '='>, sep> {};
struct op_le : seq<string<'<', '='>, sep> {};
struct op_ge : seq<string<'>', '='>, sep> {};
struct op_lt : seq<one<'<'>, sep> {};
struct op_gt : seq<one<'>'>, sep> {};
struct compare_operator : sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt> {};
struct compared_value : seq<additive> {};
struct comparison : if_must<compare_operator, compared_value> {};

struct in_keyword : key<kw_in> {};
struct not_in : seq<key<kw_not>, in_keyword> {};
struct in_operator : sor<in_keyword, not_in> {};
struct in_set : seq<additive> {};
struct in_test : if_must<in_operator, in_set> {};

struct has_any_of : seq<key<kw_any>, of_keyword> {};
struct has_all_of : seq<key<kw_all>, of_keyword> {};
struct has_mode : opt<sor<has_any_of, has_all_of>> {};
struct has_items : seq<additive> {};
struct has_test : if_must<has_keyword, has_mode, has_items> {};

struct is_not : seq<key<kw_is>, key<kw_not>> {};
struct is_keyword : key<kw_is> {};
struct empty_keyword : key<kw_empty> {};
struct empty_test : if_must<sor<is_not, is_keyword>, empty_keyword> {};

struct within_days_count : seq<digits, sep> {};
struct days_keyword : key<kw_days> {};
struct last_keyword : key<kw_last> {};
struct within_test : if_must<key<kw_within>, last_keyword, within_days_count, days_keyword> {};

struct predicate_tail : sor<comparison, in_test, has_test, empty_test, within_test> {};
struct predicate : seq<additive, opt<predicate_tail>> {};

struct all_assets : seq<key<kw_all>, key<kw_assets>> {};
struct any_asset : seq<key<kw_any>, key<kw_asset>> {};
struct quantified_condition : seq<not_expr> {};
struct quantified : if_must<sor<all_assets, any_asset>, quantified_condition> {};

struct not_operand : seq<not_expr> {};
struct negation : if_must<key<kw_not>, not_operand> {};
struct not_expr : sor<negation, quantified, predicate> {};

struct and_operand : seq<not_expr> {};
struct and_expr : seq<not_expr, star<if_must<key<kw_and>, and_operand>>> {};
struct or_operand : seq<and_expr> {};
struct or_expr : seq<and_expr, star<if_must<key<kw_or>, or_operand>>> {};
struct query : seq<or_expr, star<filter>> {};
struct expr : sor<if_expr, query> {};

// ---------------------------------------------------------------- declarations

struct declared_name : name {};
struct defined_value : seq<expr> {};
// let restricted = term where asset_type in {host, vm}
// let vm_agents(rows) = distinct agent_id of rows where source = agent
struct let_parameter : seq<identifier, sep> {};
struct let_parameter_list : list<let_parameter, comma> {};
struct let_parameters_close : close_paren {};
struct let_parameters : if_must<open_paren, let_parameter_list, let_parameters_close> {};
struct let_head : seq<declared_name, opt<let_parameters>> {};
struct let_decl : if_must<key<kw_let>, let_head, equals, defined_value> {};

struct param_type : name {};
struct param_default : seq<expr> {};
// param ratio: decimal = 1.5
struct param_decl : if_must<key<kw_param>, declared_name, colon, param_type, equals, param_default> {};

// schema observations { column status: enum {active, ...} default active ... }
struct column_type_name : name {};
struct column_values : set_literal {};
struct column_type : seq<column_type_name, opt<column_values>> {};
struct required_when_column : name {};
struct required_when_value : set_item {};
struct required_when : if_must<key<kw_when>, required_when_column, equals, required_when_value> {};
struct column_required : seq<key<kw_required>, opt<required_when>> {};
struct column_default_value : set_item {};
struct column_default : if_must<key<kw_default>, column_default_value> {};
struct column_option : sor<column_required, column_default> {};
struct column_options : star<column_option> {};
struct column_decl : if_must<key<kw_column>, declared_name, colon, column_type, column_options> {};
// ties status {decommissioned, terminated, ...}: the latest-row tie-break order.
struct ties_column : name {};
struct ties_order : set_literal {};
struct ties_decl : if_must<key<kw_ties>, ties_column, ties_order> {};
struct schema_close : close_brace {};
struct schema_body : star<sor<column_decl, ties_decl>> {};
struct schema_decl : if_must<key<kw_schema>, declared_name, open_brace, schema_body, schema_close> {};

struct import_path : string_value {};
struct import_decl : if_must<key<kw_import>, import_path> {};

// method peak every 15 days / method rolling average over 90 days
struct method_length : seq<digits, sep> {};
struct every_keyword : key<kw_every> {};
struct over_keyword : key<kw_over> {};
struct method_peak : if_must<key<kw_peak>, every_keyword, method_length, days_keyword> {};
struct rolling_average : key<kw_average> {};
struct rolling_total : key<kw_total> {};
struct rolling_kind : sor<rolling_average, rolling_total> {};
struct method_rolling : if_must<key<kw_rolling>, rolling_kind, over_keyword, method_length, days_keyword> {};
struct method_kind : sor<method_peak, method_rolling> {};
struct method_decl : if_must<key<kw_method>, method_kind> {};

struct title_text : string_value {};
struct title_decl : if_must<key<kw_title>, title_text> {};

struct component_decl : if_must<key<kw_component>, declared_name, equals, defined_value> {};
struct usage_decl : if_must<key<kw_usage>, equals, defined_value> {};
struct qlu_decl : if_must<key<kw_qlu>, equals, defined_value> {};

// Example blocks: settings, given component values, inline data, expectations.
struct setting_name : name {};
struct setting_value : sor<literal, set_literal> {};
struct setting : seq<setting_name, equals, setting_value> {};
struct given_list : list<setting, comma> {};
struct given_decl : if_must<key<kw_given>, given_list> {};

struct expect_period : date_value {};
struct expected_name : name {}; // a component, `usage` or `qlu`
struct expected_denominator : seq<one<'/'>, sep, decimal_literal, sep> {};
// An exact value: a decimal, or a fraction for values with no finite decimal form (1300/3).
struct expected_value : seq<number_value, opt<expected_denominator>> {};
struct expectation : seq<expected_name, equals, expected_value> {};
struct expectation_list : list<expectation, comma> {};
struct expect_when : opt<expect_period> {};
struct expect_decl : if_must<key<kw_expect>, expect_when, expectation_list> {};

// data { observed_at | asset_id | source \n 2026-01-01 | a1 | agent }
// One line per row, cells separated by '|'; a cell is raw text up to '|',
// end of line, '#' or '}'. The closing `}` stands on its own line.
struct cell_text : star<not_one<'|', '\n', '\r', '#', '}'>> {};
struct cell : cell_text {};
struct data_row : seq<cell, star<one<'|'>, cell>> {};
struct data_line_end : seq<opt<comment>, eol> {};
struct data_line : seq<star<one<' ', '\t'>>, not_at<one<'}'>>, data_row, data_line_end> {};
struct blank_line : seq<star<one<' ', '\t'>>, opt<comment>, eol> {};
struct data_rows : star<sor<blank_line, data_line>> {};
struct data_open : seq<one<'{'>, star<one<' ', '\t'>>, opt<comment>, eol> {};
struct data_close : seq<star<one<' ', '\t'>>, one<'}'>, sep> {};
struct data_keyword : seq<TAO_PEGTL_STRING("data"), not_at<ident_other>, star<one<' ', '\t'>>> {};
struct data_decl : if_must<data_keyword, data_open, data_rows, data_close> {};

// products {ETM, CSAM, VMDR-OT}: product names, which may hold hyphens.
struct bought_product : seq<product_name, sep> {};
struct bought_list : opt<list<bought_product, comma>, opt<comma>> {};
struct bought_close : close_brace {};
struct bought_products : if_must<open_brace, bought_list, bought_close> {};
struct products_decl : if_must<key<kw_products>, bought_products> {};
struct example_item : sor<given_decl, expect_decl, data_decl, products_decl, setting> {};
struct example_title : string_value {};
struct example_body : star<example_item> {};
struct example_close : close_brace {};
struct example_decl : if_must<key<kw_example>, example_title, open_brace, example_body, example_close> {};

struct product_item
    : sor<title_decl, method_decl, param_decl, let_decl, component_decl, usage_decl, qlu_decl, example_decl> {
};
struct product_id : seq<product_name, sep> {};
struct product_body : star<product_item> {};
struct product_close : close_brace {};
struct product_decl : if_must<key<kw_product>, product_id, open_brace, product_body, product_close> {};
// license PM-LICENSES { ... }: the items of a product, counted day by day against a limit.
struct license_decl : if_must<key<kw_license>, product_id, open_brace, product_body, product_close> {};

// subscription "acme-2026" { start = 2026-01-01  products {VMDR, ETM}  VMDR.ratio = 1.7 }
struct subscription_title : opt<string_value> {};
struct product_setting_name : seq<product_name, one<'.'>, identifier, sep> {};
struct product_setting : seq<product_setting_name, equals, setting_value> {};
struct subscription_item : sor<products_decl, product_setting, setting> {};
struct subscription_body : star<subscription_item> {};
struct subscription_close : close_brace {};
struct subscription_decl
    : if_must<key<kw_subscription>, subscription_title, open_brace, subscription_body, subscription_close> {};

struct declaration
    : sor<import_decl, schema_decl, let_decl, param_decl, product_decl, license_decl, subscription_decl> {};
struct end_of_file : eof {};
struct file : seq<opt<utf8::bom>, sep, star<declaration>, must<end_of_file>> {};

} // namespace tally::grammar
