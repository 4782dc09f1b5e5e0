#include "modules/audit/audit_routes.h"

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/paging.h"
#include "api/route_helpers.h"
#include "modules/audit/audit_query.h"
#include "modules/audit/audit_verify.h"

namespace peixun::audit {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kAuditors = Access::Roles({Role::kAdmin});
constexpr size_t kMaxFilterChars = 100;

json EntrySchema() {
  const json str = {{"type", "string"}};
  const json integer = {{"type", "integer"}};
  const json nullable_int = {{"type", "integer"}, {"nullable", true}};
  const json any = {{"type", "object"},
                    {"additionalProperties", true},
                    {"nullable", true},
                    {"description", "the state as JSON; ID numbers masked"}};
  return api::ObjectSchema({{"id", integer},
                            {"at", {{"type", "integer"}, {"description", "UTC ms since epoch"}}},
                            {"actor", str},
                            {"actor_user_id", integer},
                            {"remote_address", str},
                            {"action", str},
                            {"entity", str},
                            {"entity_id", nullable_int},
                            {"before", any},
                            {"after", any},
                            {"hash", str}},
                           {"id", "at", "actor", "action", "entity"});
}

json EntryToJson(const AuditRecord& r) {
  return {{"id", r.id},
          {"at", r.at},
          {"actor", r.actor_name},
          {"actor_user_id", r.actor_user_id},
          {"remote_address", r.remote_address},
          {"action", r.action},
          {"entity", r.entity},
          {"entity_id", r.entity_id ? json(*r.entity_id) : json(nullptr)},
          {"before", ParseStoredJson(r.before_json)},
          {"after", ParseStoredJson(r.after_json)},
          {"hash", r.hash}};
}

Result<std::string> TextFilter(const Call& c, const std::string& name) {
  std::string value = c.request.Query(name).value_or("");
  size_t chars = 0;
  for (unsigned char ch : value) chars += (ch & 0xC0) != 0x80;
  if (chars > kMaxFilterChars) {
    return Invalid("request.param", "参数 " + name + " 过长", "parameter " + name + " is too long",
                   name);
  }
  return value;
}

Result<std::optional<int64_t>> IdFilter(const Call& c, const std::string& name) {
  auto text = c.request.Query(name);
  if (!text) return std::optional<int64_t>();
  PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::ParseId(*text, name));
  return std::optional<int64_t>(id);
}

json ListParameters() {
  json params = json::array();
  for (const json& p : api::PagingParameters({})) {
    if (p["name"] != "q") params.push_back(p);  // no free-text search here
  }
  auto add = [&](const char* name, json schema, const char* description) {
    params.push_back(
        {{"name", name}, {"in", "query"}, {"schema", schema}, {"description", description}});
  };
  add("entity", {{"type", "string"}}, "exact entity, e.g. person");
  add("entity_id", {{"type", "integer"}}, "exact entity id");
  add("actor", {{"type", "string"}}, "exact actor username");
  add("actor_user_id", {{"type", "integer"}}, "exact actor user id (0: system/CLI)");
  add("action", {{"type", "string"}}, "action prefix, e.g. people. or people.update");
  return params;
}

}  // namespace

void RegisterAuditRoutes(api::Router& router, store::Store& store) {
  router.Get(
      "/api/v1/audit", kAuditors,
      api::OperationDoc(
          "audit", "审计日志（最新在前；可按对象、操作人、操作前缀筛选）",
          {{"parameters", ListParameters()},
           {"responses",
            {{"200",
              api::JsonResponseDoc(
                  "a page of audit entries",
                  api::ObjectSchema({{"items", {{"type", "array"}, {"items", EntrySchema()}}},
                                     {"total", {{"type", "integer"}}},
                                     {"page", {{"type", "integer"}}},
                                     {"page_size", {{"type", "integer"}}}}))}}}}),
      [&store](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::Paging paging, api::ParsePaging(c.request, {}));
        AuditQuery q;
        PEIXUN_ASSIGN_OR_RETURN(q.entity, TextFilter(c, "entity"));
        PEIXUN_ASSIGN_OR_RETURN(q.entity_id, IdFilter(c, "entity_id"));
        PEIXUN_ASSIGN_OR_RETURN(q.actor, TextFilter(c, "actor"));
        PEIXUN_ASSIGN_OR_RETURN(q.actor_user_id, IdFilter(c, "actor_user_id"));
        PEIXUN_ASSIGN_OR_RETURN(q.action_prefix, TextFilter(c, "action"));
        q.offset = paging.offset();
        q.limit = paging.page_size;
        PEIXUN_ASSIGN_OR_RETURN(AuditPage page, ListEntries(store, *c.principal, q));
        json items = json::array();
        for (const AuditRecord& r : page.items) items.push_back(EntryToJson(r));
        return api::Json(api::PageJson(std::move(items), page.total, paging));
      });

  router.Get(
      "/api/v1/audit/verify", kAuditors,
      api::OperationDoc(
          "audit", "校验审计日志哈希链（发现被修改或删除的条目）",
          {{"responses",
            {{"200",
              api::JsonResponseDoc(
                  "ok with the entry count, or the first bad entry and why",
                  api::ObjectSchema(
                      {{"ok", {{"type", "boolean"}}},
                       {"entries", {{"type", "integer"}}},
                       {"erased",
                        {{"type", "integer"},
                         {"description",
                          "entries whose personal values were erased (PIPL), each vouched "
                          "for by a later privacy.erase entry"}}},
                       {"last_hash", {{"type", "string"}}},
                       {"first_bad_id", {{"type", "integer"}}},
                       {"reason", {{"type", "string"}, {"enum", {kReasonEdited, kReasonDeleted}}}},
                       {"message", {{"type", "string"}}}},
                      {"ok", "entries"}))}}}}),
      [&store](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(VerifyReport report, VerifyChain(store, *c.principal));
        json body = {{"ok", report.ok}, {"entries", report.entries}, {"erased", report.erased}};
        if (report.ok) {
          body["last_hash"] = report.last_hash;
        } else {
          body["first_bad_id"] = *report.first_bad_id;
          body["reason"] = report.reason;
          body["message"] = c.lang.rfind("en", 0) == 0 ? report.message_en : report.message;
        }
        return api::Json(body);
      });
}

}  // namespace peixun::audit
