#!/usr/bin/env bash
# bench/crash: kill -9 of `peixun serve` during check-in bursts and imports, on
# SQLite and on PostgreSQL (bench/crash/crash_bench.cc says what each cycle checks).
#
#   bench/crash/run.sh BUILD_DIR SQLITE_KILLS PG_KILLS [PG_ADMIN_URL]
#
# PG_ADMIN_URL defaults to $PEIXUN_TEST_PG_URL (scripts/pg-test-cluster.sh prints
# one); the bench makes its own database there and drops it. The two runs go side
# by side; each prints its totals. Exit status 0 when neither found a failure.
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR SQLITE_KILLS PG_KILLS [PG_ADMIN_URL]}
sqlite_kills=${2:?usage: $0 BUILD_DIR SQLITE_KILLS PG_KILLS [PG_ADMIN_URL]}
pg_kills=${3:?usage: $0 BUILD_DIR SQLITE_KILLS PG_KILLS [PG_ADMIN_URL]}
pg_url=${4:-${PEIXUN_TEST_PG_URL:-}}
bench=$build/bench/peixun_crash_bench
[[ -x $bench ]] || { echo "no $bench: cmake --build $build --target peixun peixun_crash_bench" >&2; exit 2; }

status=0
PEIXUN_CRASH_KILLS=$sqlite_kills PEIXUN_TEST_DB=sqlite "$bench" --gtest_brief=1 &
sqlite_pid=$!
if ((pg_kills > 0)); then
  [[ -n $pg_url ]] || { echo "run.sh: PostgreSQL kills need PG_ADMIN_URL or PEIXUN_TEST_PG_URL" >&2; exit 2; }
  PEIXUN_CRASH_KILLS=$pg_kills PEIXUN_TEST_DB=postgres PEIXUN_TEST_PG_URL=$pg_url \
    "$bench" --gtest_brief=1 || status=1
fi
wait "$sqlite_pid" || status=1
exit $status
