#include "diagnostic_codes.hpp"

#include <algorithm>
#include <array>

namespace tally {

namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

// Sorted by code; docs/diagnostics.md has one table row per entry.
constexpr std::array kCodes{
    // ---------------------------------------------------------------- syntax
    CodeInfo{"E0101", E, "the parser expected something else here",
             "`method peak every days` -> expected a whole number of days", "SyntaxError"},
    CodeInfo{"E0102", E, "a whole number too large for its place (limit 100000)", "`last 999999999 hours`",
             "NumberTooLarge"},
    CodeInfo{"E0103", E, "an impossible date", "`start = 2026-02-30`", "InvalidDate"},
    CodeInfo{"E0104", E, "nesting deeper than the parser's limit", "thousands of nested `(`",
             "NestingTooDeep"},
    CodeInfo{"E0105", E, "a rule file or folder that cannot be read, or a folder without .tally files",
             "`tally check missing.tally`", "UnreadableRuleFile"},
    CodeInfo{"E0106", E, "a rule file that is not UTF-8", "a stray byte 0xff", "InvalidUtf8"},
    CodeInfo{"E0107", E, "a rule file that `tally fmt` cannot rewrite", "a read-only folder", "CannotWrite"},
    CodeInfo{"E0108", E, "a rule file larger than the limit (--max-rule-bytes)", "a 5 MB rule file",
             "RuleFileTooLarge"},
    CodeInfo{"E0109", E, "a name longer than the limit (--max-identifier-length)", "a 200-letter name",
             "NameTooLong"},
    // ---------------------------------------------------------------- names
    CodeInfo{"E0201", E, "an unknown name", "`where asset_typ in {host, vm}` -> did you mean `asset_type`?",
             "UnknownName"},
    CodeInfo{"E0202", E, "an unknown column where only a column fits", "`distinct agentid of snapshot`",
             "UnknownColumn"},
    CodeInfo{"E0203", E,
             "a value that is not one of an enum or set column's values, or an unknown rounding mode",
             "`source = scaner` -> did you mean `scanner`?", "UnknownValue"},
    CodeInfo{"E0204", E, "a name defined twice, or a name or definition parameter that is a column",
             "two `let restricted` in one product; `let f(status) = ...`", "DuplicateName"},
    CodeInfo{"E0205", E, "an unknown product", "`subscribed(ETMM)`, `--product VMDRR`", "UnknownProduct"},
    CodeInfo{"E0206", E, "an unknown setting or parameter", "`VMDR.ration = 1.7`", "UnknownSetting"},
    CodeInfo{"E0207", E, "an import that cannot be found", "`import \"preludee\"`", "UnknownImport"},
    CodeInfo{"E0208", E, "a definition that refers to itself", "`let a = b`, `let b = a`",
             "RecursiveDefinition"},
    CodeInfo{"E0209", E,
             "a definition applied to the wrong number of arguments, or used without the ones it needs",
             "`sourced(snapshot)` for `sourced(rows, origin)`; `live(snapshot)`", "WrongArgumentCount"},
    // ---------------------------------------------------------------- types
    CodeInfo{"E0301", E, "an expression of the wrong kind for its place",
             "`count snapshot` (rows, not units)", "WrongKind"},
    CodeInfo{"E0302", E, "an unknown parameter type", "`param ratio: float = 1`", "UnknownParameterType"},
    CodeInfo{"E0303", E, "a value of the wrong type, or out of range, for a parameter, setting or place",
             "`--ratio VMDR=abc`; `round(usage, half_up, 19)`", "BadValue"},
    CodeInfo{"E0304", E, "division by a constant zero", "`usage / (2 - 2)`", "ConstantDivisionByZero"},
    CodeInfo{"E0305", E, "`qlu` reading counts or components", "`qlu = assets * ratio`", "QluReadsComponent"},
    CodeInfo{"E0306", E, "a scope used where it has no meaning",
             "`last 3 hours` outside `hourly average`, `within last 30 days` on `term` rows",
             "MisplacedScope"},
    CodeInfo{"E0307", E, "a component used before it is defined",
             "`component a = b + 1` before `component b`", "ComponentUsedEarly"},
    // ---------------------------------------------------------------- products
    CodeInfo{"E0401", E, "a product without `method`", "a product block with no `method peak every 15 days`",
             "MissingMethod"},
    CodeInfo{"E0402", E, "a product without `usage`", "a product block with no `usage = ...`",
             "MissingUsage"},
    CodeInfo{"E0403", E, "a product without `qlu`", "a product block with no `qlu = usage * ratio`",
             "MissingQlu"},
    CodeInfo{"E0404", E, "a product without `param ratio: decimal`",
             "a product block with no ratio parameter", "MissingRatio"},
    CodeInfo{"E0405", E, "two products with one name", "two `product VMDR` blocks", "DuplicateProduct"},
    CodeInfo{"E0406", E, "a method of less than one day", "`method peak every 0 days`", "MethodTooShort"},
    // ---------------------------------------------------------------- schema
    CodeInfo{"E0407", E, "more products than the limit (--max-products)", "1,001 products",
             "TooManyProducts"},
    CodeInfo{"E0408", E, "a license with a `method` or a `qlu`",
             "`license PM-LICENSES { method peak every 15 days`", "LicenseNotMetered"},
    CodeInfo{"E0409", E, "a license without `param limit: integer` or `component licensed`",
             "a license block with no limit", "IncompleteLicense"},
    CodeInfo{"E0501", E, "a schema column declared twice", "two `column asset_id` lines", "DuplicateColumn"},
    CodeInfo{"E0502", E, "an unknown column type", "`column findings : number`", "UnknownColumnType"},
    CodeInfo{"E0503", E, "a value listed twice in one column", "`enum {host, vm, host}`",
             "DuplicateColumnValue"},
    CodeInfo{"E0504", E, "a value list on a column that takes none, or an enum without values",
             "`column open_ports : integer {a, b}`", "BadValueList"},
    CodeInfo{"E0505", E, "more than 64 values in one column", "an enum of 65 values", "TooManyValues"},
    CodeInfo{"E0506", E, "a default that is not one of the column's values, or on a column that takes none",
             "`column status : enum {active, retired} default gone`", "BadDefault"},
    CodeInfo{"E0507", E, "`required when` or `ties` naming a column that is not an enum",
             "`ties asset_id {a, b}`", "NotAnEnumColumn"},
    CodeInfo{"E0508", E, "no schema, or a schema without `observed_at` (timestamp) and `asset_id` (string)",
             "a rule file without `import \"prelude\"`", "MissingSchemaColumn"},
    // ---------------------------------------------------------------- subscription
    CodeInfo{"E0601", E, "no subscription start day", "`tally eval` without `--start` or `start = ...`",
             "MissingStart"},
    CodeInfo{"E0602", E, "a subscription end before its start", "`--start 2026-06-01 --end 2026-01-01`",
             "EndBeforeStart"},
    CodeInfo{"E0603", E, "more than one `subscription` block among the rules evaluated",
             "two files each with a `subscription` block", "SubscriptionStatedTwice"},
    CodeInfo{"E0604", E, "a subscription term longer than the limit",
             "`start = 2026-01-01`, `end = 9999-12-31`", "TermTooLong"},
    // ---------------------------------------------------------------- data
    CodeInfo{"E0701", E, "the data file cannot be read", "`--data missing.csv`", "UnreadableDataFile"},
    CodeInfo{"E0702", E, "malformed CSV or JSON (quoting, field count, syntax)",
             "`expected 18 fields, found 17`", "MalformedData"},
    CodeInfo{"E0703", E, "a bad header: empty file, empty or duplicate column name", "a header `a,,b`",
             "BadHeader"},
    CodeInfo{"E0704", E, "a column the schema requires or a rule needs is missing",
             "`column findings is needed by product ETM`", "MissingDataColumn"},
    CodeInfo{"E0705", E, "a cell its column rejects",
             "`invalid date 2026-02-30 in column observed_at`, a negative count, an unknown enum value",
             "BadCell"},
    CodeInfo{"E0706", E, "more rows than the limit", "a table past the row limit", "TooManyRows"},
    CodeInfo{"E0707", E, "a schema the table cannot store", "a schema of more columns than a table holds",
             "UnstorableSchema"},
    CodeInfo{"E0708", E, "an observation table evaluated with rules other than those it was read for",
             "a host reading data with one Rules and evaluating another's Contract", "TableOfOtherRules"},
    // ---------------------------------------------------------------- evaluation
    CodeInfo{"E0801", E, "division by zero while evaluating",
             "`usage / count ...` on a day with nothing to count", "DivisionByZero"},
    CodeInfo{"E0802", E, "an internal inconsistency in a plan (a bug: please report it)", "",
             "MalformedPlan"},
    CodeInfo{"E0803", E, "a column a plan reads is absent from the table", "", "MissingColumnData"},
    CodeInfo{"E0804", E, "a rule the SQL back end cannot express (`tally sql`, `--engine postgres`)",
             "`usage = alive / seen`: a daily value divided by a count", "NotExpressibleInSql"},
    // ---------------------------------------------------------------- examples
    CodeInfo{"E0901", E, "an example's expectation does not hold, or the example is incomplete",
             "`expected usage = 7000, got 6999`", "ExampleFailed"},
    CodeInfo{"E0902", E, "a `given` example whose usage counts rows directly",
             "`given` values for a product whose usage is `count distinct asset_id of snapshot`",
             "GivenExampleCountsRows"},
    // ---------------------------------------------------------------- lint: unused
    CodeInfo{"W0201", W, "a definition that nothing uses", "a `let` that no product refers to",
             "UnusedDefinition"},
    CodeInfo{"W0202", W, "a parameter that nothing uses", "`param threshold: integer = 5` never read",
             "UnusedParameter"},
    CodeInfo{"W0203", W, "a component that usage does not use",
             "`component c = ...` missing from `usage = a + b`", "UnusedComponent"},
    // ---------------------------------------------------------------- lint: suspicious arithmetic and
    // filters
    CodeInfo{"W0301", W, "a filter that can never be true",
             "`snapshot where status = active and status = retired`", "FilterNeverTrue"},
    CodeInfo{"W0302", W, "a filter that is always true", "`snapshot where open_ports >= 0`",
             "FilterAlwaysTrue"},
    CodeInfo{"W0303", W,
             "a division or weight whose result can be non-terminating with no rounding declared downstream",
             "`usage = vulnerable + 2/3 * enriched` with no `round(...)`", "UnroundedDivision"},
    CodeInfo{"W0304", W, "a zero or negative weight", "`0 * enriched`", "NonPositiveWeight"},
    // ---------------------------------------------------------------- lint: examples
    CodeInfo{"W0401", W, "a product without an example block", "a product with no `example`",
             "ProductWithoutExample"},
    CodeInfo{"W0402", W, "an example's expected number that is a rounded form of a non-terminating value",
             "`expect usage = 433.33` where usage is 1300/3", "RoundedExpectation"},
    CodeInfo{"W0403", W, "a `# lint: allow` comment that allows nothing",
             "`# lint: allow W0203` above a line with no such warning", "UnusedSuppression"},
    // ---------------------------------------------------------------- data
    CodeInfo{"W0701", W, "a data column the schema does not know, named like one it does",
             "a column `asset_typ` beside no `asset_type`", "MisspeltDataColumn"},
};

constexpr bool sorted_by_code() {
  for (std::size_t i = 1; i < kCodes.size(); ++i)
    if (!(kCodes[i - 1].code < kCodes[i].code)) return false;
  return true;
}
static_assert(sorted_by_code(), "the catalogue must stay sorted by code, each code once");

} // namespace

std::span<const CodeInfo> diagnostic_codes() {
  return kCodes;
}

const CodeInfo* code_info(std::string_view code) {
  const auto found = std::lower_bound(kCodes.begin(), kCodes.end(), code,
                                      [](const CodeInfo& info, std::string_view c) { return info.code < c; });
  return found != kCodes.end() && found->code == code ? &*found : nullptr;
}

} // namespace tally
