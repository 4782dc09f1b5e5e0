#include "modules/attendance/attendance_schema.h"

namespace peixun::attendance {

// attendance_events: every accepted scan, never updated or deleted. direction
// 'in' / 'out'; at_ms is the instant that counts (server time; the device's or the
// paper's time for kiosk_offline and paper), received_ms when the server got it.
// source: qr, kiosk, kiosk_offline, paper, manual. idempotency_key is the client's
// nonce, unique: a retry finds the first row (INSERT … ON CONFLICT DO NOTHING and a
// read-back). flags_json: a JSON array of the anti-代签 signals (checkin_service.h).
// attendance_corrections: a head teacher's decision (status attended / excused /
// absent with its own flags); the latest wins; events stay.
// leave_requests.session_ids_json: a JSON array of session ids when the leave names
// sessions (then start_ms/end_ms span them); status requested, approved, rejected,
// cancelled, returned (销假: the leave ended at returned_ms). The attachment is kept
// as base64 text (≤ 2 MB decoded).
// attendance_venues (81): a class's geofence (lat, lng, radius_m: all set or all
// NULL) and network ranges (canonical CIDR list, "" for none), for the flags
// outside_geofence / outside_network (venue_service.h).
std::vector<store::Migration> AttendanceMigrations() {
  return {
      {80, "attendance", R"sql(
CREATE TABLE attendance_events (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  session_id BIGINT NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  direction TEXT NOT NULL,
  at_ms BIGINT NOT NULL,
  received_ms BIGINT NOT NULL,
  source TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  device_id_hash TEXT,
  flags_json TEXT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX attendance_events_key ON attendance_events (idempotency_key);
CREATE INDEX attendance_events_session ON attendance_events (session_id, person_id, at_ms);
CREATE INDEX attendance_events_device ON attendance_events (device_id_hash, received_ms);
CREATE TABLE attendance_corrections (
  id @ID@,
  session_id BIGINT NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  status TEXT NOT NULL,
  late INTEGER NOT NULL,
  left_early INTEGER NOT NULL,
  left_midway INTEGER NOT NULL,
  reason TEXT NOT NULL,
  created_by BIGINT,
  at_ms BIGINT NOT NULL
);
CREATE INDEX attendance_corrections_session ON attendance_corrections (session_id, person_id);
CREATE TABLE spot_checks (
  id @ID@,
  session_id BIGINT NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
  opened_ms BIGINT NOT NULL,
  closes_ms BIGINT NOT NULL,
  opened_by BIGINT
);
CREATE INDEX spot_checks_session ON spot_checks (session_id);
CREATE TABLE spot_check_confirmations (
  spot_check_id BIGINT NOT NULL REFERENCES spot_checks(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  at_ms BIGINT NOT NULL,
  PRIMARY KEY (spot_check_id, person_id)
);
CREATE TABLE leave_requests (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  start_ms BIGINT NOT NULL,
  end_ms BIGINT NOT NULL,
  session_ids_json TEXT,
  reason TEXT NOT NULL,
  attachment_name TEXT,
  attachment_base64 TEXT,
  status TEXT NOT NULL,
  requested_by BIGINT,
  decided_by BIGINT,
  decision_reason TEXT,
  returned_ms BIGINT,
  created_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX leave_requests_class ON leave_requests (class_id, status);
CREATE INDEX leave_requests_person ON leave_requests (person_id, status);
)sql"},
      {81, "attendance venues", R"sql(
CREATE TABLE attendance_venues (
  class_id BIGINT PRIMARY KEY REFERENCES training_classes(id) ON DELETE CASCADE,
  lat DOUBLE PRECISION,
  lng DOUBLE PRECISION,
  radius_m INTEGER,
  network_ranges TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  updated_by BIGINT
);
)sql"},
  };
}

}  // namespace peixun::attendance
