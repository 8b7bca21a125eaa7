#!/usr/bin/env bash
# Installs the pinned DuckDB (package.json + package-lock.json beside this
# script) into DIR, outside the repository: tally never depends on it.
#
#   bench/duckdb/install.sh DIR
#   node bench/duckdb/six_products.mjs DATA START --prefix DIR
set -euo pipefail

dir="${1:?usage: install.sh DIR}"
here="$(dirname "${BASH_SOURCE[0]}")"

mkdir -p "$dir"
# Installed already from the same lock: nothing to do.
if [ -d "$dir/node_modules/@duckdb/node-api" ] && cmp -s "$here/package-lock.json" "$dir/package-lock.json"; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dir/"
npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
