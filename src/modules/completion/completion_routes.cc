#include "modules/completion/completion_routes.h"

#include <string>

#include "api/json_input.h"
#include "api/openapi.h"

namespace peixun::completion {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kManagers = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
const Access kNominators =
    Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee});
const Access kApprovers = Access::Roles({Role::kAdmin, Role::kOrganizer});

bool English(const std::string& lang) { return lang.rfind("en", 0) == 0; }

json Doc(const std::string& summary, json extra = json::object()) {
  json d = {{"summary", summary}, {"tags", {"completion"}}};
  d.update(extra);
  return d;
}

Result<int64_t> IdParam(Call& c, const std::string& name = "id") {
  return api::ParseId(c.request.PathParam(name), name);
}

json ReasonsJson(const std::vector<core::CompletionReason>& reasons, const std::string& lang) {
  json out = json::array();
  for (const auto& r : reasons) {
    out.push_back({{"code", r.code}, {"message", English(lang) ? r.message_en : r.message_zh}});
  }
  return out;
}

json ReasonSchema() {
  return api::ObjectSchema({{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}},
                           {"code", "message"});
}

json StringArray() { return {{"type", "array"}, {"items", {{"type", "string"}}}}; }

json DecisionSchema() {
  return api::ObjectSchema(
      {{"outcome",
        {{"type", "string"},
         {"enum", {"completed", "not_completed", "dismissed", "not_assessed"}}}},
       {"computed_outcome", {{"type", "string"}}},
       {"reasons", {{"type", "array"}, {"items", ReasonSchema()}}},
       {"not_assessed", StringArray()},
       {"credited_hours", {{"type", "number"}}},
       {"override_reason", {{"type", "string"}}},
       {"decided_by", {{"type", "integer"}}},
       {"decided_at_ms", {{"type", "integer"}}}},
      {"outcome", "computed_outcome", "reasons", "not_assessed", "credited_hours"});
}

json SettingsSchema() {
  return api::ObjectSchema(
      {{"evaluations_required", {{"type", "boolean"}}},
       {"excellent_percent", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}}},
      {"evaluations_required", "excellent_percent"});
}

json ClassCompletionSchema() {
  json trainee = api::ObjectSchema(
      {{"person_id", {{"type", "integer"}}},
       {"name", {{"type", "string"}}},
       {"unit_name", {{"type", "string"}}},
       {"state",
        {{"type", "string"},
         {"enum",
          {"on_track", "at_risk", "ineligible", "completed", "not_completed", "not_assessed"}}}},
       {"reasons", {{"type", "array"}, {"items", ReasonSchema()}}},
       {"not_assessed", StringArray()},
       {"still_possible", {{"type", "string"}}},
       {"leave_hours_left", {{"type", "number"}}},
       {"absences_left", {{"type", "integer"}}},
       {"discipline_left", {{"type", "integer"}}},
       {"programme_hours", {{"type", "number"}}},
       {"credited_hours", {{"type", "number"}}},
       {"excused_hours", {{"type", "number"}}},
       {"absences", {{"type", "integer"}}},
       {"discipline_count", {{"type", "integer"}}},
       {"decision",
        [] {
          json d = DecisionSchema();
          d["nullable"] = true;  // null until decided
          return d;
        }()},
       {"excellent", {{"type", "string"}, {"enum", {"", "nominated", "approved"}}}}},
      {"person_id", "name", "state", "reasons", "not_assessed"});
  return api::ObjectSchema({{"class_id", {{"type", "integer"}}},
                            {"finished", {{"type", "boolean"}}},
                            {"assessed", {{"type", "boolean"}}},
                            {"settings", SettingsSchema()},
                            {"excellent_limit", {{"type", "integer"}}},
                            {"changed", {{"type", "integer"}}},
                            {"trainees", {{"type", "array"}, {"items", trainee}}}},
                           {"class_id", "finished", "assessed", "trainees"});
}

json ExcellentSchema() {
  return api::ObjectSchema(
      {{"person_id", {{"type", "integer"}}},
       {"excellent", {{"type", "string"}, {"enum", {"nominated", "approved"}}}}},
      {"person_id", "excellent"});
}

double Hours(int tenths) { return tenths / 10.0; }

}  // namespace

json DecisionJson(const Decision& d, const std::string& lang) {
  return {{"outcome", d.outcome},
          {"computed_outcome", d.computed_outcome},
          {"reasons", ReasonsJson(d.reasons, lang)},
          {"not_assessed", d.not_assessed},
          {"credited_hours", Hours(d.credited_tenths)},
          {"override_reason", d.override_reason},
          {"decided_by", d.decided_by},
          {"decided_at_ms", d.decided_at_ms}};
}

json ClassCompletionJson(const ClassCompletion& c, const std::string& lang) {
  json trainees = json::array();
  for (const auto& t : c.trainees) {
    const auto& v = t.verdict;
    trainees.push_back(
        {{"person_id", t.person_id},
         {"name", t.name},
         {"unit_name", t.unit_name},
         {"state", core::CompletionStateCode(v.state)},
         {"reasons", ReasonsJson(v.reasons, lang)},
         {"not_assessed", v.not_assessed},
         {"still_possible", English(lang) ? v.still_possible_en : v.still_possible_zh},
         {"leave_hours_left", Hours(v.leave_tenths_left)},
         {"absences_left", v.absences_left},
         {"discipline_left", v.discipline_left},
         {"programme_hours", Hours(v.programme_tenths)},
         {"credited_hours", Hours(v.credited_tenths)},
         {"excused_hours", Hours(v.excused_tenths)},
         {"absences", v.absences},
         {"discipline_count", v.discipline_count},
         {"decision", t.decision ? DecisionJson(*t.decision, lang) : json(nullptr)},
         {"excellent", t.excellent}});
  }
  return {{"class_id", c.class_id},
          {"finished", c.finished},
          {"assessed", c.assessed},
          {"settings",
           {{"evaluations_required", c.settings.evaluations_required},
            {"excellent_percent", c.settings.excellent_percent}}},
          {"excellent_limit", c.excellent_limit},
          {"trainees", trainees}};
}

void RegisterCompletionRoutes(api::Router& router, std::shared_ptr<CompletionService> service) {
  const json completion_response =
      api::JsonResponseDoc("each trainee's completion", ClassCompletionSchema());

  router.Get("/api/v1/classes/{id}/completion", kManagers,
             Doc("结业状态：每名学员正常 / 预警 / 已不符合条件（预警在前），及已评定的结论",
                 {{"responses", {{"200", completion_response}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(ClassCompletion cc, service->Status(*c.principal, id));
               return api::Json(ClassCompletionJson(cc, c.request.lang));
             });

  router.Put(
      "/api/v1/classes/{id}/completion/settings", kManagers,
      Doc("结业设置：是否要求完成教学评估、优秀学员比例（默认 10%）",
          {{"requestBody", api::JsonBodyDoc(SettingsSchema())},
           {"responses", {{"200", api::JsonResponseDoc("the settings", SettingsSchema())}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        CompletionSettings s;
        s.evaluations_required = in.Bool("evaluations_required", false);
        auto percent = in.OptInt("excellent_percent");
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        s.excellent_percent = percent ? static_cast<int>(*percent) : kDefaultExcellentPercent;
        if (percent && (*percent < 0 || *percent > 100)) s.excellent_percent = -1;
        PEIXUN_ASSIGN_OR_RETURN(CompletionSettings out, service->SetSettings(*c.principal, id, s));
        return api::Json({{"evaluations_required", out.evaluations_required},
                          {"excellent_percent", out.excellent_percent}});
      });

  router.Post("/api/v1/classes/{id}/completion/decision", kManagers,
              Doc("评定结业（班结束后由班主任执行；重复执行结果相同，已调整的结论保留）",
                  {{"responses", {{"200", completion_response}}}}),
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(DecideResult r, service->Decide(*c.principal, id));
                json body = ClassCompletionJson(r.completion, c.request.lang);
                body["changed"] = r.changed;
                return api::Json(body);
              });

  router.Put(
      "/api/v1/classes/{id}/completion/decision/{person_id}", kManagers,
      Doc("调整某学员的结业结论（须填写理由，记入审计）",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema(
                {{"outcome",
                  {{"type", "string"}, {"enum", {"completed", "not_completed", "dismissed"}}}},
                 {"reason", {{"type", "string"}, {"maxLength", 500}}}},
                {"outcome", "reason"}))},
           {"responses", {{"200", api::JsonResponseDoc("the decision", DecisionSchema())}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(int64_t person_id, IdParam(c, "person_id"));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const std::string outcome = in.Str("outcome", api::kRequired);
        const std::string reason = in.Str("reason", api::kOptional, 2000);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(Decision d,
                                service->Override(*c.principal, id, person_id, outcome, reason));
        return api::Json(DecisionJson(d, c.request.lang));
      });

  router.Post(
      "/api/v1/classes/{id}/excellent", kNominators,
      Doc("推荐优秀学员（班主任；或被推荐者所在组的组长）",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                               {{"person_id", {{"type", "integer"}}},
                                {"reason", {{"type", "string"}, {"maxLength", 500}}}},
                               {"person_id"}))},
           {"responses", {{"200", api::JsonResponseDoc("the nomination", ExcellentSchema())}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        auto person_id = in.OptInt("person_id", api::kRequired);
        const std::string reason = in.Str("reason", api::kOptional, 2000);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(std::string status,
                                service->Nominate(*c.principal, id, *person_id, reason));
        return api::Json({{"person_id", *person_id}, {"excellent", status}});
      });

  router.Post(
      "/api/v1/classes/{id}/excellent/{person_id}/approve", kApprovers,
      Doc("批准优秀学员（组织部；不超过规定比例）",
          {{"responses", {{"200", api::JsonResponseDoc("the nomination", ExcellentSchema())}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(int64_t person_id, IdParam(c, "person_id"));
        PEIXUN_ASSIGN_OR_RETURN(std::string status, service->Approve(*c.principal, id, person_id));
        return api::Json({{"person_id", person_id}, {"excellent", status}});
      });
}

}  // namespace peixun::completion
