#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the integration tests.
#
#   scripts/pg-test-cluster.sh start DIR PORT   create (first time) and start; prints the URL
#   scripts/pg-test-cluster.sh stop  DIR PORT   stop it (fast shutdown); fine if not running
#   scripts/pg-test-cluster.sh url   DIR PORT   print the URL
#
# The cluster listens on 127.0.0.1:PORT only (its unix socket sits in the data
# directory), trusts every local connection, and keeps fsync on so tests see the
# same durability as production. Its data lives in DIR/pg-PORT, or in
# /tmp/peixun-pg-PORT when the postgres user cannot reach DIR. `start` is
# idempotent: a server already answering on PORT is reused as it is.
# Run as root, the server runs as the postgres user (PostgreSQL refuses root).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
START_TIMEOUT_SECONDS=30

usage() {
  echo "usage: $0 start|stop|url DIR PORT" >&2
  exit 2
}
(($# == 3)) || usage
command=$1
dir=$2
port=$3
[[ $port =~ ^[0-9]+$ ]] || usage
url="postgresql://postgres@127.0.0.1:${port}/postgres"

is_root() { [[ $(id -u) == 0 ]]; }

# Runs a command as the cluster's owner.
as_owner() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The data directory: under DIR when the postgres user can traverse every
# directory on the way there and the socket path fits a sockaddr_un (107 bytes),
# else under /tmp.
data_dir() {
  mkdir -p "$dir"
  local abs
  abs=$(cd "$dir" && pwd -P)
  local socket="$abs/pg-$port/.s.PGSQL.$port.lock"
  if ((${#socket} < 100)) && { ! is_root || runuser -u postgres -- test -x "$abs" 2>/dev/null; }; then
    echo "$abs/pg-$port"
  else
    echo "/tmp/peixun-pg-$port"
  fi
}

ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1 >/dev/null 2>&1; }

start() {
  if ready; then
    echo "$url"
    return
  fi
  local data
  data=$(data_dir)
  if [[ ! -f $data/PG_VERSION ]]; then
    rm -rf "$data"
    mkdir -p "$data"
    chmod 700 "$data"
    if is_root; then chown postgres:postgres "$data"; fi
    as_owner "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust \
      --locale=C.UTF-8 --encoding=UTF8 >"$data.initdb.log" 2>&1 || {
      cat "$data.initdb.log" >&2
      exit 1
    }
    cat >>"$data/postgresql.conf" <<CONF

# pg-test-cluster.sh
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data'
fsync = on
synchronous_commit = on
max_connections = 200
CONF
  fi
  as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t "$START_TIMEOUT_SECONDS" \
    start >/dev/null || {
    echo "pg-test-cluster: the server did not start; its log:" >&2
    tail -n 30 "$data/server.log" >&2 || true
    exit 1
  }
  local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until ready; do
    if ((SECONDS >= deadline)); then
      echo "pg-test-cluster: no answer on 127.0.0.1:$port after ${START_TIMEOUT_SECONDS}s" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "$url"
}

stop() {
  local data
  data=$(data_dir)
  if [[ -f $data/postmaster.pid ]]; then
    # A stale pid file (after a crash) makes pg_ctl complain; stopped is stopped.
    as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null || ! ready
  fi
}

case $command in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  *) usage ;;
esac
