#include "modules/attendance/internal/leave_routes.h"

#include <string>
#include <utility>

#include "modules/attendance/attendance_json.h"
#include "modules/attendance/attendance_schemas.h"
#include "modules/attendance/route_docs.h"

namespace peixun::attendance {

using api::Call;
using nlohmann::json;
using namespace routes;  // NOLINT(google-build-using-namespace): the module's route helpers

void RegisterLeaveRoutes(api::Router& router, std::shared_ptr<LeaveService> leave) {
  router.Post(
      "/api/v1/classes/{id}/leave", kLeaveUsers,
      Doc("请假申请（学员本人；班主任可代为登记）",
          {{"requestBody", api::JsonBodyDoc(LeaveInputSchema())},
           {"responses", {{"201", api::JsonResponseDoc("the request", LeaveRequestSchema())}}}}),
      [leave](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        LeaveInput li;
        li.session_ids = in.IdList("session_ids").value_or(std::vector<int64_t>());
        li.person_id = in.OptInt("person_id");
        li.start_ms = in.OptInt("start_ms");
        li.end_ms = in.OptInt("end_ms");
        li.reason = in.Str("reason", api::kRequired, 500);
        li.attachment_name = in.Str("attachment_name", api::kOptional, 200);
        li.attachment_base64 = in.Str("attachment_base64", api::kOptional, 4 * 1024 * 1024);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(LeaveRequest l, leave->Request(*c.principal, id, li));
        return api::Json(LeaveJson(l), 201);
      });
  router.Get(
      "/api/v1/classes/{id}/leave", kLeaveUsers,
      Doc("请假记录（学员只见本人）",
          {{"parameters", {QueryParam("status", {{"type", "string"}})}},
           {"responses",
            {{"200",
              api::JsonResponseDoc("the requests", api::ItemsSchema(LeaveRequestSchema()))}}}}),
      [leave](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(
            auto list, leave->List(*c.principal, id, c.request.Query("status").value_or("")));
        json items = json::array();
        for (const auto& l : list) items.push_back(LeaveJson(l));
        return api::Json({{"items", items}});
      });
  router.Get(
      "/api/v1/leave/{id}", kLeaveUsers,
      Doc("一条请假记录",
          {{"responses", {{"200", api::JsonResponseDoc("the request", LeaveRequestSchema())}}}}),
      [leave](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(LeaveRequest l, leave->Get(*c.principal, id));
        return api::Json(LeaveJson(l));
      });
  router.Get("/api/v1/leave/{id}/attachment", kLeaveUsers,
             FileDoc("请假附件", "application/octet-stream"),
             [leave](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto file, leave->Attachment(*c.principal, id));
               return api::Download(std::move(file.second), "application/octet-stream", file.first);
             });
  auto decision = [&](const std::string& verb, const std::string& summary, bool with_reason) {
    json extra = {
        {"responses", {{"200", api::JsonResponseDoc("the request", LeaveRequestSchema())}}}};
    if (with_reason) {
      extra["requestBody"] = api::JsonBodyDoc(ReasonInputSchema());
    }
    router.Post(
        "/api/v1/leave/{id}/" + verb, with_reason ? kManagers : kLeaveUsers, Doc(summary, extra),
        [leave, verb, with_reason](Call& c) -> Result<api::Response> {
          PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
          std::string reason;
          if (with_reason && !c.request.body.empty()) {
            PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
            reason = in.Str("reason", api::kOptional, 500);
            PEIXUN_RETURN_IF_ERROR(in.Finish());
          }
          Result<LeaveRequest> r = verb == "approve"  ? leave->Approve(*c.principal, id, reason)
                                   : verb == "reject" ? leave->Reject(*c.principal, id, reason)
                                   : verb == "cancel" ? leave->Cancel(*c.principal, id)
                                                      : leave->Return(*c.principal, id);
          if (!r) return std::move(r).error();
          return api::Json(LeaveJson(*r));
        });
  };
  decision("approve", "批准请假", true);
  decision("reject", "驳回请假", true);
  decision("cancel", "撤销请假", false);
  decision("return", "销假", false);
}

}  // namespace peixun::attendance
