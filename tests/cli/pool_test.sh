#!/usr/bin/env bash
# `tally pool` end to end on a temporary ledger: what each command prints,
# its exit code (0 ok, 1 refused by a rule, 2 a bad request), that refusals
# change nothing but the audit log, and that running a command again records
# nothing twice.
#   tests/cli/pool_test.sh TALLY SOURCE_DIR
set -euo pipefail

tally=$1
cd "$2"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
ledger="$scratch/qflex.db"
source tests/cli/expect.sh # from the source folder, the current one

# Every table's rows, to tell whether a command changed the ledger.
dump() {
  python3 -c 'import sqlite3, sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$ledger"
}

audit_rows() {
  "$tally" pool audit --ledger "$ledger" --user alice --subscription acme-2026 | tail -n +2 | wc -l
}

pool() {
  local action=$1
  shift
  "$tally" pool "$action" --ledger "$ledger" --subscription acme-2026 "$@"
}

# ---------------------------------------------------------------- create
expect_exit 2 pool show --user alice
expect_error "no ledger at $ledger (\`tally pool create\` makes one)"
expect_exit 0 pool create --user admin --contact alice --start 2026-01-01 --purchased 100000 --today 2025-12-15
expect_output "created subscription acme-2026: 2026-01-01 .. 2026-12-31, 100,000 QLU purchased, primary contact alice"
before=$(dump)
expect_exit 0 pool create --user admin --contact alice --start 2026-01-01 --purchased 100000 --today 2025-12-16
expect_output "already exists with these terms; nothing recorded"
[ "$(dump)" = "$before" ] || fail "creating again changed the ledger"
expect_exit 2 pool create --user admin --contact alice --start 2026-01-01 --purchased 90000
expect_error "already exists, with other terms"
expect_exit 2 pool create --user admin --start 2026-02-30 --purchased 5
expect_error "--start takes a date YYYY-MM-DD, not \`2026-02-30\`"
expect_exit 2 pool create --user admin --start 2026-03-01 --end 2026-02-28 --purchased 5
expect_error "the end day 2026-02-28 is before the start day 2026-03-01"
expect_exit 2 pool create --user admin --start 2026-03-01 --purchased -5
expect_error "--purchased cannot be negative, not \`-5\`"
expect_exit 2 pool create --user admin --start 2026-03-01 --purchased 1e5
expect_error "--purchased takes a decimal number of QLU"
[ "$(dump)" = "$before" ] || fail "a bad create changed the ledger"

# ---------------------------------------------------------------- allocate
allocate=(--rules rules --qlu VMDR=50000 --qlu EDR=7552.5 --qlu CSAM=14200)
expect_exit 1 pool allocate --user bob "${allocate[@]}" --today 2025-12-20
expect_error "tally: refused: bob may not change the allocations of acme-2026: only its primary contact, alice, and the users granted the right may"
expect_exit 2 pool allocate --user alice --rules rules --qlu VMDX=10 --today 2025-12-20
expect_error "unknown product \`VMDX\`: the rules define CDR, CIS, CS, CSAM,"
expect_exit 2 pool allocate --user alice --rules rules --qlu VMDR=-10 --today 2025-12-20
expect_error "the QLU of VMDR cannot be negative, not \`-10\`"
expect_exit 2 pool allocate --user alice "${allocate[@]}" --effective 2027-01-01 --today 2025-12-20
expect_error "the effective day 2027-01-01 is outside the term of acme-2026 (2026-01-01 .. 2026-12-31)"
expect_exit 1 pool allocate --user alice --rules rules --qlu VMDR=100000.5 --today 2025-12-20
expect_error "would total 100,000.5 QLU, 0.5 more than the 100,000 QLU purchased"
expect_exit 2 pool rebalance --user alice "${allocate[@]}" --today 2025-12-20
expect_error "acme-2026 has no allocations yet: make the first with \`allocate\`"
expect_exit 0 pool allocate --user alice "${allocate[@]}" --today 2025-12-20
expect_output "allocated acme-2026, effective 2026-01-01:"
expect_output "  EDR   none -> 7,552.5"
expect_output "available  28,247.5"
before=$(dump)
expect_exit 0 pool allocate --user alice "${allocate[@]}" --today 2025-12-21
expect_output "the allocations of acme-2026 are already as given; nothing recorded"
[ "$(dump)" = "$before" ] || fail "allocating again changed the ledger"

# ---------------------------------------------------------------- show
expect_exit 0 pool show --user alice --today 2026-01-05
cat >"$scratch/want" <<'SHOW'
acme-2026: 2026-01-01 .. 2026-12-31, primary contact alice
granted the right to view and change allocations: nobody
allocations effective 2026-01-01 (the first allocation); next rebalance possible from 2026-04-01

product         QLU
CSAM         14,200
EDR         7,552.5
VMDR         50,000

purchased   100,000
allocated  71,752.5
available  28,247.5
SHOW
diff -u "$scratch/want" "$scratch/out" >&2 || fail "show printed something else"
expect_exit 1 pool show --user bob --today 2026-01-05
expect_error "tally: refused: bob may not view the allocations of acme-2026"
[ ! -s "$scratch/out" ] || fail "a refused show printed the pool"

# ---------------------------------------------------------------- grant, revoke
expect_exit 1 pool grant --user bob --grantee bob --today 2026-01-06
expect_error "bob may not grant rights on acme-2026: only its primary contact, alice, may"
expect_exit 0 pool grant --user alice --grantee bob --today 2026-01-06
expect_output "bob may now view and change the allocations of acme-2026"
expect_exit 0 pool grant --user alice --grantee bob --today 2026-01-06
expect_output "bob already has the right on acme-2026; nothing recorded"
expect_exit 2 pool grant --user alice --grantee alice
expect_error "alice is the primary contact of acme-2026 and always has the right"
expect_exit 0 pool show --user bob --today 2026-01-07
expect_output "granted the right to view and change allocations: bob"

# ---------------------------------------------------------------- rebalance
before=$(dump)
rows_before=$(audit_rows)
expect_exit 1 pool rebalance --user bob --rules rules --qlu VMDR=45000 --today 2026-03-31
expect_error "allocations may be rebalanced once every 90 days: the first allocation of acme-2026 took effect 2026-01-01, so the next rebalance is possible from 2026-04-01, not 2026-03-31"
expect_exit 1 pool rebalance --user bob --rules rules --qlu VMDR=80000 --today 2026-04-01
expect_error "would total 101,752.5 QLU, 1,752.5 more than the 100,000 QLU purchased"
[ "$(audit_rows)" -eq $((rows_before + 2)) ] || fail "the refusals were not audited"
[ "$(pool show --user alice | grep VMDR)" = "VMDR         50,000" ] || fail "a refused rebalance changed the pool"
expect_exit 2 pool rebalance --user bob --rules rules --qlu VMDR=45000 --effective 2026-03-31 --today 2026-04-01
expect_error "the effective day 2026-03-31 is before today (2026-04-01)"
expect_exit 0 pool rebalance --user bob --rules rules --qlu VMDR=45000 --qlu PM=10000 --today 2026-04-01
expect_output "rebalanced acme-2026, effective 2026-04-01:"
expect_output "  PM      none -> 10,000"
expect_output "  VMDR  50,000 -> 45,000"
expect_output "next rebalance possible from 2026-06-30"
expect_exit 0 pool revoke --user alice --grantee bob --today 2026-07-01
expect_output "bob may no longer view or change the allocations of acme-2026"
expect_exit 1 pool rebalance --user bob --rules rules --qlu VMDR=40000 --today 2026-07-01
expect_error "bob may not change the allocations of acme-2026"

# ---------------------------------------------------------------- audit
expect_exit 0 pool audit --user alice --format json
python3 - "$scratch/out" <<'CHECK' || fail "the JSON audit log is not as expected"
import json, sys
entries = json.load(open(sys.argv[1]))
trail = [(e["who"], e["action"], e["outcome"]) for e in entries]
assert trail == [
    ("admin", "create", "done"), ("bob", "allocate", "refused"), ("alice", "allocate", "refused"),
    ("alice", "allocate", "done"), ("bob", "show", "refused"), ("bob", "grant", "refused"),
    ("alice", "grant", "done"), ("bob", "rebalance", "refused"), ("bob", "rebalance", "refused"),
    ("bob", "rebalance", "done"), ("alice", "revoke", "done"), ("bob", "rebalance", "refused"),
], trail
done = entries[9]
assert done["at"] == "2026-04-01T00:00:00Z", done
assert done["before"]["allocations"]["VMDR"] == "50000" and done["after"]["allocations"]["VMDR"] == "45000", done
assert done["after"]["allocations"]["EDR"] == "7552.5", done
assert all((e["reason"] is None) == (e["outcome"] == "done") for e in entries)
assert [e["id"] for e in entries] == sorted(e["id"] for e in entries)
CHECK
expect_exit 0 pool audit --user alice
python3 - "$scratch/out" <<'CHECK' || fail "the CSV audit log is not as expected"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert list(rows[0]) == ["id", "at", "who", "action", "subscription", "outcome", "reason", "before", "after"]
assert len(rows) == 12, len(rows)
assert json.loads(rows[3]["after"])["allocations"]["CSAM"] == "14200", rows[3]
assert rows[1]["reason"].startswith("bob may not change the allocations"), rows[1]
CHECK
expect_exit 1 pool audit --user mallory
expect_error "mallory may not view the audit log of acme-2026"

# ---------------------------------------------------------------- record and status
sample=(--rules rules --data examples/sample/observations.csv)
expect_exit 1 pool record --user mallory "${sample[@]}" --today 2026-04-01
expect_error "mallory may not record the usage of acme-2026"
expect_exit 0 pool status --user alice --today 2026-04-01
expect_output "no usage recorded yet"
expect_exit 0 pool record --user alice "${sample[@]}" --today 2026-04-01
expect_output "recorded 732 periods of 24 products for acme-2026 as of 2026-03-31"
before=$(dump)
expect_exit 0 pool record --user alice "${sample[@]}" --today 2026-04-02
expect_output "recorded 0 periods of 24 products for acme-2026 as of 2026-03-31 (732 already recorded)"
[ "$(dump)" = "$before" ] || fail "recording the same run again changed the ledger"
expect_exit 2 pool record --user alice --rules rules --data "$scratch/missing.csv" --today 2026-04-02
expect_error "cannot read"
[ "$(dump)" = "$before" ] || fail "a failed record changed the ledger"

# Every period recorded is the period `tally eval` computes for the same term.
"$tally" eval "${sample[@]}" --start 2026-01-01 --end 2026-12-31 --format json >"$scratch/eval.json"
python3 - "$ledger" "$scratch/eval.json" <<'CHECK' || fail "the recorded usage differs from tally eval"
import json, sqlite3, sys
ledger = sqlite3.connect(sys.argv[1])
report = json.load(open(sys.argv[2]))
recorded = {(p, s, e): (u, q, partial) for p, s, e, u, q, partial in ledger.execute(
    "SELECT product, period_start, period_end, usage_decimal, qlu_decimal, partial FROM usage_history")}
expected = {(product["product"], period["start"], period["end"]):
            (period["usage"], period["qlu"], int(period["partial"]))
            for product in report["products"] for period in product["periods"]}
assert recorded == expected, set(recorded.items()) ^ set(expected.items())
sha = ledger.execute("SELECT DISTINCT data_sha256, rules_sha256 FROM usage_history").fetchall()
assert sha == [(report["provenance"]["data"]["sha256"], report["provenance"]["rules_sha256"])], sha
CHECK

expect_exit 0 pool status --user alice --today 2026-04-02
expect_output "usage as of 2026-03-31, each product at its latest period"
expect_output "2026-03-17 .. 2026-03-31"
expect_output "not allocated"
expect_exit 1 pool status --user mallory --today 2026-04-02
expect_error "mallory may not view the usage of acme-2026"

# ---------------------------------------------------------------- thresholds and alerts
expect_exit 0 pool alerts --user alice --today 2026-04-02
expect_output "thresholds: 80%, 100%"
expect_output "no product has crossed a threshold of its allocation"
expect_exit 1 pool thresholds --user mallory --percent 1 --today 2026-04-02
expect_error "mallory may not change the alerts of acme-2026"
expect_exit 2 pool thresholds --user alice --percent 0 --today 2026-04-02
expect_error "a threshold must be above 0%, not 0%"
expect_exit 0 pool thresholds --user alice --percent 1 --percent 0.5 --today 2026-04-02
expect_output "alert thresholds of acme-2026: 0.5%, 1%"
expect_exit 0 pool thresholds --user alice --percent 0.5 --percent 1 --today 2026-04-02
expect_output "(already so; nothing recorded)"
# EDR's 39.9 QLU of 7,552.5 in 2026-02-15 .. 2026-03-01 is its first period past 0.5%.
expect_exit 0 pool alerts --user alice --today 2026-04-02
expect_output "EDR           0.5%  2026-02-15 .. 2026-03-01  39.9    7,552.5    0.5%"

# ---------------------------------------------------------------- exports and pruning
expect_exit 0 pool export --user alice --report usage --from 2026-03-31 --to 2026-03-31 --today 2026-04-02
expect_output "product,start,end,partial,usage,qlu,usage_exact,qlu_exact,as_of,rules_sha256,data_sha256"
expect_output "VMDR,2026-03-17,2026-03-31,false,78,117,78,117,2026-03-31,"
[ "$(wc -l <"$scratch/out")" -eq 25 ] || fail "the usage export of one day is not one period per product"
expect_exit 0 pool export --user alice --report usage --format json --today 2026-04-02
python3 - "$scratch/out" <<'CHECK' || fail "the JSON usage export is not the 732 periods recorded"
import json, sys
periods = json.load(open(sys.argv[1]))
assert len(periods) == 732, len(periods)
assert all(p["as_of"] == "2026-03-31" for p in periods)
CHECK
expect_exit 0 pool export --user alice --report subscription --format json --today 2026-04-02
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["purchased"] == "100000", d' "$scratch/out" ||
  fail "the subscription export is not JSON"
expect_exit 0 pool export --user alice --report audit --from 2026-04-01 --today 2026-04-02
expect_output ",alice,record,acme-2026,done,"
expect_exit 2 pool export --user alice --report usage --from 2025-04-02 --today 2026-04-02
expect_error "reports cover the 12 months kept, 2025-04-03 .. 2026-04-02; not 2025-04-02 .. 2026-04-02"
expect_exit 1 pool export --user mallory --report usage --today 2026-04-02
expect_error "mallory may not export the reports of acme-2026"
expect_exit 0 pool prune --user alice --today 2026-04-02
expect_output "removed the usage history of 0 periods ended before 2025-04-03"
expect_exit 0 pool prune --user alice --today 2027-03-20
expect_output "removed the usage history of 638 periods ended before 2026-03-21"

# ---------------------------------------------------------------- usage mistakes
expect_exit 2 "$tally" pool
expect_error "pool needs an action first: alerts, allocate, audit, create, export, grant, prune, rebalance, record, revoke, show, status, thresholds"
expect_exit 2 pool export --user alice
expect_error "pool export needs --report usage|subscription|audit"
expect_exit 2 pool export --user alice --report bills
expect_error "unknown report \`bills\` (usage, subscription, audit)"
expect_exit 2 pool record --user alice --rules rules
expect_error "pool record needs --data FILE"
expect_exit 2 pool show
expect_error "pool show needs --user NAME"
expect_exit 2 pool allocate --user alice --qlu VMDR=1
expect_error "pool allocate needs --rules FILE|DIR"
expect_exit 2 pool rebalance --user alice --rules rules --qlu VMDR=1 --qlu VMDR=2
expect_error "--qlu names VMDR twice"
expect_exit 2 pool show --user alice --grantee bob
expect_error "unknown option \`--grantee\` for \`tally pool show\`"
expect_exit 2 pool show --user alice --today 2026-13-01
expect_error "--today takes a date YYYY-MM-DD, not \`2026-13-01\`"
expect_exit 2 pool audit --user alice --format xml
expect_error "unknown format \`xml\` (csv, json)"
echo "not a database, but long enough to fill the header of one, which SQLite reads first" >"$scratch/text.db"
expect_exit 2 "$tally" pool show --ledger "$scratch/text.db" --user alice --subscription acme-2026
expect_error "file is not a database"

finish pool
