#include "modules/timetable/timetable_schema.h"

namespace peixun::timetable {

// lecturers and sites are shared across classes (a registry); rooms belong to a
// class's venue (lecture halls and discussion rooms; lodging rooms are the
// logistics module's). class_sessions.kind: ceremony, lecture, onsite, discussion,
// exam, self_study. hours_tenths: explicit 学时 × 10, NULL = from duration.
// An on-site teaching session (现场教学) may visit several sites at once, the
// class split across them by group (session_sites; who goes where is the
// logistics module's bus_assignments). session_groups.group_id names a row of
// the groups module's class_groups (migration 60, so no foreign key here).
// lecturers.user_id links a lecturer's login, so they see their own sessions.
std::vector<store::Migration> TimetableMigrations() {
  return {
      {40, "timetable", R"sql(
CREATE TABLE lecturers (
  id @ID@,
  name TEXT NOT NULL,
  title TEXT,
  organization TEXT,
  topics TEXT,
  phone TEXT,
  user_id BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE sites (
  id @ID@,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  unit_id BIGINT REFERENCES org_units(id),
  address TEXT,
  contact_name TEXT,
  contact_phone TEXT,
  capacity INTEGER NOT NULL,
  description TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE class_rooms (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  seat_rows INTEGER,
  seats_per_row INTEGER
);
CREATE UNIQUE INDEX class_rooms_name ON class_rooms (class_id, name);
CREATE TABLE class_sessions (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  start_ms BIGINT NOT NULL,
  end_ms BIGINT NOT NULL,
  room_id BIGINT REFERENCES class_rooms(id),
  lecturer_id BIGINT REFERENCES lecturers(id),
  hours_tenths INTEGER,
  requires_checkout INTEGER NOT NULL,
  description TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX class_sessions_class ON class_sessions (class_id, start_ms);
CREATE INDEX class_sessions_lecturer ON class_sessions (lecturer_id, start_ms);
CREATE TABLE session_sites (
  session_id BIGINT NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  PRIMARY KEY (session_id, site_id)
);
CREATE INDEX session_sites_site ON session_sites (site_id);
CREATE TABLE session_groups (
  session_id BIGINT NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
  group_id BIGINT NOT NULL,
  PRIMARY KEY (session_id, group_id)
);
)sql"},
  };
}

}  // namespace peixun::timetable
