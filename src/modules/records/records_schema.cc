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
      // Filled after the migrations by the rebuild (migration 124's needs_rebuild:
      // `peixun ledger rebuild`'s code, through completion's and enrollment's public
      // functions), not by SQL over other modules' tables here.
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
)sql"},
      // The district view stored (internal/ledger_district.h): per person, their
      // verdict in each stored year ("year:with_target:below:shortfall" items) and
      // the unit it counts in (0: none); per unit and year, the sums of those marks;
      // the stored years and the targets the marks were made with. needs_rebuild:
      // the whole summary (123 and these) is recomputed after the migrations, when a
      // database is opened (records::LedgerService::RebuildSummaryIfNeeded), through
      // the owners' public functions; until then the ledger computes live.
      {124, "records district summary", R"sql(
CREATE TABLE ledger_person_marks (
  person_id BIGINT NOT NULL PRIMARY KEY,
  unit_id BIGINT NOT NULL,
  marks TEXT NOT NULL
);
CREATE TABLE ledger_unit_years (
  year INTEGER NOT NULL,
  unit_id BIGINT NOT NULL,
  people BIGINT NOT NULL,
  with_target BIGINT NOT NULL,
  below BIGINT NOT NULL,
  shortfall_tenths BIGINT NOT NULL,
  PRIMARY KEY (year, unit_id)
);
CREATE TABLE ledger_summary_state (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  needs_rebuild INTEGER NOT NULL,
  first_year INTEGER NOT NULL,
  last_year INTEGER NOT NULL,
  rules TEXT NOT NULL
);
INSERT INTO ledger_summary_state (id, needs_rebuild, first_year, last_year, rules)
  VALUES (1, 1, 0, -1, '');
)sql"},
  };
}

}  // namespace peixun::records
