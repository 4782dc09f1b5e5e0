#!/usr/bin/env bash
# PostgreSQL's disk filling up mid-burst (issue 14): a throwaway cluster of its own
# (scripts/pg-test-cluster.sh, on a free port) whose table and index files live in a
# tablespace on a small tmpfs this script mounts (root, as in CI), while the cluster's
# own directory (catalogs, pg_wal) stays on the ordinary disk. Then the integration
# test PgDiskFullTest fills that tmpfs under a check-in burst against the real
# `peixun serve`. The cluster is stopped and the tmpfs unmounted at the end.
#
#   scripts/pg-diskfull-drill.sh INTEGRATION_TEST_BINARY
#
# Why a tablespace and not the whole data directory: when pg_wal cannot be written,
# PostgreSQL PANICs, restarts, and stays down until space returns and someone starts
# it — peixun then answers 503 store.unavailable, as CTest pg_outage tests. Data
# files that cannot grow give SQLSTATE 53100 instead: the statement fails, the
# server stays up, reads work, and writes succeed again as soon as there is space.
# That is what an operator meets with WAL on its own volume (the usual advice), and
# it is the path this drill tests (docs/backups.md, "A full disk").
#
# Exit status: the test's; 77 (CTest skip) when not root (mount needs it).
set -euo pipefail

tests=${1:?usage: $0 INTEGRATION_TEST_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ $(id -u) != 0 ]]; then
  echo "pg-diskfull-drill: needs root to mount a tmpfs (CI runs as root); skipped" >&2
  exit 77
fi
work=$(mktemp -d /tmp/peixun-diskfull-drill-XXXXXX)
chmod 755 "$work"  # the postgres user keeps its data directory under it
port=0
for _ in $(seq 50); do
  candidate=$((20000 + RANDOM % 30000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
((port > 0)) || { echo "pg-diskfull-drill: no free port" >&2; exit 1; }
space=$work/space
cleanup() {
  bash "$here/pg-test-cluster.sh" stop "$work" "$port" >/dev/null 2>&1 || true
  umount -l "$space" 2>/dev/null || true
  rm -rf "$work" "/tmp/peixun-pg-$port" "/tmp/peixun-pg-$port.initdb.log"
}
trap cleanup EXIT

mkdir -p "$space"
mount -t tmpfs -o size=16m,mode=0700 tmpfs "$space"
chown postgres:postgres "$space"
url=$(bash "$here/pg-test-cluster.sh" start "$work" "$port")
# Every table and index the test's databases create goes to the tablespace.
runuser -u postgres -- "$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres \
  -d postgres -c "CREATE TABLESPACE diskfull LOCATION '$space'" \
  -c "ALTER SYSTEM SET default_tablespace = 'diskfull'" -c "SELECT pg_reload_conf()" >/dev/null
echo "pg-diskfull-drill: own cluster at $url, tables on a 16 MB tmpfs at $space"
PEIXUN_TEST_DB=postgres PEIXUN_TEST_PG_URL=$url PEIXUN_DISKFULL_SPACE=$space \
  "$tests" --gtest_filter='PgDiskFullTest.*'
