#!/usr/bin/env bash
# HTTP throughput of peixun next to nginx on the same machine, as a yardstick.
#
#   bench/http/run.sh            (after scripts/install-deps.sh and scripts/build.sh)
#
# Starts nginx (temporary config, 2 workers, no access log) serving a 20-byte file
# and `peixun demo` on a fresh SQLite database, logs in as the demo admin, then runs
# wrk (2 threads, 64 connections, DURATION seconds each) against
#   1. nginx's static file          — the ceiling of this machine
#   2. peixun GET /healthz          — the HTTP path: parse, worker pool hop, write
#   3. peixun GET /api/v1/people?page_size=20 (logged in) — a real list: session
#      check, a database read, JSON of 20 people
# and prints requests/s and p99 latency with the ratios to nginx. Only 127.0.0.1;
# everything it starts is stopped on exit. Installs nothing. wrk shares the CPUs with
# the servers, so the figures compare the targets with each other; they are not
# the capacity of a dedicated server.
#
# Environment: PEIXUN_BIN (default build/peixun), NGINX_PORT (18080),
# PEIXUN_PORT (18081), DURATION (10), CONNECTIONS (64), KEEP_WORKDIR=1 to keep logs.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PEIXUN_BIN="${PEIXUN_BIN:-$ROOT/build/peixun}"
NGINX_PORT="${NGINX_PORT:-18080}"
PEIXUN_PORT="${PEIXUN_PORT:-18081}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
HOST=127.0.0.1

die() {
  echo "bench/http: $*" >&2
  exit 1
}

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh"
done
[[ -x "$PEIXUN_BIN" ]] || die "$PEIXUN_BIN is missing: run scripts/build.sh"
for port in "$NGINX_PORT" "$PEIXUN_PORT"; do
  if (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
    die "port $port on $HOST is taken (set NGINX_PORT / PEIXUN_PORT)"
  fi
done

WORK="$(mktemp -d /tmp/peixun-bench-http.XXXXXX)"
# nginx's workers run as an unprivileged user when started as root: let them in.
chmod 755 "$WORK"
NGINX_PID=""
PEIXUN_PID=""

source "$ROOT/bench/lib.sh"

cleanup() {
  stop_process "$PEIXUN_PID" 15 "bench/http: peixun"
  bench_stop_nginx
  if [[ "${KEEP_WORKDIR:-0}" == 1 ]]; then
    echo "bench/http: logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- nginx: a 20-byte file --------------------------------------------------------
bench_static_site
bench_static_nginx_conf "$NGINX_PORT"
bench_start_nginx "$WORK/nginx.conf" "http://$HOST:$NGINX_PORT/hello.txt"

# --- peixun: the demo on a fresh SQLite file ---------------------------------------
"$PEIXUN_BIN" demo --db "sqlite:$WORK/demo.db" --listen "$HOST:$PEIXUN_PORT" \
  >"$WORK/peixun.log" 2>&1 &
PEIXUN_PID=$!

wait_for "http://$HOST:$PEIXUN_PORT/healthz" "$PEIXUN_PID" "$WORK/peixun.log"

# --- log in as the demo admin ------------------------------------------------------
read -r ADMIN_USER ADMIN_PASS < <(sed -n 's/.*admin: \([^ ]*\) \([^ ]*\).*/\1 \2/p' \
  "$WORK/peixun.log" | head -n1 | tr -d '\r') || true
[[ -n "${ADMIN_USER:-}" && -n "${ADMIN_PASS:-}" ]] ||
  die "no 'admin: USERNAME PASSWORD' line in peixun's output ($WORK/peixun.log)"
json_escape() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' <<<"$1"; }
LOGIN_STATUS=$(curl -sS --max-time 10 -o "$WORK/login.json" -D "$WORK/login.headers" \
  -w '%{http_code}' -H 'Content-Type: application/json' \
  --data "{\"username\":\"$(json_escape "$ADMIN_USER")\",\"password\":\"$(json_escape "$ADMIN_PASS")\"}" \
  "http://$HOST:$PEIXUN_PORT/api/v1/auth/login")
[[ "$LOGIN_STATUS" == 200 ]] || die "login answered $LOGIN_STATUS: $(cat "$WORK/login.json")"
COOKIE=$(grep -i '^set-cookie:' "$WORK/login.headers" | tr -d '\r' |
  sed -E 's/^[^:]*: *([^;]*).*/\1/' | paste -sd ';' | sed 's/;/; /g')
[[ -n "$COOKIE" ]] || die "login set no cookie"
PEOPLE_URL="http://$HOST:$PEIXUN_PORT/api/v1/people?page_size=20"
PEOPLE_STATUS=$(curl -sS --max-time 10 -o "$WORK/people.json" -w '%{http_code}' \
  -H "Cookie: $COOKIE" "$PEOPLE_URL")
[[ "$PEOPLE_STATUS" == 200 ]] || die "the people list answered $PEOPLE_STATUS: $(cat "$WORK/people.json")"

# --- wrk ---------------------------------------------------------------------------
# Prints "requests_per_second p99_ms non2xx socket_errors" for one run.
run_wrk() {  # name, url, extra wrk args...
  local name="$1" url="$2"
  shift 2
  echo "bench/http: wrk -t2 -c$CONNECTIONS -d${DURATION}s $name" >&2
  timeout $((DURATION + 30)) wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency \
    "$@" "$url" >"$WORK/wrk-$name.txt" 2>&1 || die "wrk on $name failed: $(cat "$WORK/wrk-$name.txt")"
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" && !p99 { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { errs = $0; sub(/.*Socket errors: */, "", errs); gsub(/ /, "", errs) }
    END { printf "%s %s %s %s\n", rps + 0, p99 + 0, bad + 0, (errs == "" ? "-" : errs) }
  ' "$WORK/wrk-$name.txt"
}

# (Assignments, not process substitution, so a failing run stops the script.)
NGINX_LINE=$(run_wrk nginx-file "http://$HOST:$NGINX_PORT/hello.txt")
HEALTH_LINE=$(run_wrk peixun-healthz "http://$HOST:$PEIXUN_PORT/healthz")
PEOPLE_LINE=$(run_wrk peixun-people "$PEOPLE_URL" -H "Cookie: $COOKIE")
read -r NGINX_RPS NGINX_P99 NGINX_BAD NGINX_ERR <<<"$NGINX_LINE"
read -r HEALTH_RPS HEALTH_P99 HEALTH_BAD HEALTH_ERR <<<"$HEALTH_LINE"
read -r PEOPLE_RPS PEOPLE_P99 PEOPLE_BAD PEOPLE_ERR <<<"$PEOPLE_LINE"

# --- table -------------------------------------------------------------------------
echo
echo "HTTP benchmark: wrk -t2 -c$CONNECTIONS -d${DURATION}s on $(nproc) cores, 127.0.0.1 ($(date -u +%Y-%m-%dT%H:%MZ))"
printf '%-40s %12s %10s %9s %14s %14s\n' target "requests/s" "p99 ms" "non-2xx" "req/s ratio" "p99 ratio"
row() {  # label rps p99 bad errors
  awk -v l="$1" -v r="$2" -v p="$3" -v b="$4" -v nr="$NGINX_RPS" -v np="$NGINX_P99" 'BEGIN {
    printf "%-40s %12.0f %10.2f %9d %14s %14s\n", l, r, p, b,
      (nr > 0 ? sprintf("%.2f", r / nr) : "-"), (np > 0 ? sprintf("%.1f", p / np) : "-")
  }'
  [[ "$5" == "-" ]] || echo "    socket errors: $5"
}
row "nginx  GET /hello.txt (20 B)" "$NGINX_RPS" "$NGINX_P99" "$NGINX_BAD" "$NGINX_ERR"
row "peixun GET /healthz" "$HEALTH_RPS" "$HEALTH_P99" "$HEALTH_BAD" "$HEALTH_ERR"
row "peixun GET /api/v1/people?page_size=20" "$PEOPLE_RPS" "$PEOPLE_P99" "$PEOPLE_BAD" "$PEOPLE_ERR"
if ((HEALTH_BAD + PEOPLE_BAD > 0)); then
  echo "note: peixun answered non-2xx responses (throttling or errors); see wrk output with KEEP_WORKDIR=1" >&2
fi
