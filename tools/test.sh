#!/usr/bin/env bash
# Builds tally and runs every registered test; exits non-zero on any failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools/build.sh
echo "test: running the test suite"
ctest --test-dir build --output-on-failure -j"$(nproc)"
