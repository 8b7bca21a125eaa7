#!/usr/bin/env bash
# Builds tally and runs every registered test, then builds it again with
# AddressSanitizer and UndefinedBehaviorSanitizer and runs every test there
# too (tools/test-sanitizers.sh); exits non-zero on any failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools/build.sh
echo "test: running the test suite"
ctest --test-dir build --output-on-failure -j"$(nproc)"
tools/test-sanitizers.sh
