// JSON forms of the timetable module's records (docs/api.md "Classes and
// timetable") and their OpenAPI schemas.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/session_conflicts.h"
#include "modules/timetable/class_room.h"
#include "modules/timetable/class_session.h"
#include "modules/timetable/lecturer.h"
#include "modules/timetable/site.h"

namespace peixun::timetable {

// {"id","name","title","organization","topics","phone","user_id"}
nlohmann::json LecturerToJson(const Lecturer& l);
nlohmann::json LecturerSchema();

// {"id","name","kind","kind_label","unit_id","address","contact_name","contact_phone",
//  "capacity","description"}
nlohmann::json SiteToJson(const Site& s);
nlohmann::json SiteSchema();

// {"id","class_id","name","capacity","seat_rows","seats_per_row"}
nlohmann::json RoomToJson(const ClassRoom& r);
nlohmann::json RoomSchema();

// {"id","class_id","kind","kind_label","title","start":"2020-06-02T08:30","end",
//  "start_ms","end_ms","room_id","room_name","site_ids","sites":[{"id","name"}],
//  "lecturer_id","lecturer_name","lecturer_title","hours":2.5,"hours_explicit",
//  "group_ids","requires_checkout","description","created_at","updated_at"}
nlohmann::json SessionToJson(const ClassSession& s);
nlohmann::json SessionSchema();

// {"code":"timetable.room_double_booked","session_ids":[…],"resource_id":N|null,
//  "message"} with the message in `lang`.
nlohmann::json ConflictToJson(const core::SessionConflict& c, const std::string& lang);
nlohmann::json ConflictSchema();

}  // namespace peixun::timetable
