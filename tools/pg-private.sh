#!/usr/bin/env bash
# A private PostgreSQL server for the SQL back end's tests and for trying
# `tally load` and `tally eval --engine postgres` by hand: its own cluster in
# DIR, reachable only through a Unix socket in DIR (no TCP port at all), so it
# clashes with no other server on the machine and goes away with DIR.
#
#   tools/pg-private.sh start DIR   makes the cluster the first time, starts the server,
#                                   creates the database `tally` and prints its DSN
#   tools/pg-private.sh stop DIR    stops the server (fast shutdown); DIR stays
#
#   dsn=$(tools/pg-private.sh start /tmp/pg)
#   build/tally load --dsn "$dsn" --data examples/sample/observations.csv
#   tools/pg-private.sh stop /tmp/pg
#
# PostgreSQL refuses to run as root, so under root the server runs as the
# `postgres` system user (Debian's postgresql package makes it), DIR is handed
# to that user and the DSN names it; otherwise the server runs as the caller.
# The cluster trusts every connection on its socket: DIR's permissions (0700)
# are its only guard, which is why it must stay private.
set -euo pipefail

readonly port=5432 # only names the socket file; nothing listens on TCP
readonly database=tally

die() {
  echo "pg-private: $*" >&2
  exit 1
}

usage() {
  echo "usage: tools/pg-private.sh start|stop DIR" >&2
  exit 2
}

# The folder of initdb, pg_ctl and postgres. Debian keeps them out of the
# PATH, in /usr/lib/postgresql/VERSION/bin; pg_config (libpq-dev) names the
# folder of its own version, which may not be the server's.
bin_dir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  fi
  while read -r dir; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done < <(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V -r)
  if dir=$(command -v initdb 2>/dev/null); then
    dir=$(dirname "$(readlink -f "$dir")")
    if [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  fi
  die "no PostgreSQL server found (tools/setup.sh installs Debian's postgresql)"
}

[ $# -eq 2 ] || usage
action=$1
case "$action" in
start | stop) ;;
*) usage ;;
esac

mkdir -p -- "$2"
dir=$(cd -- "$2" && pwd -P)
# The socket's folder goes into the server's configuration and the DSN
# unquoted, and a socket path is at most 107 bytes.
[[ $dir =~ ^[A-Za-z0-9/._+-]+$ ]] ||
  die "DIR may hold only letters, digits and / . _ + -, not \`$dir\`"
socket="$dir/.s.PGSQL.$port"
[ "${#socket}" -le 107 ] || die "DIR is too long for a Unix socket path (${#socket} bytes > 107): \`$dir\`"
data="$dir/data"

bin=$(bin_dir)
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root, but there is no \`postgres\` user to run the server"
  user=postgres
  as_server=(runuser -u postgres --)
else
  user=$(id -un)
  as_server=()
fi

pg_ctl() {
  "${as_server[@]}" "$bin/pg_ctl" -D "$data" "$@"
}

running() {
  [ -f "$data/PG_VERSION" ] && pg_ctl status >/dev/null 2>&1
}

if [ "$action" = stop ]; then
  [ -f "$data/PG_VERSION" ] || die "no cluster in $dir"
  if ! running; then
    echo "pg-private: the server in $dir is not running" >&2
    exit 0
  fi
  pg_ctl -m fast -w stop >/dev/null || die "the server in $dir did not stop; see $dir/server.log"
  exit 0
fi

if [ ! -f "$data/PG_VERSION" ]; then
  [ -z "$(ls -A -- "$dir")" ] || die "$dir is neither empty nor a cluster made by this script"
  if [ "$user" = postgres ] && [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- test -x "$(dirname "$dir")" ||
      die "the postgres user cannot reach $dir (a folder above it is closed to it; use one under /tmp)"
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"
  # The C locale and UTF-8, whatever the machine's locale: tally's text is
  # UTF-8 and its string order is by bytes.
  if ! "${as_server[@]}" "$bin/initdb" -D "$data" -U "$user" --auth=trust --encoding=UTF8 --no-locale \
    >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  fi
  # A test server: no TCP, and durability traded for speed.
  cat >>"$data/postgresql.conf" <<EOF

# tools/pg-private.sh
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
fi

if ! running; then
  if ! pg_ctl -l "$dir/server.log" -w -t 60 start >/dev/null; then
    tail -n 20 "$dir/server.log" >&2 || true
    die "the server in $dir did not start"
  fi
fi
for _ in $(seq 1 60); do
  "$bin/pg_isready" -q -h "$dir" -p "$port" && break
  sleep 0.5
done
"$bin/pg_isready" -q -h "$dir" -p "$port" || die "the server in $dir does not accept connections; see $dir/server.log"

psql=("$bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U "$user")
if [ -z "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
  "${psql[@]}" -d postgres -c "CREATE DATABASE $database" >/dev/null
fi
echo "host=$dir port=$port dbname=$database user=$user"
