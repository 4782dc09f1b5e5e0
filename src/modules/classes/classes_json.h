// JSON form of a training class (docs/api.md "Classes and timetable") and its
// OpenAPI schema. The check-in secret is never part of it.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/classes/training_class.h"

namespace peixun::classes {

// {"id","name","organizer_unit_id","organizer_name","host_venue","start_date",
//  "end_date","days","time_zone","utc_offset_minutes","capacity","target_trainees",
//  "description","status","status_label","next_statuses":[…],"rules":{…},
//  "copied_from","head_teacher_ids":[…],"created_at","updated_at"}
nlohmann::json ClassToJson(const TrainingClass& c);
nlohmann::json ClassSchema();
nlohmann::json ClassRulesSchema();

}  // namespace peixun::classes
