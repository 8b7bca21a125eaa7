#!/usr/bin/env bash
# The SQL back end against the native engine: for every product, on the
# sample table and on randomised tables, with and without purge rules,
# `tally eval --engine postgres` must print exactly the native report (only
# the provenance of the engine and the data differs). A private PostgreSQL
# server (tools/pg-private.sh) is started for the test and stopped after it.
# usage: postgres_differential_test.sh TALLY GEN_OBSERVATIONS SOURCE_DIR
set -uo pipefail
tally=$1
generate=$2
source_dir=$3
scratch=$(mktemp -d)
chmod 755 "$scratch" # the server may run as the postgres user, inside it
server="$scratch/server"
trap '"$source_dir/tools/pg-private.sh" stop "$server" >/dev/null 2>&1; rm -rf "$scratch"' EXIT
source "$source_dir/tests/cli/expect.sh"
cd "$source_dir" || exit 1

dsn=$(tools/pg-private.sh start "$server") || { echo "cannot start PostgreSQL" >&2; exit 1; }

# same_report TABLE DATA EVAL_OPTIONS...: the two engines' reports agree
# (over the standard rules unless the options name other --rules).
same_report() {
  local table=$1 data=$2
  shift 2
  local rules=(--rules rules)
  [[ " $* " == *" --rules "* ]] && rules=()
  "$tally" eval "${rules[@]}" --data "$data" --quiet --format csv "$@" >"$scratch/native.csv" 2>"$scratch/err" ||
    { fail "native eval failed: $*"; cat "$scratch/err" >&2; return; }
  "$tally" eval "${rules[@]}" --engine postgres --dsn "$dsn" --table "$table" "${partition[@]}" --format csv "$@" \
    >"$scratch/database.csv" 2>"$scratch/err" ||
    { fail "eval --engine postgres failed: $*"; cat "$scratch/err" >&2; return; }
  tests/cli/same_report.py "$scratch/native.csv" "$scratch/database.csv" >&2 || fail "reports differ: $table $*"
}

partition=() # --partition COLUMN=VALUE, for the database only

# load TABLE FILE
load() {
  expect_exit 0 "$tally" load --dsn "$dsn" --data "$2" --table "$1" --quiet
}

products=$("$tally" eval --rules rules --data examples/sample/observations.csv --start 2026-01-01 --quiet \
  --format csv | tail -n +2 | cut -d, -f1 | uniq)
[ "$(echo "$products" | wc -l)" -eq 24 ] || fail "expected the 24 standard products, got: $products"

# The sample table: every product on its own and all together, with and
# without purge rules, with the sample subscription's terms.
load sample examples/sample/observations.csv
for purge in "" --purge-rules; do
  for product in $products; do
    same_report sample examples/sample/observations.csv --start 2026-01-01 --product "$product" $purge
  done
done
same_report sample examples/sample/observations.csv --subscription examples/sample/subscription.tally
# A term that starts after the data does (rows before the start are outside
# the term) and an as-of day inside an interval (a partial period).
same_report sample examples/sample/observations.csv --start 2026-01-20 --as-of 2026-03-07 --purge-rules

# The Patch Management licences, with tags, a limit and ESU bought.
cat >"$scratch/licences.tally" <<'TALLY'
subscription "licences" {
  start = 2026-01-01
  products {PM-LICENSES, PM}
  PM-LICENSES.limit = 40
  PM-LICENSES.included_tags = {prod, web, finance, pci}
  PM-LICENSES.excluded_tags = {test}
  PM-LICENSES.esu_license = true
  PM-LICENSES.vmdr_licenses = 10
}
TALLY
same_report sample examples/sample/observations.csv --subscription "$scratch/licences.tally"

# Adversarial tables (tests/sql/adversarial_table.py: ties, empty cells, hours,
# rows outside the term) under the standard rules and the corner cases of
# tests/sql/edge_cases.tally: rounding modes, hourly windows, rankings.
for seed in 1 2 3 4 5 6; do
  tests/sql/adversarial_table.py "$seed" $((150 * seed)) "$scratch/adversarial-$seed.csv"
  load "adversarial_$seed" "$scratch/adversarial-$seed.csv"
  for rules in rules tests/sql/edge_cases.tally; do
    same_report "adversarial_$seed" "$scratch/adversarial-$seed.csv" --rules "$rules" --start 2026-01-03
    same_report "adversarial_$seed" "$scratch/adversarial-$seed.csv" --rules "$rules" --start 2026-01-01 \
      --as-of 2026-01-12 --purge-rules
  done
done

# Randomised tables: other seeds, lengths and sizes, a term starting inside
# the data and one ending inside it.
for seed in 11 12 13; do
  days=$((20 + seed))
  "$generate" --rows $((1500 * seed)) --seed "$seed" --start 2026-02-01 --days "$days" \
    --out "$scratch/random-$seed.csv" >/dev/null
  load "random_$seed" "$scratch/random-$seed.csv"
  same_report "random_$seed" "$scratch/random-$seed.csv" --start 2026-02-01
  same_report "random_$seed" "$scratch/random-$seed.csv" --start 2026-02-05 --purge-rules
  same_report "random_$seed" "$scratch/random-$seed.csv" --start 2025-03-01 --end 2026-02-20 --purge-rules
done

# One tenant of a table shared by many, as Citus distributes it: the rows
# of the others must not count.
psql "$dsn" -qc "CREATE TABLE shared AS SELECT 'acme' AS tenant, * FROM sample
                 UNION ALL SELECT 'other' AS tenant, * FROM random_11" || fail "cannot build the shared table"
partition=(--partition tenant=acme)
same_report shared examples/sample/observations.csv --subscription examples/sample/subscription.tally
partition=()

# What the server cannot give is said in one line, and nothing is printed.
expect_exit 1 "$tally" eval --rules rules --start 2026-01-01 --engine postgres --dsn "$dsn" --table no_such_table
expect_error 'tally: error: PostgreSQL: relation "no_such_table" does not exist'
[ -s "$scratch/out" ] && fail "a report was printed without its table"
expect_exit 1 "$tally" eval --rules rules --start 2026-01-01 --engine postgres --dsn "host=$scratch/no-server"
expect_error "tally: error: cannot connect to PostgreSQL: "

finish postgres-differential
