#include "modules/enrollment/enrollment_routes.h"

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/paging.h"
#include "api/route_helpers.h"
#include "io/table_transfer.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/enrollment/internal/enrollment_json.h"

namespace peixun::enrollment {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kManagers = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
const Access kNominators =
    Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison});
const std::vector<std::string> kSorts = {"stroke", "created", "waitlist"};
constexpr size_t kMaxQuotaItems = 1000;

Result<std::vector<QuotaInput>> ReadQuotas(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  const json& root = in.json();
  for (const auto& [key, value] : root.items()) {
    if (key != "items") {
      return Invalid("request.unknown_field", "未知字段 " + key, "unknown field " + key, key);
    }
  }
  if (!root.contains("items")) {
    return Invalid("request.required", "缺少字段 items", "missing field items", "items");
  }
  const json& items = root["items"];
  if (!items.is_array() || items.size() > kMaxQuotaItems) {
    return Invalid("request.type", "字段 items 应为不超过 1000 项的数组",
                   "field items must be an array of at most 1000 entries", "items");
  }
  std::vector<QuotaInput> out;
  for (const auto& item : items) {
    if (!item.is_object()) {
      return Invalid("request.type", "items 的每一项应为对象", "each item must be an object",
                     "items");
    }
    api::JsonInput q(item);
    auto unit_id = q.OptInt("unit_id", api::kRequired);
    auto seats = q.OptInt("seats", api::kRequired);
    PEIXUN_RETURN_IF_ERROR(q.Finish());
    if (*seats < 0 || *seats > 100000) {
      return Invalid("enrollment.quota.seats", "名额数无效", "invalid number of seats", "seats");
    }
    out.push_back({*unit_id, static_cast<int>(*seats)});
  }
  return out;
}

json ReasonBody(bool required) {
  return api::JsonBodyDoc(api::ObjectSchema(
      {{"reason", {{"type", "string"}}}},
      required ? std::vector<std::string>{"reason"} : std::vector<std::string>{}));
}

Result<std::string> ReadField(const std::string& body, const std::string& field, bool required) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body.empty() ? "{}" : body));
  std::string value = in.Str(field, required, kMaxReasonChars);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return value;
}

json QuotaListSchema() {
  return api::ObjectSchema({{"items", {{"type", "array"}, {"items", QuotaSchema()}}}});
}

json QuotaList(const std::vector<Quota>& quotas) {
  json items = json::array();
  for (const auto& q : quotas) items.push_back(QuotaToJson(q));
  return {{"items", items}};
}

api::Response PdfDownload(std::string bytes, const std::string& filename) {
  return api::Download(std::move(bytes), "application/pdf", filename);
}

}  // namespace

void RegisterEnrollmentRoutes(api::Router& router, store::Store& store, const crypto::DataKey& key,
                              EnrollmentRouteHooks hooks) {
  auto service = std::make_shared<EnrollmentService>(store);
  const json enrollment_response = api::JsonResponseDoc("the enrollment", EnrollmentSchema());

  router.Get("/api/v1/classes/{id}/quotas", kNominators,
             api::OperationDoc(
                 "enrollment", "培训班各单位名额（联络员只看本单位）",
                 {{"responses", {{"200", api::JsonResponseDoc("quotas", QuotaListSchema())}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto quotas, service->Quotas(*c.principal, id));
               return api::Json(QuotaList(quotas));
             });

  router.Put(
      "/api/v1/classes/{id}/quotas", kManagers,
      api::OperationDoc(
          "enrollment", "设置各单位名额（整表替换）",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                               {{"items",
                                 {{"type", "array"},
                                  {"items", api::ObjectSchema({{"unit_id", {{"type", "integer"}}},
                                                               {"seats", {{"type", "integer"}}}},
                                                              {"unit_id", "seats"})}}}},
                               {"items"}))},
           {"responses", {{"200", api::JsonResponseDoc("quotas", QuotaListSchema())}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<QuotaInput> input, ReadQuotas(c.request.body));
        PEIXUN_ASSIGN_OR_RETURN(auto quotas, service->SetQuotas(*c.principal, id, input));
        return api::Json(QuotaList(quotas));
      });

  json list_params = api::PagingParameters(kSorts);
  list_params.push_back(
      {{"name", "status"},
       {"in", "query"},
       {"schema",
        {{"type", "string"},
         {"enum", {"nominated", "approved", "rejected", "waitlisted", "withdrawn", "replaced"}}}}});
  router.Get(
      "/api/v1/classes/{id}/enrollments", kNominators,
      api::OperationDoc(
          "enrollment", "报名（调训）列表；联络员只看本单位人员",
          {{"parameters", list_params},
           {"responses",
            {{"200",
              api::JsonResponseDoc(
                  "a page of enrollments",
                  api::ObjectSchema({{"items", {{"type", "array"}, {"items", EnrollmentSchema()}}},
                                     {"total", {{"type", "integer"}}},
                                     {"page", {{"type", "integer"}}},
                                     {"page_size", {{"type", "integer"}}}}))}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::Paging paging, api::ParsePaging(c.request, kSorts));
        EnrollmentQuery q;
        q.offset = paging.offset();
        q.limit = paging.page_size;
        q.order = paging.sort == "created"    ? EnrollmentOrder::kCreated
                  : paging.sort == "waitlist" ? EnrollmentOrder::kWaitlist
                                              : EnrollmentOrder::kStroke;
        if (auto status = c.request.Query("status")) {
          q.status = ParseEnrollmentStatus(*status);
          if (!q.status) {
            return Invalid("request.param", "参数 status 无效：" + *status,
                           "invalid status: " + *status, "status");
          }
        }
        q.name = paging.q;  // part of the trainee's name
        PEIXUN_ASSIGN_OR_RETURN(EnrollmentPage page, service->List(*c.principal, id, q));
        json items = json::array();
        for (const auto& e : page.items) items.push_back(EnrollmentToJson(e));
        return api::Json(api::PageJson(items, page.total, paging));
      });

  router.Post(
      "/api/v1/classes/{id}/enrollments", kNominators,
      api::OperationDoc(
          "enrollment", "调训：提名本单位人员（超出名额时 409，或 waitlist=true 进入候补）",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema({{"person_id", {{"type", "integer"}}},
                                                               {"waitlist", {{"type", "boolean"}}}},
                                                              {"person_id"}))},
           {"responses", {{"201", enrollment_response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        auto person_id = in.OptInt("person_id", api::kRequired);
        const bool waitlist = in.Bool("waitlist", false);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(Enrollment e,
                                service->Nominate(*c.principal, id, *person_id, waitlist));
        return api::Json(EnrollmentToJson(e), 201);
      });

  router.Get(
      "/api/v1/enrollments/{id}", kNominators,
      api::OperationDoc("enrollment", "报名详情", {{"responses", {{"200", enrollment_response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(Enrollment e, service->Get(*c.principal, id));
        return api::Json(EnrollmentToJson(e));
      });

  router.Post(
      "/api/v1/enrollments/{id}/approve", kManagers,
      api::OperationDoc(
          "enrollment",
          "批准报名（可附说明 reason）；候补人员所在单位名额已满时 409 "
          "enrollment.quota_exceeded，可带 raise_quota_to 先把该单位名额提高到此数再批准",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                               {{"reason", {{"type", "string"}}},
                                {"raise_quota_to", {{"type", "integer"}, {"minimum", 1}}}}))},
           {"responses", {{"200", enrollment_response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(
            api::JsonInput in,
            api::JsonInput::Parse(c.request.body.empty() ? "{}" : c.request.body));
        std::string note = in.Str("reason", false, kMaxReasonChars);
        auto raise_to = in.OptInt("raise_quota_to", api::kOptional);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        if (raise_to && (*raise_to < 1 || *raise_to > 100000)) {
          return Invalid("enrollment.quota.seats", "名额数无效", "invalid number of seats",
                         "raise_quota_to");
        }
        PEIXUN_ASSIGN_OR_RETURN(Enrollment e,
                                raise_to ? service->RaiseQuotaAndApprove(
                                               *c.principal, id, static_cast<int>(*raise_to), note)
                                         : service->Approve(*c.principal, id, note));
        return api::Json(EnrollmentToJson(e));
      });

  router.Post(
      "/api/v1/enrollments/{id}/reject", kManagers,
      api::OperationDoc(
          "enrollment", "退回报名（须填写原因）",
          {{"requestBody", ReasonBody(true)}, {"responses", {{"200", enrollment_response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(std::string reason, ReadField(c.request.body, "reason", false));
        PEIXUN_ASSIGN_OR_RETURN(Enrollment e, service->Reject(*c.principal, id, reason));
        return api::Json(EnrollmentToJson(e));
      });

  router.Post(
      "/api/v1/enrollments/{id}/withdraw", kNominators,
      api::OperationDoc(
          "enrollment", "退训（须填写原因）；空出的名额按候补顺序递补",
          {{"requestBody", ReasonBody(true)}, {"responses", {{"200", enrollment_response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(std::string reason, ReadField(c.request.body, "reason", false));
        PEIXUN_ASSIGN_OR_RETURN(Enrollment e, service->Withdraw(*c.principal, id, reason));
        return api::Json(EnrollmentToJson(e));
      });

  router.Post(
      "/api/v1/enrollments/{id}/substitute", kNominators,
      api::OperationDoc(
          "enrollment", "替训：由同一名额单位的另一人替换（须填写原因）；返回新的报名",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema({{"person_id", {{"type", "integer"}}},
                                                               {"reason", {{"type", "string"}}}},
                                                              {"person_id", "reason"}))},
           {"responses", {{"201", enrollment_response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        auto person_id = in.OptInt("person_id", api::kRequired);
        const std::string reason = in.Str("reason", api::kOptional, kMaxReasonChars);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(Enrollment e,
                                service->Substitute(*c.principal, id, *person_id, reason));
        return api::Json(EnrollmentToJson(e), 201);
      });

  const json file_response = {
      {"200", {{"description", "the file"}, {"content", {{"application/pdf", json::object()}}}}}};
  router.Get(
      "/api/v1/classes/{id}/roster.xlsx", kManagers,
      api::OperationDoc("enrollment", "花名册（xlsx，已批准学员，按姓氏笔画排序）",
                        {{"responses",
                          {{"200",
                            {{"description", "the roster"},
                             {"content",
                              {{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                json::object()}}}}}}}}),
      [&store](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(io::Table table, RosterTable(store, *c.principal, id));
        PEIXUN_ASSIGN_OR_RETURN(std::string bytes, io::TableToBytes(table, "xlsx", "花名册",
                                                                    {.number_headers = {"序号"}}));
        return api::Download(std::move(bytes), io::ContentTypeOf("xlsx"), "花名册.xlsx");
      });

  router.Get("/api/v1/classes/{id}/roster.pdf", kManagers,
             api::OperationDoc("enrollment", "花名册（PDF，按姓氏笔画排序）",
                               {{"responses", file_response}}),
             [&store](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string bytes, RosterPdfFile(store, *c.principal, id));
               return PdfDownload(std::move(bytes), "花名册.pdf");
             });

  router.Get("/api/v1/classes/{id}/badges.pdf", kManagers,
             api::OperationDoc("enrollment", "胸牌（PDF，每人一个签到二维码）",
                               {{"responses", file_response}}),
             [&store, &key, hooks](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string bytes, BadgesPdfFile(store, key, *c.principal,
                                                                        id, hooks.group_labels));
               return PdfDownload(std::move(bytes), "胸牌.pdf");
             });
}

}  // namespace peixun::enrollment
