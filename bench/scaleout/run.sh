#!/usr/bin/env bash
# Several `peixun serve` instances on one PostgreSQL behind nginx, a check-in storm
# through nginx, one instance killed with kill -9 in the middle of it (issue 15).
#
#   bench/scaleout/run.sh          (after scripts/build.sh; needs nginx, wrk, curl, psql)
#   SCALEOUT_MODE=ci bench/scaleout/run.sh   the short check tests/scaleout runs in CTest
#
# Each scenario gets a fresh database (`peixun init`, then peixun_checkin_bench setup: a
# class, a session running now, TRAINEES trainees, an admin API token), N instances
# (`peixun serve --listen 127.0.0.1:PORT`) and nginx in front of them, configured as an
# operator would (upstream keepalive, Host/X-Forwarded-For/X-Forwarded-Proto set by the
# balancer, the live feed unbuffered). peixun_scaleout_client then runs CONNECTIONS kiosk
# clients through nginx for DURATION seconds; a client retries a failed check-in with
# the same idempotency key until it is answered 200. In a "kill" scenario the first
# instance is killed with kill -9 at KILL_AT seconds. A live dashboard (the projector's
# server-sent events, GET /api/v1/sessions/{id}/live) is open on the last instance,
# which survives, from before the storm to after it.
#
# After each storm it checks (and exits 1 when one fails):
#  - every key a client started was recorded exactly once, and nothing else was: the
#    session's attendance_events hold exactly the started keys, each once (so every
#    acknowledged check-in is there once, and every check-in that failed was recorded
#    after its retries); no client is left with an unanswered check-in, none refused;
#  - the dashboard on the survivor got one `checkin` event per recorded row (each kiosk
#    scan that records a row publishes one; the other instances' reach it through
#    PostgreSQL NOTIFY, sent inside the transaction that records the row, so a
#    kill -9 loses none), and the last counts it showed are the database's;
#  - a session made by logging in on one instance works on another (GET /auth/me), and
#    logging out there ends it on the first.
# and prints check-ins/s through the balancer, p50/p99, errors and retries, next to
# nginx's static rate from the same run (bench mode), and the ratio to 1 instance.
#
# Environment: PEIXUN_BIN (build/peixun), SETUP_BIN (build/bench/peixun_checkin_bench),
# CLIENT_BIN (build/bench/peixun_scaleout_client), SCALEOUT_MODE (bench|ci),
# SCENARIOS ("1 2 3 2k 3k" in bench mode: instances, k = kill the first one; "2 2k" in ci),
# NGINX_PORT (18190; the static yardstick on NGINX_PORT-1), BASE_PORT (18191: instance i
# on BASE_PORT+i), PG_PORT (55493), DURATION (10; 6 in ci), KILL_AT (DURATION/2),
# CONNECTIONS (1000; 50 in ci), TRAINEES (1000; 200 in ci), FINISH_SECONDS (60; 20 in ci:
# how long clients may go on retrying after DURATION), KEEP_WORKDIR=1 keeps logs.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MODE="${SCALEOUT_MODE:-bench}"
PEIXUN_BIN="${PEIXUN_BIN:-$ROOT/build/peixun}"
SETUP_BIN="${SETUP_BIN:-$ROOT/build/bench/peixun_checkin_bench}"
CLIENT_BIN="${CLIENT_BIN:-$ROOT/build/bench/peixun_scaleout_client}"
if [[ "$MODE" == ci ]]; then
  SCENARIOS="${SCENARIOS:-2 2k}"
  DURATION="${DURATION:-6}"
  CONNECTIONS="${CONNECTIONS:-50}"
  TRAINEES="${TRAINEES:-200}"
  FINISH_SECONDS="${FINISH_SECONDS:-20}"
else
  SCENARIOS="${SCENARIOS:-1 2 3 2k 3k}"
  DURATION="${DURATION:-10}"
  CONNECTIONS="${CONNECTIONS:-1000}"
  TRAINEES="${TRAINEES:-1000}"
  FINISH_SECONDS="${FINISH_SECONDS:-60}"
fi
KILL_AT="${KILL_AT:-$((DURATION / 2))}"
NGINX_PORT="${NGINX_PORT:-18190}"
STATIC_PORT=$((NGINX_PORT - 1))
BASE_PORT="${BASE_PORT:-18191}"
PG_PORT="${PG_PORT:-55493}"
HOST=127.0.0.1
ulimit -n 65536 2>/dev/null || true

die() {
  echo "scaleout: $*" >&2
  exit 1
}
for tool in nginx curl psql; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh"
done
[[ "$MODE" == ci ]] || command -v wrk >/dev/null || die "wrk is missing: run scripts/install-deps.sh"
for bin in "$PEIXUN_BIN" "$SETUP_BIN" "$CLIENT_BIN"; do
  [[ -x "$bin" ]] || die "$bin is missing: run scripts/build.sh"
done

WORK="$(mktemp -d /tmp/peixun-scaleout.XXXXXX)"
chmod 755 "$WORK"
PIDS=()  # instances, nginx, the dashboard: everything this script started
NGINX_PID=""
PG_STARTED=0
source "$ROOT/bench/lib.sh"
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do stop_process "$pid" 15; done
  PIDS=()
  NGINX_PID=""
}
cleanup() {
  stop_all
  if [[ "$PG_STARTED" == 1 ]]; then
    "$ROOT/scripts/pg-test-cluster.sh" stop "$WORK" "$PG_PORT" >/dev/null 2>&1 || true
  fi
  if [[ "${KEEP_WORKDIR:-0}" == 1 ]]; then echo "scaleout: logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

FAILURES=0
check() {  # description, then a command that must succeed
  local what="$1"
  shift
  if "$@"; then
    echo "scaleout:   ok   $what" >&2
  else
    echo "scaleout:   FAIL $what" >&2
    FAILURES=$((FAILURES + 1))
  fi
}

# --- nginx ---------------------------------------------------------------------------
bench_static_site

# nginx in front of instances 1..N: the balancer an operator would write. Requests
# go round-robin over keep-alive upstream connections; an instance that refuses a
# connection is skipped for fail_timeout (a POST nginx could not send goes to the
# next instance; one it sent is answered 502 and the client retries it with the same
# idempotency key). The balancer is the edge: it sets X-Forwarded-For to the peer it
# saw (not appending to what the client claims) and X-Forwarded-Proto to its scheme.
start_nginx() {  # instances
  local n="$1" servers="" i
  for ((i = 1; i <= n; i++)); do
    servers+="    server $HOST:$((BASE_PORT + i)) max_fails=1 fail_timeout=10s;"$'\n'
  done
  cat >"$WORK/nginx.conf" <<NGINX
$(bench_nginx_head 8192)
http {
  log_format upstream '\$remote_addr \$status \$upstream_addr \$upstream_status \$request_time "\$request"';
  access_log $WORK/nginx-access.log upstream buffer=256k flush=1s;
$(bench_nginx_temp_paths)
  keepalive_requests 1000000;

  upstream peixun {
$servers    keepalive 256;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
  }

  server {
    listen $HOST:$NGINX_PORT;
    client_max_body_size 64m;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-For \$remote_addr;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_connect_timeout 2s;
    proxy_read_timeout 60s;
    location / { proxy_pass http://peixun; }
    # The projector's live feed (server-sent events): passed on as it comes.
    location ~ ^/api/v1/sessions/[0-9]+/live\$ {
      proxy_pass http://peixun;
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
  # The yardstick: a 20-byte file served by the same nginx.
  server { listen $HOST:$STATIC_PORT; access_log off; root $WORK/www; default_type text/plain; }
}
NGINX
  : >"$WORK/nginx-access.log"
  bench_start_nginx "$WORK/nginx.conf"
  PIDS+=("$NGINX_PID")
  bench_wait_nginx "http://$HOST:$STATIC_PORT/hello.txt"
}

# --- PostgreSQL ----------------------------------------------------------------------
PG_STARTED=1
PG_ADMIN=$("$ROOT/scripts/pg-test-cluster.sh" start "$WORK" "$PG_PORT" | tail -n1)
PG_BASE="${PG_ADMIN%/*}"

NGINX_RPS=0
if [[ "$MODE" != ci ]]; then
  start_nginx 1
  echo "scaleout: wrk -t2 -c$CONNECTIONS -d${DURATION}s nginx static" >&2
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "http://$HOST:$STATIC_PORT/hello.txt" >"$WORK/wrk-nginx.txt"
  NGINX_RPS=$(awk '/Requests\/sec:/ { print $2 }' "$WORK/wrk-nginx.txt")
  stop_all
fi

# --- one scenario --------------------------------------------------------------------
# Prints "scenario instances kill ok/s p50 p99 errors retries acked rows events survivor_rss_kb".
run_scenario() {  # scenario: N or Nk
  local scenario="$1" n="${1%k}" kill=0
  [[ "$scenario" == *k ]] && kill=1
  local dir="$WORK/$scenario" db="peixun_scaleout_${scenario}_$$"
  mkdir -p "$dir"
  psql "$PG_ADMIN" -qc "CREATE DATABASE $db" >/dev/null
  local url="$PG_BASE/$db"
  export PEIXUN_KEY_FILE="$dir/peixun.key"
  "$PEIXUN_BIN" init --db "$url" >"$dir/init.log" 2>&1 || die "init failed: $(cat "$dir/init.log")"
  local password
  password=$(awk '$1 == "admin:" && $2 == "admin" { print $3 }' "$dir/init.log")
  [[ -n "$password" ]] || die "init printed no first admin: $(cat "$dir/init.log")"
  local session token badges
  read -r session token badges < <("$SETUP_BIN" setup "$url" "$TRAINEES") || die "setup failed"
  # The setup tool writes PostgreSQL badges to one fixed path: keep our own copy.
  cp "$badges" "$dir/badges"

  local i port
  local -a ports=() pids=()
  for ((i = 1; i <= n; i++)); do
    port=$((BASE_PORT + i))
    "$PEIXUN_BIN" serve --db "$url" --listen "$HOST:$port" --second-factor optional --trusted-proxy 127.0.0.1 \
      >"$dir/serve-$i.log" 2>&1 &
    pids+=($!)
    PIDS+=($!)
    ports+=("$port")
  done
  for ((i = 0; i < n; i++)); do
    wait_for "http://$HOST:${ports[i]}/healthz" "${pids[i]}" "$dir/serve-$((i + 1)).log"
  done
  start_nginx "$n"
  local survivor_port="${ports[n - 1]}" survivor_pid="${pids[n - 1]}"

  # A session made on one instance works on another, through the same database.
  if ((n >= 2)); then
    local jar="$dir/cookies" csrf
    csrf=$(curl -fsS -c "$jar" -H 'Content-Type: application/json' \
      -d "{\"username\":\"admin\",\"password\":\"$password\"}" \
      "http://$HOST:${ports[0]}/api/v1/auth/login" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
    check "[$scenario] login on instance 1 gives a session" test -n "$csrf"
    check "[$scenario] its cookie works on instance $n" \
      bash -c "curl -fsS -b '$jar' 'http://$HOST:$survivor_port/api/v1/auth/me' | grep -q '\"username\":\"admin\"'"
    check "[$scenario] logout on instance $n (CSRF token from instance 1)" \
      bash -c "[[ \$(curl -sS -o /dev/null -w '%{http_code}' -b '$jar' -X POST -H 'X-CSRF-Token: $csrf' 'http://$HOST:$survivor_port/api/v1/auth/logout') == 204 ]]"
    check "[$scenario] ends the session on instance 1" \
      bash -c "[[ \$(curl -sS -o /dev/null -w '%{http_code}' -b '$jar' 'http://$HOST:${ports[0]}/api/v1/auth/me') == 401 ]]"
  fi

  # The dashboard: the projector's live feed, open on the instance that survives.
  curl -sSN -H "Authorization: Bearer $token" \
    "http://$HOST:$survivor_port/api/v1/sessions/$session/live" >"$dir/live.txt" 2>"$dir/live.err" &
  local live_pid=$!
  PIDS+=("$live_pid")
  for ((i = 0; i < 50; i++)); do
    grep -q '^event: counts' "$dir/live.txt" && break
    sleep 0.1
  done
  grep -q '^event: counts' "$dir/live.txt" || die "[$scenario] the live feed did not open: $(cat "$dir/live.err")"

  echo "scaleout: [$scenario] storm through nginx: $n instance(s), $CONNECTIONS connections, ${DURATION}s$( ((kill)) && echo ", kill -9 of instance 1 at ${KILL_AT}s")" >&2
  local killer_pid=""
  if ((kill)); then
    (sleep "$KILL_AT" && kill -KILL "${pids[0]}" && echo "scaleout: [$scenario] kill -9 instance 1 (pid ${pids[0]})" >&2) &
    killer_pid=$!
  fi
  "$CLIENT_BIN" "$NGINX_PORT" "$token" "$session" "$dir/badges" "$CONNECTIONS" "$DURATION" \
    "$dir/storm" "$FINISH_SECONDS" >"$dir/client.txt" || die "[$scenario] the client failed: $(cat "$dir/client.txt")"
  [[ -n "$killer_pid" ]] && wait "$killer_pid"
  if ((kill)); then
    check "[$scenario] instance 1 is dead" bash -c "! kill -0 ${pids[0]} 2>/dev/null"
  fi
  local rss
  rss=$(awk '/VmHWM/ { print $2 }' "/proc/$survivor_pid/status")
  # Let the last notifications reach the dashboard (the notifier sends within ms).
  sleep 2
  stop_process "$live_pid" 5

  local started acked pending refused requests retries conn_errors http_errors in_window window p50 p99 max_key
  read -r _ started acked pending refused requests retries conn_errors http_errors in_window window p50 p99 max_key \
    <"$dir/client.txt"

  # The database: the client's part of each stored key (after the last ':').
  psql "$url" -At -c "SELECT substring(idempotency_key from '[^:]*\$') FROM attendance_events
                      WHERE session_id = $session" | sort >"$dir/recorded"
  sort "$dir/storm.sent" >"$dir/sent"
  sort "$dir/storm.acked" >"$dir/acked"
  local rows events last_counts db_counts
  rows=$(wc -l <"$dir/recorded")
  events=$(grep -c '^event: checkin' "$dir/live.txt" || true)
  last_counts=$(grep '^data: ' "$dir/live.txt" | tail -n1 | sed -n 's/.*"checked_in":\([0-9]*\).*/\1/p')
  db_counts=$(psql "$url" -At -c "SELECT count(DISTINCT person_id) FROM attendance_events
                                  WHERE session_id = $session AND direction = 'in'")

  check "[$scenario] no client left with an unanswered check-in ($pending)" test "$pending" -eq 0
  check "[$scenario] no check-in refused ($refused; $dir/storm.refused)" test "$refused" -eq 0
  check "[$scenario] no key recorded twice" bash -c "[[ -z \$(uniq -d '$dir/recorded') ]]"
  check "[$scenario] every started key recorded, nothing else ($started started, $acked acked, $rows rows)" \
    cmp -s "$dir/sent" "$dir/recorded"
  check "[$scenario] every acknowledged key recorded" \
    bash -c "[[ -z \$(comm -23 '$dir/acked' '$dir/recorded') ]]"
  # Each check-in's notification is sent inside the transaction that records it
  # (pg_notify), so it reaches the survivor exactly when the row commits: after a
  # kill -9 too, the dashboard sees one event per recorded row, none missed, none twice.
  check "[$scenario] the dashboard on instance $n saw every check-in once ($events events, $rows rows)" \
    test "$events" -eq "$rows"
  check "[$scenario] the dashboard's last count is the database's ($last_counts, $db_counts)" \
    test "${last_counts:-x}" == "$db_counts"

  stop_all
  psql "$PG_ADMIN" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null || true
  awk -v s="$scenario" -v n="$n" -v k="$kill" -v a="$in_window" -v w="$window" -v p5="$p50" \
    -v p9="$p99" -v ce="$conn_errors" -v he="$http_errors" -v r="$retries" -v ac="$acked" \
    -v rows="$rows" -v ev="$events" -v m="$rss" 'BEGIN {
    printf "%s %d %d %.1f %s %s %d %d %d %d %d %d\n", s, n, k, a / w, p5, p9, ce + he, r, ac, rows, ev, m }'
}

: >"$WORK/lines"
for scenario in $SCENARIOS; do
  run_scenario "$scenario" >>"$WORK/lines"  # not in a subshell: checks count, die exits
done
mapfile -t LINES <"$WORK/lines"

echo
echo "Scale-out storm through nginx: $CONNECTIONS keep-alive kiosk clients retrying with the same key, ${DURATION}s, $TRAINEES trainees, PostgreSQL 15, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%Y-%m-%dT%H:%MZ))"
[[ "$MODE" == ci ]] || printf 'nginx GET /hello.txt (20 B), same nginx: %.0f requests/s\n' "$NGINX_RPS"
printf '%-9s %9s %5s %12s %8s %8s %8s %8s %9s %9s %9s %10s\n' scenario instances kill "check-ins/s" \
  "p50 ms" "p99 ms" errors retries "vs nginx" "vs 1" "events" "RSS"
one=""
for line in "${LINES[@]}"; do
  read -r s n k ok p50 p99 errors retries acked rows events rss <<<"$line"
  [[ "$s" == 1 ]] && one="$ok"
  awk -v s="$s" -v n="$n" -v k="$k" -v o="$ok" -v p5="$p50" -v p9="$p99" -v e="$errors" \
    -v r="$retries" -v g="$NGINX_RPS" -v one="$one" -v ev="$events" -v rows="$rows" -v m="$rss" 'BEGIN {
    printf "%-9s %9d %5s %12.0f %8.2f %8.2f %8d %8d %9s %9s %4d/%-4d %7.1f MB\n", s, n, (k ? "yes" : "no"), o, p5, p9, e, r,
      (g > 0 ? sprintf("%.3f", o / g) : "-"), (one > 0 ? sprintf("%.2f", o / one) : "-"), ev, rows, m / 1024
  }'
done
if ((FAILURES > 0)); then
  echo "scaleout: $FAILURES check(s) FAILED" >&2
  exit 1
fi
echo "scaleout: every check passed" >&2
