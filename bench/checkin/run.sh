#!/usr/bin/env bash
# A storm of check-ins against `peixun serve` over loopback, on SQLite and on
# PostgreSQL, next to nginx serving a 20-byte file in the same run as a yardstick.
#
#   bench/checkin/run.sh      (after scripts/build.sh; needs nginx, wrk, curl, psql)
#
# For each database: `peixun init`, then peixun_checkin_bench setup (a class, a
# session running now, TRAINEES approved trainees, an admin API token), `peixun serve`,
# then CONNECTIONS keep-alive clients (wrk with bench/checkin/storm.lua) send kiosk check-ins (POST /api/v1/kiosk/scan, a
# fresh idempotency key each) for DURATION seconds. Every 200 is a durable check-in:
# the group-commit writer answers only after its transaction committed (SQLite with
# synchronous=FULL, PostgreSQL with fsync on). Prints durable check-ins/s, p50/p99,
# the ratio to nginx's requests/s, the ratio to the raw batched insert rate (bare
# INSERTs through the same writer in batches of its full size, no HTTP, no rules) and the server's peak RSS.
#
# Environment: PEIXUN_BIN (build/peixun), BENCH_BIN (build/bench/peixun_checkin_bench),
# NGINX_PORT (18090), PEIXUN_PORT (18091), PG_PORT (55491; a throwaway cluster from
# scripts/pg-test-cluster.sh), DURATION (10), CONNECTIONS (1000), TRAINEES (1000),
# RAW_ROWS (200000), DATABASES ("sqlite postgres": which to run), KEEP_WORKDIR=1 to keep logs.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PEIXUN_BIN="${PEIXUN_BIN:-$ROOT/build/peixun}"
BENCH_BIN="${BENCH_BIN:-$ROOT/build/bench/peixun_checkin_bench}"
NGINX_PORT="${NGINX_PORT:-18090}"
PEIXUN_PORT="${PEIXUN_PORT:-18091}"
PG_PORT="${PG_PORT:-55491}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-1000}"
TRAINEES="${TRAINEES:-1000}"
RAW_ROWS="${RAW_ROWS:-200000}"
DATABASES="${DATABASES:-sqlite postgres}"
HOST=127.0.0.1
# 1,000 connections on each side of loopback need more than the default 1,024 files.
ulimit -n 65536 2>/dev/null || true

die() {
  echo "bench/checkin: $*" >&2
  exit 1
}
for tool in wrk nginx curl psql; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh"
done
[[ -x "$PEIXUN_BIN" ]] || die "$PEIXUN_BIN is missing: run scripts/build.sh"
[[ -x "$BENCH_BIN" ]] || die "$BENCH_BIN is missing: build the peixun_checkin_bench target"

WORK="$(mktemp -d /tmp/peixun-bench-checkin.XXXXXX)"
chmod 755 "$WORK"
NGINX_PID=""
PEIXUN_PID=""
source "$ROOT/bench/lib.sh"
PG_STARTED=0
cleanup() {
  stop_process "$PEIXUN_PID" 15
  stop_process "$NGINX_PID" 5
  if [[ "$PG_STARTED" == 1 ]]; then
    "$ROOT/scripts/pg-test-cluster.sh" stop "$WORK" "$PG_PORT" >/dev/null 2>&1 || true
  fi
  [[ "${KEEP_WORKDIR:-0}" == 1 ]] && echo "bench/checkin: logs kept in $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- nginx ---------------------------------------------------------------------------
bench_static_site
bench_static_nginx_conf "$NGINX_PORT"
bench_start_nginx "$WORK/nginx.conf" "http://$HOST:$NGINX_PORT/hello.txt"
echo "bench/checkin: wrk -t2 -c$CONNECTIONS -d${DURATION}s nginx" >&2
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "http://$HOST:$NGINX_PORT/hello.txt" >"$WORK/wrk-nginx.txt"
NGINX_RPS=$(awk '/Requests\/sec:/ { print $2 }' "$WORK/wrk-nginx.txt")

# --- one database --------------------------------------------------------------------
# Prints "label ok/s p50 p99 ok errors raw_rows/s raw_batches peak_rss_kb".
run_db() {  # label url
  local label="$1" url="$2"
  "$PEIXUN_BIN" init --db "$url" >"$WORK/init-$label.log" 2>&1 || die "init failed: $(cat "$WORK/init-$label.log")"
  read -r SESSION TOKEN BADGES < <("$BENCH_BIN" setup "$url" "$TRAINEES") || die "setup failed"
  "$PEIXUN_BIN" serve --db "$url" --listen "$HOST:$PEIXUN_PORT" >"$WORK/serve-$label.log" 2>&1 &
  PEIXUN_PID=$!
  wait_for "http://$HOST:$PEIXUN_PORT/healthz" "$PEIXUN_PID" "$WORK/serve-$label.log"
  echo "bench/checkin: storm on $label ($CONNECTIONS connections, ${DURATION}s)" >&2
  local storm
  # wrk (epoll, two threads) as the client, as for nginx: a thread-per-connection
  # client would take the cores the server needs.
  STORM_TOKEN="$TOKEN" STORM_SESSION="$SESSION" STORM_BADGES="$BADGES" \
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$ROOT/bench/checkin/storm.lua" \
    "http://$HOST:$PEIXUN_PORT" >"$WORK/wrk-$label.txt"
  storm=$(awk '/^WRK / {
    ok = $2 - $3; printf "%.1f %.2f %.2f %d %d", ok / $7, $5, $6, ok, $3 + $4 }' "$WORK/wrk-$label.txt")
  [[ -n "$storm" ]] || die "wrk printed no summary: $(cat "$WORK/wrk-$label.txt")"
  local rss
  rss=$(awk '/VmHWM/ { print $2 }' "/proc/$PEIXUN_PID/status")
  stop_process "$PEIXUN_PID" 15
  PEIXUN_PID=""
  echo "bench/checkin: raw batched inserts on $label ($RAW_ROWS rows queued from one thread)" >&2
  local raw
  raw=$("$BENCH_BIN" raw "$url" "$RAW_ROWS")
  echo "$label $storm $raw $rss"
}

LINES=()
if [[ " $DATABASES " == *" sqlite "* ]]; then
  LINES+=("$(run_db sqlite "sqlite:$WORK/bench.db")")
fi
if [[ " $DATABASES " == *" postgres "* ]]; then
  PG_STARTED=1
  PG_ADMIN=$("$ROOT/scripts/pg-test-cluster.sh" start "$WORK" "$PG_PORT" | tail -n1)
  PG_DB="peixun_bench_$$"
  psql "$PG_ADMIN" -qc "CREATE DATABASE $PG_DB" >/dev/null
  PG_URL="${PG_ADMIN%/*}/$PG_DB"
  LINES+=("$(run_db postgres "$PG_URL")")
  psql "$PG_ADMIN" -qc "DROP DATABASE $PG_DB WITH (FORCE)" >/dev/null || true
fi

echo
echo "Check-in storm: $CONNECTIONS keep-alive clients, ${DURATION}s, $TRAINEES trainees, $(nproc) cores, 127.0.0.1 ($(date -u +%Y-%m-%dT%H:%MZ))"
printf 'nginx GET /hello.txt (20 B): %.0f requests/s\n' "$NGINX_RPS"
printf '%-9s %14s %8s %8s %10s %12s %10s %12s %10s\n' database "durable/s" "p50 ms" "p99 ms" "errors" "raw rows/s" "vs nginx" "vs raw" "peak RSS"
for line in "${LINES[@]}"; do
  read -r label ok_s p50 p99 ok errors raw_s raw_batches raw_fail rss <<<"$line"
  awk -v l="$label" -v o="$ok_s" -v p5="$p50" -v p9="$p99" -v e="$errors" -v r="$raw_s" \
    -v n="$NGINX_RPS" -v m="$rss" 'BEGIN {
    printf "%-9s %14.0f %8.2f %8.2f %10d %12.0f %10.3f %12.2f %7.1f MB\n", l, o, p5, p9, e, r,
      (n > 0 ? o / n : 0), (r > 0 ? o / r : 0), m / 1024
  }'
done
