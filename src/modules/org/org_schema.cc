#include "modules/org/org_schema.h"

namespace peixun::org {

std::vector<store::Migration> OrgMigrations() {
  return {
      {2, "org_units", R"sql(
CREATE TABLE org_units (
  id @ID@,
  name TEXT NOT NULL,
  parent_id BIGINT REFERENCES org_units(id),
  kind TEXT NOT NULL,
  party_org_name TEXT,
  party_org_kind TEXT,
  secretary TEXT,
  contact_name TEXT,
  contact_phone TEXT,
  path @KEY@ NOT NULL,
  depth INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX org_units_sibling_name ON org_units (COALESCE(parent_id, 0), name);
CREATE INDEX org_units_path ON org_units (path);
CREATE INDEX org_units_name ON org_units (name);
)sql"},
  };
}

}  // namespace peixun::org
