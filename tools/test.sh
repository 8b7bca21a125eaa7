#!/usr/bin/env bash
# Builds tally and runs every registered test; installs it and builds the
# example hosts against the installed package (tools/test-install.sh); builds
# it again with AddressSanitizer and UndefinedBehaviorSanitizer and runs every
# test there too (tools/test-sanitizers.sh); runs the two-thread evaluation
# under ThreadSanitizer (tools/test-threads.sh); and runs each fuzzer for 30 s
# (tools/fuzz.sh). Exits non-zero on any failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools/build.sh
echo "test: running the test suite"
ctest --test-dir build --output-on-failure -j"$(nproc)"
tools/test-install.sh
tools/test-sanitizers.sh
tools/test-threads.sh
tools/fuzz.sh 30
