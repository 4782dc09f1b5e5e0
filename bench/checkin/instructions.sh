#!/usr/bin/env bash
# Instructions per check-in: a load-independent figure for the SQLite check-in path
# (the storm's rate depends on what else the machine runs; the instructions the
# server spends per durable check-in do not, much). This machine's perf has no
# hardware counters (a VM), so the count comes from callgrind: the server runs under
# valgrind --tool=callgrind, its counters are zeroed after a warm-up and dumped
# after a storm of DURATION seconds; Ir (instructions executed, all threads) /
# check-ins. Without CALLGRIND=1: perf stat's task-clock (CPU ms per check-in).
#
#   bench/checkin/instructions.sh [PEIXUN_BIN] [BENCH_BIN]
#
# `peixun init` + peixun_checkin_bench setup (TRAINEES trainees), `peixun serve`, a
# warm-up storm, then the measured storm: wrk sends kiosk scans
# (bench/checkin/storm.lua) for DURATION seconds over CONNECTIONS connections (every
# 200 is a durable check-in). With PROFILE=1 it also records `perf record -g` during a second storm
# and prints the top of `perf report --no-children` (self time by symbol).
# Environment: TRAINEES (1000), CONNECTIONS (50), DURATION (5), PORT (18191).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PEIXUN_BIN="${1:-$ROOT/build/peixun}"
BENCH_BIN="${2:-$ROOT/build/bench/peixun_checkin_bench}"
TRAINEES="${TRAINEES:-1000}"
CONNECTIONS="${CONNECTIONS:-50}"
DURATION="${DURATION:-5}"
PORT="${PORT:-18191}"
HOST=127.0.0.1
WORK="$(mktemp -d /tmp/peixun-instr.XXXXXX)"
PID=""
cleanup() {
  [[ -n "$PID" ]] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  [[ "${KEEP_WORKDIR:-0}" == 1 ]] && echo "logs kept in $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
URL="sqlite:$WORK/bench.db"
"$PEIXUN_BIN" init --db "$URL" >"$WORK/init.log" 2>&1
read -r SESSION TOKEN BADGES < <("$BENCH_BIN" setup "$URL" "$TRAINEES")
if [[ "${CALLGRIND:-0}" == 1 ]]; then
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" \
    "$PEIXUN_BIN" serve --db "$URL" --listen "$HOST:$PORT" >"$WORK/serve.log" 2>&1 &
else
  "$PEIXUN_BIN" serve --db "$URL" --listen "$HOST:$PORT" >"$WORK/serve.log" 2>&1 &
fi
PID=$!
for ((i = 0; i < 1200; i++)); do
  curl -fsS -o /dev/null --max-time 1 "http://$HOST:$PORT/healthz" 2>/dev/null && break
  sleep 0.1
done
storm() {  # seconds
  STORM_TOKEN="$TOKEN" STORM_SESSION="$SESSION" STORM_BADGES="$BADGES" \
    wrk -t1 -c"$CONNECTIONS" -d"${1}s" --timeout 10s -s "$ROOT/bench/checkin/storm.lua" \
    "http://$HOST:$PORT" | awk '/^WRK / { print $2 - $3, $3 + $4, $5, $6 }'
}
storm 2 >/dev/null  # warm-up: caches, statement caches, connections
if [[ "${CALLGRIND:-0}" == 1 ]]; then
  callgrind_control -z "$PID" >/dev/null
  read -r OK ERR P50 P99 < <(storm "$DURATION")
  callgrind_control -d "$PID" >/dev/null
  sleep 1
  INSTR=$(cat "$WORK"/cg.out.* 2>/dev/null | awk '/^(summary|totals):/ { s += $2 } END { print s + 0 }')
  UNIT="instructions (callgrind Ir, all threads)"
else
  perf stat -x, -e task-clock -p "$PID" -o "$WORK/stat.txt" &
  STAT=$!
  sleep 0.2
  read -r OK ERR P50 P99 < <(storm "$DURATION")
  kill -INT "$STAT"
  wait "$STAT" || true
  INSTR=$(awk -F, '/task-clock/ { print $1 * 1000 }' "$WORK/stat.txt")  # microseconds
  UNIT="CPU microseconds (task-clock)"
fi
awk -v i="$INSTR" -v n="$OK" -v e="$ERR" -v p5="$P50" -v p9="$P99" -v u="$UNIT" 'BEGIN {
  printf "check-ins %d (errors %d), p50 %.2f ms p99 %.2f ms; server %s %.0f = %.1f per check-in\n",
    n, e, p5, p9, u, i, (n > 0 ? i / n : 0) }'
if [[ "${PROFILE:-0}" == 1 ]]; then
  perf record -F 999 -g -p "$PID" -o "$WORK/perf.data" >/dev/null 2>&1 &
  REC=$!
  sleep 0.2
  storm "$DURATION" >/dev/null
  kill -INT "$REC"
  wait "$REC" || true
  perf report -i "$WORK/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null |
    grep -E '^ +[0-9]' | sed -E 's/ +$//' | head -"${TOP:-30}"
fi
