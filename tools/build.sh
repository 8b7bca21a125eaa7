#!/usr/bin/env bash
# Installs what is missing, then configures and builds tally in build/ (Release).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools/setup.sh
echo "build: configuring build/ (Release)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
echo "build: compiling with $(nproc) jobs"
cmake --build build -j"$(nproc)"
