#!/usr/bin/env bash
# The performance benchmark (docs/performance.md): builds tally in release
# mode, generates observation tables of 0.5, 1.5 and 5 million rows with the
# project's generator, and for each prints
#   - `tally eval` over all 24 standard products: wall time, rows per second,
#     and peak memory against the CSV's size (from /usr/bin/time);
#   - the six-product subset (ETM CSAM ETM-ID VMDR-MOBILE EDR PM) in tally and
#     in DuckDB on the same CSV, and tally's time as a share of DuckDB's.
# Every figure is the median of RUNS runs (default 3). Before timing, DuckDB's
# six products are checked to equal tally's, period by period.
#
# DuckDB comes from the npm registry (bench/duckdb/package.json), installed
# into $WORK/duckdb for the benchmark only; tally never depends on it.
#
#   bench/run.sh [ROWS...]        default: 500000 1500000 5000000
#   RUNS=5 WORK=/tmp/x bench/run.sh 1500000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sizes=("$@")
[ "${#sizes[@]}" -eq 0 ] && sizes=(500000 1500000 5000000)
runs="${RUNS:-3}"
work="${WORK:-${TMPDIR:-/tmp}/tally-bench}"
start=2026-01-01
six=(ETM CSAM ETM-ID VMDR-MOBILE EDR PM)

tools/build.sh >/dev/null
bench/duckdb/install.sh "$work/duckdb" >/dev/null
mkdir -p "$work"

# median VALUE...: the middle value (numbers, one per argument).
median() { printf '%s\n' "$@" | sort -g | sed -n "$(((${#} + 1) / 2))p"; }

# timed OUT COMMAND...: runs COMMAND, stdout to /dev/null, and appends
# "wall_seconds peak_kib" to OUT.
timed() {
  local out=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null
  cat "$work/time.txt" >>"$out"
}

six_flags=()
for product in "${six[@]}"; do six_flags+=(--product "$product"); done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "median of $runs runs; tally times are whole commands (wall), DuckDB's are its load plus query"
echo
printf '%-9s %8s | %9s %11s %9s %9s | %9s %9s %7s\n' rows "csv MiB" "24: wall" "rows/s" "peak MiB" "peak/csv" \
  "6: tally" "6: duckdb" "share"

declare -A wall_of
for rows in "${sizes[@]}"; do
  data="$work/observations-$rows.csv"
  [ -f "$data" ] || build/gen_observations --rows "$rows" --seed 7 --start "$start" --days 90 --out "$data"
  csv_bytes=$(stat -c %s "$data")

  # The subset must be the same computation in both engines.
  if ! TALLY=build/tally bench/duckdb/compare.sh "$work/duckdb" "$data" "$start" >"$work/compare.log" 2>&1; then
    cat "$work/compare.log" >&2
    exit 1
  fi

  : >"$work/all.txt"
  : >"$work/six.txt"
  : >"$work/duckdb.txt"
  for _ in $(seq "$runs"); do
    timed "$work/all.txt" build/tally eval --rules rules --data "$data" --start "$start" --format csv --quiet
    timed "$work/six.txt" build/tally eval --rules rules --data "$data" --start "$start" --format csv --quiet \
      "${six_flags[@]}"
    node bench/duckdb/six_products.mjs "$data" "$start" --prefix "$work/duckdb" 2>&1 >/dev/null |
      sed -n 's/.*total_ms=\([0-9]*\).*/\1/p' >>"$work/duckdb.txt"
  done
  wall=$(median $(cut -d' ' -f1 "$work/all.txt"))
  peak_kib=$(median $(cut -d' ' -f2 "$work/all.txt"))
  six_wall=$(median $(cut -d' ' -f1 "$work/six.txt"))
  duckdb_ms=$(median $(cat "$work/duckdb.txt"))
  wall_of[$rows]=$wall
  awk -v rows="$rows" -v bytes="$csv_bytes" -v wall="$wall" -v peak="$peak_kib" -v six="$six_wall" \
    -v duck="$duckdb_ms" 'BEGIN {
      printf "%-9d %8.1f | %8.2fs %11.0f %9.1f %9.2f | %8.2fs %8.2fs %6.0f%%\n",
        rows, bytes / 1048576, wall, rows / wall, peak / 1024, peak * 1024 / bytes,
        six, duck / 1000, 100 * six / (duck / 1000)
    }'
done

if [ -n "${wall_of[1500000]:-}" ] && [ -n "${wall_of[5000000]:-}" ]; then
  awk -v small="${wall_of[1500000]}" -v large="${wall_of[5000000]}" 'BEGIN {
    printf "\ngrowth: 5M rows take %.2f x the 1.5M time (linear: 3.33 x; within 10%%: %.2f to %.2f x)\n",
      large / small, 3.33 * 0.9, 3.33 * 1.1
  }'
fi
echo
echo "stages of the 1.5M-row run (bench_eval, in process):"
[ -f "$work/observations-1500000.csv" ] && build/bench_eval rules "$work/observations-1500000.csv" "$start"
