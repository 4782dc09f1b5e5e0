// The OpenAPI schemas of what the attendance routes answer, each under the name
// the web's generated types use (api/openapi.h: Named, Output). Each follows the
// JSON function it describes (checkin_service.h, attendance_service.h,
// leave_service.h, the route files); tests/integration/response_schema_test.cc
// checks real answers against them.
#pragma once

#include <nlohmann/json.hpp>

namespace peixun::attendance {

nlohmann::json AttendanceStatusSchema();   // attended | excused | absent | pending
nlohmann::json DirectionSchema();          // in | out
nlohmann::json CheckinCountsSchema();      // CountsJson
nlohmann::json CheckinAnswerSchema();      // CheckinResultJson
nlohmann::json ProjectorQrSchema();        // GET /sessions/{id}/qr
nlohmann::json SessionAttendanceSchema();  // GET /sessions/{id}/attendance
nlohmann::json AttendanceSummarySchema();  // ClassSummaryJson
nlohmann::json CorrectionSchema();         // POST /sessions/{id}/corrections
nlohmann::json CorrectionInputSchema();
nlohmann::json SpotCheckSchema();    // SpotCheckJson in attendance_routes.cc
nlohmann::json MySpotCheckSchema();  // GET /me/spot-checks items
nlohmann::json SpotCheckConfirmationSchema();
nlohmann::json MyAttendanceSchema();  // GET /me/attendance
nlohmann::json LeaveRequestSchema();  // LeaveJson
nlohmann::json LeaveInputSchema();
nlohmann::json ReasonInputSchema();   // {"reason"}: approve, reject
nlohmann::json CheckinInputSchema();  // POST /checkin
nlohmann::json KioskScanSchema();     // POST /kiosk/scan

}  // namespace peixun::attendance
