#include "modules/assessment/assessment_routes.h"

#include <string>
#include <utility>
#include <vector>

#include "api/import_report_json.h"
#include "api/json_input.h"
#include "api/openapi.h"
#include "core/clock.h"
#include "io/table_transfer.h"
#include "modules/assessment/assessment_json.h"
#include "modules/assessment/attempt_service.h"
#include "modules/assessment/exam_monitor.h"
#include "modules/assessment/exam_service.h"
#include "modules/assessment/paper_import.h"
#include "modules/assessment/question_bank_service.h"
#include "modules/assessment/question_import.h"
#include "modules/assessment/results_export.h"
#include "modules/assessment/results_pdf.h"

namespace peixun::assessment {

using api::Call;
using nlohmann::json;

namespace {

const api::Access kBankReaders =
    api::Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
const api::Access kBankWriters = api::Access::Roles({Role::kAdmin, Role::kOrganizer});
const api::Access kClassStaff =
    api::Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
const api::Access kTrainees = api::Access::Roles({Role::kTrainee});

json Doc(const std::string& summary, json extra = json::object()) {
  json d = {{"summary", summary}, {"tags", {"assessment"}}};
  d.update(extra);
  return d;
}
json Returns(const std::string& description, json schema, int status = 200) {
  return {{std::to_string(status), api::JsonResponseDoc(description, std::move(schema))}};
}
json Items(json schema) {
  return api::ObjectSchema({{"items", {{"type", "array"}, {"items", std::move(schema)}}}},
                           {"items"});
}
json QueryParam(const std::string& name, json schema) {
  return {{"name", name}, {"in", "query"}, {"required", false}, {"schema", std::move(schema)}};
}

json DownloadParams() {
  return {{{"name", "format"},
           {"in", "query"},
           {"schema", {{"type", "string"}, {"enum", {"xlsx", "csv"}}}}},
          {{"name", "encoding"},
           {"in", "query"},
           {"description", "CSV 的编码（默认 utf-8，带 BOM）；gb18030 供旧版 Excel/WPS"},
           {"schema", {{"type", "string"}, {"enum", {"utf-8", "gb18030"}}}}}};
}
json FileResponse(const std::string& summary) {
  return Doc(summary, {{"parameters", DownloadParams()},
                       {"responses",
                        {{"200",
                          {{"description", "the file"},
                           {"content",
                            {{"application/octet-stream",
                              {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}});
}

Result<api::Response> TableDownload(Call& c, const io::Table& table, const std::string& name) {
  const std::string format = c.request.Query("format").value_or("xlsx");
  io::DownloadOptions download;
  PEIXUN_ASSIGN_OR_RETURN(download.encoding,
                          io::CsvEncodingNamed(c.request.Query("encoding").value_or("utf-8")));
  download.number_headers = {"分值", "序号", "人员编号", "得分"};
  PEIXUN_ASSIGN_OR_RETURN(std::string bytes, io::TableToBytes(table, format, name, download));
  return api::Download(std::move(bytes), io::ContentTypeOf(format, download.encoding),
                       name + "." + format);
}

Result<int64_t> IdParam(Call& c) { return api::ParseId(c.request.PathParam("id"), "id"); }

Error TypeError(const std::string& field, const std::string& what_zh, const std::string& what_en) {
  return Invalid("request.type", field + " 应为" + what_zh, field + " must be " + what_en, field);
}

// Removes `field` from `body` and returns it as whole numbers.
template <typename T>
Result<std::vector<T>> TakeIntList(json& body, const std::string& field, size_t max_items) {
  std::vector<T> out;
  if (!body.contains(field) || body[field].is_null()) {
    body.erase(field);
    return out;
  }
  if (!body[field].is_array() || body[field].size() > max_items) {
    return TypeError(field, "整数数组", "an array of integers");
  }
  for (const json& v : body[field]) {
    if (!v.is_number_integer()) return TypeError(field, "整数数组", "an array of integers");
    out.push_back(v.get<T>());
  }
  body.erase(field);
  return out;
}

Result<QuestionInput> ReadQuestion(const std::string& text) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput raw, api::JsonInput::Parse(text));
  json body = raw.json();
  QuestionInput q;
  PEIXUN_ASSIGN_OR_RETURN(q.correct, TakeIntList<int>(body, "correct", 10));
  api::JsonInput in(std::move(body));
  q.kind = in.Str("kind", api::kRequired, 20);
  q.stem = in.Str("stem", api::kRequired, 4000);
  q.options = in.StrList("options", 10, 1000);
  q.credit = in.Str("credit", api::kOptional, 20);
  q.accepted = in.StrList("accepted", 20, 200);
  q.rubric = in.Str("rubric", api::kOptional, 4000);
  q.explanation = in.Str("explanation", api::kOptional, 4000);
  q.points = static_cast<int>(in.OptNumber("points", api::kOptional, 1, 100).value_or(1));
  q.tags = in.StrList("tags", 20, 100);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return q;
}

Result<ExamInput> ReadExam(const std::string& text) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput raw, api::JsonInput::Parse(text));
  json body = raw.json();
  ExamInput e;
  PEIXUN_ASSIGN_OR_RETURN(e.question_ids, TakeIntList<int64_t>(body, "question_ids", 500));
  if (body.contains("draws")) {
    if (!body["draws"].is_array() || body["draws"].size() > 50) {
      return TypeError("draws", "数组", "an array");
    }
    for (const json& d : body["draws"]) {
      if (!d.is_object() || !d.contains("tag") || !d["tag"].is_string() || !d.contains("count") ||
          !d["count"].is_number_integer()) {
        return TypeError("draws", "{tag, count} 数组", "an array of {tag, count}");
      }
      e.draws.push_back(TagDraw{d["tag"].get<std::string>(), d["count"].get<int>()});
    }
    body.erase("draws");
  }
  api::JsonInput in(std::move(body));
  e.session_id = in.OptInt("session_id", api::kRequired).value_or(0);
  e.bank_id = in.OptInt("bank_id", api::kRequired).value_or(0);
  e.title = in.Str("title", api::kOptional, 200);
  if (auto p = in.OptNumber("points_each", api::kOptional, 1, 100)) e.points_each = *p;
  e.time_limit_minutes =
      static_cast<int>(in.OptNumber("time_limit_minutes", api::kOptional, 1, 600).value_or(60));
  e.max_attempts =
      static_cast<int>(in.OptNumber("max_attempts", api::kOptional, 1, 10).value_or(1));
  if (in.Has("counting")) e.counting = in.Str("counting", api::kOptional, 10);
  e.shuffle_questions = in.Bool("shuffle_questions", true);
  e.shuffle_options = in.Bool("shuffle_options", true);
  e.doubtful_below = in.OptNumber("doubtful_below", api::kOptional, -1, 1)
                         .value_or(core::kDefaultDoubtfulDiscrimination);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return e;
}

}  // namespace

AssessmentServices::AssessmentServices(store::Store& store, std::function<int64_t()> clock)
    : store(&store), now_ms(clock ? std::move(clock) : std::function<int64_t()>(NowMillis)) {
  bank = std::make_shared<QuestionBankService>(store, now_ms);
  exams = std::make_shared<ExamService>(store, now_ms);
  attempts = std::make_shared<AttemptService>(store, now_ms);
}
AssessmentServices::~AssessmentServices() = default;

void RegisterAssessmentRoutes(api::Router& router, const AssessmentServices& services) {
  auto bank = services.bank;
  auto exams = services.exams;
  auto attempts = services.attempts;

  // ---- question bank
  router.Get("/api/v1/question-banks", kBankReaders,
             Doc("题库列表", {{"responses", Returns("banks", Items(BankSchema()))}}),
             [bank](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(auto banks, bank->ListBanks(*c.principal));
               json items = json::array();
               for (const auto& b : banks) items.push_back(BankJson(b));
               return api::Json({{"items", items}});
             });
  router.Post("/api/v1/question-banks", kBankWriters,
              Doc("新建题库", {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                                                   {{"name", {{"type", "string"}}},
                                                    {"organizer_name", {{"type", "string"}}}},
                                                   {"name"}))},
                               {"responses", Returns("the bank", BankSchema(), 201)}}),
              [bank](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                const std::string name = in.Str("name", api::kRequired, 100);
                const std::string organizer = in.Str("organizer_name", api::kOptional, 100);
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                PEIXUN_ASSIGN_OR_RETURN(auto b, bank->CreateBank(*c.principal, name, organizer));
                return api::Json(BankJson(b), 201);
              });
  router.Get("/api/v1/question-banks/{id}/questions", kBankReaders,
             Doc("题库中的题目（可按标签筛选），含答案",
                 {{"parameters", {QueryParam("tag", {{"type", "string"}})}},
                  {"responses", Returns("questions", Items(QuestionSchema()))}}),
             [bank](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto list,
                                       bank->List(*c.principal, id, c.request.Query("tag")));
               json items = json::array();
               for (const auto& q : list) items.push_back(QuestionToJson(q, true));
               return api::Json({{"items", items}});
             });
  router.Post("/api/v1/question-banks/{id}/questions", kBankWriters,
              Doc("新增题目", {{"requestBody", api::JsonBodyDoc(QuestionInputSchema())},
                               {"responses", Returns("the question", QuestionSchema(), 201)}}),
              [bank](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(QuestionInput in, ReadQuestion(c.request.body));
                PEIXUN_ASSIGN_OR_RETURN(Question q, bank->Create(*c.principal, id, in));
                return api::Json(QuestionToJson(q, true), 201);
              });
  router.Get("/api/v1/questions/{id}", kBankReaders,
             Doc("一道题目，含答案", {{"responses", Returns("the question", QuestionSchema())}}),
             [bank](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(Question q, bank->Get(*c.principal, id));
               return api::Json(QuestionToJson(q, true));
             });
  router.Put("/api/v1/questions/{id}", kBankWriters,
             Doc("修改题目", {{"requestBody", api::JsonBodyDoc(QuestionInputSchema())},
                              {"responses", Returns("the question", QuestionSchema())}}),
             [bank](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(QuestionInput in, ReadQuestion(c.request.body));
               PEIXUN_ASSIGN_OR_RETURN(Question q, bank->Update(*c.principal, id, in));
               return api::Json(QuestionToJson(q, true));
             });
  router.Post("/api/v1/questions/{id}/archive", kBankWriters,
              Doc("停用题目（已用过的考试不受影响）",
                  {{"responses", Returns("the question", QuestionSchema())}}),
              [bank](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(Question q, bank->Archive(*c.principal, id));
                return api::Json(QuestionToJson(q, true));
              });

  router.Get("/api/v1/question-banks/import-template", kBankReaders,
             FileResponse("题目导入模板（xlsx/csv，每种题型一行示例）"),
             [](Call& c) -> Result<api::Response> {
               return TableDownload(c, QuestionTemplate(), "题目导入模板");
             });
  router.Get("/api/v1/question-banks/{id}/export", kBankReaders,
             FileResponse("导出题库（xlsx/csv，可再导入）"),
             [bank_store = services.store](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(io::Table t, ExportQuestions(*bank_store, *c.principal, id));
               return TableDownload(c, t, "题库");
             });
  router.Post(
      "/api/v1/question-banks/{id}/import", kBankWriters,
      Doc("导入题目（xlsx/csv 原始文件内容，UTF-8 或 GB18030）；逐行报告错误，默认全部或全不",
          {{"parameters", api::UploadParameters()},
           {"requestBody", api::UploadBodyDoc()},
           {"responses",
            {{"200", api::JsonResponseDoc("import report", api::ImportReportSchema())}}}}),
      [bank_store = services.store, now = services.now_ms](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(
            io::Table table,
            io::ParseUploadedTable(c.request.body, c.request.Query("filename").value_or("")));
        ImportOptions options{c.request.Query("dry_run").value_or("0") == "1",
                              c.request.Query("skip_bad_rows").value_or("0") == "1"};
        PEIXUN_ASSIGN_OR_RETURN(ImportReport report, ImportQuestions(*bank_store, *c.principal, id,
                                                                     table, options, now()));
        return api::Json(api::ImportReportToJson(report, c.lang));
      });

  // ---- exams (class staff)
  router.Post("/api/v1/exams", kClassStaff,
              Doc("在考试场次上组卷（固定题目或按标签随机抽题）",
                  {{"requestBody", api::JsonBodyDoc(ExamInputSchema())},
                   {"responses", Returns("the exam", ExamSchema(), 201)}}),
              [exams](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(ExamInput in, ReadExam(c.request.body));
                PEIXUN_ASSIGN_OR_RETURN(Exam e, exams->Create(*c.principal, in));
                return api::Json(ExamJson(e), 201);
              });
  router.Get(
      "/api/v1/classes/{id}/exams", kClassStaff,
      Doc("本班考试（含试卷与答案）", {{"responses", Returns("exams", Items(ExamSchema()))}}),
      [exams](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(auto list, exams->ListForClass(*c.principal, id));
        json items = json::array();
        for (const auto& e : list) items.push_back(ExamJson(e));
        return api::Json({{"items", items}});
      });
  router.Get("/api/v1/exams/{id}", kClassStaff,
             Doc("一场考试（含试卷与答案）", {{"responses", Returns("the exam", ExamSchema())}}),
             [exams](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(Exam e, exams->Get(*c.principal, id));
               return api::Json(ExamJson(e));
             });
  router.Put(
      "/api/v1/exams/{id}/extra-time", kClassStaff,
      Doc("为某学员延长考试时间（可超过场次结束时间）",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema({{"person_id", {{"type", "integer"}}},
                                                               {"minutes", {{"type", "integer"}}}},
                                                              {"person_id", "minutes"}))},
           {"responses", {{"204", {{"description", "saved"}}}}}}),
      [exams](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const auto person = in.OptInt("person_id", api::kRequired);
        const auto minutes = in.OptNumber("minutes", api::kRequired, 0, 600);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_RETURN_IF_ERROR(
            exams->SetExtraTime(*c.principal, id, *person, static_cast<int>(*minutes)));
        return api::NoContent();
      });
  router.Get("/api/v1/exams/{id}/monitor", kClassStaff,
             Doc("考试监控：每位学员是否开考、已答题数、剩余时间（以服务器时钟为准）、是否交卷",
                 {{"responses", Returns("the monitor", MonitorSchema())}}),
             [store = services.store, now = services.now_ms](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(ExamMonitor m, MonitorExam(*store, *c.principal, id, now()));
               return api::Json(MonitorJson(m));
             });
  router.Get("/api/v1/exams/{id}/grading", kClassStaff,
             Doc("阅卷：某一题全部学员的作答",
                 {{"parameters", {QueryParam("question_id", {{"type", "integer"}})}},
                  {"responses", Returns("answers", GradingSchema())}}),
             [exams](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(
                   int64_t question,
                   api::ParseId(c.request.Query("question_id").value_or(""), "question_id"));
               PEIXUN_ASSIGN_OR_RETURN(auto list,
                                       exams->AnswersToGrade(*c.principal, id, question));
               json items = json::array();
               for (const auto& g : list) items.push_back(GradingJson(g));
               return api::Json({{"items", items}});
             });
  router.Post("/api/v1/attempts/{id}/grades", kClassStaff,
              Doc("给一道题评分（主观题），附评语",
                  {{"requestBody",
                    api::JsonBodyDoc(api::ObjectSchema({{"question_id", {{"type", "integer"}}},
                                                        {"score_centi", {{"type", "integer"}}},
                                                        {"comment", {{"type", "string"}}}},
                                                       {"question_id", "score_centi"}))},
                   {"responses", {{"204", {{"description", "graded"}}}}}}),
              [exams](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                const auto question = in.OptInt("question_id", api::kRequired);
                const auto score = in.OptNumber("score_centi", api::kRequired, 0, 10000);
                const std::string comment = in.Str("comment", api::kOptional, 2000);
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                PEIXUN_RETURN_IF_ERROR(
                    exams->Grade(*c.principal, id, *question, static_cast<int>(*score), comment));
                return api::NoContent();
              });
  router.Post("/api/v1/exams/{id}/release", kClassStaff,
              Doc("向学员发布成绩与答案", {{"responses", Returns("the exam", ExamSchema())}}),
              [exams](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(Exam e, exams->Release(*c.principal, id));
                return api::Json(ExamJson(e));
              });
  router.Get("/api/v1/exams/{id}/results", kClassStaff,
             Doc("成绩与试题分析（难度、区分度、信度、选项分布）",
                 {{"responses", Returns("results", ResultsSchema())}}),
             [exams](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(ExamResults r, exams->Results(*c.principal, id));
               return api::Json(ResultsJson(r));
             });

  router.Get("/api/v1/exams/{id}/results/export", kClassStaff,
             FileResponse("导出成绩（xlsx/csv，姓氏笔画排序，含每题得分与试题分析）"),
             [exams, results_store = services.store](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(io::Table t,
                                       ResultsTable(*results_store, *exams, *c.principal, id));
               return TableDownload(c, t, "考试成绩");
             });

  router.Get("/api/v1/exams/{id}/results.pdf", kClassStaff,
             Doc("成绩单 PDF（每名学员得分，姓氏笔画排序；试题分析）",
                 {{"responses",
                   {{"200",
                     {{"description", "A4 PDF"},
                      {"content",
                       {{"application/pdf",
                         {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}}),
             [exams, results_store = services.store](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string pdf,
                                       ResultsPdf(*results_store, *exams, *c.principal, id));
               return api::Download(std::move(pdf), "application/pdf", "考试成绩.pdf");
             });

  // ---- paper exams: scores typed into a sheet
  router.Get("/api/v1/exams/{id}/paper-scores/template", kClassStaff,
             FileResponse("纸质考试成绩登记表（本班学员，姓氏笔画排序，填写得分后导入）"),
             [results_store = services.store](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(io::Table t,
                                       PaperScoreTemplate(*results_store, *c.principal, id));
               return TableDownload(c, t, "纸质考试成绩登记表");
             });
  router.Post(
      "/api/v1/exams/{id}/paper-scores/import", kClassStaff,
      Doc("导入纸质考试成绩（xlsx/csv 原始文件内容，UTF-8 或 GB18030）；逐行报告错误，默认全部或"
          "全不；导入的得分即该学员本场考试的成绩",
          {{"parameters", api::UploadParameters()},
           {"requestBody", api::UploadBodyDoc()},
           {"responses",
            {{"200", api::JsonResponseDoc("import report", api::ImportReportSchema())}}}}),
      [results_store = services.store, now = services.now_ms](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(
            io::Table table,
            io::ParseUploadedTable(c.request.body, c.request.Query("filename").value_or("")));
        ImportOptions options{c.request.Query("dry_run").value_or("0") == "1",
                              c.request.Query("skip_bad_rows").value_or("0") == "1"};
        PEIXUN_ASSIGN_OR_RETURN(ImportReport report, ImportPaperScores(*results_store, *c.principal,
                                                                       id, table, options, now()));
        return api::Json(api::ImportReportToJson(report, c.lang));
      });

  // ---- the trainee's side
  router.Get("/api/v1/classes/{id}/my-exams", kTrainees,
             Doc("学员：本班考试（不含题目）",
                 {{"responses", Returns("exams", Items(ExamSummarySchema()))}}),
             [attempts](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto list, attempts->MyExams(*c.principal, id));
               json items = json::array();
               for (const auto& e : list) items.push_back(ExamSummaryJson(e));
               return api::Json({{"items", items}});
             });
  router.Post("/api/v1/exams/{id}/attempts", kTrainees,
              Doc("学员：开始作答（已有未交答卷则继续作答，剩余时间以服务器为准）",
                  {{"responses", Returns("the attempt", AttemptSchema())}}),
              [attempts](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(AttemptView v, attempts->Start(*c.principal, id));
                return api::Json(AttemptJson(v));
              });
  router.Get("/api/v1/exams/{id}/my-result", kTrainees,
             Doc("学员：本人成绩（发布后含分数、是否及格与答案）",
                 {{"responses", Returns("the result", TraineeResultSchema())}}),
             [attempts](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(TraineeResult r, attempts->MyResult(*c.principal, id));
               return api::Json(TraineeResultJson(r));
             });
  router.Get("/api/v1/attempts/{id}", kTrainees,
             Doc("学员：本人答卷（换设备继续作答）",
                 {{"responses", Returns("the attempt", AttemptSchema())}}),
             [attempts](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(AttemptView v, attempts->View(*c.principal, id));
               return api::Json(AttemptJson(v));
             });
  router.Put(
      "/api/v1/attempts/{id}/answers", kTrainees,
      Doc("学员：保存一道题的答案（每个答案带幂等键；截止后拒收并说明原因）",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                               {{"question_id", {{"type", "integer"}}},
                                {"selected", {{"type", "array"}, {"items", {{"type", "integer"}}}}},
                                {"text", {{"type", "string"}}},
                                {"idempotency_key", {{"type", "string"}}}},
                               {"question_id", "idempotency_key"}))},
           {"responses",
            Returns("saved", api::ObjectSchema({{"attempt_id", {{"type", "integer"}}},
                                                {"question_id", {{"type", "integer"}}},
                                                {"saved_ms", {{"type", "integer"}}},
                                                {"replayed", {{"type", "boolean"}}}}))}}),
      [attempts](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput raw, api::JsonInput::Parse(c.request.body));
        json body = raw.json();
        core::Response response;
        PEIXUN_ASSIGN_OR_RETURN(response.selected, TakeIntList<int>(body, "selected", 10));
        api::JsonInput in(std::move(body));
        const auto question = in.OptInt("question_id", api::kRequired);
        response.text = in.Str("text", api::kOptional, 10000);
        const std::string key = in.Str("idempotency_key", api::kRequired, 128);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(SavedAnswer s,
                                attempts->SaveAnswer(*c.principal, id, *question, response, key));
        return api::Json({{"attempt_id", s.attempt_id},
                          {"question_id", s.question_id},
                          {"saved_ms", s.saved_ms},
                          {"replayed", s.replayed}});
      });
  router.Post(
      "/api/v1/attempts/{id}/answers/batch", kTrainees,
      Doc("学员：一次保存多道题的答案（离线队列恢复联网后发送；全部或全不，每个答案带幂等键）",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema(
                {{"answers",
                  {{"type", "array"},
                   {"items",
                    api::ObjectSchema(
                        {{"question_id", {{"type", "integer"}}},
                         {"selected", {{"type", "array"}, {"items", {{"type", "integer"}}}}},
                         {"text", {{"type", "string"}}},
                         {"idempotency_key", {{"type", "string"}}}},
                        {"question_id", "idempotency_key"})}}}},
                {"answers"}))},
           {"responses",
            Returns("saved", Items(api::ObjectSchema({{"question_id", {{"type", "integer"}}},
                                                      {"saved_ms", {{"type", "integer"}}},
                                                      {"replayed", {{"type", "boolean"}}}})))}}),
      [attempts](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput raw, api::JsonInput::Parse(c.request.body));
        json body = raw.json();
        if (!body.contains("answers") || !body["answers"].is_array()) {
          return TypeError("answers", "数组", "an array");
        }
        std::vector<AttemptService::AnswerWrite> writes;
        for (json item : body["answers"]) {
          if (!item.is_object()) return TypeError("answers", "对象数组", "an array of objects");
          AttemptService::AnswerWrite w;
          PEIXUN_ASSIGN_OR_RETURN(w.response.selected, TakeIntList<int>(item, "selected", 10));
          api::JsonInput in(std::move(item));
          w.question_id = in.OptInt("question_id", api::kRequired).value_or(0);
          w.response.text = in.Str("text", api::kOptional, 10000);
          w.idempotency_key = in.Str("idempotency_key", api::kRequired, 128);
          PEIXUN_RETURN_IF_ERROR(in.Finish());
          writes.push_back(std::move(w));
        }
        body.erase("answers");
        PEIXUN_RETURN_IF_ERROR(api::JsonInput(std::move(body)).Finish());
        PEIXUN_ASSIGN_OR_RETURN(auto saved, attempts->SaveAnswers(*c.principal, id, writes));
        json items = json::array();
        for (const SavedAnswer& s : saved) {
          items.push_back(
              {{"question_id", s.question_id}, {"saved_ms", s.saved_ms}, {"replayed", s.replayed}});
        }
        return api::Json({{"items", items}});
      });
  router.Post("/api/v1/attempts/{id}/submit", kTrainees,
              Doc("学员：交卷", {{"responses", Returns("the attempt", AttemptSchema())}}),
              [attempts](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(AttemptView v, attempts->Submit(*c.principal, id));
                return api::Json(AttemptJson(v));
              });
}

}  // namespace peixun::assessment
