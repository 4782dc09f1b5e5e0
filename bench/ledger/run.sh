#!/usr/bin/env bash
# Hours-ledger benchmark (not in CI): a generated province on PostgreSQL, then,
# against a real `peixun serve`:
#   - GET /api/v1/ledger (one community, one year) and GET /api/v1/ledger/district,
#     cold (first request after the cluster and the server restart: empty shared
#     buffers, the OS page cache kept) and warm (median of 5);
#   - the completion decision of a class of BIG_CLASS trainees
#     (POST /api/v1/classes/{id}/completion/decision);
#   - batch issue of its certificates (POST …/certificates/batch, polled to done);
#   - the server's peak memory (VmHWM);
# and writes the plans PostgreSQL used for every statement over 50 ms while the
# ledger requests ran (auto_explain, ANALYZE + BUFFERS) to OUT/plans.txt.
#
#   bench/ledger/run.sh [PEOPLE [CLASSES [PER_CLASS [SESSIONS [BIG_CLASS]]]]]
#     defaults: 1000000 20000 262 10 2000 → 5.24M enrollments, ~50M check-ins
#
# The data is written with SQL (bench/ledger/generate.sql) straight into the
# modules' tables, shaped as the services leave them. Environment:
#   PEIXUN_BENCH_PG_DIR / PEIXUN_BENCH_PG_PORT  the cluster (scripts/pg-test-cluster.sh;
#       default /tmp/pgledger 55436); it is restarted for the cold runs, so use a
#       cluster of your own.
#   PEIXUN_BENCH_DB     database name (default ledgerbench)
#   PEIXUN_BENCH_REUSE  1: keep an existing, already generated database
#   PEIXUN_BENCH_OUT    where plans.txt and the logs go (default /tmp/peixun-bench-ledger)
#   PEIXUN_BENCH_BIN    the peixun binary (default build/peixun)
#   PEIXUN_BENCH_WARM   warm requests per query, their median is printed (default 5)
#   PEIXUN_BENCH_SKIP_CERTS  1: stop after the completion decision (no certificate batch)
#   PEIXUN_BENCH_SKIP_REBUILD 1: no `peixun ledger rebuild` (a reused database whose
#       summary was built already, e.g. by the rebuild `peixun init` runs after
#       records migration 124)
set -euo pipefail
cd "$(dirname "$0")/../.."
people=${1:-1000000}
classes=${2:-20000}
per_class=${3:-262}
sessions=${4:-10}
big_class=${5:-2000}
pg_dir=${PEIXUN_BENCH_PG_DIR:-/tmp/pgledger}
port=${PEIXUN_BENCH_PG_PORT:-55436}
db=${PEIXUN_BENCH_DB:-ledgerbench}
out=${PEIXUN_BENCH_OUT:-/tmp/peixun-bench-ledger}
streets=40
units_per_street=50
bin=${PEIXUN_BENCH_BIN:-build/peixun}
warm_runs=${PEIXUN_BENCH_WARM:-5}
mkdir -p "$out"
key="$out/$db.key"
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

bash scripts/pg-test-cluster.sh start "$pg_dir" "$port" >/dev/null
psql() { command psql -X -q -h 127.0.0.1 -p "$port" -U postgres "$@"; }
url="postgresql://postgres@127.0.0.1:$port/$db"
exists=$(psql -d postgres -At -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")
if [ "${PEIXUN_BENCH_REUSE:-0}" != 1 ] || [ "$exists" = 0 ] || [ ! -f "$key" ]; then
  psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  "$bin" init --db "$url" --key-file "$key" >/dev/null
  start=$(date +%s.%N)
  psql -d "$db" -v people="$people" -v classes="$classes" -v per_class="$per_class" \
    -v sessions="$sessions" -v streets="$streets" -v units_per_street="$units_per_street" \
    -v big_class="$big_class" -f bench/ledger/generate.sql >"$out/generate.log"
  end=$(date +%s.%N)
  printf 'generation: %.0f s\n' "$(echo "$end - $start" | bc)" | tee "$out/generation-time.txt"
else
  echo "generation: reused ($(cat "$out/generation-time.txt" 2>/dev/null || echo '?'))"
fi
big=$(psql -d "$db" -At -c "SELECT max(id) FROM training_classes")
psql -d "$db" -At -F ' ' -c "SELECT
  (SELECT count(*) FROM people) || ' people, ' || (SELECT count(*) FROM org_units) || ' units, ' ||
  (SELECT count(*) FROM training_classes) || ' classes, ' ||
  (SELECT count(*) FROM class_sessions) || ' sessions, ' ||
  (SELECT count(*) FROM enrollments) || ' enrollments, ' ||
  (SELECT count(*) FROM attendance_events) || ' attendance rows, ' ||
  (SELECT count(*) FROM completion_decisions) || ' decisions; database ' ||
  pg_size_pretty(pg_database_size('$db'))"
# A re-run starts the big class over: no decision, no certificate.
psql -d "$db" -c "DELETE FROM certificate_files WHERE certificate_id IN
  (SELECT id FROM certificates WHERE class_id = $big)" \
  -c "DELETE FROM certificates WHERE class_id = $big" \
  -c "DELETE FROM completion_decisions WHERE class_id = $big" \
  -c "UPDATE training_classes SET status = 'finished',
      rules_json = '{\"absence_limit\": 1, \"reflection_required\": false}' WHERE id = $big"

# The generator (and the reset above) wrote decisions around the services: fold
# them into the hours summary the ledger reads (records_schema.cc, migration 123).
if [ "${PEIXUN_BENCH_SKIP_REBUILD:-0}" != 1 ]; then
  start=$(date +%s.%N)
  "$bin" ledger rebuild --db "$url" --key-file "$key"
  end=$(date +%s.%N)
  printf 'ledger rebuild: %.1f s\n' "$(echo "$end - $start" | bc)"
fi

# Every statement over 50 ms the server runs is logged with its plan.
psql -d postgres -c "ALTER DATABASE $db SET session_preload_libraries = 'auto_explain'" \
  -c "ALTER DATABASE $db SET auto_explain.log_min_duration = '50ms'" \
  -c "ALTER DATABASE $db SET auto_explain.log_analyze = on" \
  -c "ALTER DATABASE $db SET auto_explain.log_buffers = on" \
  -c "ALTER DATABASE $db SET auto_explain.log_timing = on"
pg_log=$(ls "$pg_dir/pg-$port/server.log" 2>/dev/null || echo "/tmp/peixun-pg-$port/server.log")

password=$("$bin" user reset-password admin --db "$url" --key-file "$key" |
  grep -oE '[A-Za-z0-9_-]{12,}' | tail -1)
listen_port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$listen_port"
start_server() {
  # The admin signs in with a password only: a second factor is not required.
  "$bin" serve --second-factor optional --db "$url" --key-file "$key" --listen "127.0.0.1:$listen_port" >>"$out/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done
  csrf=$(curl -sf -c "$out/jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/v1/auth/login" |
    grep -oE '"csrf_token": ?"[^"]+"' | sed -E 's/.*"([^"]+)"$/\1/')
}
post() { curl -sf -b "$out/jar" -H "x-csrf-token: $csrf" -X POST "$@"; }
restart_all() {  # empty shared buffers and a fresh server: the "cold" state
  [ -n "$server_pid" ] && kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
  server_pid=
  bash scripts/pg-test-cluster.sh stop "$pg_dir" "$port" >/dev/null
  bash scripts/pg-test-cluster.sh start "$pg_dir" "$port" >/dev/null
  start_server
}
get() {  # path → seconds
  curl -s -o "$out/body" -w '%{time_total} %{http_code}' -b "$out/jar" "$base$1" |
    awk '{ if ($2 != 200) { print "HTTP " $2 > "/dev/stderr"; exit 1 } print $1 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timed() {  # label path: one cold request, then the median of the warm ones
  restart_all
  local cold warm
  cold=$(get "$2")
  warm=$(for _ in $(seq 1 "$warm_runs"); do get "$2"; done | median)
  printf '%-34s cold %7.3f s   warm median of %s %7.3f s   (%s bytes)\n' "$1" "$cold" \
    "$warm_runs" "$warm" \
    "$(wc -c <"$out/body")"
}

unit=$(psql -d "$db" -At -c "SELECT min(id) FROM org_units WHERE kind = 'community'")
log_from=$(wc -c <"$pg_log")
if [ "${PEIXUN_BENCH_SKIP_LEDGER:-0}" != 1 ]; then
  timed "ledger, one community, 2025" "/api/v1/ledger?year=2025&unit_id=$unit"
  timed "ledger, one community, 2026" "/api/v1/ledger?year=2026&unit_id=$unit"
  timed "district summary, 2025" "/api/v1/ledger/district?year=2025"
  timed "district summary, 2026" "/api/v1/ledger/district?year=2026"
  echo "server peak memory after the ledger: $(grep VmHWM /proc/$server_pid/status)"
fi

restart_all
t0=$(date +%s.%N)
post -o "$out/decision.json" "$base/api/v1/classes/$big/completion/decision"
t1=$(date +%s.%N)
decided=$(psql -d "$db" -At -c "SELECT count(*) || ' decided (' ||
  count(*) FILTER (WHERE outcome = 'completed') || ' completed)'
  FROM completion_decisions WHERE class_id = $big")
printf 'completion of class %s: %.3f s, %s\n' "$big" "$(echo "$t1 - $t0" | bc)" "$decided"

if [ "${PEIXUN_BENCH_SKIP_CERTS:-0}" = 1 ]; then
  echo "server peak memory: $(grep VmHWM /proc/$server_pid/status)"
  tail -c +"$((log_from + 1))" "$pg_log" >"$out/plans.txt"
  echo "plans of the statements over 50 ms: $out/plans.txt (certificates skipped)"
  exit 0
fi
t0=$(date +%s.%N)
job=$(post "$base/api/v1/classes/$big/certificates/batch" | sed -nE 's/.*"id": ?([0-9]+).*/\1/p')
state=running
while [ "$state" = running ]; do
  sleep 0.5
  state=$(curl -sf -b "$out/jar" "$base/api/v1/certificate-jobs/$job" |
    grep -oE '"state": ?"[a-z]+"' | grep -oE '[a-z]+"$' | tr -d '"')
done
t1=$(date +%s.%N)
certs=$(psql -d "$db" -At -c "SELECT count(*) FROM certificates WHERE class_id = $big")
printf 'certificates of class %s: %s, %.1f s (job %s)\n' "$big" "$certs" \
  "$(echo "$t1 - $t0" | bc)" "$state"
echo "server peak memory: $(grep VmHWM /proc/$server_pid/status)"
tail -c +"$((log_from + 1))" "$pg_log" >"$out/plans.txt"
echo "plans of the statements over 50 ms: $out/plans.txt"
