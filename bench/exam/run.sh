#!/usr/bin/env bash
# 1,000 trainees saving exam answers at once against `peixun serve` over loopback, on
# SQLite and on PostgreSQL, next to nginx serving a 20-byte file in the same run as a
# yardstick (the pattern of bench/checkin/run.sh).
#
#   bench/exam/run.sh      (after scripts/build.sh and the peixun_exam_bench target;
#                           needs nginx, wrk, curl, psql; not run in CI)
#
# For each database: `peixun init`, then peixun_exam_bench setup (a class with an exam
# session running now, the exam of 40 questions, TRAINEES approved trainees each with a
# trainee login, an API token and an attempt started), `peixun serve`, then CONNECTIONS
# keep-alive clients (wrk with bench/exam/answers.lua) save answers (PUT
# /api/v1/attempts/{id}/answers, a fresh idempotency key each) for DURATION seconds.
# Every 200 is a durable write: the answer and its idempotency key are committed
# (SQLite synchronous=FULL, PostgreSQL fsync on) before the response. Afterwards the
# stored idempotency keys are counted: at least one per 200 seen, or the run fails.
# Prints durable answers/s, p50/p99, the ratio to nginx's requests/s and peak RSS.
#
# Environment: PEIXUN_BIN (build/peixun), BENCH_BIN (build/bench/peixun_exam_bench),
# NGINX_PORT (18092), PEIXUN_PORT (18093), PG_PORT (55493; a throwaway cluster from
# scripts/pg-test-cluster.sh), DURATION (10), CONNECTIONS (1000), TRAINEES (1000),
# DATABASES ("sqlite postgres"), KEEP_WORKDIR=1 to keep logs.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PEIXUN_BIN="${PEIXUN_BIN:-$ROOT/build/peixun}"
BENCH_BIN="${BENCH_BIN:-$ROOT/build/bench/peixun_exam_bench}"
NGINX_PORT="${NGINX_PORT:-18092}"
PEIXUN_PORT="${PEIXUN_PORT:-18093}"
PG_PORT="${PG_PORT:-55493}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-1000}"
TRAINEES="${TRAINEES:-1000}"
DATABASES="${DATABASES:-sqlite postgres}"
HOST=127.0.0.1
ulimit -n 65536 2>/dev/null || true

die() {
  echo "bench/exam: $*" >&2
  exit 1
}
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh"
done
[[ -x "$PEIXUN_BIN" ]] || die "$PEIXUN_BIN is missing: run scripts/build.sh"
[[ -x "$BENCH_BIN" ]] || die "$BENCH_BIN is missing: build the peixun_exam_bench target"

WORK="$(mktemp -d /tmp/peixun-bench-exam.XXXXXX)"
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
  [[ "${KEEP_WORKDIR:-0}" == 1 ]] && echo "bench/exam: logs kept in $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- nginx ---------------------------------------------------------------------------
bench_static_site
bench_static_nginx_conf "$NGINX_PORT"
bench_start_nginx "$WORK/nginx.conf" "http://$HOST:$NGINX_PORT/hello.txt"
echo "bench/exam: wrk -t2 -c$CONNECTIONS -d${DURATION}s nginx" >&2
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "http://$HOST:$NGINX_PORT/hello.txt" >"$WORK/wrk-nginx.txt"
NGINX_RPS=$(awk '/Requests\/sec:/ { print $2 }' "$WORK/wrk-nginx.txt")
bench_stop_nginx

# --- one database --------------------------------------------------------------------
# Prints "label ok/s p50 p99 ok errors stored_keys peak_rss_kb".
run_db() {  # label url
  local label="$1" url="$2"
  "$PEIXUN_BIN" init --db "$url" >"$WORK/init-$label.log" 2>&1 || die "init failed: $(cat "$WORK/init-$label.log")"
  echo "bench/exam: setup on $label ($TRAINEES trainees, logins and attempts)" >&2
  local questions
  questions=$("$BENCH_BIN" setup "$url" "$TRAINEES" "$WORK/trainees-$label.txt") || die "setup failed"
  "$PEIXUN_BIN" serve --db "$url" --listen "$HOST:$PEIXUN_PORT" >"$WORK/serve-$label.log" 2>&1 &
  PEIXUN_PID=$!
  wait_for "http://$HOST:$PEIXUN_PORT/healthz" "$PEIXUN_PID" "$WORK/serve-$label.log"
  echo "bench/exam: answers on $label ($CONNECTIONS connections, ${DURATION}s)" >&2
  EXAM_TRAINEES="$WORK/trainees-$label.txt" EXAM_QUESTIONS="$questions" \
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$ROOT/bench/exam/answers.lua" \
    "http://$HOST:$PEIXUN_PORT" >"$WORK/wrk-$label.txt"
  local storm
  storm=$(awk '/^WRK / {
    ok = $2 - $3; printf "%.1f %.2f %.2f %d %d", ok / $7, $5, $6, ok, $3 + $4 }' "$WORK/wrk-$label.txt")
  [[ -n "$storm" ]] || die "wrk printed no summary: $(cat "$WORK/wrk-$label.txt")"
  local rss
  rss=$(awk '/VmHWM/ { print $2 }' "/proc/$PEIXUN_PID/status")
  stop_process "$PEIXUN_PID" 15
  PEIXUN_PID=""
  local stored ok
  stored=$("$BENCH_BIN" count "$url" | awk '{ print $2 }')
  ok=$(echo "$storm" | awk '{ print $4 }')
  (( stored >= ok )) || die "$label: $ok answers acknowledged but only $stored stored"
  echo "$label $storm $stored $rss"
}

LINES=()
for db in $DATABASES; do
  case "$db" in
    sqlite) LINES+=("$(run_db sqlite "sqlite:$WORK/bench.db")") ;;
    postgres)
      command -v psql >/dev/null || die "psql is missing"
      PG_STARTED=1
      PG_ADMIN=$("$ROOT/scripts/pg-test-cluster.sh" start "$WORK" "$PG_PORT" | tail -n1)
      PG_DB="peixun_exam_bench_$$"
      psql "$PG_ADMIN" -qc "CREATE DATABASE $PG_DB" >/dev/null
      LINES+=("$(run_db postgres "${PG_ADMIN%/*}/$PG_DB")")
      psql "$PG_ADMIN" -qc "DROP DATABASE $PG_DB WITH (FORCE)" >/dev/null || true
      ;;
    *) die "unknown database $db" ;;
  esac
done

echo
echo "Exam answers: $CONNECTIONS keep-alive clients, ${DURATION}s, $TRAINEES trainees, $(nproc) cores, 127.0.0.1 ($(date -u +%Y-%m-%dT%H:%MZ))"
printf 'nginx GET /hello.txt (20 B): %.0f requests/s\n' "$NGINX_RPS"
printf '%-9s %14s %8s %8s %10s %10s %12s %10s\n' database "durable/s" "p50 ms" "p99 ms" "errors" "vs nginx" "keys stored" "peak RSS"
for line in "${LINES[@]}"; do
  read -r label ok_s p50 p99 ok errors stored rss <<<"$line"
  awk -v l="$label" -v o="$ok_s" -v p5="$p50" -v p9="$p99" -v e="$errors" -v s="$stored" \
    -v n="$NGINX_RPS" -v m="$rss" 'BEGIN {
    printf "%-9s %14.0f %8.2f %8.2f %10d %10.3f %12d %7.1f MB\n", l, o, p5, p9, e,
      (n > 0 ? o / n : 0), s, m / 1024
  }'
done
