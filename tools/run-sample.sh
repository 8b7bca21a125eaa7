#!/usr/bin/env bash
# Builds tally and evaluates the standard rules over the sample data.
# Extra arguments go to `tally eval`, e.g. --format json or --as-of 2026-03-31.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools/build.sh
build/tally eval --rules rules --data examples/sample/observations.csv \
  --subscription examples/sample/subscription.tally "$@"
