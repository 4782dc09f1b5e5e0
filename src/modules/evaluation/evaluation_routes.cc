#include "modules/evaluation/evaluation_routes.h"

#include "api/json_input.h"
#include "api/openapi.h"
#include "modules/evaluation/evaluation_json.h"

namespace peixun::evaluation {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kManagers = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
const Access kListers =
    Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee});
const Access kResultReaders =
    Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLecturer});

json Doc(const std::string& summary, json extra = json::object()) {
  json d = {{"summary", summary}, {"tags", {"evaluation"}}};
  d.update(extra);
  return d;
}

json Responds(const std::string& description, json schema, const std::string& status = "200") {
  return {{"responses", {{status, api::JsonResponseDoc(description, std::move(schema))}}}};
}

Result<int64_t> IdParam(Call& c) { return api::ParseId(c.request.PathParam("id"), "id"); }

Result<AnswerInput> ReadAnswer(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  AnswerInput a;
  for (size_t i = 0; i < kItems.size(); ++i) {
    auto score = in.OptInt(std::string(kItems[i].key), api::kRequired);
    // Out-of-range values go to the service, which names the item (422).
    if (score) a.scores[i] = *score < -1000 || *score > 1000 ? 0 : static_cast<int>(*score);
  }
  a.comment = in.Str("comment", api::kOptional, kMaxCommentChars);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return a;
}

}  // namespace

void RegisterEvaluationRoutes(api::Router& router, store::Store& store, EvaluationOptions options) {
  auto service = std::make_shared<EvaluationService>(store, options);

  router.Get("/api/v1/classes/{id}/evaluations", kListers,
             Doc("本班教学评估问卷（学员另见自己是否已填）",
                 Responds("the questionnaires", QuestionnaireListSchema())),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto list, service->List(*c.principal, id));
               json out = json::array();
               for (const auto& s : list) out.push_back(QuestionnaireStatusToJson(s));
               return api::Json(out);
             });

  router.Get("/api/v1/evaluations/{id}", kListers,
             Doc("一份教学评估问卷（学员另见自己是否已填；学员评估页打开链接时用）",
                 Responds("the questionnaire", QuestionnaireStatusSchema())),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(QuestionnaireStatus s, service->Get(*c.principal, id));
               return api::Json(QuestionnaireStatusToJson(s));
             });

  json open_doc = Doc("开启教学评估：给出 session_id 为专题讲座评估，不给为培训班总体评估",
                      Responds("the questionnaire", QuestionnaireSchema(), "201"));
  open_doc["requestBody"] = api::JsonBodyDoc(api::ObjectSchema(
      {{"session_id", {{"type", "integer"}, {"description", "a lecture of the class"}}}}));
  router.Post("/api/v1/classes/{id}/evaluations", kManagers, open_doc,
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                auto session_id = in.OptInt("session_id");
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                PEIXUN_ASSIGN_OR_RETURN(Questionnaire q,
                                        service->Open(*c.principal, id, session_id));
                return api::Json(QuestionnaireToJson(q), 201);
              });

  router.Get("/api/v1/classes/{id}/evaluations/results", kManagers,
             Doc("本班教学评估结果（按问卷、按授课老师；不足阈值的部分不显示）",
                 Responds("the class's results", ClassResultsSchema())),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(ClassResults r, service->ResultsOfClass(*c.principal, id));
               return api::Json(ClassResultsToJson(r));
             });

  router.Post("/api/v1/evaluations/{id}/close", kManagers,
              Doc("关闭评估问卷", Responds("the questionnaire", QuestionnaireSchema())),
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(Questionnaire q, service->Close(*c.principal, id));
                return api::Json(QuestionnaireToJson(q));
              });

  json answer_doc = Doc("学员匿名提交评估（每项 1-5 分，另可填意见建议）；每人一次",
                        Responds("accepted",
                                 api::ObjectSchema({{"questionnaire_id", {{"type", "integer"}}},
                                                    {"answered", {{"type", "boolean"}}}}),
                                 "201"));
  answer_doc["requestBody"] = api::JsonBodyDoc(AnswerSchema());
  router.Post("/api/v1/evaluations/{id}/answers", Access::Roles({Role::kTrainee}), answer_doc,
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(AnswerInput a, ReadAnswer(c.request.body));
                PEIXUN_RETURN_IF_ERROR(service->Submit(*c.principal, id, a));
                return api::Json({{"questionnaire_id", id}, {"answered", true}}, 201);
              });

  router.Get("/api/v1/evaluations/{id}/pending", kManagers,
             Doc("尚未填写的学员（仅姓名，按姓氏笔画）", Responds("names", PendingSchema())),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(PendingList p, service->Pending(*c.principal, id));
               return api::Json(PendingToJson(p));
             });

  router.Get("/api/v1/evaluations/{id}/results", kResultReaders,
             Doc("一份问卷的结果（授课老师仅本人讲座、培训班结束后；不足阈值不显示）",
                 Responds("the result", QuestionnaireResultSchema())),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(QuestionnaireResult r, service->Results(*c.principal, id));
               return api::Json(QuestionnaireResultToJson(r));
             });

  router.Get("/api/v1/lecturers/{id}/evaluations",
             Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kLecturer}),
             Doc("授课老师各班讲座的评估结果（老师本人仅已结束的培训班）",
                 Responds("the lecturer's results", LecturerSliceSchema())),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(LecturerSlice l,
                                       service->ResultsOfLecturer(*c.principal, id));
               return api::Json(LecturerSliceToJson(l));
             });
}

}  // namespace peixun::evaluation
