#include "modules/classes/classes_routes.h"

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/paging.h"
#include "api/route_helpers.h"
#include "core/actor.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_admin.h"
#include "modules/classes/class_service.h"
#include "modules/classes/classes_json.h"
#include "modules/classes/internal/class_time_zone.h"

namespace peixun::classes {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kReaders = Access::AnyUser();
const Access kCreators = Access::Roles({Role::kAdmin, Role::kOrganizer});
const Access kManagers = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
const std::vector<std::string> kSorts = {"start_desc", "start", "name"};
constexpr size_t kMaxNameChars = 100;
constexpr size_t kMaxTextChars = 2000;
constexpr size_t kMaxHeadTeachers = 50;

json ClassInputSchema(bool create) {
  const json str = {{"type", "string"}};
  json zones = json::array();
  for (auto z : KnownTimeZones()) zones.push_back(std::string(z));
  std::vector<std::string> required;
  if (create) {
    required = {"name", "organizer_name", "host_venue", "start_date", "end_date", "capacity"};
  }
  return api::ObjectSchema({{"name", str},
                            {"organizer_unit_id", {{"type", "integer"}, {"nullable", true}}},
                            {"organizer_name", str},
                            {"host_venue", str},
                            {"start_date", {{"type", "string"}, {"format", "date"}}},
                            {"end_date", {{"type", "string"}, {"format", "date"}}},
                            {"time_zone", {{"type", "string"}, {"enum", zones}}},
                            {"capacity", {{"type", "integer"}, {"minimum", 1}}},
                            {"target_trainees", str},
                            {"description", str},
                            {"rules", ClassRulesSchema()}},
                           required);
}

Result<ClassInput> ReadClassInput(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  // An object: the class rules read it, not JsonInput.
  const json rules = in.Take("rules").value_or(nullptr);
  ClassInput c;
  c.name = in.Str("name", api::kRequired, kMaxNameChars);
  c.organizer_unit_id = in.OptInt("organizer_unit_id");
  c.organizer_name = in.Str("organizer_name", api::kRequired, kMaxNameChars);
  c.host_venue = in.Str("host_venue", api::kRequired, kMaxNameChars);
  c.start_date = in.Str("start_date", api::kRequired, 30);
  c.end_date = in.Str("end_date", api::kRequired, 30);
  c.time_zone = in.Str("time_zone", api::kOptional, 50);
  c.capacity = static_cast<int>(in.OptInt("capacity", api::kRequired).value_or(0));
  c.target_trainees = in.Str("target_trainees", api::kOptional, kMaxTextChars);
  c.description = in.Str("description", api::kOptional, kMaxTextChars);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  c.rules = rules;
  return c;
}

Result<ClassPatch> ReadClassPatch(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  // An object: the class rules read it, not JsonInput.
  const json rules = in.Take("rules").value_or(nullptr);
  ClassPatch p;
  auto text = [&](const char* key, size_t max, bool required, std::optional<std::string>* out) {
    if (in.Has(key)) *out = in.Str(key, required, max);
  };
  text("name", kMaxNameChars, api::kRequired, &p.name);
  text("organizer_name", kMaxNameChars, api::kRequired, &p.organizer_name);
  text("host_venue", kMaxNameChars, api::kRequired, &p.host_venue);
  text("start_date", 30, api::kRequired, &p.start_date);
  text("end_date", 30, api::kRequired, &p.end_date);
  text("time_zone", 50, api::kOptional, &p.time_zone);
  text("target_trainees", kMaxTextChars, api::kOptional, &p.target_trainees);
  text("description", kMaxTextChars, api::kOptional, &p.description);
  if (in.Has("organizer_unit_id")) {
    p.set_organizer_unit = true;
    p.organizer_unit_id = in.OptInt("organizer_unit_id");
  }
  if (in.Has("capacity")) p.capacity = static_cast<int>(in.OptInt("capacity").value_or(0));
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  if (!rules.is_null()) p.rules = rules;
  return p;
}

}  // namespace

void RegisterClassesRoutes(api::Router& router, store::Store& store, const crypto::DataKey& key,
                           ClassHooks hooks) {
  auto service = std::make_shared<ClassService>(store, key, std::move(hooks));
  const json class_response = api::JsonResponseDoc("the class", ClassSchema());
  const json not_archived = {{"409", {{"description", "classes.archived"}}}};

  json list_params = api::PagingParameters(kSorts);
  list_params.push_back(
      {{"name", "status"},
       {"in", "query"},
       {"schema",
        {{"type", "string"},
         {"enum", {"planning", "enrolling", "running", "finished", "archived"}}}}});
  router.Get(
      "/api/v1/classes", kReaders,
      api::OperationDoc(
          "classes", "培训班列表（班主任只见所带班级，学员只见所在班级）",
          {{"parameters", list_params},
           {"responses",
            {{"200",
              api::JsonResponseDoc(
                  "a page of classes",
                  api::ObjectSchema({{"items", {{"type", "array"}, {"items", ClassSchema()}}},
                                     {"total", {{"type", "integer"}}},
                                     {"page", {{"type", "integer"}}},
                                     {"page_size", {{"type", "integer"}}}}))}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::Paging paging, api::ParsePaging(c.request, kSorts));
        ClassQuery q;
        q.search = paging.q;
        q.order = paging.sort == "start"  ? ClassOrder::kStart
                  : paging.sort == "name" ? ClassOrder::kName
                                          : ClassOrder::kStartDesc;
        q.offset = paging.offset();
        q.limit = paging.page_size;
        if (auto status = c.request.Query("status")) {
          q.status = ParseClassStatus(*status);
          if (!q.status) {
            return Invalid("request.param", "参数 status 无效：" + *status,
                           "parameter status is invalid: " + *status, "status");
          }
        }
        PEIXUN_ASSIGN_OR_RETURN(ClassPage page, service->ListFor(*c.principal, q));
        json items = json::array();
        for (const auto& cls : page.items) items.push_back(ClassToJson(cls));
        return api::Json(api::PageJson(items, page.total, paging));
      });

  router.Post("/api/v1/classes", kCreators,
              api::OperationDoc("classes", "新建培训班（状态为筹备中）",
                                {{"requestBody", api::JsonBodyDoc(ClassInputSchema(true))},
                                 {"responses", {{"201", class_response}}}}),
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(ClassInput in, ReadClassInput(c.request.body));
                PEIXUN_ASSIGN_OR_RETURN(TrainingClass cls, CreateClass(*service, *c.principal, in));
                return api::Json(ClassToJson(cls), 201);
              });

  router.Get("/api/v1/classes/{id}", kReaders,
             api::OperationDoc("classes", "培训班详情", {{"responses", {{"200", class_response}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(TrainingClass cls, service->Get(*c.principal, id));
               return api::Json(ClassToJson(cls));
             });

  json patch_responses = {{"200", class_response}};
  patch_responses.update(not_archived);
  router.Patch(
      "/api/v1/classes/{id}", kManagers,
      api::OperationDoc(
          "classes", "修改培训班（只改给出的字段；rules 按 JSON merge patch 合并；归档后不能修改）",
          {{"requestBody", api::JsonBodyDoc(ClassInputSchema(false))},
           {"responses", patch_responses}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(ClassPatch patch, ReadClassPatch(c.request.body));
        PEIXUN_ASSIGN_OR_RETURN(TrainingClass cls, service->Update(*c.principal, id, patch));
        return api::Json(ClassToJson(cls));
      });

  router.Post(
      "/api/v1/classes/{id}/status", kManagers,
      api::OperationDoc(
          "classes",
          "改变培训班状态（筹备中→报名中→进行中→已结业→已归档；不允许的变化 409 "
          "classes.status.transition）",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema(
                {{"status",
                  {{"type", "string"},
                   {"enum", {"planning", "enrolling", "running", "finished", "archived"}}}}},
                {"status"}))},
           {"responses",
            {{"200", class_response}, {"409", {{"description", "classes.status.transition"}}}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const std::string code = in.Str("status", api::kRequired, 20);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        auto to = ParseClassStatus(code);
        if (!to) {
          return Invalid("classes.status.unknown", "培训班状态无效：" + code,
                         "unknown class status: " + code, "status");
        }
        PEIXUN_ASSIGN_OR_RETURN(TrainingClass cls, service->ChangeStatus(*c.principal, id, *to));
        return api::Json(ClassToJson(cls));
      });

  router.Post(
      "/api/v1/classes/{id}/copy", kCreators,
      api::OperationDoc(
          "classes", "以此班为模板复制新班（规则、教室和课程按日期差平移；不复制报名和班主任）",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                               {{"name", {{"type", "string"}}},
                                {"start_date", {{"type", "string"}, {"format", "date"}}}},
                               {"name", "start_date"}))},
           {"responses", {{"201", class_response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        ClassCopyInput copy;
        copy.name = in.Str("name", api::kRequired, kMaxNameChars);
        copy.start_date = in.Str("start_date", api::kRequired, 30);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(TrainingClass cls, CopyClass(*service, *c.principal, id, copy));
        return api::Json(ClassToJson(cls), 201);
      });

  json rotate_responses = {
      {"200", api::JsonResponseDoc(
                  "when the secret changed",
                  api::Output("CheckinSecretRotation",
                              api::ObjectSchema({{"class_id", {{"type", "integer"}}},
                                                 {"rotated_at", {{"type", "integer"}}}})))}};
  rotate_responses.update(not_archived);
  router.Post(
      "/api/v1/classes/{id}/checkin-secret/rotate", kManagers,
      api::OperationDoc("classes",
                        "更换本班签到密钥（旧的签到码和胸牌二维码立即失效，胸牌须重新打印）",
                        {{"responses", rotate_responses}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(SecretRotation r, service->RotateCheckinSecret(*c.principal, id));
        return api::Json({{"class_id", r.class_id}, {"rotated_at", r.rotated_at}});
      });

  json head_responses = {{"200", class_response}};
  head_responses.update(not_archived);
  router.Put(
      "/api/v1/classes/{id}/head-teachers", kCreators,
      api::OperationDoc("classes", "设置班主任（用户须为班主任角色）",
                        {{"requestBody",
                          api::JsonBodyDoc(api::ObjectSchema(
                              {{"user_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}}},
                              {"user_ids"}))},
                         {"responses", head_responses}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const json& raw = in.json();
        std::vector<int64_t> user_ids;
        if (!raw.contains("user_ids")) {
          return Invalid("request.required", "缺少字段 user_ids", "missing field user_ids",
                         "user_ids");
        }
        const json& list = raw["user_ids"];
        if (!list.is_array() || list.size() > kMaxHeadTeachers) {
          return Invalid("request.type", "字段 user_ids 应为整数数组（至多 50 个）",
                         "field user_ids must be an array of at most 50 integers", "user_ids");
        }
        for (const auto& v : list) {
          if (!v.is_number_integer()) {
            return Invalid("request.type", "字段 user_ids 应为整数数组",
                           "field user_ids must be an array of integers", "user_ids");
          }
          user_ids.push_back(v.get<int64_t>());
        }
        for (const auto& [key, value] : raw.items()) {
          if (key != "user_ids") {
            return Invalid("request.unknown_field", "未知字段 " + key, "unknown field " + key, key);
          }
        }
        PEIXUN_ASSIGN_OR_RETURN(TrainingClass cls,
                                SetClassHeadTeachers(*service, *c.principal, id, user_ids));
        return api::Json(ClassToJson(cls));
      });
}

}  // namespace peixun::classes
