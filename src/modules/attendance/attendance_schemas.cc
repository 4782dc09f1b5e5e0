#include "modules/attendance/attendance_schemas.h"

#include "api/openapi.h"
#include "modules/attendance/attendance_json.h"
#include "modules/attendance/checkin_service.h"

namespace peixun::attendance {
namespace {

using nlohmann::json;

const json kStr = {{"type", "string"}};
const json kInt = {{"type", "integer"}};
const json kNum = {{"type", "number"}};
const json kBool = {{"type", "boolean"}};
const json kNullableInt = {{"type", "integer"}, {"nullable", true}};

json Enum(std::initializer_list<const char*> values) {
  json e = json::array();
  for (const char* v : values) e.push_back(v);
  return {{"type", "string"}, {"enum", e}};
}

// attended/excused/absent/late/left_early/left_midway/pending and the rate, as
// ClassSummaryJson's Tally writes them.
json TallyProperties() {
  return {{"attended", kInt},   {"excused", kInt},     {"absent", kInt},  {"late", kInt},
          {"left_early", kInt}, {"left_midway", kInt}, {"pending", kInt}, {"rate", kNum}};
}

json WithProperties(json base, const json& more) {
  for (const auto& [k, v] : more.items()) base[k] = v;
  return base;
}

json CheckinMeaningSchema() {
  json s = CheckinResultSchema()["properties"]["meaning"];
  return api::Output("CheckinMeaning", s);
}

json AttendanceRowSchema() {
  return api::Output(
      "AttendanceRow",
      api::ObjectSchema({{"person_id", kInt},
                         {"name", kStr},
                         {"unit_id", kNullableInt},
                         {"unit_name", kStr},
                         {"group_id", kNullableInt},
                         {"group_name", kStr},
                         {"status", AttendanceStatusSchema()},
                         {"status_label", kStr},
                         {"late", kBool},
                         {"left_early", kBool},
                         {"left_midway", kBool},
                         {"first_checkin_ms", kNullableInt},
                         {"first_checkin", {{"type", "string"}, {"example", "08:27"}}},
                         {"last_checkout_ms", kNullableInt},
                         {"corrected", kBool},
                         {"reason_code", kStr},
                         {"explanation", kStr},
                         {"flags", api::ArrayOf(kStr)}}));
}

json TraineeSummarySchema() {
  return api::Output(
      "TraineeSummary",
      api::ObjectSchema(
          {{"person_id", kInt},
           {"name", kStr},
           {"unit_name", kStr},
           {"programme_hours", kNum},
           {"credited_hours", kNum},
           {"excused_hours", kNum},
           {"absences", kInt},
           {"discipline", kInt},
           {"leave_share", {{"type", "string"}, {"example", "1/4"}}},
           {"state", api::Named("CompletionState", Enum({"on_track", "at_risk", "ineligible",
                                                         "completed", "not_completed"}))},
           {"reasons", api::ArrayOf(api::ObjectSchema({{"code", kStr}, {"message", kStr}}))}}));
}

}  // namespace

json AttendanceStatusSchema() {
  return api::Named("AttendanceStatus", Enum({"attended", "excused", "absent", "pending"}));
}

json DirectionSchema() { return api::Named("CheckinDirection", Enum({"in", "out"})); }

json CheckinCountsSchema() {
  return api::Output(
      "CheckinCounts",
      api::ObjectSchema({{"checked_in", kInt}, {"expected", kInt}, {"label", kStr}}));
}

json CheckinAnswerSchema() {
  json s = CheckinResultSchema();
  s["properties"]["direction"] = DirectionSchema();
  s["properties"]["counts"] = CheckinCountsSchema();
  s["properties"]["meaning"] = CheckinMeaningSchema();
  return api::Output("CheckinAnswer", s);
}

json ProjectorQrSchema() {
  json missing = api::Output("MissingUnit", api::ObjectSchema({{"unit_id", kNullableInt},
                                                               {"unit_name", kStr},
                                                               {"names", api::ArrayOf(kStr)}}));
  return api::Output(
      "ProjectorQr",
      api::ObjectSchema(
          {{"session_id", kInt},
           {"direction", DirectionSchema()},
           {"token", kStr},
           {"url",
            {{"type", "string"}, {"description", "/c/<session>/<token>: the path the QR encodes"}}},
           {"absolute_url", kStr},
           {"svg", kStr},
           {"period_seconds", kInt},
           {"seconds_left", kInt},
           {"counts", CheckinCountsSchema()},
           {"missing", api::ArrayOf(missing)}}));
}

json SessionAttendanceSchema() {
  return api::Output(
      "SessionAttendance",
      api::ObjectSchema(
          {{"session", api::ObjectSchema(
                           {{"id", kInt}, {"title", kStr}, {"start_ms", kInt}, {"end_ms", kInt}})},
           {"counts", CheckinCountsSchema()},
           {"items", api::ArrayOf(AttendanceRowSchema())}}));
}

json AttendanceSummarySchema() {
  json session_rate = api::Output(
      "SessionRate",
      api::ObjectSchema(WithProperties(
          TallyProperties(),
          {{"session_id", kInt}, {"title", kStr}, {"start", kStr}, {"expected", kInt}})));
  json unit_rate = api::Output(
      "UnitRate", api::ObjectSchema(WithProperties(TallyProperties(), {{"unit_name", kStr}})));
  json group_rate =
      api::Output("GroupRate", api::ObjectSchema(WithProperties(
                                   TallyProperties(), {{"group_id", kInt}, {"group_name", kStr}})));
  return api::Output("AttendanceSummary",
                     api::ObjectSchema({{"class_id", kInt},
                                        {"by_session", api::ArrayOf(session_rate)},
                                        {"by_unit", api::ArrayOf(unit_rate)},
                                        {"by_group", api::ArrayOf(group_rate)},
                                        {"trainees", api::ArrayOf(TraineeSummarySchema())}}));
}

json CorrectionSchema() {
  return api::Output("Correction",
                     api::ObjectSchema({{"id", kInt},
                                        {"session_id", kInt},
                                        {"person_id", kInt},
                                        {"status", Enum({"attended", "excused", "absent"})},
                                        {"reason", kStr},
                                        {"by", kInt},
                                        {"at_ms", kInt}}));
}

json CorrectionInputSchema() {
  return api::Named("CorrectionInput",
                    api::ObjectSchema({{"person_id", kInt},
                                       {"status", Enum({"attended", "excused", "absent"})},
                                       {"late", kBool},
                                       {"left_early", kBool},
                                       {"left_midway", kBool},
                                       {"reason", kStr}},
                                      {"person_id", "status", "reason"}));
}

json SpotCheckSchema() {
  return api::Output("SpotCheck", api::ObjectSchema({{"id", kInt},
                                                     {"session_id", kInt},
                                                     {"opened_ms", kInt},
                                                     {"closes_ms", kInt},
                                                     {"confirmed", kInt},
                                                     {"expected", kInt}}));
}

json MySpotCheckSchema() {
  return api::Output("MySpotCheck", api::ObjectSchema({{"id", kInt},
                                                       {"session_id", kInt},
                                                       {"session_title", kStr},
                                                       {"class_id", kInt},
                                                       {"opened_ms", kInt},
                                                       {"closes_ms", kInt},
                                                       {"confirmed", kBool}}));
}

json SpotCheckConfirmationSchema() {
  return api::Output("SpotCheckConfirmation", api::ObjectSchema({{"confirmed_at_ms", kInt}}));
}

json MyAttendanceSchema() {
  json row = AttendanceRowSchema();
  // Each row also names its session; the same row type plus three keys.
  json item = api::Output(
      "MyAttendanceRow",
      {{"allOf",
        {row, api::ObjectSchema({{"session_id", kInt}, {"title", kStr}, {"start", kStr}},
                                {"session_id", "title", "start"})}}});
  // null until the trainee has a verdict; a $ref cannot carry nullable beside it.
  const json completion = {
      {"type", "object"}, {"nullable", true}, {"allOf", {TraineeSummarySchema()}}};
  return api::Output("MyAttendance", api::ObjectSchema({{"items", api::ArrayOf(item)},
                                                        {"completion", completion}}));
}

json LeaveRequestSchema() {
  return api::Output(
      "LeaveRequest",
      api::ObjectSchema(
          {{"id", kInt},
           {"class_id", kInt},
           {"person_id", kInt},
           {"person_name", kStr},
           {"start_ms", kInt},
           {"end_ms", kInt},
           {"session_ids", api::ArrayOf(kInt)},
           {"reason", kStr},
           {"attachment_name", {{"type", "string"}, {"nullable", true}}},
           {"status", api::Named("LeaveStatus", Enum({"requested", "approved", "rejected",
                                                      "cancelled", "returned"}))},
           {"status_label", kStr},
           {"decided_by", kNullableInt},
           {"decision_reason", kStr},
           {"returned_at_ms", kNullableInt},
           {"created_at_ms", kInt}}));
}

json LeaveInputSchema() {
  return api::Named("LeaveInput", api::ObjectSchema({{"person_id", kInt},
                                                     {"start_ms", kInt},
                                                     {"end_ms", kInt},
                                                     {"session_ids", api::ArrayOf(kInt)},
                                                     {"reason", kStr},
                                                     {"attachment_name", kStr},
                                                     {"attachment_base64", kStr}},
                                                    {"reason"}));
}

json ReasonInputSchema() {
  return api::Named("ReasonInput", api::ObjectSchema({{"reason", kStr}}));
}

json CheckinInputSchema() {
  return api::Named("CheckinInput", api::ObjectSchema({{"token", kStr},
                                                       {"idempotency_key", kStr},
                                                       {"direction", DirectionSchema()},
                                                       {"session_id", kInt},
                                                       {"lat", kNum},
                                                       {"lng", kNum}},
                                                      {"token", "idempotency_key"}));
}

json KioskScanSchema() {
  return api::Named("KioskScan",
                    api::ObjectSchema({{"session_id", kInt},
                                       {"badge_token", kStr},
                                       {"direction", DirectionSchema()},
                                       {"device_time_ms", kInt},
                                       {"idempotency_key", kStr},
                                       {"offline", kBool}},
                                      {"session_id", "badge_token", "idempotency_key"}));
}

}  // namespace peixun::attendance
