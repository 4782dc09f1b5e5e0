#include "modules/completion/completion_schema.h"

namespace peixun::completion {

std::vector<store::Migration> CompletionMigrations() {
  return {
      {110, "completion", R"sql(
CREATE TABLE completion_settings (
  class_id BIGINT PRIMARY KEY REFERENCES training_classes(id) ON DELETE CASCADE,
  evaluations_required INTEGER NOT NULL DEFAULT 0,
  excellent_percent INTEGER NOT NULL DEFAULT 10
);
CREATE TABLE completion_decisions (
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  outcome TEXT NOT NULL,
  computed_outcome TEXT NOT NULL,
  reasons_json TEXT NOT NULL,
  credited_tenths INTEGER NOT NULL,
  override_reason TEXT NOT NULL DEFAULT '',
  decided_by BIGINT NOT NULL,
  decided_at BIGINT NOT NULL,
  PRIMARY KEY (class_id, person_id)
);
CREATE TABLE excellent_trainees (
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  nominated_by BIGINT NOT NULL,
  nominated_at BIGINT NOT NULL,
  approved_by BIGINT,
  approved_at BIGINT,
  PRIMARY KEY (class_id, person_id)
);
)sql"},
      // The training record and the hours ledger read a person's decisions across
      // classes (DecisionsOfPeopleIn).
      {114, "completion_decisions_person", R"sql(
CREATE INDEX completion_decisions_person ON completion_decisions (person_id);
CREATE INDEX excellent_trainees_person ON excellent_trainees (person_id);
)sql"},
      // DecisionsOfPeopleIn as an index-only scan (the hours ledger, bench/ledger);
      // numbered in the range of the records module, which asked for it.
      {122, "completion_decisions_person_credit", R"sql(
CREATE INDEX completion_decisions_person_credit
  ON completion_decisions (person_id, class_id, outcome, credited_tenths);
)sql"},
  };
}

}  // namespace peixun::completion
