#include "modules/groups/groups_schema.h"

namespace peixun::groups {

std::vector<store::Migration> GroupsMigrations() {
  return {
      {60, "groups", R"sql(
CREATE TABLE class_groups (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  leader_person_id BIGINT REFERENCES people(id)
);
CREATE UNIQUE INDEX class_groups_number ON class_groups (class_id, number);
CREATE TABLE group_members (
  group_id BIGINT NOT NULL REFERENCES class_groups(id) ON DELETE CASCADE,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (group_id, person_id)
);
CREATE UNIQUE INDEX group_members_one_group ON group_members (class_id, person_id);
)sql"},
  };
}

}  // namespace peixun::groups
