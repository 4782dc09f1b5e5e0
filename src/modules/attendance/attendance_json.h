// Every JSON shape of the attendance API (docs/api.md "Attendance and leave"), in one
// place: check-in answers (and their OpenAPI schema), counts and meanings, the live
// feed's check-in event, session and class attendance, spot checks, leave requests and
// venues. Pure functions of the services' values; texts in `lang` ("en…" English,
// anything else zh-CN). Route-only request schemas stay with their routes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/attendance_rules.h"
#include "modules/attendance/attendance_service.h"
#include "modules/attendance/checkin_service.h"
#include "modules/attendance/leave_service.h"
#include "modules/attendance/venue_service.h"

namespace peixun::attendance {

// {"event_id","session_id","class_id","person_id","person_name","direction","at_ms","at",
//  "source","first","flags","counts","meaning":{"code","level","minutes","label"},
//  "message"}; texts in `lang`.
nlohmann::json CheckinResultJson(const CheckinResult& r, const std::string& lang);
// The same object serialized directly (core/json_writer.h: no JSON tree), for the hot
// path; it parses to the same value as CheckinResultJson(r, lang).
std::string CheckinResultText(const CheckinResult& r, const std::string& lang);
// Its OpenAPI schema.
nlohmann::json CheckinResultSchema();
// The "meaning" object alone (also in the live feed's check-in events).
nlohmann::json CheckinMeaningJson(const core::CheckinMeaning& m, const std::string& lang);
// {"checked_in","expected","label"}.
nlohmann::json CountsJson(const Counts& c, const std::string& lang = "zh-CN");
// The live feed's "checkin" event data, serialized: {"session_id","person_id",
// "person_name","direction","at","meaning","counts"}, written directly (no JSON tree).
// Other instances read "direction" and "person_id" back (attendance_routes.cc).
std::string CheckinEventData(const CheckinResult& r, const std::string& lang);

// One trainee in one session; times local to the class (utc_offset_minutes).
nlohmann::json AttendanceRowJson(const AttendanceRow& row, int utc_offset_minutes,
                                 const std::string& lang);
// A class's attendance by session, unit and group, and each trainee's completion.
nlohmann::json ClassSummaryJson(const ClassAttendance& att, const std::string& lang);

// {"id","session_id","opened_ms","closes_ms","confirmed","expected"}.
nlohmann::json SpotCheckJson(const SpotCheckInfo& s);

// A leave request, with its zh-CN status label.
nlohmann::json LeaveJson(const LeaveRequest& leave);

// A class's venue (nulls when no geofence or never set); also its audit form.
nlohmann::json VenueJson(const Venue& v);

}  // namespace peixun::attendance
