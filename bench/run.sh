#!/usr/bin/env bash
# Builds tally in release mode, generates a 1.5-million-row observation table
# with the project's generator, and prints the figures of evaluating the
# standard rules over it: per stage (bench_eval) and for the whole command
# (`tally eval`, wall time and peak memory from /usr/bin/time).
#
#   bench/run.sh [ROWS]        default 1500000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rows="${1:-1500000}"
tools/build.sh >/dev/null
work="${TMPDIR:-/tmp}/tally-bench"
mkdir -p "$work"
data="$work/observations-$rows.csv"
if [ ! -f "$data" ]; then
  echo "generating $rows rows into $data"
  build/gen_observations --rows "$rows" --seed 7 --start 2026-01-01 --days 90 --out "$data"
fi

echo "== stages (bench_eval)"
build/bench_eval rules "$data" 2026-01-01

echo "== the whole command (tally eval --format json)"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "wall %e s, peak memory %M KiB" \
    build/tally eval --rules rules --data "$data" --start 2026-01-01 --format json >/dev/null
else
  start=$(date +%s%N)
  build/tally eval --rules rules --data "$data" --start 2026-01-01 --format json >/dev/null
  echo "wall $(( ($(date +%s%N) - start) / 1000000 )) ms (install package 'time' for peak memory)"
fi
