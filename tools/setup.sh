#!/usr/bin/env bash
# Installs the Debian packages tally builds with, and only those that are
# missing, so running it again is cheap and changes nothing.
set -euo pipefail

# clang and its runtime libraries (libFuzzer, the sanitizers) build the fuzzers
# of tools/fuzz.sh; GCC builds everything else. `time` (/usr/bin/time) gives
# bench/run.sh each command's peak memory. chromium renders `tally report
# --html` headless for tests/cli/html_report_test.sh, which checks what the
# page shows, not just what the file holds. postgresql (the server, run
# privately by tools/pg-private.sh) and libpq-dev (the client library tally
# links) serve the SQL back end: `tally load`, `tally eval --engine postgres`
# and the differential tests that compare it with the native engine.
packages=(build-essential cmake tao-pegtl-dev libboost-dev libfmt-dev libssl-dev libsqlite3-dev catch2 python3
  clang libclang-rt-14-dev time chromium postgresql libpq-dev)

missing=()
for package in "${packages[@]}"; do
  # dpkg -s also succeeds for removed packages whose configuration remains,
  # so the status line decides.
  status=$(dpkg -s "$package" 2>/dev/null || true)
  if [[ $status == *$'\nStatus: install ok installed\n'* ]]; then
    echo "setup: $package is installed"
  else
    missing+=("$package")
  fi
done

# The SARIF test validates lint's output with tools from the npm registry, so
# it needs node and npm; any installation of them will do (some images ship
# NodeSource's, whose npm is not a Debian package of its own).
for tool in node npm; do
  if command -v "$tool" >/dev/null 2>&1; then
    echo "setup: $tool is installed"
  else
    missing+=("$([ "$tool" = node ] && echo nodejs || echo npm)")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: nothing to install"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi

# `env` sets the variable after sudo, which would otherwise drop it.
apt_get() {
  echo "setup: ${as_root[*]:+${as_root[*]} }apt-get $*"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"
}

echo "setup: installing ${missing[*]}"
apt_get update
apt_get install -y --no-install-recommends "${missing[@]}"
