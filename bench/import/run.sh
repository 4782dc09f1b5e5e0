#!/usr/bin/env bash
# Import benchmark: a generated roster of N people (default 100,000) imported
# with `peixun import people` into SQLite and into PostgreSQL. Prints rows/s and
# the peak memory (max RSS) of the import process. Needs scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
n=${1:-100000}
work=$(mktemp -d /tmp/peixun-bench-import.XXXXXX)
pg_port=${PEIXUN_BENCH_PG_PORT:-55450}
cleanup() {
  scripts/pg-test-cluster.sh stop "$work/pg" "$pg_port" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cmake --build build --target peixun peixun_gen_roster -j"$(nproc)" >/dev/null
build/bench/peixun_gen_roster "$work" "$n"

run_import() {  # label url
  local label=$1 url=$2
  build/peixun init --db "$url" --key-file "$work/$label.key" >/dev/null
  build/peixun import orgs "$work/orgs.csv" --db "$url" --key-file "$work/$label.key" >/dev/null
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/$label.time" \
    build/peixun import people "$work/people.csv" --db "$url" --key-file "$work/$label.key" \
    >"$work/$label.out" 2>&1
  end=$(date +%s.%N)
  local rss secs
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$label.time")
  secs=$(echo "$end - $start" | bc -l)
  grep -q "imported $n" "$work/$label.out" || { cat "$work/$label.out"; exit 1; }
  printf '%-12s %8d rows  %7.1f s  %9.0f rows/s  peak RSS %6.1f MB\n' \
    "$label" "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

echo "peixun import benchmark ($(nproc) cores)"
run_import sqlite "sqlite:$work/bench.db"
mkdir -p "$work/pg"
pg_admin=$(scripts/pg-test-cluster.sh start "$work/pg" "$pg_port" | tail -n 1)
psql "$pg_admin" -qc "DROP DATABASE IF EXISTS peixun_bench" >/dev/null
psql "$pg_admin" -qc "CREATE DATABASE peixun_bench" >/dev/null
run_import postgresql "${pg_admin%/postgres}/peixun_bench"
