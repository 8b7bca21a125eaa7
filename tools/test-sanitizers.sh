#!/usr/bin/env bash
# Builds tally with AddressSanitizer and UndefinedBehaviorSanitizer (Debug,
# assertions on) in build-sanitize/ and runs the whole test suite there. Any
# sanitizer report fails the run: UBSan does not recover, ASan aborts.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools/setup.sh
flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
echo "test-sanitizers: configuring build-sanitize/ (Debug, ASan + UBSan)"
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
echo "test-sanitizers: compiling with $(nproc) jobs"
cmake --build build-sanitize -j"$(nproc)"
echo "test-sanitizers: running the test suite under the sanitizers"
export ASAN_OPTIONS=abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)"
