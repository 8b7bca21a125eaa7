#!/usr/bin/env bash
# Runs the QFlex walkthrough in README.md as written: every `$ tally ...` line
# of the block after the walkthrough marker, in a fresh folder, and compares
# what the commands print (stdout and stderr) with the lines the README shows.
#   tests/cli/readme_walkthrough_test.sh TALLY SOURCE_DIR
set -euo pipefail

tally=$1
source_dir=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The fenced block after the marker.
awk '/<!-- walkthrough:/ { marker = 1; next }
     marker && /^```$/ { if (inside) exit; inside = 1; next }
     inside { print }' "$source_dir/README.md" >"$scratch/expected"
[ -s "$scratch/expected" ] || { echo "FAIL: no walkthrough block in README.md" >&2; exit 1; }

mkdir -p "$scratch/run/examples"
ln -s "$source_dir/rules" "$scratch/run/rules"
ln -s "$source_dir/examples/sample" "$scratch/run/examples/sample"
cd "$scratch/run"
grep '^\$ tally ' "$scratch/expected" | while read -r line; do
  echo "$line"
  read -r -a words <<<"${line#\$ tally }"
  "$tally" "${words[@]}" 2>&1 || true # a refusal is part of the walkthrough
done >"$scratch/actual"

if ! diff -u "$scratch/expected" "$scratch/actual"; then
  echo "FAIL: the README's walkthrough does not print what it shows (- README, + actual)" >&2
  exit 1
fi
echo "readme walkthrough: $(grep -c '^\$ tally ' "$scratch/expected") commands print what the README shows"
