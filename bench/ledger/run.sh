#!/usr/bin/env bash
# Hours-ledger benchmark (not in CI): a generated province on PostgreSQL, then the
# timings of GET /api/v1/ledger (one unit, one year) and GET /api/v1/ledger/district
# against a real `peixun serve`, the peak memory (VmHWM) of the server, and the
# query plans of the statements the ledger relies on.
#
#   bench/ledger/run.sh [PEOPLE [CLASSES [TRAINEES_PER_CLASS]]]   (default 20000 400 100)
#
# The data is written with SQL (generate_series) straight into the modules' tables,
# shaped as the services leave them: units (district → streets → communities),
# people with ranks and party membership, finished classes over 5 years, approved
# enrollments and completion decisions with their credited 学时. Attendance rows are
# not generated: for a decided class the ledger reads the decision's credited 学时
# (completion_decisions), never the attendance rows, so they do not enter these
# timings. Uses the shared test cluster port unless PEIXUN_BENCH_PG_PORT is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
people=${1:-20000}
classes=${2:-400}
per_class=${3:-100}
port=${PEIXUN_BENCH_PG_PORT:-55432}
streets=20
units_per_street=25
db=ledgerbench
work=$(mktemp -d /tmp/peixun-bench-ledger.XXXXXX)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

bash scripts/pg-test-cluster.sh start /tmp/pgtest "$port" >/dev/null
psql() { command psql -X -q -h 127.0.0.1 -p "$port" -U postgres "$@"; }
psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
url="postgresql://postgres@127.0.0.1:$port/$db"
build/peixun init --db "$url" --key-file "$work/k.key" >/dev/null

start=$(date +%s.%N)
psql -d "$db" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO org_units (name, parent_id, kind, path, depth, created_at, updated_at)
  VALUES ('基准区', NULL, 'district', '/', 0, 0, 0);
UPDATE org_units SET path = '/' || id || '/';
INSERT INTO org_units (name, parent_id, kind, path, depth, created_at, updated_at)
  SELECT '街道' || s, (SELECT min(id) FROM org_units), 'street', '', 1, 0, 0
  FROM generate_series(1, $streets) s;
INSERT INTO org_units (name, parent_id, kind, path, depth, created_at, updated_at)
  SELECT '社区' || st.id || '-' || u, st.id, 'community', '', 2, 0, 0
  FROM org_units st, generate_series(1, $units_per_street) u WHERE st.kind = 'street';
UPDATE org_units c SET path = p.path || c.id || '/' FROM org_units p
  WHERE c.parent_id = p.id AND c.kind = 'street';
UPDATE org_units c SET path = p.path || c.id || '/' FROM org_units p
  WHERE c.parent_id = p.id AND c.kind = 'community';
CREATE TEMP TABLE community AS
  SELECT row_number() OVER (ORDER BY id) AS n, id FROM org_units WHERE kind = 'community';
INSERT INTO people (name, gender, unit_id, position, rank, party_join_date, stroke_key,
                    pinyin_key, pinyin_initials, pinyin_full, created_at, updated_at)
  SELECT '学员' || i, '男',
         (SELECT id FROM community WHERE n = 1 + (i % (SELECT count(*) FROM community))),
         CASE WHEN i % 10 = 0 THEN '社区党委书记' ELSE '党务干事' END,
         CASE WHEN i % 20 = 0 THEN 'county' ELSE 'township' END,
         CASE WHEN i % 3 = 0 THEN '2001-07-01' ELSE NULL END,
         lpad(i::text, 9, '0'), lpad(i::text, 9, '0'), 'xy', 'xueyuan', 0, 0
  FROM generate_series(1, $people) i;
INSERT INTO training_classes (name, organizer_name, host_venue, start_date, end_date,
                              time_zone, utc_offset_minutes, capacity, status, rules_json,
                              checkin_secret, created_at, updated_at)
  SELECT '培训班' || c, '组织部', '干部培训中心',
         to_char(date '2021-03-01' + ((c * 1826) / $classes), 'YYYY-MM-DD'),
         to_char(date '2021-03-01' + ((c * 1826) / $classes) + 4, 'YYYY-MM-DD'),
         'Asia/Shanghai', 480, $per_class, 'finished', '{}', 'bench', 0, 0
  FROM generate_series(1, $classes) c;
CREATE TEMP TABLE seat AS
  SELECT k.id AS class_id,
         1 + ((k.id * 7919 + s * 104729) % $people) AS person_n
  FROM training_classes k, generate_series(1, $per_class) s;
INSERT INTO enrollments (class_id, person_id, quota_unit_id, status, created_at, updated_at)
  SELECT DISTINCT ON (s.class_id, p.id) s.class_id, p.id, p.unit_id, 'approved', 0, 0
  FROM seat s JOIN people p ON p.stroke_key = lpad(s.person_n::text, 9, '0');
INSERT INTO completion_decisions (class_id, person_id, outcome, computed_outcome, reasons_json,
                                  credited_tenths, decided_by, decided_at)
  SELECT class_id, person_id, 'completed', 'completed', '[]', 200 + (person_id % 5) * 40, 0, 0
  FROM enrollments;
ANALYZE;
SQL
end=$(date +%s.%N)
counts=$(psql -d "$db" -At -c "SELECT (SELECT count(*) FROM people) || ' people, ' ||
  (SELECT count(*) FROM org_units) || ' units, ' || (SELECT count(*) FROM training_classes) ||
  ' classes, ' || (SELECT count(*) FROM enrollments) || ' enrollments, ' ||
  (SELECT count(*) FROM completion_decisions) || ' decisions'")
printf 'generated: %s in %.1f s\n' "$counts" "$(echo "$end - $start" | bc)"

password=$(build/peixun user reset-password admin --db "$url" --key-file "$work/k.key" | grep -oE '[A-Za-z0-9_-]{12,}' | tail -1)
listen_port=$((20000 + RANDOM % 20000))
build/peixun serve --db "$url" --key-file "$work/k.key" --listen "127.0.0.1:$listen_port" \
  >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$listen_port/healthz" >/dev/null && break; sleep 0.2; done
curl -sf -c "$work/jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$listen_port/api/v1/auth/login" >/dev/null
unit=$(psql -d "$db" -At -c "SELECT min(id) FROM org_units WHERE kind = 'community'")
street=$(psql -d "$db" -At -c "SELECT min(id) FROM org_units WHERE kind = 'street'")
timed() {  # label path
  local best=999999
  for _ in 1 2 3; do
    local t
    t=$(curl -s -o "$work/body" -w '%{time_total}' -b "$work/jar" "http://127.0.0.1:$listen_port$2")
    best=$(echo "if ($t < $best) $t else $best" | bc)
  done
  printf '%-40s best of 3: %6.3f s  (%s bytes)\n' "$1" "$best" "$(wc -c <"$work/body")"
}
timed "ledger, one community, 2025" "/api/v1/ledger?year=2025&unit_id=$unit"
timed "ledger, one street office, 2025" "/api/v1/ledger?year=2025&unit_id=$street"
timed "district summary, 2025" "/api/v1/ledger/district?year=2025"
echo "server peak memory: $(grep VmHWM /proc/$server_pid/status)"

echo "--- plans (one community's people) ---"
ids=$(psql -d "$db" -At -c "SELECT string_agg(id::text, ',') FROM people WHERE unit_id = $unit")
psql -d "$db" -c "EXPLAIN (ANALYZE, COSTS OFF) SELECT d.class_id, d.person_id, d.outcome,
  d.credited_tenths, e.status FROM completion_decisions d LEFT JOIN excellent_trainees e ON
  e.class_id = d.class_id AND e.person_id = d.person_id WHERE d.person_id IN ($ids)
  ORDER BY d.person_id, d.class_id"
psql -d "$db" -c "EXPLAIN (ANALYZE, COSTS OFF) SELECT DISTINCT person_id, class_id FROM enrollments
  WHERE person_id IN ($ids) AND status = 'approved' ORDER BY person_id, class_id"
