#include "modules/groups/groups_routes.h"

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "modules/groups/groups_service.h"
#include "modules/groups/internal/groups_json.h"

namespace peixun::groups {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kManagers = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
const Access kReaders =
    Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics});

Result<int64_t> ReadPersonId(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  auto person_id = in.OptInt("person_id", api::kRequired);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return *person_id;
}

json PersonBody() {
  return api::JsonBodyDoc(api::ObjectSchema({{"person_id", {{"type", "integer"}}}}, {"person_id"}));
}

}  // namespace

void RegisterGroupsRoutes(api::Router& router, store::Store& store) {
  auto service = std::make_shared<GroupsService>(store);
  const json groups_response = api::JsonResponseDoc("the class's groups", ClassGroupsSchema());

  router.Get("/api/v1/classes/{id}/groups", kReaders,
             api::OperationDoc("groups", "分组讨论名单（各组成员、组长、未分组学员）",
                               {{"responses", {{"200", groups_response}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(ClassGroups g, service->List(*c.principal, id));
               return api::Json(ClassGroupsToJson(g));
             });

  router.Post(
      "/api/v1/classes/{id}/groups", kManagers,
      api::OperationDoc(
          "groups", "自动分组（混合单位；同一 seed 结果相同，默认 2020）；重新分组会替换原分组",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema(
                {{"count", {{"type", "integer"}}}, {"seed", {{"type", "integer"}, {"minimum", 0}}}},
                {"count"}))},
           {"responses", {{"200", groups_response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        auto count = in.OptInt("count", api::kRequired);
        auto seed = in.OptInt("seed");
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        if (*count < 1 || *count > kMaxGroupCount) {
          return Invalid(
              "groups.count", "组数应在 1 到 " + std::to_string(kMaxGroupCount) + " 之间",
              "the number of groups must be between 1 and " + std::to_string(kMaxGroupCount),
              "count");
        }
        if (seed && *seed < 0) {
          return Invalid("groups.seed", "seed 不能为负", "seed must not be negative", "seed");
        }
        std::optional<uint64_t> used_seed;
        if (seed) used_seed = static_cast<uint64_t>(*seed);
        PEIXUN_ASSIGN_OR_RETURN(
            ClassGroups g,
            service->Generate(*c.principal, id, static_cast<int>(*count), used_seed));
        return api::Json(ClassGroupsToJson(g));
      });

  router.Post(
      "/api/v1/groups/{id}/members", kManagers,
      api::OperationDoc("groups", "把学员调入本组（从原组移出）",
                        {{"requestBody", PersonBody()}, {"responses", {{"200", groups_response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(int64_t person_id, ReadPersonId(c.request.body));
        PEIXUN_ASSIGN_OR_RETURN(ClassGroups g, service->Move(*c.principal, id, person_id));
        return api::Json(ClassGroupsToJson(g));
      });

  router.Put("/api/v1/groups/{id}/leader", kManagers,
             api::OperationDoc(
                 "groups", "指定组长（须为本组成员）",
                 {{"requestBody", PersonBody()},
                  {"responses", {{"200", api::JsonResponseDoc("the group", ClassGroupSchema())}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(int64_t person_id, ReadPersonId(c.request.body));
               PEIXUN_ASSIGN_OR_RETURN(ClassGroup g,
                                       service->SetLeader(*c.principal, id, person_id));
               return api::Json(ClassGroupToJson(g));
             });

  router.Get("/api/v1/classes/{id}/groups.pdf", kReaders,
             api::OperationDoc("groups", "分组名单（PDF）",
                               {{"responses",
                                 {{"200",
                                   {{"description", "the file"},
                                    {"content", {{"application/pdf", json::object()}}}}}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string bytes, service->ListPdf(*c.principal, id));
               return api::Download(std::move(bytes), "application/pdf", "分组名单.pdf");
             });
}

}  // namespace peixun::groups
