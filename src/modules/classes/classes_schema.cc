#include "modules/classes/classes_schema.h"

namespace peixun::classes {

// status: planning → enrolling → running → finished → archived (class_status.h).
// rules_json: the class's figures of DESIGN.md's domain rules (class_rules.h);
// missing keys take the defaults.
std::vector<store::Migration> ClassesMigrations() {
  return {
      {30, "training_classes", R"sql(
CREATE TABLE training_classes (
  id @ID@,
  name TEXT NOT NULL,
  organizer_unit_id BIGINT REFERENCES org_units(id),
  organizer_name TEXT NOT NULL,
  host_venue TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  utc_offset_minutes INTEGER NOT NULL,
  capacity INTEGER NOT NULL,
  target_trainees TEXT,
  description TEXT,
  status TEXT NOT NULL,
  rules_json TEXT NOT NULL,
  checkin_secret TEXT NOT NULL,
  copied_from BIGINT REFERENCES training_classes(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX training_classes_start ON training_classes (start_date);
CREATE TABLE class_head_teachers (
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (class_id, user_id)
);
)sql"},
      // The check-in secret is sealed with the data key from now on
      // (checkin_secret.h): SealCheckinSecrets, which holds the key, seals the rows
      // this migration finds in clear. The column records the last rotation.
      {139, "training_classes_checkin_secret_rotation", R"sql(
ALTER TABLE training_classes ADD COLUMN checkin_secret_rotated_at BIGINT;
)sql"},
  };
}

}  // namespace peixun::classes
