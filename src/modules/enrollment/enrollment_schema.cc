#include "modules/enrollment/enrollment_schema.h"

namespace peixun::enrollment {

// enrollments.status: nominated (调训, awaiting approval), approved, rejected,
// waitlisted, withdrawn, replaced (替训: another person took the seat; the new
// enrollment's replaces_id points here). A person holds at most one live
// enrollment (nominated, approved, waitlisted) per class (enrollments_live, a
// partial unique index both databases support). decision_reason is the reason
// of the last decision: an approval note, a rejection or a withdrawal (退训).
// waitlist_position: 1..n among the class's waitlisted enrollments, NULL otherwise.
std::vector<store::Migration> EnrollmentMigrations() {
  return {
      {50, "enrollment", R"sql(
CREATE TABLE class_quotas (
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  seats INTEGER NOT NULL CHECK (seats >= 0),
  PRIMARY KEY (class_id, unit_id)
);
CREATE TABLE enrollments (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  quota_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  status TEXT NOT NULL,
  nominated_by BIGINT,
  decided_by BIGINT,
  decision_reason TEXT,
  replaces_id BIGINT REFERENCES enrollments(id),
  substitution_reason TEXT,
  waitlist_position INTEGER,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX enrollments_class ON enrollments (class_id, status);
CREATE INDEX enrollments_person ON enrollments (person_id);
CREATE UNIQUE INDEX enrollments_live ON enrollments (class_id, person_id)
  WHERE status IN ('nominated', 'approved', 'waitlisted');
)sql"},
      // The hours ledger reads the approved classes of many people at once
      // (ApprovedClassesOfPeopleIn): with the class id in the index that is an
      // index-only scan; by enrollments_person alone a community of 500 people read
      // 2,600 scattered heap pages cold (bench/ledger). Numbered in the range of
      // the records module, which asked for it.
      {121, "enrollments_person_class", R"sql(
CREATE INDEX enrollments_person_class ON enrollments (person_id, status, class_id);
)sql"},
  };
}

}  // namespace peixun::enrollment
