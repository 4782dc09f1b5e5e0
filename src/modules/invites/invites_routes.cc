#include "modules/invites/invites_routes.h"

#include <memory>

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "modules/invites/class_invites.h"

namespace peixun::invites {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kManagers = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});

struct IssueRequest {
  std::optional<std::vector<int64_t>> person_ids;
  std::optional<int64_t> days;
};

// {"person_ids"?: [int], "days"?: int}; an empty body is {}.
Result<IssueRequest> ReadIssue(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body.empty() ? "{}" : body));
  IssueRequest out;
  const json& root = in.json();
  if (root.contains("person_ids")) {
    const json& ids = root["person_ids"];
    if (!ids.is_array() || ids.size() > kMaxInvitesPerRequest) {
      return Invalid("request.type", "字段 person_ids 应为不超过 2000 项的整数数组",
                     "field person_ids must be an array of at most 2000 integers", "person_ids");
    }
    std::vector<int64_t> values;
    for (const auto& id : ids) {
      if (!id.is_number_integer()) {
        return Invalid("request.type", "person_ids 的每一项应为整数",
                       "each entry of person_ids must be an integer", "person_ids");
      }
      values.push_back(id.get<int64_t>());
    }
    out.person_ids = std::move(values);
  }
  for (const auto& [key, value] : root.items()) {
    if (key != "person_ids" && key != "days") {
      return Invalid("request.unknown_field", "未知字段 " + key, "unknown field " + key, key);
    }
  }
  if (root.contains("days")) {
    if (!root["days"].is_number_integer()) {
      return Invalid("request.type", "字段 days 应为整数", "field days must be an integer", "days");
    }
    out.days = root["days"].get<int64_t>();
  }
  return out;
}

// "<scheme>://<Host>" as the caller reached us; the Host header is only trusted when
// it looks like a host[:port] (anything else falls back to localhost).
std::string RequestBaseUrl(const api::Request& request) {
  const std::string host = request.Header("host");
  bool plain = !host.empty() && host.size() <= 255;
  for (char ch : host) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == ':' || ch == '[' ||
                    ch == ']';
    plain = plain && ok;
  }
  return std::string(request.secure ? "https://" : "http://") +
         (plain ? host : std::string("localhost:8080"));
}

json IssueBody() {
  return api::JsonBodyDoc(api::ObjectSchema(
      {{"person_ids", {{"type", "array"}, {"items", {{"type", "integer"}, {"format", "int64"}}}}},
       {"days", {{"type", "integer"}, {"minimum", 1}, {"maximum", auth::kMaxInviteDays}}}}));
}

json IssuedSchema() {
  const json str = {{"type", "string"}};
  const json id = {{"type", "integer"}, {"format", "int64"}};
  return api::ObjectSchema(
      {{"person_id", id},
       {"name", str},
       {"unit_name", str},
       {"url", str},
       {"link",
        {{"type", "string"}, {"description", "the full link to send (url on the public base)"}}},
       {"expires_at", id}},
      {"person_id", "name", "unit_name", "url", "link", "expires_at"});
}

json IssuedJson(const IssuedInvite& i, const std::string& base) {
  return {{"person_id", i.person_id}, {"name", i.name},
          {"unit_name", i.unit_name}, {"url", i.url},
          {"link", base + i.url},     {"expires_at", i.expires_at}};
}

}  // namespace

void RegisterInvitesRoutes(api::Router& router, store::Store& store, auth::InviteService& invites,
                           const crypto::DataKey& key, enrollment::GroupLabels group_labels) {
  auto service = std::make_shared<ClassInviteService>(store, invites, key);

  router.Post(
      "/api/v1/classes/{id}/invites", kManagers,
      api::OperationDoc(
          "invites",
          "为本班已录取学员批量生成登录邀请（全部或 person_ids 所列；每人之前未用的链接作废）",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema(
                {{"person_ids",
                  {{"type", "array"}, {"items", {{"type", "integer"}, {"format", "int64"}}}}},
                 {"days",
                  {{"type", "integer"}, {"minimum", 1}, {"maximum", auth::kMaxInviteDays}}}}))},
           {"responses",
            {{"201",
              api::JsonResponseDoc(
                  "the invites in stroke order (links shown once)",
                  api::ObjectSchema({{"items", {{"type", "array"}, {"items", IssuedSchema()}}}},
                                    {"items"}))}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(IssueRequest req, ReadIssue(c.request.body));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<IssuedInvite> issued,
                                service->Issue(*c.principal, id, req.person_ids, req.days));
        PEIXUN_ASSIGN_OR_RETURN(std::string base,
                                service->PublicBaseUrl(RequestBaseUrl(c.request)));
        json items = json::array();
        for (const auto& i : issued) items.push_back(IssuedJson(i, base));
        return api::Json({{"items", items}}, 201);
      });

  router.Post(
      "/api/v1/classes/{id}/invites.pdf", kManagers,
      api::OperationDoc("invites",
                        "登录邀请二维码页（A4，每页 12 "
                        "张，按姓氏笔画排序，裁开分发）；与生成邀请相同，之前未用的链接作废",
                        {{"requestBody", IssueBody()},
                         {"responses",
                          {{"200",
                            {{"description", "application/pdf"},
                             {"content",
                              {{"application/pdf",
                                {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(IssueRequest req, ReadIssue(c.request.body));
        PEIXUN_ASSIGN_OR_RETURN(std::string bytes,
                                service->SheetPdf(*c.principal, id, req.person_ids, req.days,
                                                  RequestBaseUrl(c.request)));
        return api::Download(std::move(bytes), "application/pdf", "登录邀请.pdf");
      });

  router.Post(
      "/api/v1/classes/{id}/badges-invites.pdf", kManagers,
      api::OperationDoc(
          "invites",
          "胸牌（PDF）背面印登录邀请二维码（双面打印，长边翻转）；为每位已录取学员生成新邀请，"
          "之前未用的链接作废",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema(
                {{"days",
                  {{"type", "integer"}, {"minimum", 1}, {"maximum", auth::kMaxInviteDays}}}}))},
           {"responses",
            {{"200",
              {{"description", "application/pdf"},
               {"content",
                {{"application/pdf",
                  {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}}),
      [service, group_labels](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(IssueRequest req, ReadIssue(c.request.body));
        if (req.person_ids) {
          return Invalid("request.unknown_field", "未知字段 person_ids", "unknown field person_ids",
                         "person_ids");
        }
        PEIXUN_ASSIGN_OR_RETURN(std::string bytes,
                                service->BadgesPdf(*c.principal, id, req.days,
                                                   RequestBaseUrl(c.request), group_labels));
        return api::Download(std::move(bytes), "application/pdf", "胸牌（背面登录码）.pdf");
      });

  router.Delete(
      "/api/v1/classes/{id}/invites/{person_id}", kManagers,
      api::OperationDoc(
          "invites", "作废某学员未使用的登录邀请",
          {{"responses",
            {{"200", api::JsonResponseDoc(
                         "how many unused invites died",
                         api::ObjectSchema({{"revoked", {{"type", "integer"}}}}, {"revoked"}))}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(int64_t person_id, api::IdParam(c, "person_id"));
        PEIXUN_ASSIGN_OR_RETURN(int64_t revoked, service->Revoke(*c.principal, id, person_id));
        return api::Json({{"revoked", revoked}});
      });
}

}  // namespace peixun::invites
