#!/usr/bin/env bash
# `tally eval` shows how far reading has got when stderr is a terminal, and
# nothing when it is not or under --quiet; the report on stdout is the same.
#   tests/cli/progress_test.sh TALLY GEN_OBSERVATIONS SOURCE_DIR
set -euo pipefail

tally=$1
generate=$2
cd "$3"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
source tests/cli/expect.sh # from the source folder, the current one

# Four MiB of rows: several progress reports, one per MiB read.
"$generate" --rows 40000 --seed 3 --start 2026-01-01 --days 30 --out "$scratch/data.csv"
eval_args=(eval --rules rules --data "$scratch/data.csv" --start 2026-01-01 --format csv)

"$tally" "${eval_args[@]}" >"$scratch/piped.csv" 2>"$scratch/piped.err"
[ -s "$scratch/piped.err" ] && fail "progress written to a pipe: $(cat "$scratch/piped.err")"

# `script` gives the command a terminal; its stdout still goes to a file.
script -qec "'$tally' ${eval_args[*]} >'$scratch/tty.csv'" /dev/null >"$scratch/tty.err"
grep -q "reading data.csv: [0-9]* rows, [0-9]*%" "$scratch/tty.err" || fail "no progress on a terminal"
grep -q $'\r\033\\[K$' "$scratch/tty.err" || fail "the progress line is not erased at the end"
cmp -s "$scratch/piped.csv" "$scratch/tty.csv" || fail "the report differs when stderr is a terminal"

script -qec "'$tally' ${eval_args[*]} --quiet >/dev/null" /dev/null >"$scratch/quiet.err"
[ -s "$scratch/quiet.err" ] && fail "progress shown under --quiet: $(cat -v "$scratch/quiet.err")"

finish progress
