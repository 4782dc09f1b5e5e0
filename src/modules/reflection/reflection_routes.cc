#include "modules/reflection/reflection_routes.h"

#include <cstdlib>

#include "api/import_report_json.h"
#include "api/json_input.h"
#include "api/openapi.h"
#include "modules/reflection/paper_file.h"
#include "modules/reflection/reflection_json.h"
#include "modules/reflection/reflection_service.h"

namespace peixun::reflection {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kManagers = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
const Access kManagersAndTrainees =
    Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee});

json Doc(const std::string& summary, json extra = json::object()) {
  json d = {{"summary", summary}, {"tags", {"reflection"}}};
  d.update(extra);
  return d;
}

json Responds(const std::string& description, json schema, const std::string& status = "200") {
  return {{"responses", {{status, api::JsonResponseDoc(description, std::move(schema))}}}};
}

Result<int64_t> IdParam(Call& c) { return api::ParseId(c.request.PathParam("id"), "id"); }

}  // namespace

void RegisterReflectionRoutes(api::Router& router, store::Store& store) {
  auto service = std::make_shared<ReflectionService>(store);

  router.Get("/api/v1/classes/{id}/reflection", kManagersAndTrainees,
             Doc("本班心得体会要求（截止时间、评分方式）",
                 Responds("the requirement", RequirementSchema())),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto r, service->GetRequirement(*c.principal, id));
               return api::Json(RequirementToJson(r));
             });

  json set_doc = Doc("布置心得体会：截止时间（本班当地时间）与评分方式",
                     Responds("the requirement", RequirementSchema()));
  set_doc["requestBody"] = api::JsonBodyDoc(
      api::ObjectSchema({{"deadline", {{"type", "string"}, {"example", "2020-06-04T18:00"}}},
                         {"grading", {{"type", "string"}, {"enum", {"mark", "pass_fail"}}}}},
                        {"deadline", "grading"}));
  router.Put("/api/v1/classes/{id}/reflection", kManagers, set_doc,
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
               std::string deadline = in.Str("deadline", api::kRequired, 40);
               std::string grading = in.Str("grading", api::kRequired, 20);
               PEIXUN_RETURN_IF_ERROR(in.Finish());
               PEIXUN_ASSIGN_OR_RETURN(
                   Requirement r, service->SetRequirement(*c.principal, id, deadline, grading));
               return api::Json(RequirementToJson(r));
             });

  json submit_doc =
      Doc("学员提交心得体会：JSON {\"text\"} 为在线填写；带 ?filename= 时请求体为文件原始内容"
          "（docx/pdf/txt，按内容识别类型，不超过 10 MB）。截止后提交标记为逾期",
          Responds("the paper", PaperSchema(), "201"));
  submit_doc["parameters"] = json::array(
      {{{"name", "filename"},
        {"in", "query"},
        {"description", "the file's name; absent: the body is JSON with the typed text"},
        {"schema", {{"type", "string"}}}}});
  submit_doc["requestBody"] = {
      {"required", true},
      {"content",
       {{"application/json",
         {{"schema",
           api::ObjectSchema({{"text", {{"type", "string"}, {"maxLength", kMaxPaperChars}}}},
                             {"text"})}}},
        {"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
  router.Post("/api/v1/classes/{id}/reflections", Access::Roles({Role::kTrainee}), submit_doc,
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PaperUpload upload;
                if (auto name = c.request.Query("filename")) {
                  upload.is_file = true;
                  upload.file_name = *name;
                  upload.bytes = c.request.body;
                } else {
                  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                  upload.text = in.Str("text", api::kRequired, kMaxPaperChars);
                  PEIXUN_RETURN_IF_ERROR(in.Finish());
                }
                PEIXUN_ASSIGN_OR_RETURN(Paper p, service->Submit(*c.principal, id, upload));
                return api::Json(PaperToJson(p), 201);
              });

  router.Get("/api/v1/classes/{id}/reflections", kManagers,
             Doc("本班心得体会（按姓氏笔画）及未交名单", Responds("the papers", PaperListSchema())),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(PaperList l, service->List(*c.principal, id));
               return api::Json(PaperListToJson(l));
             });

  router.Get("/api/v1/classes/{id}/reflections/mine", Access::Roles({Role::kTrainee}),
             Doc("我的心得体会", Responds("the paper", PaperSchema())),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(Paper p, service->Mine(*c.principal, id));
               return api::Json(PaperToJson(p));
             });

  json similar_doc = Doc("相似度较高的心得体会（5 字片段 Jaccard 相似度 ≥ 阈值）及相同段落",
                         Responds("the pairs, most similar first", SimilarPairsSchema()));
  similar_doc["parameters"] = json::array(
      {{{"name", "threshold"},
        {"in", "query"},
        {"schema", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}, {"default", 0.5}}}}});
  router.Get("/api/v1/classes/{id}/reflections/similar", kManagers, similar_doc,
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               double threshold = kDefaultSimilarityThreshold;
               if (auto t = c.request.Query("threshold")) {
                 char* end = nullptr;
                 threshold = std::strtod(t->c_str(), &end);
                 if (t->empty() || end != t->c_str() + t->size()) threshold = -1;
               }
               PEIXUN_ASSIGN_OR_RETURN(auto pairs, service->Similar(*c.principal, id, threshold));
               return api::Json(SimilarPairsToJson(pairs));
             });

  router.Get("/api/v1/classes/{id}/reflections.pdf", kManagers,
             Doc("心得体会汇编（PDF，按姓氏笔画）",
                 {{"responses",
                   {{"200",
                     {{"description", "the file"},
                      {"content", {{"application/pdf", json::object()}}}}}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string pdf, service->CompilationPdf(*c.principal, id));
               return api::Download(std::move(pdf), "application/pdf", "心得体会汇编.pdf");
             });

  router.Get("/api/v1/reflections/{id}", kManagersAndTrainees,
             Doc("一篇心得体会（学员仅本人）", Responds("the paper", PaperSchema())),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(Paper p, service->Get(*c.principal, id));
               return api::Json(PaperToJson(p));
             });

  json grade_doc =
      Doc("评阅：百分制给 mark，合格制给 passed；可附评语", Responds("the paper", PaperSchema()));
  grade_doc["requestBody"] = api::JsonBodyDoc(
      api::ObjectSchema({{"mark", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}},
                         {"passed", {{"type", "boolean"}}},
                         {"comment", {{"type", "string"}, {"maxLength", 2000}}}}));
  router.Post("/api/v1/reflections/{id}/grade", kManagers, grade_doc,
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                GradeInput g;
                g.mark = in.OptInt("mark");
                const bool has_passed = in.Has("passed") && !in.json()["passed"].is_null();
                const bool passed = in.Bool("passed");
                if (has_passed) g.passed = passed;
                g.comment = in.Str("comment", api::kOptional, 2000);
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                PEIXUN_ASSIGN_OR_RETURN(Paper p, service->Grade(*c.principal, id, g));
                return api::Json(PaperToJson(p));
              });
}

}  // namespace peixun::reflection
