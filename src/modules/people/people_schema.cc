#include "modules/people/people_schema.h"

namespace peixun::people {

std::vector<store::Migration> PeopleMigrations() {
  return {
      {3, "people", R"sql(
CREATE TABLE people (
  id @ID@,
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  ethnicity TEXT,
  birth_date TEXT,
  phone TEXT,
  id_cipher TEXT,
  id_fingerprint TEXT,
  id_masked TEXT,
  unit_id BIGINT REFERENCES org_units(id),
  position TEXT,
  rank TEXT,
  party_join_date TEXT,
  tags TEXT,
  stroke_key @KEY@ NOT NULL,
  pinyin_key @KEY@ NOT NULL,
  pinyin_initials TEXT NOT NULL,
  pinyin_full TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX people_id_fingerprint ON people (id_fingerprint);
CREATE INDEX people_unit ON people (unit_id);
CREATE INDEX people_stroke ON people (stroke_key, id);
CREATE INDEX people_pinyin ON people (pinyin_key, id);
CREATE INDEX people_phone ON people (phone);
)sql"},
      // PIPL erasure (people_personal_data.h): when the row was anonymized.
      {137, "people erased_at", R"sql(
ALTER TABLE people ADD COLUMN erased_at BIGINT;
)sql"},
  };
}

}  // namespace peixun::people
