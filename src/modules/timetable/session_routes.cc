// Routes of a class's sessions, its conflict list and a lecturer's own sessions.
#include <cmath>

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "core/actor.h"
#include "core/credit_hours.h"
#include "modules/classes/class_access.h"
#include "modules/timetable/internal/programme.h"
#include "modules/timetable/internal/timetable_route_support.h"
#include "modules/timetable/registry_for_user.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/timetable_json.h"
#include "modules/timetable/timetable_routes.h"

namespace peixun::timetable {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kClassManagers = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
constexpr size_t kMaxLinkedIds = 100;

json SessionInputSchema(bool create) {
  const json str = {{"type", "string"}};
  const json local_time = {{"type", "string"}, {"example", "2020-06-02T08:30"}};
  const json ids = {{"type", "array"}, {"items", {{"type", "integer"}}}};
  return api::ObjectSchema(
      {{"kind",
        {{"type", "string"},
         {"enum", {"ceremony", "lecture", "onsite", "discussion", "exam", "self_study"}}}},
       {"title", str},
       {"start", local_time},
       {"end", local_time},
       {"room_id", {{"type", "integer"}, {"nullable", true}}},
       {"site_ids", ids},
       {"lecturer_id", {{"type", "integer"}, {"nullable", true}}},
       {"hours",
        {{"description", "学时: a number (2.5) or text (\"2.5\"); null: from duration"},
         {"anyOf", {{{"type", "number"}, {"nullable", true}}, {{"type", "string"}}}}}},
       {"group_ids", ids},
       {"requires_checkout", {{"type", "boolean"}}},
       {"description", str},
       {"accept_conflicts",
        {{"type", "boolean"}, {"description", "store even when the conflict finder objects"}}}},
      create ? std::vector<std::string>{"kind", "title", "start", "end"}
             : std::vector<std::string>{});
}

Result<std::optional<int>> ReadHours(const json& value) {
  if (value.is_null()) return std::optional<int>();
  if (value.is_number()) {
    const double tenths = value.get<double>() * 10;
    if (tenths < 0 || std::fabs(tenths - std::round(tenths)) > 1e-6) {
      return Invalid("timetable.hours", "学时应为非负数，至多一位小数",
                     "hours must be a non-negative number with at most one decimal", "hours");
    }
    return std::optional<int>(static_cast<int>(std::lround(tenths)));
  }
  if (value.is_string()) {
    auto parsed = core::ParseCreditTenths(value.get<std::string>());
    if (!parsed) {
      Error e = parsed.error();
      e.field = "hours";
      return e;
    }
    return std::optional<int>(*parsed);
  }
  return Invalid("request.type", "字段 hours 应为数字", "field hours must be a number", "hours");
}

struct SessionRequest {
  SessionFields fields;
  bool accept_conflicts = false;
};

// The fields present in `body` (a create fills the rest with defaults; a PATCH keeps them).
Result<SessionRequest> ReadSessionRequest(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  SessionRequest r;
  SessionFields& f = r.fields;
  auto text = [&](const char* key, size_t max, bool required, std::optional<std::string>* out) {
    if (in.Has(key)) *out = in.Str(key, required, max);
  };
  text("kind", 20, api::kRequired, &f.kind);
  text("title", 100, api::kRequired, &f.title);
  text("start", 30, api::kRequired, &f.start);
  text("end", 30, api::kRequired, &f.end);
  text("description", 2000, api::kOptional, &f.description);
  if (in.Has("room_id")) {
    f.set_room = true;
    f.room_id = in.OptInt("room_id");
  }
  if (in.Has("lecturer_id")) {
    f.set_lecturer = true;
    f.lecturer_id = in.OptInt("lecturer_id");
  }
  if (in.Has("requires_checkout")) f.requires_checkout = in.Bool("requires_checkout");
  r.accept_conflicts = in.Bool("accept_conflicts", false);
  if (auto ids = in.IdList("site_ids", kMaxLinkedIds)) f.site_ids = std::move(*ids);
  if (auto ids = in.IdList("group_ids", kMaxLinkedIds)) f.group_ids = std::move(*ids);
  const std::optional<json> hours = in.Take("hours");
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  if (hours) {
    f.set_hours = true;
    PEIXUN_ASSIGN_OR_RETURN(f.hours_tenths, ReadHours(*hours));
  }
  return r;
}

json WriteJson(const SessionWrite& w, const std::string& lang) {
  json out = SessionToJson(w.session);
  json conflicts = json::array();
  for (const auto& c : w.accepted_conflicts) conflicts.push_back(ConflictToJson(c, lang));
  out["conflicts"] = conflicts;
  return out;
}

json SessionWriteSchema() {
  json s = SessionSchema();
  s["properties"]["conflicts"] = {
      {"type", "array"},
      {"items", ConflictSchema()},
      {"description", "conflicts kept because accept_conflicts was true"}};
  s["required"].push_back("conflicts");
  return api::Named("ClassSessionWrite", s);
}

json SessionList(const std::vector<ClassSession>& sessions) {
  json out = json::array();
  for (const auto& s : sessions) out.push_back(SessionToJson(s));
  return {{"items", out}};
}

json ListSchema(json item) {
  return api::ObjectSchema({{"items", {{"type", "array"}, {"items", std::move(item)}}}});
}

}  // namespace

void RegisterSessionRoutes(api::Router& router, store::Store& store,
                           const classes::ClassHooks& class_hooks, const TimetableHooks& hooks) {
  auto service = std::make_shared<SessionService>(store, hooks, class_hooks.enrolled_class_ids);
  const json one = api::JsonResponseDoc("the session", SessionSchema());
  const json written = api::JsonResponseDoc("the session and the conflicts it was allowed to keep",
                                            SessionWriteSchema());
  const json refused = {{"description",
                         "timetable.conflict (the message lists the conflicts) or "
                         "classes.archived"}};

  json class_list = ListSchema(SessionSchema());
  class_list["properties"]["programme"] = ProgrammeSchema();
  router.Get(
      "/api/v1/classes/{id}/sessions", Access::AnyUser(),
      api::OperationDoc("timetable",
                        "本班课程表（按时间先后），及每名学员的应修学时（平行的分组课程只计一次）",
                        {{"responses", {{"200", api::JsonResponseDoc("sessions", class_list)}}}}),
      [service, group_ids = hooks.class_group_ids](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t class_id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(auto sessions, service->ListForClass(*c.principal, class_id));
        json out = SessionList(sessions);
        out["programme"] =
            ProgrammeJson(sessions, group_ids ? group_ids(class_id) : std::vector<int64_t>{});
        return api::Json(out);
      });

  router.Post(
      "/api/v1/classes/{id}/sessions", kClassManagers,
      api::OperationDoc("timetable",
                        "新增课程（时间为本班时区的本地时间；有冲突时 409 timetable.conflict，"
                        "除非 accept_conflicts 为 true）",
                        {{"requestBody", api::JsonBodyDoc(SessionInputSchema(true))},
                         {"responses", {{"201", written}, {"409", refused}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t class_id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(SessionRequest r, ReadSessionRequest(c.request.body));
        PEIXUN_ASSIGN_OR_RETURN(
            SessionWrite w, service->Create(*c.principal, class_id, r.fields, r.accept_conflicts));
        return api::Json(WriteJson(w, c.lang), 201);
      });

  router.Get("/api/v1/sessions/{id}", Access::AnyUser(),
             api::OperationDoc("timetable", "课程详情", {{"responses", {{"200", one}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(ClassSession s, service->Get(*c.principal, id));
               return api::Json(SessionToJson(s));
             });

  router.Patch("/api/v1/sessions/{id}", kClassManagers,
               api::OperationDoc("timetable", "修改课程（只改给出的字段；冲突规则同新增）",
                                 {{"requestBody", api::JsonBodyDoc(SessionInputSchema(false))},
                                  {"responses", {{"200", written}, {"409", refused}}}}),
               [service](Call& c) -> Result<api::Response> {
                 PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                 PEIXUN_ASSIGN_OR_RETURN(SessionRequest r, ReadSessionRequest(c.request.body));
                 PEIXUN_ASSIGN_OR_RETURN(SessionWrite w, service->Update(*c.principal, id, r.fields,
                                                                         r.accept_conflicts));
                 return api::Json(WriteJson(w, c.lang));
               });

  router.Delete("/api/v1/sessions/{id}", kClassManagers,
                api::OperationDoc("timetable", "删除课程",
                                  {{"responses", {{"204", {{"description", "deleted"}}}}}}),
                [service](Call& c) -> Result<api::Response> {
                  PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                  PEIXUN_RETURN_IF_ERROR(service->Delete(*c.principal, id));
                  return api::NoContent();
                });

  router.Get("/api/v1/classes/{id}/timetable/conflicts", Access::AnyUser(),
             api::OperationDoc(
                 "timetable", "本班课程表当前的冲突（含已确认保留的）",
                 {{"responses",
                   {{"200", api::JsonResponseDoc("conflicts", ListSchema(ConflictSchema()))}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t class_id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto conflicts, service->Conflicts(*c.principal, class_id));
               json items = json::array();
               for (const auto& conflict : conflicts)
                 items.push_back(ConflictToJson(conflict, c.lang));
               return api::Json({{"items", items}});
             });

  router.Get("/api/v1/me/sessions", Access::Roles({Role::kLecturer}),
             api::OperationDoc(
                 "timetable", "我的授课安排（授课老师：所有班级中本人的课程，按时间先后）",
                 {{"responses",
                   {{"200", api::JsonResponseDoc("sessions", ListSchema(SessionSchema()))}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(auto sessions, MySessions(*service, *c.principal));
               return api::Json(SessionList(sessions));
             });
}

}  // namespace peixun::timetable
