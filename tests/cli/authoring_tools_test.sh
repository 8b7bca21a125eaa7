#!/usr/bin/env bash
# The authoring commands end to end, as CI and analysts run them: exit codes,
# machine-readable output that parses, and answers that match the data.
#   tests/cli/authoring_tools_test.sh TALLY SOURCE_DIR
set -euo pipefail

tally=$1
cd "$2"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
sample=(--data examples/sample/observations.csv --subscription examples/sample/subscription.tally)
source tests/cli/expect.sh # from the source folder, the current one

# ---------------------------------------------------------------- lint
expect_exit 0 "$tally" lint --strict stdlib rules examples/sample/subscription.tally
expect_output "0 errors, 0 warnings"
expect_exit 0 "$tally" lint tests/lint/weights.tally
expect_output "0 errors, 2 warnings"
expect_exit 1 "$tally" lint --strict tests/lint/weights.tally
expect_exit 2 "$tally" lint tests/lang/all_errors_in_order.tally
expect_exit 2 "$tally" lint --max-errors 1 tests/lang/all_errors_in_order.tally
expect_output "more diagnostics not shown (--max-errors 1)"
expect_exit 2 "$tally" lint --format json tests/lang/all_errors_in_order.tally
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["errors"] > 1, d' "$scratch/out"
expect_exit 2 "$tally" lint --format sarif tests/lang/missing_brace.tally
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["runs"][0]["results"][0]["ruleId"] == "E0101"' \
  "$scratch/out"
expect_exit 2 "$tally" lint --max-errors 0 rules

# ---------------------------------------------------------------- fmt
expect_exit 0 "$tally" fmt --check stdlib rules examples/sample/subscription.tally
cp rules/cs.tally "$scratch/cs.tally"
sed -i 's/^  usage = nodes$/  usage=nodes   /' "$scratch/cs.tally"
expect_exit 1 "$tally" fmt --check "$scratch/cs.tally"
expect_output "$scratch/cs.tally"
expect_exit 1 "$tally" fmt --diff "$scratch/cs.tally"
expect_output "-  usage=nodes   "
expect_output "+  usage = nodes"
expect_exit 0 "$tally" fmt "$scratch/cs.tally"
cmp -s "$scratch/cs.tally" rules/cs.tally || fail "fmt did not restore cs.tally"
expect_exit 0 "$tally" fmt "$scratch/cs.tally"
expect_exit 2 "$tally" fmt --check tests/lang/missing_brace.tally

# ---------------------------------------------------------------- test --junit --coverage
expect_exit 0 "$tally" test rules --junit "$scratch/junit.xml" --coverage
expect_output "coverage: what the examples exercised"
expect_output "rules/vmdr-ot.tally: filters"
# The standard rules' examples exercise every filter, component and rounding.
if grep -E '^    [0-9]+:[0-9]+: ' "$scratch/out" >&2; then
  fail "the standard rules have coverage gaps (above)"
fi
python3 -c 'import sys, xml.etree.ElementTree as ET
suites = ET.parse(sys.argv[1]).getroot()
cases = suites.findall(".//testcase")
assert len(cases) > 70 and not suites.findall(".//failure"), len(cases)' "$scratch/junit.xml"

# ---------------------------------------------------------------- eval provenance
expect_exit 0 "$tally" eval --rules rules "${sample[@]}" --format json
data_sha=$(sha256sum examples/sample/observations.csv | cut -d' ' -f1)
expect_output "\"sha256\": \"$data_sha\""
etm_sha=$(sha256sum rules/etm.tally | cut -d' ' -f1)
expect_output "{\"path\": \"rules/etm.tally\", \"sha256\": \"$etm_sha\"}"
expect_exit 0 "$tally" eval --rules rules "${sample[@]}" --format csv
expect_output ",2026-03-31,tally "
expect_exit 0 "$tally" eval --rules rules "${sample[@]}"
expect_output "data   sha256 $data_sha examples/sample/observations.csv"

# ---------------------------------------------------------------- diff
expect_exit 0 "$tally" diff --old rules --new rules "${sample[@]}"
expect_output "no change in"
cp -r rules "$scratch/rules"
sed -i 's/^  param ratio: decimal = 3$/  param ratio: decimal = 3.5/' "$scratch/rules/etm.tally"
expect_exit 1 "$tally" diff --old rules --new "$scratch/rules" "${sample[@]}"
expect_output "ETM      2026-03-17  2026-03-31         62         62             0           186            217          +31"
expect_output "12 of 738 periods changed"
expect_exit 1 "$tally" diff --old rules --new "$scratch/rules" "${sample[@]}" --format csv
expect_output "ETM,2026-03-17,2026-03-31,62,62,0,186,217,31"
cp -r rules "$scratch/filter"
sed -i 's/ and modules has EDR/ and modules has EDR and open_ports > 10/' "$scratch/filter/edr.tally"
expect_exit 1 "$tally" diff --old rules --new "$scratch/filter" "${sample[@]}" --format json
python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
assert d["changed"] and {c["product"] for c in d["changes"]} == {"EDR", "Total"}, d' "$scratch/out"
expect_exit 2 "$tally" diff --old rules --new tests/lang/missing_brace.tally "${sample[@]}"

# ---------------------------------------------------------------- explain
expect_exit 0 "$tally" explain --rules rules "${sample[@]}" --product VMDR --asset h-28b7bd766a15 --day 2026-01-10
expect_output "VMDR: asset h-28b7bd766a15 on 2026-01-10: counted in A1"
expect_output "component A2 = 0"
expect_output "excluded by \`where source = scanner\`"
expect_exit 0 "$tally" explain --rules rules "${sample[@]}" --product VMDR-OT --period 1
expect_output "round(half_up, 0) at rules/vmdr-ot.tally:"
expect_exit 1 "$tally" explain --rules rules "${sample[@]}" --product VMDR --asset no-such-asset --day 2026-01-10
expect_exit 1 "$tally" explain --rules rules "${sample[@]}" --product VMDR --period 99
expect_exit 2 "$tally" explain --rules rules "${sample[@]}" --product VMDR --asset x

# ---------------------------------------------------------------- limits (every command)
expect_exit 1 "$tally" check --max-products 3 rules
grep -qF -- "too many products (limit is 3)" "$scratch/err" && grep -qF -- "--max-products" "$scratch/err" ||
  fail "--max-products breach not explained"
expect_exit 1 "$tally" eval --rules rules "${sample[@]}" --max-rows 100
grep -qF -- "too many rows (limit is 100)" "$scratch/err" && grep -qF -- "--max-rows" "$scratch/err" ||
  fail "--max-rows breach not explained"
[ ! -s "$scratch/out" ] || fail "a partial report was printed"
expect_exit 1 "$tally" eval --rules rules "${sample[@]}" --max-term-days 300
grep -qF -- "is 365 days long, more than the limit of 300" "$scratch/err" &&
  grep -qF -- "--max-term-days" "$scratch/err" ||
  fail "--max-term-days breach not explained"
expect_exit 2 "$tally" lint --max-identifier-length 4 rules
expect_output "is longer than the limit of 4"
expect_exit 2 "$tally" lint --max-nesting 0 rules

finish "authoring tools"
