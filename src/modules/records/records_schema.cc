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
      // The hours summary (学时台账) the ledger reads instead of every person's
      // classes (bench/ledger: a district of 1,000,000 people). Maintained by
      // internal/ledger_summary.h: a completion decision folds its class in (the
      // completion module's decision listener), an outside entry approved refreshes
      // its person; `peixun ledger rebuild` recomputes all three tables.
      //   ledger_class_credits: the credited 学时 of each decided class (approved
      //     trainees), in the year of the class's last day;
      //   ledger_classes: the classes folded in (the others past enrolling are
      //     "live": the ledger asks completion and attendance for them);
      //   ledger_year_hours: per person and year, the class credits plus the
      //     approved outside hours of that year.
      // The backfill below is the one place records reads other modules' tables: a
      // one-time copy of the decisions as they stand at this version.
      {123, "records ledger summary", R"sql(
CREATE TABLE ledger_class_credits (
  class_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  tenths INTEGER NOT NULL,
  PRIMARY KEY (class_id, person_id)
);
CREATE INDEX ledger_class_credits_person ON ledger_class_credits (person_id, year, tenths);
CREATE TABLE ledger_classes (
  class_id BIGINT NOT NULL PRIMARY KEY,
  year INTEGER NOT NULL
);
CREATE TABLE ledger_year_hours (
  person_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  tenths INTEGER NOT NULL,
  PRIMARY KEY (person_id, year)
);
CREATE INDEX ledger_year_hours_year ON ledger_year_hours (year, person_id, tenths);
INSERT INTO ledger_class_credits (class_id, person_id, year, tenths)
  SELECT d.class_id, d.person_id, CAST(SUBSTR(c.end_date, 1, 4) AS INTEGER), d.credited_tenths
  FROM completion_decisions d JOIN training_classes c ON c.id = d.class_id
  WHERE EXISTS (SELECT 1 FROM enrollments e WHERE e.class_id = d.class_id
                AND e.person_id = d.person_id AND e.status = 'approved');
INSERT INTO ledger_classes (class_id, year)
  SELECT DISTINCT d.class_id, CAST(SUBSTR(c.end_date, 1, 4) AS INTEGER)
  FROM completion_decisions d JOIN training_classes c ON c.id = d.class_id;
INSERT INTO ledger_year_hours (person_id, year, tenths)
  SELECT person_id, year, SUM(tenths) FROM (
    SELECT person_id, year, tenths FROM ledger_class_credits
    UNION ALL
    SELECT person_id, CAST(SUBSTR(end_date, 1, 4) AS INTEGER), tenths FROM outside_hours
    WHERE status = 'approved') h
  GROUP BY person_id, year;
)sql"},
  };
}

}  // namespace peixun::records
