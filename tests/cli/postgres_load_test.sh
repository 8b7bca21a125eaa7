#!/usr/bin/env bash
# `tally load` end to end, against a private PostgreSQL server
# (tools/pg-private.sh) started here and stopped on exit: the sample table
# arrives whole and typed as tools/postgres_copy.hpp says, checked against an
# independent reading of the CSV in Python; text that needs COPY's and an
# array's escapes arrives as it was; and a bad file, a bad cell, a refusal by
# the server half-way through COPY or an existing table leave nothing behind.
#   tests/cli/postgres_load_test.sh TALLY SOURCE_DIR
set -euo pipefail

tally=$1
cd "$2"
scratch=$(mktemp -d)
# A folder of its own: under root, pg-private.sh hands it to the postgres user.
server=$(mktemp -d)
trap 'tools/pg-private.sh stop "$server" >/dev/null 2>&1 || true; rm -rf "$scratch" "$server"' EXIT
source tests/cli/expect.sh # from the source folder, the current one
data=examples/sample/observations.csv

dsn=$(tools/pg-private.sh start "$server")

sql() {
  psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$dsn" -c "$1"
}

# expect_sql QUERY WANT: the query's rows, '|' between columns, are WANT.
expect_sql() {
  local got
  got=$(sql "$1" 2>&1) || true
  [ "$got" = "$2" ] || fail "$1: got \`$got\`, wanted \`$2\`"
}

load() {
  "$tally" load --dsn "$dsn" --quiet "$@"
}

# ---------------------------------------------------------------- the sample, as eval reads it
expect_exit 0 "$tally" eval --rules rules --subscription examples/sample/subscription.tally --data "$data" --quiet
native=$(sed -n 's/^Rows read: //p' "$scratch/out" | tr -d ,)
[ "$native" = 20000 ] || fail "eval read $native rows of the sample, wanted 20000"

expect_exit 0 load --data "$data"
expect_output "loaded $native rows into observations"
[ ! -s "$scratch/err" ] || fail "load wrote to stderr: $(cat "$scratch/err")"
expect_sql "SELECT count(*) FROM observations" "$native"

# The layout the SQL back end's queries read: every schema column, in order.
expect_sql "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)
            FROM pg_attribute WHERE attrelid = 'observations'::regclass AND attnum > 0 AND NOT attisdropped" \
  "observed_at timestamp without time zone, asset_id text, asset_type text, source text, agent_id text, \
instance_id text, cloud text, status text, open_ports bigint, vulns bigint, findings bigint, modules text[], \
ot_class text, last_event_at timestamp without time zone, os text, os_name text, tags text[], \
activated_at timestamp without time zone"

# The same counts, from the CSV read by Python: empty cells, defaults, set items.
read -r empty_cloud empty_last_event basic_ot_class open_ports module_items tagged tag_items < <(
  python3 - "$data" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
items = lambda cell: {item.strip() for item in cell.split(';') if item.strip()}
print(sum(r['cloud'] == '' for r in rows), sum(r['last_event_at'] == '' for r in rows),
      sum(r['ot_class'] in ('', 'basic') for r in rows), sum(int(r['open_ports'] or 0) for r in rows),
      sum(len(items(r['modules'])) for r in rows), sum(bool(items(r['tags'])) for r in rows),
      sum(len(items(r['tags'])) for r in rows))
PY
)
# An empty enum cell without a default is NULL; with one (ot_class basic), the default.
expect_sql "SELECT count(*) FROM observations WHERE cloud IS NULL" "$empty_cloud"
expect_sql "SELECT count(*) FROM observations WHERE cloud = ''" "0"
expect_sql "SELECT count(*) FROM observations WHERE ot_class = 'basic'" "$basic_ot_class"
expect_sql "SELECT count(*) FROM observations WHERE ot_class IS NULL" "0"
# An empty integer cell is 0, never NULL.
expect_sql "SELECT sum(open_ports), count(*) FILTER (WHERE open_ports IS NULL) FROM observations" "$open_ports|0"
# Sets: declared items in declared order, free items as given; an empty set is {}.
expect_sql "SELECT sum(cardinality(modules)) FROM observations" "$module_items"
expect_sql "SELECT count(*) FILTER (WHERE cardinality(tags) > 0), sum(cardinality(tags)),
                   count(*) FILTER (WHERE tags IS NULL OR modules IS NULL) FROM observations" "$tagged|$tag_items|0"
expect_sql "SELECT modules, tags FROM observations
            WHERE asset_id = 'h-28b7bd766a15' AND source = 'agent' ORDER BY observed_at LIMIT 1" "{EDR,PM}|{}"
expect_sql "SELECT count(*) FROM observations WHERE tags = ARRAY['dmz', 'web']" \
  "$(grep -c ',dmz;web,' "$data")"
# Timestamps: the UTC time of day kept, a date alone at midnight, an empty cell NULL.
expect_sql "SELECT count(*) FROM observations
            WHERE asset_id = 'node-0149517d4113' AND observed_at = '2026-01-01 14:29:23'" "1"
expect_sql "SELECT activated_at FROM observations
            WHERE asset_id = 'h-28b7bd766a15' AND source = 'agent' ORDER BY observed_at LIMIT 1" \
  "2024-12-13 00:00:00"
expect_sql "SELECT count(*) FROM observations WHERE last_event_at IS NULL" "$empty_last_event"

# --rules: the same schema, from the rules' own import of the prelude.
expect_exit 0 load --data "$data" --rules rules --table with_rules
expect_output "loaded $native rows into with_rules"
expect_sql "SELECT count(*) FROM with_rules" "$native"

# A schema-qualified name.
sql "CREATE SCHEMA metering"
expect_exit 0 load --data "$data" --table metering.observations
expect_sql "SELECT count(*) FROM metering.observations" "$native"

# ---------------------------------------------------------------- text that needs escapes
# A tab, quotes, a backslash and a newline in text; set items with a quote, a
# backslash, a comma, blanks and the word NULL; year 0 (1 BC to PostgreSQL);
# and the columns the file lacks, which get the reader's empty values.
cat >"$scratch/special.csv" <<'CSV'
observed_at,asset_id,source,os_name,tags,activated_at
2026-01-02T03:04:05Z,"tab	and ""quote"", back\slash",scanner,"two
lines","x""y;back\slash; spaced ;comma,item;NULL",0000-03-01
CSV
expect_exit 0 load --data "$scratch/special.csv" --table special
expect_output "loaded 1 row into special"
expect_sql "SELECT asset_id = E'tab\\tand \"quote\", back\\\\slash', os_name = E'two\\nlines' FROM special" "t|t"
expect_sql "SELECT tags = ARRAY['x\"y', 'back\\slash', 'spaced', 'comma,item', 'NULL'] FROM special" "t"
expect_sql "SELECT observed_at, activated_at = '0001-03-01 BC'::timestamp FROM special" "2026-01-02 03:04:05|t"
expect_sql "SELECT asset_type, status, cloud IS NULL, open_ports, modules, last_event_at IS NULL FROM special" \
  "other|active|t|0|{}|t"

# ---------------------------------------------------------------- failures leave nothing behind
no_table() {
  expect_sql "SELECT to_regclass('$1') IS NULL" "t"
}

# A bad row: the reader's located error, nothing on stdout, no table.
cat >"$scratch/bad.csv" <<'CSV'
observed_at,asset_id,source
2026-02-28,h-1,scanner
2026-02-30,h-2,scanner
CSV
expect_exit 1 load --data "$scratch/bad.csv" --table bad
expect_error "bad.csv:3:1: error: invalid date \`2026-02-30\` in column \`observed_at\`"
[ ! -s "$scratch/out" ] || fail "a failed load printed: $(cat "$scratch/out")"
no_table bad
# Skipped, it is reported and the rest loaded.
expect_exit 0 load --data "$scratch/bad.csv" --table skipping --skip-bad-rows
expect_output "loaded 1 row into skipping (1 bad row skipped)"
expect_error "bad.csv:3:1: warning: skipped: invalid date \`2026-02-30\`"
expect_sql "SELECT count(*) FROM skipping" "1"

# A cell PostgreSQL cannot store, found while the table is being filled.
printf 'observed_at,asset_id,source\n2026-01-01,h-1,scanner\n2026-01-01,h\000-2,scanner\n' >"$scratch/nul.csv"
expect_exit 1 load --data "$scratch/nul.csv" --table with_nul
expect_error "nul.csv:3: error: column \`asset_id\` holds a NUL character, which PostgreSQL text cannot store"
no_table with_nul

# The server refusing a row half-way through COPY: a rule added to the new
# table as it is created (by an event trigger) that one sample row breaks.
sql "CREATE FUNCTION doom() RETURNS event_trigger LANGUAGE plpgsql AS \$\$
     BEGIN
       IF EXISTS (SELECT FROM pg_event_trigger_ddl_commands()
                  WHERE command_tag = 'CREATE TABLE' AND object_identity = 'public.doomed') THEN
         ALTER TABLE public.doomed ADD CONSTRAINT not_that_one CHECK (asset_id <> 'node-0149517d4113');
       END IF;
     END \$\$;
     CREATE EVENT TRIGGER doom ON ddl_command_end EXECUTE FUNCTION doom();"
expect_exit 1 load --data "$data" --table doomed
expect_error "tally: cannot load $data into doomed: new row for relation \"doomed\" violates check constraint \"not_that_one\"; nothing was loaded"
no_table doomed
sql "DROP EVENT TRIGGER doom; DROP FUNCTION doom()"

expect_exit 1 load --data "$data" --table nosuch.observations
expect_error "tally: cannot load $data into nosuch.observations: schema \"nosuch\" does not exist; nothing was loaded"

# ---------------------------------------------------------------- loading again
expect_exit 1 load --data "$scratch/special.csv"
expect_error "tally: table \"observations\" already exists (use --replace to drop it first)"
expect_sql "SELECT count(*) FROM observations" "$native"
expect_exit 0 load --data "$scratch/special.csv" --replace
expect_output "loaded 1 row into observations"
expect_sql "SELECT count(*) FROM observations" "1"
expect_exit 0 load --data "$data" --replace
expect_sql "SELECT count(*) FROM observations" "$native"
# --replace of a table that is not there: the server's notice stays off stderr.
expect_exit 0 load --data "$scratch/special.csv" --table fresh --replace
[ ! -s "$scratch/err" ] || fail "load --replace wrote to stderr: $(cat "$scratch/err")"

# ---------------------------------------------------------------- bad requests
expect_exit 2 "$tally" load --data "$data"
expect_error "tally: load needs --dsn DSN"
expect_exit 2 "$tally" load --dsn "$dsn"
expect_error "tally: load needs --data FILE"
for name in Observations 2026obs obs-1 a.b.c '"obs"'; do
  expect_exit 2 load --data "$data" --table "$name"
  expect_error "--table takes NAME or SCHEMA.NAME in lowercase letters, digits and _, not \`$name\`"
done
expect_exit 2 load --data "$data" --format json
expect_error "unknown option \`--format\` for \`tally load\`"
# The database options of the other commands.
subscription=(--rules rules --subscription examples/sample/subscription.tally)
expect_exit 2 "$tally" eval "${subscription[@]}" --engine postgres
expect_error "tally: eval --engine postgres needs --dsn DSN"
expect_exit 2 "$tally" eval "${subscription[@]}" --data "$data" --engine sqlite --dsn "$dsn"
expect_error "tally: unknown engine \`sqlite\` (native, postgres)"
expect_exit 2 "$tally" eval "${subscription[@]}" --data "$data" --dsn "$dsn"
expect_error "tally: --dsn, --table and --partition are for eval --engine postgres"
expect_exit 2 "$tally" diff --old rules --new rules --subscription examples/sample/subscription.tally --data "$data" \
  --engine postgres
expect_error "tally: \`tally diff\` runs on the native engine only; --engine postgres is for eval"
expect_exit 2 "$tally" sql "${subscription[@]}" --dialect mysql
expect_error "tally: unknown dialect \`mysql\` (postgres)"
expect_exit 2 "$tally" sql "${subscription[@]}" --table Observations
expect_error "--table takes NAME or SCHEMA.NAME"
expect_exit 1 "$tally" load --dsn "host=$scratch/nowhere dbname=tally" --data "$data"
expect_error "tally: cannot connect to PostgreSQL: connection to server on socket \"$scratch/nowhere/.s.PGSQL.5432\" failed"

finish postgres-load
