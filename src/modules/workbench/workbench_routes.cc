#include "modules/workbench/workbench_routes.h"

#include "api/openapi.h"
#include "modules/workbench/internal/workbench_json.h"

namespace peixun::workbench {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

json Doc(const std::string& summary, const json& schema) {
  return {{"summary", summary},
          {"tags", {"workbench"}},
          {"responses", {{"200", api::JsonResponseDoc("the start page", schema)}}}};
}

}  // namespace

void RegisterWorkbenchRoutes(api::Router& router, std::shared_ptr<WorkbenchService> service) {
  router.Get("/api/v1/workbench/head-teacher", Access::Roles({Role::kHeadTeacher}),
             Doc("班主任工作台：今日课程与签到、待审批请假、结业风险学员、明日车辆与用餐",
                 HeadTeacherSchema()),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(HeadTeacherWorkbench w, service->HeadTeacher(*c.principal));
               return api::Json(HeadTeacherJson(w, c.lang));
             });
  router.Get("/api/v1/workbench/organizer", Access::Roles({Role::kOrganizer, Role::kAdmin}),
             Doc("组织部工作台：各状态培训班、各单位名额与报名、待审批事项", OrganizerSchema()),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(OrganizerWorkbench w, service->Organizer(*c.principal));
               return api::Json(OrganizerJson(w));
             });
  router.Get("/api/v1/workbench/liaison", Access::Roles({Role::kLiaison}),
             Doc("联络员工作台：本单位调训、培训班日期、本单位学员考勤", LiaisonSchema()),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(LiaisonWorkbench w, service->Liaison(*c.principal));
               return api::Json(LiaisonJson(w));
             });
  router.Get("/api/v1/workbench/admin", Access::Roles({Role::kAdmin}),
             Doc("系统管理员工作台：用户、审计链状态、服务器运行状况", AdminSchema()),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(AdminWorkbench w, service->Admin(*c.principal));
               return api::Json(AdminJson(w));
             });
}

}  // namespace peixun::workbench
