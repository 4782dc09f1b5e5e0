-- A generated province for bench/ledger, written with generate_series straight into
-- the modules' tables in the shape the services leave them (see run.sh for the
-- variables). psql -v people=… -v classes=… -v per_class=… -v sessions=…
-- -v streets=… -v units_per_street=… -v big_class=… -f generate.sql
--
-- Every class is finished, 5 days long, `sessions` half-day sessions of 4 学时
-- (hours_tenths 40, no check-out), spread over 2022-01-03 .. 2026-11-27. Seat s of
-- class c is person 1 + ((c·per_class + s)·7919 mod people): distinct within a
-- class, every person in classes·per_class/people classes. A trainee misses the
-- sessions k with (person + 7k + c) mod 23 = 0; every other session has one QR
-- check-in event 5 minutes before it starts (attendance_events, as
-- CheckinService writes it). The completion decision credits 40 per session
-- attended (outcome completed; not_completed when 2 or more were missed, credited
-- all the same as the completion module does).
--
-- The big class (big_class trainees, finished last week) has
-- sessions and check-ins but no decision: bench/ledger decides it and issues its
-- certificates through the server.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET session_replication_role = replica;  -- no FK triggers while loading (superuser)
\timing on

INSERT INTO org_units (name, parent_id, kind, path, depth, created_at, updated_at)
  VALUES ('基准省', NULL, 'district', '/', 0, 0, 0);
UPDATE org_units SET path = '/' || id || '/';
INSERT INTO org_units (name, parent_id, kind, path, depth, created_at, updated_at)
  SELECT '街道' || s, (SELECT min(id) FROM org_units), 'street', '', 1, 0, 0
  FROM generate_series(1, :streets) s;
INSERT INTO org_units (name, parent_id, kind, path, depth, created_at, updated_at)
  SELECT '社区' || st.id || '-' || u, st.id, 'community', '', 2, 0, 0
  FROM org_units st, generate_series(1, :units_per_street) u WHERE st.kind = 'street';
UPDATE org_units c SET path = p.path || c.id || '/' FROM org_units p
  WHERE c.parent_id = p.id AND c.kind = 'street';
UPDATE org_units c SET path = p.path || c.id || '/' FROM org_units p
  WHERE c.parent_id = p.id AND c.kind = 'community';
CREATE TEMP TABLE community AS
  SELECT (row_number() OVER (ORDER BY id)) - 1 AS n, id FROM org_units WHERE kind = 'community';
CREATE UNIQUE INDEX ON community (n);
ANALYZE community;

-- People: ids p0+1 .. p0+people in a fresh database.
INSERT INTO people (name, gender, unit_id, position, rank, party_join_date, stroke_key,
                    pinyin_key, pinyin_initials, pinyin_full, created_at, updated_at)
  SELECT '学员' || i, CASE WHEN i % 2 = 0 THEN '男' ELSE '女' END, c.id,
         CASE WHEN i % 10 = 0 THEN '社区党委书记' WHEN i % 10 = 1 THEN '党委副书记'
              ELSE '党务干事' END,
         CASE WHEN i % 20 = 0 THEN 'county' ELSE 'township' END,
         CASE WHEN i % 3 = 0 THEN '2001-07-01' ELSE NULL END,
         lpad(i::text, 9, '0'), lpad(i::text, 9, '0'), 'xy', 'xueyuan', 0, 0
  FROM generate_series(1, :people) i
  JOIN community c ON c.n = i % (SELECT count(*) FROM community);
SELECT min(id) - 1 AS p0 FROM people \gset

INSERT INTO training_classes (name, organizer_name, host_venue, start_date, end_date,
                              time_zone, utc_offset_minutes, capacity, status, rules_json,
                              checkin_secret, created_at, updated_at)
  SELECT '培训班' || c, '组织部', '干部培训中心',
         to_char(date '2022-01-03' + ((c::bigint * 1790) / :classes)::int, 'YYYY-MM-DD'),
         to_char(date '2022-01-03' + ((c::bigint * 1790) / :classes)::int + 4, 'YYYY-MM-DD'),
         'Asia/Shanghai', 480, :per_class, 'finished', '{}', 'bench', 0, 0
  FROM generate_series(1, :classes) c;
SELECT min(id) - 1 AS k0 FROM training_classes \gset

-- Session k (0-based) of class c: day k/2 at 09:00 or 14:00 Asia/Shanghai.
INSERT INTO class_sessions (class_id, kind, title, start_ms, end_ms, hours_tenths,
                            requires_checkout, created_at, updated_at)
  SELECT k.id, 'lecture', '专题讲座' || (s + 1),
         (extract(epoch FROM (k.start_date::date + s / 2)::timestamp) * 1000)::bigint
           - 8 * 3600000 + CASE WHEN s % 2 = 0 THEN 9 ELSE 14 END * 3600000,
         (extract(epoch FROM (k.start_date::date + s / 2)::timestamp) * 1000)::bigint
           - 8 * 3600000 + CASE WHEN s % 2 = 0 THEN 12 ELSE 17 END * 3600000,
         40, 0, 0, 0
  FROM training_classes k, generate_series(0, :sessions - 1) s;

-- Enrollments without their indexes; put back below as enrollment_schema.cc has them.
DROP INDEX enrollments_class;
DROP INDEX enrollments_person;
DROP INDEX enrollments_live;
INSERT INTO enrollments (class_id, person_id, quota_unit_id, status, created_at, updated_at)
  SELECT :k0 + c, p.id, p.unit_id, 'approved', 0, 0
  FROM generate_series(1, :classes) c CROSS JOIN generate_series(1, :per_class) s
  JOIN people p ON p.id = :p0 + 1 + ((c::bigint * :per_class + s) * 7919) % :people;
CREATE INDEX enrollments_class ON enrollments (class_id, status);
CREATE INDEX enrollments_person ON enrollments (person_id);
CREATE UNIQUE INDEX enrollments_live ON enrollments (class_id, person_id)
  WHERE status IN ('nominated', 'approved', 'waitlisted');

-- Check-ins without attendance_events' indexes; put back as attendance_schema.cc has them.
CREATE TEMP TABLE sess AS
  SELECT id, class_id, start_ms,
         row_number() OVER (PARTITION BY class_id ORDER BY start_ms) - 1 AS k
  FROM class_sessions;
ANALYZE sess;
DROP INDEX attendance_events_key;
DROP INDEX attendance_events_session;
DROP INDEX attendance_events_device;
INSERT INTO attendance_events (class_id, session_id, person_id, direction, at_ms, received_ms,
                               source, idempotency_key, device_id_hash, flags_json, created_by)
  SELECT s.class_id, s.id, e.person_id, 'in', s.start_ms - 300000, s.start_ms - 299000, 'qr',
         'p' || e.person_id || ':s' || s.id || ':in:bench-' || e.person_id || '-' || s.id,
         NULL, '[]', NULL
  FROM enrollments e JOIN sess s ON s.class_id = e.class_id
  WHERE (e.person_id + 7 * s.k + e.class_id) % 23 <> 0;
CREATE UNIQUE INDEX attendance_events_key ON attendance_events (idempotency_key);
CREATE INDEX attendance_events_session ON attendance_events (session_id, person_id, at_ms);
CREATE INDEX attendance_events_device ON attendance_events (device_id_hash, received_ms);

DROP INDEX completion_decisions_person;
INSERT INTO completion_decisions (class_id, person_id, outcome, computed_outcome, reasons_json,
                                  credited_tenths, decided_by, decided_at)
  SELECT e.class_id, e.person_id,
         CASE WHEN m.missed >= 2 THEN 'not_completed' ELSE 'completed' END,
         CASE WHEN m.missed >= 2 THEN 'not_completed' ELSE 'completed' END,
         CASE WHEN m.missed >= 2 THEN '[{"code":"absences"}]' ELSE '[]' END,
         40 * (:sessions - m.missed), 0, 0
  FROM enrollments e,
       LATERAL (SELECT count(*) AS missed FROM generate_series(0, :sessions - 1) k
                WHERE (e.person_id + 7 * k + e.class_id) % 23 = 0) m;
CREATE INDEX completion_decisions_person ON completion_decisions (person_id);

-- The big class: finished, its sessions over, not decided.
INSERT INTO training_classes (name, organizer_name, host_venue, start_date, end_date,
                              time_zone, utc_offset_minutes, capacity, status, rules_json,
                              checkin_secret, created_at, updated_at)
  VALUES ('大班（基准）', '组织部', '干部培训中心', '2026-11-30', '2026-12-04', 'Asia/Shanghai',
          480, :big_class, 'finished', '{"absence_limit": 1, "reflection_required": false}',
          'bench', 0, 0);
SELECT max(id) AS big FROM training_classes \gset
INSERT INTO class_sessions (class_id, kind, title, start_ms, end_ms, hours_tenths,
                            requires_checkout, created_at, updated_at)
  SELECT :big, 'lecture', '专题讲座' || (s + 1),
         (extract(epoch FROM (date '2026-11-30' + s / 2)::timestamp) * 1000)::bigint
           - 8 * 3600000 + CASE WHEN s % 2 = 0 THEN 9 ELSE 14 END * 3600000,
         (extract(epoch FROM (date '2026-11-30' + s / 2)::timestamp) * 1000)::bigint
           - 8 * 3600000 + CASE WHEN s % 2 = 0 THEN 12 ELSE 17 END * 3600000,
         40, 0, 0, 0
  FROM generate_series(0, :sessions - 1) s;
INSERT INTO enrollments (class_id, person_id, quota_unit_id, status, created_at, updated_at)
  SELECT :big, p.id, p.unit_id, 'approved', 0, 0
  FROM people p WHERE (p.id - :p0) % (:people / :big_class) = 0 ORDER BY p.id LIMIT :big_class;
INSERT INTO attendance_events (class_id, session_id, person_id, direction, at_ms, received_ms,
                               source, idempotency_key, device_id_hash, flags_json, created_by)
  SELECT s.class_id, s.id, e.person_id, 'in', s.start_ms - 300000, s.start_ms - 299000, 'qr',
         'p' || e.person_id || ':s' || s.id || ':in:bench-' || e.person_id || '-' || s.id,
         NULL, '[]', NULL
  FROM enrollments e
  JOIN (SELECT id, class_id, start_ms, row_number() OVER (ORDER BY start_ms) - 1 AS k
        FROM class_sessions WHERE class_id = :big) s ON s.class_id = e.class_id
  WHERE e.class_id = :big AND (e.person_id + 7 * s.k + e.class_id) % 23 <> 0;

SET session_replication_role = DEFAULT;
VACUUM ANALYZE;
