#!/usr/bin/env bash
# Builds the embedding API's tests with ThreadSanitizer in build-tsan/ and runs
# the tests that use threads: one compiled program evaluated from two threads
# at once, and a large file hashed on a second thread while it is parsed. Any
# data race is reported and fails the run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools/setup.sh
echo "test-threads: configuring build-tsan/ (ThreadSanitizer)"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS="-fsanitize=thread" \
  -DCMAKE_C_FLAGS="-fsanitize=thread" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" >/dev/null
echo "test-threads: compiling the API tests with $(nproc) jobs"
cmake --build build-tsan --target api_tests -j"$(nproc)"
echo "test-threads: evaluating from two threads, and reading a large file, under ThreadSanitizer"
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  build-tsan/api_tests "one program evaluated from two threads at once gives the sequential results,a large file hashed while it is parsed gives the table of its rows"
