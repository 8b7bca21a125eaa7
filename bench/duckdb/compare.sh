#!/usr/bin/env bash
# Checks that DuckDB's six products equal tally's on one observation table:
# six_products.mjs against the first eight columns of `tally eval --format csv`
# for the same products (the total rows left out), byte for byte.
#
#   bench/duckdb/compare.sh DIR DATA START
#
# DIR is where DuckDB is installed (install.sh runs first); TALLY names the
# tally binary (default: build/tally).
set -euo pipefail

dir="${1:?usage: compare.sh DIR DATA START}"
data="${2:?usage: compare.sh DIR DATA START}"
start="${3:?usage: compare.sh DIR DATA START}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$(dirname "$here")")"
tally="${TALLY:-$repo/build/tally}"

"$here/install.sh" "$dir"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

node "$here/six_products.mjs" "$data" "$start" --prefix "$dir" >"$tmp/duckdb.csv"
"$tally" eval --rules "$repo/rules" --data "$data" --start "$start" --format csv \
  --product ETM --product CSAM --product ETM-ID --product VMDR-MOBILE --product EDR --product PM |
  cut -d, -f1-8 | grep -v '^,total,' >"$tmp/tally.csv"

if diff -u "$tmp/tally.csv" "$tmp/duckdb.csv"; then
  echo "match: $(($(wc -l <"$tmp/tally.csv") - 1)) periods of six products equal tally's"
else
  echo "MISMATCH: DuckDB's results differ from tally's (diff above: - tally, + duckdb)" >&2
  exit 1
fi
