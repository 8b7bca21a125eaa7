#!/usr/bin/env bash
# Installs build/ into a fresh prefix, builds the example hosts in examples/
# against the installed package alone (find_package(tally), tally::tally), and
# checks that each one, building its table in memory, computes exactly the
# QLU `tally eval` computes from the same sample data. Run after tools/build.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

work=build/install-test
rm -rf "$work"
prefix=$work/prefix
echo "test-install: installing into $prefix"
cmake --install build --prefix "$prefix" >/dev/null

data=examples/sample/observations.csv
# The installed command over the installed rules: product,start,end and the
# exact QLU as a fraction, for every product's periods (not the totals).
"$prefix/bin/tally" eval --rules "$prefix/share/tally/rules" --start 2026-01-01 --end 2026-12-31 \
  --purge-rules --ratio VMDR=1.4 --data "$data" --format csv |
  python3 -c '
import csv, fractions, sys
for row in csv.DictReader(sys.stdin):
    if row["product"]:
        qlu = fractions.Fraction(row["qlu_exact"] or row["qlu"])
        print(",".join([row["product"], row["start"], row["end"], str(qlu)]))
' >"$work/expected.csv"

for host in embed-cpp embed-c; do
  echo "test-install: building examples/$host against the installed package"
  cmake -S "examples/$host" -B "$work/$host" -DCMAKE_PREFIX_PATH="$PWD/$prefix" >/dev/null
  cmake --build "$work/$host" >/dev/null
  "$work/$host/$host" "$prefix/share/tally/rules" "$data" >"$work/$host.csv"
  if ! diff -u "$work/expected.csv" "$work/$host.csv"; then
    echo "test-install: examples/$host disagrees with tally eval" >&2
    exit 1
  fi
  echo "test-install: examples/$host matches tally eval on $(wc -l <"$work/$host.csv") periods"
done

# The complete host in docs/embedding.md, built the same way; its output must
# be the one the page shows.
doc=$work/doc-example
mkdir -p "$doc"
python3 - docs/embedding.md "$doc" <<'PY'
import pathlib, re, sys
page = pathlib.Path(sys.argv[1]).read_text()
section = page.split("## A complete host", 1)[1]
program = re.search(r"```cpp\n(.*?)```", section, re.S).group(1)
output = re.search(r"Its output:\n\n```\n(.*?)```", section, re.S).group(1)
out = pathlib.Path(sys.argv[2])
(out / "main.cpp").write_text(program)
(out / "expected.txt").write_text(output)
(out / "CMakeLists.txt").write_text("""cmake_minimum_required(VERSION 3.20)
project(doc_example LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 20)
find_package(tally 0.1 CONFIG REQUIRED)
add_executable(doc-example main.cpp)
target_link_libraries(doc-example PRIVATE tally::tally)
""")
PY
echo "test-install: building the host in docs/embedding.md against the installed package"
cmake -S "$doc" -B "$doc/build" -DCMAKE_PREFIX_PATH="$PWD/$prefix" >/dev/null
cmake --build "$doc/build" >/dev/null
"$doc/build/doc-example" >"$doc/actual.txt"
if ! diff -u "$doc/expected.txt" "$doc/actual.txt"; then
  echo "test-install: the example in docs/embedding.md does not print what the page says" >&2
  exit 1
fi
echo "test-install: the example in docs/embedding.md prints what the page says"
