#include "modules/workbench/internal/workbench_json.h"

#include "api/openapi.h"
#include "core/local_time.h"

namespace peixun::workbench {
namespace {

using nlohmann::json;

const json kStr = {{"type", "string"}};
const json kInt = {{"type", "integer"}, {"format", "int64"}};
const json kNum = {{"type", "number"}};
const json kBool = {{"type", "boolean"}};
const json kNullableInt = {{"type", "integer"}, {"format", "int64"}, {"nullable", true}};

json Enum(std::initializer_list<const char*> values) {
  json e = json::array();
  for (const char* v : values) e.push_back(v);
  return {{"type", "string"}, {"enum", e}};
}

bool English(const std::string& lang) { return lang.rfind("en", 0) == 0; }

json Opt(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

double Hours(int tenths) { return tenths / 10.0; }

json PersonJson(const NamedPerson& p) {
  return {{"person_id", p.person_id}, {"name", p.name}, {"unit_name", p.unit_name}};
}

json ClassLineJson(const ClassLine& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"status", c.status},
          {"start_date", c.start_date},
          {"end_date", c.end_date},
          {"capacity", c.capacity},
          {"approved", c.approved}};
}

json ClassStatusSchema() {
  return api::Named("ClassStatusCode",
                    Enum({"planning", "enrolling", "running", "finished", "archived"}));
}

json ClassLineSchema() {
  return api::Output("WorkbenchClass", api::ObjectSchema({{"id", kInt},
                                                          {"name", kStr},
                                                          {"status", ClassStatusSchema()},
                                                          {"start_date", kStr},
                                                          {"end_date", kStr},
                                                          {"capacity", kInt},
                                                          {"approved", kInt}}));
}

json PersonSchema() {
  return api::Output("WorkbenchPerson",
                     api::ObjectSchema({{"person_id", kInt}, {"name", kStr}, {"unit_name", kStr}}));
}

json PendingEnrollmentSchema() {
  return api::Output("WorkbenchPendingEnrollment", api::ObjectSchema({{"enrollment_id", kInt},
                                                                      {"class_id", kInt},
                                                                      {"class_name", kStr},
                                                                      {"person_id", kInt},
                                                                      {"person_name", kStr},
                                                                      {"unit_name", kStr},
                                                                      {"reason", kStr},
                                                                      {"created_at", kInt}}));
}

json PendingEnrollmentJson(const PendingEnrollment& p) {
  return {{"enrollment_id", p.enrollment_id},
          {"class_id", p.class_id},
          {"class_name", p.class_name},
          {"person_id", p.person_id},
          {"person_name", p.person_name},
          {"unit_name", p.unit_name},
          {"reason", p.reason},
          {"created_at", p.created_at}};
}

}  // namespace

json HeadTeacherJson(const HeadTeacherWorkbench& w, const std::string& lang) {
  json today = json::array();
  for (const auto& t : w.today) {
    json missing = json::array();
    for (const auto& p : t.missing) missing.push_back(PersonJson(p));
    today.push_back({{"class_id", t.class_id},
                     {"class_name", t.class_name},
                     {"session_id", t.session_id},
                     {"title", t.title},
                     {"kind", t.kind},
                     {"start_ms", t.start_ms},
                     {"end_ms", t.end_ms},
                     {"start", core::FormatLocalClock(t.start_ms, t.utc_offset_minutes)},
                     {"end", core::FormatLocalClock(t.end_ms, t.utc_offset_minutes)},
                     {"place", t.place},
                     {"phase", t.phase},
                     {"expected", t.expected},
                     {"checked_in", Opt(t.checked_in)},
                     {"excused", Opt(t.excused)},
                     {"missing", missing}});
  }
  json leave = json::array();
  for (const auto& l : w.leave_requests) {
    leave.push_back({{"id", l.id},
                     {"class_id", l.class_id},
                     {"class_name", l.class_name},
                     {"person_id", l.person_id},
                     {"person_name", l.person_name},
                     {"start_ms", l.start_ms},
                     {"end_ms", l.end_ms},
                     {"reason", l.reason},
                     {"created_ms", l.created_ms}});
  }
  json risk = json::array();
  for (const auto& r : w.at_risk) {
    json reasons = json::array();
    for (const auto& reason : r.reasons) {
      reasons.push_back({{"code", reason.code},
                         {"message", English(lang) ? reason.message_en : reason.message_zh}});
    }
    risk.push_back({{"class_id", r.class_id},
                    {"class_name", r.class_name},
                    {"person_id", r.person_id},
                    {"name", r.name},
                    {"unit_name", r.unit_name},
                    {"state", r.state},
                    {"reasons", reasons}});
  }
  json tomorrow = json::array();
  for (const auto& t : w.tomorrow) {
    json buses = json::array();
    for (const auto& b : t.buses) {
      buses.push_back({{"session_id", b.session_id},
                       {"session_title", b.session_title},
                       {"start_ms", b.start_ms},
                       {"bus_name", b.bus_name},
                       {"seats", b.seats},
                       {"passengers", b.passengers}});
    }
    json meals = json::array();
    for (const auto& m : t.meals) {
      meals.push_back({{"meal", m.meal},
                       {"total", m.total},
                       {"regular", m.regular},
                       {"halal", m.halal},
                       {"vegetarian", m.vegetarian},
                       {"on_leave", m.on_leave}});
    }
    tomorrow.push_back({{"class_id", t.class_id},
                        {"class_name", t.class_name},
                        {"date", t.date},
                        {"buses", buses},
                        {"meals", meals}});
  }
  return {{"now_ms", w.now_ms},
          {"today", today},
          {"leave_requests", leave},
          {"at_risk", risk},
          {"tomorrow", tomorrow}};
}

json HeadTeacherSchema() {
  json session = api::Output(
      "WorkbenchTodaySession",
      api::ObjectSchema(
          {{"class_id", kInt},
           {"class_name", kStr},
           {"session_id", kInt},
           {"title", kStr},
           {"kind", Enum({"ceremony", "lecture", "onsite", "discussion", "exam", "self_study"})},
           {"start_ms", kInt},
           {"end_ms", kInt},
           {"start", {{"type", "string"}, {"example", "08:30"}}},
           {"end", {{"type", "string"}, {"example", "11:30"}}},
           {"place", kStr},
           {"phase", Enum({"running", "upcoming", "ended"})},
           {"expected", kInt},
           {"checked_in", kNullableInt},
           {"excused", kNullableInt},
           {"missing", api::ArrayOf(PersonSchema())}}));
  json leave = api::Output("WorkbenchPendingLeave", api::ObjectSchema({{"id", kInt},
                                                                       {"class_id", kInt},
                                                                       {"class_name", kStr},
                                                                       {"person_id", kInt},
                                                                       {"person_name", kStr},
                                                                       {"start_ms", kInt},
                                                                       {"end_ms", kInt},
                                                                       {"reason", kStr},
                                                                       {"created_ms", kInt}}));
  json risk = api::Output(
      "WorkbenchTraineeAtRisk",
      api::ObjectSchema(
          {{"class_id", kInt},
           {"class_name", kStr},
           {"person_id", kInt},
           {"name", kStr},
           {"unit_name", kStr},
           {"state", Enum({"at_risk", "ineligible"})},
           {"reasons", api::ArrayOf(api::ObjectSchema({{"code", kStr}, {"message", kStr}}))}}));
  json bus = api::Output("WorkbenchBus", api::ObjectSchema({{"session_id", kInt},
                                                            {"session_title", kStr},
                                                            {"start_ms", kInt},
                                                            {"bus_name", kStr},
                                                            {"seats", kInt},
                                                            {"passengers", kInt}}));
  json meal = api::Output("WorkbenchMeal",
                          api::ObjectSchema({{"meal", Enum({"breakfast", "lunch", "dinner"})},
                                             {"total", kInt},
                                             {"regular", kInt},
                                             {"halal", kInt},
                                             {"vegetarian", kInt},
                                             {"on_leave", kInt}}));
  json tomorrow = api::Output("WorkbenchTomorrow",
                              api::ObjectSchema({{"class_id", kInt},
                                                 {"class_name", kStr},
                                                 {"date", {{"type", "string"}, {"format", "date"}}},
                                                 {"buses", api::ArrayOf(bus)},
                                                 {"meals", api::ArrayOf(meal)}}));
  return api::Output("HeadTeacherWorkbench",
                     api::ObjectSchema({{"now_ms", kInt},
                                        {"today", api::ArrayOf(session)},
                                        {"leave_requests", api::ArrayOf(leave)},
                                        {"at_risk", api::ArrayOf(risk)},
                                        {"tomorrow", api::ArrayOf(tomorrow)}}));
}

json OrganizerJson(const OrganizerWorkbench& w) {
  json by_status = json::array();
  for (const auto& s : w.by_status) by_status.push_back({{"status", s.status}, {"count", s.count}});
  json classes = json::array();
  for (const auto& c : w.classes) classes.push_back(ClassLineJson(c));
  json quotas = json::array();
  for (const auto& q : w.quotas) {
    quotas.push_back({{"class_id", q.class_id},
                      {"class_name", q.class_name},
                      {"unit_id", q.unit_id},
                      {"unit_name", q.unit_name},
                      {"seats", q.seats},
                      {"used", q.used},
                      {"approved", q.approved},
                      {"waitlisted", q.waitlisted}});
  }
  json nominations = json::array();
  for (const auto& p : w.nominations) nominations.push_back(PendingEnrollmentJson(p));
  json substitutions = json::array();
  for (const auto& p : w.substitutions) substitutions.push_back(PendingEnrollmentJson(p));
  json excellent = json::array();
  for (const auto& e : w.excellent) {
    excellent.push_back({{"class_id", e.class_id},
                         {"class_name", e.class_name},
                         {"person_id", e.person_id},
                         {"name", e.name},
                         {"unit_name", e.unit_name}});
  }
  return {{"by_status", by_status},
          {"classes", classes},
          {"quotas", quotas},
          {"nominations", nominations},
          {"substitutions", substitutions},
          {"excellent", excellent}};
}

json OrganizerSchema() {
  json count = api::Output("WorkbenchStatusCount",
                           api::ObjectSchema({{"status", ClassStatusSchema()}, {"count", kInt}}));
  json quota = api::Output("WorkbenchQuota", api::ObjectSchema({{"class_id", kInt},
                                                                {"class_name", kStr},
                                                                {"unit_id", kInt},
                                                                {"unit_name", kStr},
                                                                {"seats", kInt},
                                                                {"used", kInt},
                                                                {"approved", kInt},
                                                                {"waitlisted", kInt}}));
  json excellent = api::Output("WorkbenchExcellent", api::ObjectSchema({{"class_id", kInt},
                                                                        {"class_name", kStr},
                                                                        {"person_id", kInt},
                                                                        {"name", kStr},
                                                                        {"unit_name", kStr}}));
  return api::Output("OrganizerWorkbench",
                     api::ObjectSchema({{"by_status", api::ArrayOf(count)},
                                        {"classes", api::ArrayOf(ClassLineSchema())},
                                        {"quotas", api::ArrayOf(quota)},
                                        {"nominations", api::ArrayOf(PendingEnrollmentSchema())},
                                        {"substitutions", api::ArrayOf(PendingEnrollmentSchema())},
                                        {"excellent", api::ArrayOf(excellent)}}));
}

json LiaisonJson(const LiaisonWorkbench& w) {
  json classes = json::array();
  for (const auto& c : w.classes) classes.push_back(ClassLineJson(c));
  json nominations = json::array();
  for (const auto& n : w.nominations) {
    nominations.push_back({{"enrollment_id", n.enrollment_id},
                           {"class_id", n.class_id},
                           {"class_name", n.class_name},
                           {"person_id", n.person_id},
                           {"person_name", n.person_name},
                           {"unit_name", n.unit_name},
                           {"status", n.status}});
  }
  json attendance = json::array();
  for (const auto& t : w.attendance) {
    attendance.push_back({{"class_id", t.class_id},
                          {"class_name", t.class_name},
                          {"person_id", t.person_id},
                          {"name", t.name},
                          {"unit_name", t.unit_name},
                          {"attended", t.attended},
                          {"excused", t.excused},
                          {"absent", t.absent},
                          {"late", t.late},
                          {"pending", t.pending},
                          {"credited_hours", Hours(t.credited_tenths)},
                          {"programme_hours", Hours(t.programme_tenths)},
                          {"state", t.state}});
  }
  return {{"unit_id", Opt(w.unit_id)},
          {"unit_name", w.unit_name},
          {"classes", classes},
          {"nominations", nominations},
          {"attendance", attendance}};
}

json LiaisonSchema() {
  json nomination =
      api::Output("WorkbenchUnitEnrollment",
                  api::ObjectSchema({{"enrollment_id", kInt},
                                     {"class_id", kInt},
                                     {"class_name", kStr},
                                     {"person_id", kInt},
                                     {"person_name", kStr},
                                     {"unit_name", kStr},
                                     {"status", Enum({"nominated", "approved", "rejected",
                                                      "waitlisted", "withdrawn", "replaced"})}}));
  json attendance = api::Output(
      "WorkbenchTraineeAttendance",
      api::ObjectSchema({{"class_id", kInt},
                         {"class_name", kStr},
                         {"person_id", kInt},
                         {"name", kStr},
                         {"unit_name", kStr},
                         {"attended", kInt},
                         {"excused", kInt},
                         {"absent", kInt},
                         {"late", kInt},
                         {"pending", kInt},
                         {"credited_hours", kNum},
                         {"programme_hours", kNum},
                         {"state", Enum({"on_track", "at_risk", "ineligible", "completed",
                                         "not_completed", "not_assessed"})}}));
  return api::Output("LiaisonWorkbench",
                     api::ObjectSchema({{"unit_id", kNullableInt},
                                        {"unit_name", kStr},
                                        {"classes", api::ArrayOf(ClassLineSchema())},
                                        {"nominations", api::ArrayOf(nomination)},
                                        {"attendance", api::ArrayOf(attendance)}}));
}

json AdminJson(const AdminWorkbench& w) {
  json roles = json::array();
  for (const auto& r : w.users_by_role) roles.push_back({{"role", r.role}, {"count", r.count}});
  return {{"users", w.users},
          {"users_by_role", roles},
          {"audit",
           {{"ok", w.audit_ok},
            {"entries", w.audit_entries},
            {"first_bad_id", Opt(w.audit_first_bad_id)},
            {"reason", w.audit_reason},
            {"last_hash", w.audit_last_hash}}},
          {"server",
           {{"db_kind", w.db_kind},
            {"version", w.version},
            {"started_ms", w.started_ms},
            {"uptime_s", w.uptime_s}}},
          {"backup",
           {{"state", w.backup_state},
            {"at", Opt(w.backup_at)},
            {"file", w.backup_file},
            {"message", w.backup_message}}}};
}

json AdminSchema() {
  json role =
      api::Output("WorkbenchRoleCount",
                  api::ObjectSchema({{"role", Enum({"admin", "organizer", "head_teacher", "liaison",
                                                    "lecturer", "logistics", "trainee"})},
                                     {"count", kInt}}));
  json audit = api::Output("WorkbenchAuditChain",
                           api::ObjectSchema({{"ok", kBool},
                                              {"entries", kInt},
                                              {"first_bad_id", kNullableInt},
                                              {"reason", Enum({"", "edited", "deleted"})},
                                              {"last_hash", kStr}}));
  json server =
      api::Output("WorkbenchServer", api::ObjectSchema({{"db_kind", Enum({"sqlite", "postgresql"})},
                                                        {"version", kStr},
                                                        {"started_ms", kInt},
                                                        {"uptime_s", kInt}}));
  json backup = api::Output("WorkbenchLastBackup",
                            api::ObjectSchema({{"state", Enum({"none", "ok", "failed"})},
                                               {"at", kNullableInt},
                                               {"file", kStr},
                                               {"message", kStr}}));
  return api::Output("AdminWorkbench", api::ObjectSchema({{"users", kInt},
                                                          {"users_by_role", api::ArrayOf(role)},
                                                          {"audit", audit},
                                                          {"server", server},
                                                          {"backup", backup}}));
}

}  // namespace peixun::workbench
