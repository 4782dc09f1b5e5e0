#!/usr/bin/env bash
# The README's test command: installs what is missing, builds once, starts a
# throwaway PostgreSQL 15 on 127.0.0.1, and runs every suite through CTest:
# unit tests, integration tests on SQLite and on PostgreSQL, browser tests; then the
# unit tests and the fuzz corpora again under AddressSanitizer + UndefinedBehaviorSanitizer
# (scripts/sanitize.sh --ci, in build-asan/; PEIXUN_TEST_SANITIZERS=0 skips that step).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/install-deps.sh
scripts/build.sh

pg_port=${PEIXUN_TEST_PG_PORT:-55432}
pg_dir="$root/build/pgtest"
mkdir -p "$pg_dir"
export PEIXUN_TEST_PG_URL
PEIXUN_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$pg_dir" "$pg_port" | tail -n 1)
trap 'scripts/pg-test-cluster.sh stop "$pg_dir" "$pg_port" >/dev/null 2>&1 || true' EXIT
echo "==> PostgreSQL for tests: $PEIXUN_TEST_PG_URL"

jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir build --output-on-failure -j"$jobs" "$@"

if [[ ${PEIXUN_TEST_SANITIZERS:-1} != 0 ]]; then
  scripts/sanitize.sh --ci
fi
