#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang (ASan + UBSan) in
# build-fuzz/ and runs each for SECONDS (default 30), one after another.
#
#   tools/fuzz.sh [SECONDS] [HARNESS...]     HARNESS: parse check csv jsonl eval
#
# Each harness starts from its seed corpus (build-fuzz/fuzz-seeds/HARNESS, made
# from the repository's rule files and data) and the inputs that once crashed
# it (tests/fuzz/regressions/HARNESS); what it finds new is kept in
# build-fuzz/fuzz-corpus/HARNESS for the next run. Any crash, leak, hang
# (an input running past 10 s), memory blow-up (2 GB) or sanitizer report fails
# the run; the input that caused it is left in build-fuzz/fuzz-artifacts/ and
# the log in build-fuzz/fuzz-logs/. One summary line per harness is printed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-30}
if [[ ! $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: tools/fuzz.sh [SECONDS] [parse|check|csv|jsonl|eval]..." >&2
  exit 2
fi
shift || true
harnesses=("$@")
[ "${#harnesses[@]}" -eq 0 ] && harnesses=(parse check csv jsonl eval)

tools/setup.sh
echo "fuzz: configuring build-fuzz/ (clang, libFuzzer, ASan + UBSan)"
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DTALLY_FUZZ=ON \
  >/dev/null
echo "fuzz: compiling the harnesses with $(nproc) jobs"
cmake --build build-fuzz -j"$(nproc)" --target fuzz_seeds "${harnesses[@]/#/fuzz_}"

# A sanitizer report ends the process, and libFuzzer exits non-zero on it as
# on a crash, leak, time-out or out-of-memory.
export ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# One of libFuzzer's final statistics (-print_final_stats=1) from a log.
final_stat() { sed -n "s/^stat::$2: *//p" "$1" | tail -n 1; }

failed=()
for harness in "${harnesses[@]}"; do
  corpus=build-fuzz/fuzz-corpus/$harness
  artifacts=build-fuzz/fuzz-artifacts/$harness/
  log=build-fuzz/fuzz-logs/$harness.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  # New inputs go to the first folder; the others only seed it.
  inputs=("$corpus" "build-fuzz/fuzz-seeds/$harness")
  [ -d "tests/fuzz/regressions/$harness" ] && inputs+=("tests/fuzz/regressions/$harness")
  # Entropic scheduling (libFuzzer's default) spends most of its time updating
  # feature frequencies once inputs reach the tens of thousands of features
  # the PEGTL parser gives them, at a seventh of the executions: off for the
  # rule harnesses. A data input of 16 KB holds a hundred rows, enough for
  # every path of a reader and weeks of evaluation.
  case $harness in
  parse | check) options=(-dict=tests/fuzz/rules.dict -entropic=0) ;;
  *) options=(-dict=tests/fuzz/data.dict -max_len=16384) ;;
  esac
  echo "fuzz: $harness for ${seconds}s"
  status=0
  "build-fuzz/fuzz_$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$artifacts" "${options[@]}" "${inputs[@]}" \
    >"$log" 2>&1 || status=$?
  # libFuzzer's last status line: "#RUNS DONE cov: EDGES ft: FEATURES corp: INPUTS/SIZE ...".
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  coverage=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  kept=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$last")
  printf 'fuzz: %-5s %3ss  %10s runs  %7s exec/s  corpus %-12s new %5s  edges %s  peak RSS %s MB\n' \
    "$harness" "$seconds" "$(final_stat "$log" number_of_executed_units)" \
    "$(final_stat "$log" average_exec_per_sec)" "$kept" "$(final_stat "$log" new_units_added)" "$coverage" \
    "$(final_stat "$log" peak_rss_mb)"
  if [ "$status" -ne 0 ] || grep -qE '^SUMMARY: |runtime error:|ERROR: libFuzzer' "$log"; then
    echo "fuzz: $harness FAILED (exit $status); the end of $log:" >&2
    tail -n 60 "$log" >&2
    ls "$artifacts" >&2
    failed+=("$harness")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${harnesses[*]}: ${seconds}s each with no crash, leak, hang or sanitizer report"
