#!/usr/bin/env bash
# PostgreSQL going away mid-burst (issue 14): makes a throwaway cluster of its own
# (scripts/pg-test-cluster.sh, on a free port), then runs the integration test
# PgOutageTest, which stops and restarts that cluster under a check-in burst
# against the real `peixun serve`. The cluster is stopped and removed at the end.
#
#   scripts/pg-outage-drill.sh INTEGRATION_TEST_BINARY
#
# Exit status: the test's.
set -euo pipefail

tests=${1:?usage: $0 INTEGRATION_TEST_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/peixun-outage-drill-XXXXXX)
chmod 755 "$work"  # the postgres user keeps its data directory under it
# A port nothing listens on (bash's /dev/tcp connects; refused means free).
port=0
for _ in $(seq 50); do
  candidate=$((20000 + RANDOM % 30000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
((port > 0)) || { echo "pg-outage-drill: no free port" >&2; exit 1; }
cleanup() {
  bash "$here/pg-test-cluster.sh" stop "$work" "$port" >/dev/null 2>&1 || true
  rm -rf "$work" "/tmp/peixun-pg-$port" "/tmp/peixun-pg-$port.initdb.log"
}
trap cleanup EXIT

url=$(bash "$here/pg-test-cluster.sh" start "$work" "$port")
echo "pg-outage-drill: own cluster at $url"
PEIXUN_TEST_DB=postgres PEIXUN_TEST_PG_URL=$url PEIXUN_OUTAGE_SCRIPT="$here/pg-test-cluster.sh" \
  PEIXUN_OUTAGE_DIR=$work PEIXUN_OUTAGE_PORT=$port \
  "$tests" --gtest_filter='PgOutageTest.*'
