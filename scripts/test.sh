#!/usr/bin/env bash
# The README's test command: installs what is missing, builds once, starts a
# throwaway PostgreSQL 15 on 127.0.0.1, and runs every suite through CTest:
# unit tests, integration tests on SQLite and on PostgreSQL, browser tests; then the
# unit tests, the fuzz corpora, the integration tests on SQLite and the HTTP tests again
# under AddressSanitizer + UndefinedBehaviorSanitizer (scripts/sanitize.sh --full, in
# build-asan/; PEIXUN_TEST_SANITIZERS=0 skips that step). The sanitizer build runs at
# nice 19 while the ordinary suites run: they wait on PostgreSQL, the browser and their
# own timers much of the time, and the build takes only that idle CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/install-deps.sh
scripts/build.sh

sanitizers=${PEIXUN_TEST_SANITIZERS:-1}
asan_pid=
asan_log="$root/build/sanitizer-build.log"
if [[ $sanitizers != 0 ]]; then
  echo "==> sanitizer build in the background (nice 19), log: $asan_log"
  # Its own process group (setsid), so that a failure below stops the whole build.
  setsid nice -n 19 scripts/sanitize.sh --full --build-only >"$asan_log" 2>&1 &
  asan_pid=$!
fi

pg_port=${PEIXUN_TEST_PG_PORT:-55432}
pg_dir="$root/build/pgtest"
mkdir -p "$pg_dir"
export PEIXUN_TEST_PG_URL
PEIXUN_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$pg_dir" "$pg_port" | tail -n 1)
cleanup() {
  scripts/pg-test-cluster.sh stop "$pg_dir" "$pg_port" >/dev/null 2>&1 || true
  if [[ -n $asan_pid ]]; then kill -- "-$asan_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
echo "==> PostgreSQL for tests: $PEIXUN_TEST_PG_URL"

jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir build --output-on-failure -j"$jobs" "$@"

if [[ $sanitizers != 0 ]]; then
  started=$SECONDS
  if ! wait "$asan_pid"; then
    asan_pid=
    tail -n 60 "$asan_log"
    echo "==> the sanitizer build failed (whole log: $asan_log)" >&2
    exit 1
  fi
  asan_pid=
  echo "==> sanitizer build done ($((SECONDS - started)) s waited after the ordinary suites)"
  scripts/sanitize.sh --full --run-only
fi
