#include "modules/records/records_schema.h"

namespace peixun::records {

// outside_hours: one entry of study outside peixun's classes, dated by its last day;
// `tenths` of a 学时. The proof is kept as base64 (the store carries text only), its
// kind sniffed from its bytes (pdf, png, jpeg). Only 'approved' entries count.
std::vector<store::Migration> RecordsMigrations() {
  return {
      {120, "records", R"sql(
CREATE TABLE outside_hours (
  id @ID@,
  person_id BIGINT NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL CHECK (kind IN ('class', 'online')),
  title TEXT NOT NULL,
  provider TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  tenths INTEGER NOT NULL,
  proof_name TEXT NOT NULL,
  proof_kind TEXT NOT NULL,
  proof_base64 TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  entered_by BIGINT NOT NULL,
  entered_at BIGINT NOT NULL,
  decided_by BIGINT,
  decided_at BIGINT,
  decision_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outside_hours_person ON outside_hours (person_id, end_date);
CREATE INDEX outside_hours_status ON outside_hours (status, id);
CREATE TABLE record_promotions (
  person_id BIGINT NOT NULL PRIMARY KEY REFERENCES people(id),
  promoted_on TEXT NOT NULL,
  updated_by BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql"},
  };
}

}  // namespace peixun::records
