#!/usr/bin/env bash
# `tally licenses` end to end: the Patch Management licences of the sample
# data counted on one day, over the limit and within it, checked against an
# independent count in Python; the settings stored in a ledger, which only the
# admin and super users change; and the bad requests.
#   tests/cli/licenses_test.sh TALLY SOURCE_DIR
set -euo pipefail

tally=$1
cd "$2"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
ledger="$scratch/qflex.db"
source tests/cli/expect.sh # from the source folder, the current one
data=examples/sample/observations.csv

count() {
  "$tally" licenses --rules rules --data "$data" --as-of 2026-03-31 "$@"
}

# The semantics' rule, written again without tally: live PM assets on the day
# with an included tag and no excluded one; the first LIMIT by activation
# (ties by asset id) are licensed.
python_count() {
  python3 - "$data" "$@" <<'PY'
import csv, sys, collections
path, limit, included, excluded = sys.argv[1], int(sys.argv[2]), set(sys.argv[3].split(';')), set(sys.argv[4].split(';'))
rows = collections.defaultdict(list)
for r in csv.DictReader(open(path)):
    if r['observed_at'][:10] == '2026-03-31':
        rows[r['asset_id']].append(r)
def tags(a): return [set(r['tags'].split(';')) - {''} for r in rows[a]]
active = [a for a in rows if any(r['status'] in ('active', 'enabled') and 'PM' in r['modules'].split(';') for r in rows[a])]
candidates = [a for a in active if any(t & included for t in tags(a)) and not any(t & excluded for t in tags(a))]
def first_activation(a):
    times = [r['activated_at'] for r in rows[a] if r['activated_at']]
    return (0, min(times), a) if times else (1, '', a)
licensed = sorted(candidates, key=first_activation)[:limit]
print(len(candidates), len(licensed), len(candidates) - len(licensed))
PY
}

# ---------------------------------------------------------------- counting
expect_exit 0 count --format json --set PM-LICENSES.limit=4 --set "PM-LICENSES.included_tags=prod;web;finance;pci" \
  --set PM-LICENSES.excluded_tags=test
read -r consumed licensed unlicensed <<<"$(python_count 4 "prod;web;finance;pci" test)"
[ "$licensed" -lt "$consumed" ] || fail "the over-limit case is not over the limit ($consumed consumed)"
expect_output "\"limit\": \"4\", \"consumed\": \"$consumed\", \"licensed\": \"$licensed\", \"unlicensed\": \"$unlicensed\""
expect_output "\"consumption_percent\": \"$((consumed * 25))\""

expect_exit 0 count --set PM-LICENSES.limit=50 --set "PM-LICENSES.included_tags=prod;web;finance;pci"
read -r consumed licensed unlicensed <<<"$(python_count 50 "prod;web;finance;pci" "")"
expect_output "PM-LICENSES (Patch Management licenses), as of 2026-03-31"
grep -qE "^licensed +$licensed\$" "$scratch/out" || fail "wanted $licensed licensed: $(cat "$scratch/out")"
grep -qE "^unlicensed +0\$" "$scratch/out" || fail "wanted none unlicensed: $(cat "$scratch/out")"

# explain names a license's ranking step as written.
expect_exit 0 "$tally" explain --rules rules --data "$data" --start 2026-03-01 --product PM-LICENSES \
  --asset h-f519f86ee24e --day 2026-03-31
expect_output "first limit by activated_at"

# ---------------------------------------------------------------- bad requests
expect_exit 2 "$tally" licenses --rules rules --data "$data"
expect_error "licenses needs --as-of DATE"
expect_exit 1 count --license PM
expect_error "the rules have no license \`PM\` (licenses: PM-LICENSES)"
expect_exit 1 count --set PM-LICENSES.limit=many
expect_error "\`limit\` must be an integer value, not \`many\`"
expect_exit 2 count --set limit=4
expect_error "--set takes LICENSE.PARAM=VALUE, not \`limit=4\`"

# ---------------------------------------------------------------- the ledger
"$tally" pool create --ledger "$ledger" --user alice --subscription acme-2026 --start 2026-01-01 \
  --purchased 2000 --today 2026-01-01 >/dev/null
licenses() {
  local action=$1 user=$2
  shift 2
  "$tally" licenses "$action" --ledger "$ledger" --subscription acme-2026 --user "$user" --today 2026-04-01 "$@"
}
expect_exit 0 licenses set alice --rules rules --set PM-LICENSES.limit=4 \
  --set "PM-LICENSES.included_tags=prod;web;finance;pci" --set PM-LICENSES.excluded_tags=test
expect_output "PM-LICENSES of acme-2026: excluded_tags=test, included_tags=prod;web;finance;pci, limit=4"
expect_exit 2 licenses set alice --rules rules --set PM-LICENSES.tag_list=prod
expect_error "tag_list"
expect_exit 1 licenses set bob --rules rules --set PM-LICENSES.excluded_tags=
expect_error "bob may not change the licences of acme-2026: only its admin, alice, and its super users may"
expect_exit 0 licenses show bob --license PM-LICENSES
expect_output "PM-LICENSES: excluded_tags=test, included_tags=prod;web;finance;pci, limit=4"
expect_exit 0 licenses role alice --grantee bob --role super
expect_exit 0 licenses set bob --rules rules --set PM-LICENSES.excluded_tags=
expect_exit 1 licenses role bob --grantee carol --role super
expect_error "only its admin, alice, may"

# The stored settings count; --set overrides one for the run.
read -r consumed licensed unlicensed <<<"$(python_count 4 "prod;web;finance;pci" "")"
expect_exit 0 "$tally" licenses --ledger "$ledger" --subscription acme-2026 --user carol --rules rules --data "$data" \
  --as-of 2026-03-31 --format json
expect_output "\"limit\": \"4\", \"consumed\": \"$consumed\", \"licensed\": \"$licensed\""
expect_exit 0 "$tally" licenses --ledger "$ledger" --subscription acme-2026 --user carol --rules rules --data "$data" \
  --as-of 2026-03-31 --format json --set PM-LICENSES.limit=100
expect_output "\"limit\": \"100\", \"consumed\": \"$consumed\", \"licensed\": \"$consumed\", \"unlicensed\": \"0\""

audit=$("$tally" pool audit --ledger "$ledger" --user alice --subscription acme-2026)
[ "$(grep -c 'license settings' <<<"$audit")" -eq 3 ] || fail "wanted 3 audited settings changes: $audit"
grep -q 'license settings.*refused' <<<"$audit" || fail "the refusal is not audited: $audit"

finish "cli/licenses"
