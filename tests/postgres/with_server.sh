#!/usr/bin/env bash
# Runs COMMAND with TALLY_TEST_DSN naming the database of a private
# PostgreSQL server (tools/pg-private.sh), started for it and stopped after,
# so a test program needs no server of the machine's and leaves nothing behind.
#   tests/postgres/with_server.sh SOURCE_DIR COMMAND [ARG...]
set -euo pipefail

source_dir=$1
shift
server=$(mktemp -d)
trap '"$source_dir/tools/pg-private.sh" stop "$server" >/dev/null 2>&1 || true; rm -rf "$server"' EXIT
TALLY_TEST_DSN=$("$source_dir/tools/pg-private.sh" start "$server")
export TALLY_TEST_DSN
"$@"
