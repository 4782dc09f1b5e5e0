#include "modules/logistics/logistics_schema.h"

namespace peixun::logistics {

// diet: '' (none), 'halal' (清真), 'vegetarian' (素食); per trainee per class.
// buses belong to one on-site teaching session (class_sessions.kind = onsite).
std::vector<store::Migration> LogisticsMigrations() {
  return {
      {70, "logistics", R"sql(
CREATE TABLE lodging_rooms (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  floor INTEGER NOT NULL,
  beds INTEGER NOT NULL CHECK (beds >= 1)
);
CREATE UNIQUE INDEX lodging_rooms_name ON lodging_rooms (class_id, name);
CREATE TABLE room_assignments (
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  room_id BIGINT NOT NULL REFERENCES lodging_rooms(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (class_id, person_id)
);
CREATE INDEX room_assignments_room ON room_assignments (room_id);
CREATE TABLE dietary_needs (
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  diet TEXT NOT NULL,
  PRIMARY KEY (class_id, person_id)
);
CREATE TABLE buses (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  session_id BIGINT NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  seats INTEGER NOT NULL CHECK (seats >= 1)
);
CREATE INDEX buses_session ON buses (session_id);
CREATE TABLE bus_assignments (
  bus_id BIGINT NOT NULL REFERENCES buses(id) ON DELETE CASCADE,
  session_id BIGINT NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  site_id BIGINT REFERENCES sites(id),
  PRIMARY KEY (session_id, person_id)
);
)sql"},
  };
}

}  // namespace peixun::logistics
