#include "modules/timetable/timetable_routes.h"

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "core/actor.h"
#include "modules/classes/class_access.h"
#include "modules/timetable/internal/timetable_route_support.h"
#include "modules/timetable/lecturer_service.h"
#include "modules/timetable/registry_for_user.h"
#include "modules/timetable/room_service.h"
#include "modules/timetable/site_service.h"
#include "modules/timetable/timetable_json.h"

namespace peixun::timetable {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kRegistryWriters = Access::Roles({Role::kAdmin, Role::kOrganizer});
const Access kClassManagers = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});

const json kStr = {{"type", "string"}};
const json kNullableInt = {{"type", "integer"}, {"nullable", true}};

json ItemsSchema(json item) {
  return api::ObjectSchema({{"items", {{"type", "array"}, {"items", std::move(item)}}}});
}

json Deleted() { return {{"204", {{"description", "deleted"}}}}; }

// ---- lecturers ---------------------------------------------------------------------------

json LecturerInputSchema(bool create) {
  return api::ObjectSchema({{"name", kStr},
                            {"title", kStr},
                            {"organization", kStr},
                            {"topics", kStr},
                            {"phone", kStr},
                            {"user_id", kNullableInt}},
                           create ? std::vector<std::string>{"name"} : std::vector<std::string>{});
}

// Reads a lecturer body over `base` (defaults on create, the stored one on PATCH).
Result<LecturerInput> ReadLecturer(const std::string& body, LecturerInput base, bool create) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  auto text = [&](const char* key, size_t max, bool required, std::string* out) {
    if (create || in.Has(key)) *out = in.Str(key, required, max);
  };
  text("name", 50, api::kRequired, &base.name);
  text("title", 50, api::kOptional, &base.title);
  text("organization", 100, api::kOptional, &base.organization);
  text("topics", 1000, api::kOptional, &base.topics);
  text("phone", 30, api::kOptional, &base.phone);
  if (create || in.Has("user_id")) base.user_id = in.OptInt("user_id");
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return base;
}

LecturerInput InputOf(const Lecturer& l) {
  return LecturerInput{l.name, l.title, l.organization, l.topics, l.phone, l.user_id};
}

void RegisterLecturerRoutes(api::Router& router, store::Store& store) {
  auto service = std::make_shared<LecturerService>(store);
  const json one = api::JsonResponseDoc("the lecturer", LecturerSchema());
  router.Get(
      "/api/v1/lecturers", StaffReaders(),
      api::OperationDoc(
          "timetable", "授课老师库（按姓名；q 为姓名片段）",
          {{"parameters", {{{"name", "q"}, {"in", "query"}, {"schema", {{"type", "string"}}}}}},
           {"responses",
            {{"200", api::JsonResponseDoc("lecturers", ItemsSchema(LecturerSchema()))}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(
            auto items, ListLecturers(*service, *c.principal, c.request.Query("q").value_or("")));
        json out = json::array();
        for (const auto& l : items) out.push_back(LecturerToJson(l));
        return api::Json({{"items", out}});
      });
  router.Post(
      "/api/v1/lecturers", kRegistryWriters,
      api::OperationDoc("timetable", "新增授课老师（user_id：授课老师角色的登录账号，可空）",
                        {{"requestBody", api::JsonBodyDoc(LecturerInputSchema(true))},
                         {"responses", {{"201", one}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(LecturerInput in, ReadLecturer(c.request.body, {}, true));
        PEIXUN_ASSIGN_OR_RETURN(Lecturer l, CreateLecturer(*service, *c.principal, in));
        return api::Json(LecturerToJson(l), 201);
      });
  router.Get("/api/v1/lecturers/{id}", StaffReaders(),
             api::OperationDoc("timetable", "授课老师详情", {{"responses", {{"200", one}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(Lecturer l, GetLecturer(*service, *c.principal, id));
               return api::Json(LecturerToJson(l));
             });
  router.Patch("/api/v1/lecturers/{id}", kRegistryWriters,
               api::OperationDoc("timetable", "修改授课老师（只改给出的字段）",
                                 {{"requestBody", api::JsonBodyDoc(LecturerInputSchema(false))},
                                  {"responses", {{"200", one}}}}),
               [service](Call& c) -> Result<api::Response> {
                 PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                 PEIXUN_ASSIGN_OR_RETURN(Lecturer current, GetLecturer(*service, *c.principal, id));
                 PEIXUN_ASSIGN_OR_RETURN(LecturerInput in,
                                         ReadLecturer(c.request.body, InputOf(current), false));
                 PEIXUN_ASSIGN_OR_RETURN(Lecturer l,
                                         UpdateLecturer(*service, *c.principal, id, in));
                 return api::Json(LecturerToJson(l));
               });
  router.Delete(
      "/api/v1/lecturers/{id}", kRegistryWriters,
      api::OperationDoc("timetable", "删除授课老师（未排课时）", {{"responses", Deleted()}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_RETURN_IF_ERROR(DeleteLecturer(*service, *c.principal, id));
        return api::NoContent();
      });
}

// ---- sites -------------------------------------------------------------------------------

json SiteInputSchema(bool create) {
  return api::ObjectSchema(
      {{"name", kStr},
       {"kind", {{"type", "string"}, {"enum", {"community", "enterprise", "social_org"}}}},
       {"unit_id", kNullableInt},
       {"address", kStr},
       {"contact_name", kStr},
       {"contact_phone", kStr},
       {"capacity", {{"type", "integer"}, {"nullable", true}, {"minimum", 1}}},
       {"description", kStr}},
      create ? std::vector<std::string>{"name", "kind", "capacity"} : std::vector<std::string>{});
}

Result<SiteInput> ReadSite(const std::string& body, SiteInput base, bool create) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  auto text = [&](const char* key, size_t max, bool required, std::string* out) {
    if (create || in.Has(key)) *out = in.Str(key, required, max);
  };
  text("name", 100, api::kRequired, &base.name);
  text("kind", 20, api::kRequired, &base.kind);
  text("address", 200, api::kOptional, &base.address);
  text("contact_name", 50, api::kOptional, &base.contact_name);
  text("contact_phone", 30, api::kOptional, &base.contact_phone);
  text("description", 2000, api::kOptional, &base.description);
  if (create || in.Has("unit_id")) base.unit_id = in.OptInt("unit_id");
  if (create || in.Has("capacity")) {
    base.capacity = static_cast<int>(in.OptInt("capacity", api::kRequired).value_or(0));
  }
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return base;
}

SiteInput InputOf(const Site& s) {
  return SiteInput{s.name,         std::string(SiteKindCode(s.kind)),
                   s.unit_id,      s.address,
                   s.contact_name, s.contact_phone,
                   s.capacity,     s.description};
}

void RegisterSiteRoutes(api::Router& router, store::Store& store) {
  auto service = std::make_shared<SiteService>(store);
  const json one = api::JsonResponseDoc("the site", SiteSchema());
  router.Get(
      "/api/v1/sites", StaffReaders(),
      api::OperationDoc(
          "timetable", "示范点库（社区、非公企业、社会组织；kind 可筛选）",
          {{"parameters",
            {{{"name", "kind"},
              {"in", "query"},
              {"schema",
               {{"type", "string"}, {"enum", {"community", "enterprise", "social_org"}}}}}}},
           {"responses", {{"200", api::JsonResponseDoc("sites", ItemsSchema(SiteSchema()))}}}}),
      [service](Call& c) -> Result<api::Response> {
        std::optional<SiteKind> kind;
        if (auto k = c.request.Query("kind")) {
          kind = ParseSiteKind(*k);
          if (!kind) {
            return Invalid("request.param", "参数 kind 无效：" + *k,
                           "parameter kind is invalid: " + *k, "kind");
          }
        }
        PEIXUN_ASSIGN_OR_RETURN(auto items, ListSites(*service, *c.principal, kind));
        json out = json::array();
        for (const auto& s : items) out.push_back(SiteToJson(s));
        return api::Json({{"items", out}});
      });
  router.Post("/api/v1/sites", kRegistryWriters,
              api::OperationDoc("timetable", "新增示范点",
                                {{"requestBody", api::JsonBodyDoc(SiteInputSchema(true))},
                                 {"responses", {{"201", one}}}}),
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(SiteInput in, ReadSite(c.request.body, {}, true));
                PEIXUN_ASSIGN_OR_RETURN(Site s, CreateSite(*service, *c.principal, in));
                return api::Json(SiteToJson(s), 201);
              });
  router.Get("/api/v1/sites/{id}", StaffReaders(),
             api::OperationDoc("timetable", "示范点详情", {{"responses", {{"200", one}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(Site s, GetSite(*service, *c.principal, id));
               return api::Json(SiteToJson(s));
             });
  router.Patch("/api/v1/sites/{id}", kRegistryWriters,
               api::OperationDoc("timetable", "修改示范点（只改给出的字段）",
                                 {{"requestBody", api::JsonBodyDoc(SiteInputSchema(false))},
                                  {"responses", {{"200", one}}}}),
               [service](Call& c) -> Result<api::Response> {
                 PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                 PEIXUN_ASSIGN_OR_RETURN(Site current, GetSite(*service, *c.principal, id));
                 PEIXUN_ASSIGN_OR_RETURN(SiteInput in,
                                         ReadSite(c.request.body, InputOf(current), false));
                 PEIXUN_ASSIGN_OR_RETURN(Site s, UpdateSite(*service, *c.principal, id, in));
                 return api::Json(SiteToJson(s));
               });
  router.Delete(
      "/api/v1/sites/{id}", kRegistryWriters,
      api::OperationDoc("timetable", "删除示范点（未排入现场教学时）", {{"responses", Deleted()}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_RETURN_IF_ERROR(DeleteSite(*service, *c.principal, id));
        return api::NoContent();
      });
}

// ---- rooms -------------------------------------------------------------------------------

json RoomInputSchema(bool create) {
  return api::ObjectSchema(
      {{"name", kStr},
       {"capacity", {{"type", "integer"}, {"nullable", true}, {"minimum", 1}}},
       {"seat_rows", {{"type", "integer"}, {"nullable", true}, {"maximum", kMaxSeatRows}}},
       {"seats_per_row", {{"type", "integer"}, {"nullable", true}, {"maximum", kMaxSeatsPerRow}}}},
      create ? std::vector<std::string>{"name"} : std::vector<std::string>{});
}

Result<ClassRoomInput> ReadRoom(const std::string& body, ClassRoomInput base, bool create) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  if (create || in.Has("name")) base.name = in.Str("name", api::kRequired, 50);
  if (create || in.Has("capacity"))
    base.capacity = static_cast<int>(in.OptInt("capacity").value_or(0));
  auto opt_int = [&](const char* key, std::optional<int>* out) {
    if (!create && !in.Has(key)) return;
    auto v = in.OptInt(key);
    *out = v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  };
  opt_int("seat_rows", &base.seat_rows);
  opt_int("seats_per_row", &base.seats_per_row);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return base;
}

void RegisterRoomRoutes(api::Router& router, store::Store& store,
                        const classes::ClassHooks& class_hooks) {
  auto service = std::make_shared<RoomService>(store, class_hooks.enrolled_class_ids);
  const json one = api::JsonResponseDoc("the room", RoomSchema());
  router.Get(
      "/api/v1/classes/{id}/rooms", Access::AnyUser(),
      api::OperationDoc(
          "timetable", "本班教室（讲堂、讨论室）",
          {{"responses", {{"200", api::JsonResponseDoc("rooms", ItemsSchema(RoomSchema()))}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t class_id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(auto rooms, service->ListForClass(*c.principal, class_id));
        json out = json::array();
        for (const auto& r : rooms) out.push_back(RoomToJson(r));
        return api::Json({{"items", out}});
      });
  router.Post(
      "/api/v1/classes/{id}/rooms", kClassManagers,
      api::OperationDoc("timetable",
                        "新增教室（座位排数 × 每排座位数用于座次表；capacity 缺省为二者之积）",
                        {{"requestBody", api::JsonBodyDoc(RoomInputSchema(true))},
                         {"responses", {{"201", one}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t class_id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(ClassRoomInput in, ReadRoom(c.request.body, {}, true));
        PEIXUN_ASSIGN_OR_RETURN(ClassRoom r, service->Create(*c.principal, class_id, in));
        return api::Json(RoomToJson(r), 201);
      });
  router.Get("/api/v1/rooms/{id}", Access::AnyUser(),
             api::OperationDoc("timetable", "教室详情", {{"responses", {{"200", one}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(ClassRoom r, service->Get(*c.principal, id));
               return api::Json(RoomToJson(r));
             });
  router.Patch("/api/v1/rooms/{id}", kClassManagers,
               api::OperationDoc("timetable", "修改教室（只改给出的字段）",
                                 {{"requestBody", api::JsonBodyDoc(RoomInputSchema(false))},
                                  {"responses", {{"200", one}}}}),
               [service](Call& c) -> Result<api::Response> {
                 PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                 PEIXUN_ASSIGN_OR_RETURN(
                     ClassRoom r, service->Update(*c.principal, id, [&](const ClassRoom& current) {
                       ClassRoomInput base{current.name, current.capacity, current.seat_rows,
                                           current.seats_per_row};
                       return ReadRoom(c.request.body, base, false);
                     }));
                 return api::Json(RoomToJson(r));
               });
  router.Delete("/api/v1/rooms/{id}", kClassManagers,
                api::OperationDoc("timetable", "删除教室（未排课时）", {{"responses", Deleted()}}),
                [service](Call& c) -> Result<api::Response> {
                  PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                  PEIXUN_RETURN_IF_ERROR(service->Delete(*c.principal, id));
                  return api::NoContent();
                });
}

}  // namespace

void RegisterRegistryRoutes(api::Router& router, store::Store& store,
                            const classes::ClassHooks& class_hooks) {
  RegisterLecturerRoutes(router, store);
  RegisterSiteRoutes(router, store);
  RegisterRoomRoutes(router, store, class_hooks);
}

void RegisterTimetableRoutes(api::Router& router, store::Store& store,
                             classes::ClassHooks class_hooks, TimetableHooks hooks) {
  RegisterRegistryRoutes(router, store, class_hooks);
  RegisterSessionRoutes(router, store, class_hooks, hooks);
  RegisterTimetableExportRoutes(router, store, class_hooks, hooks);
}

}  // namespace peixun::timetable
