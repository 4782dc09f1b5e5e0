#include "modules/assessment/assessment_json.h"

#include "api/openapi.h"

namespace peixun::assessment {
namespace {

using json = nlohmann::json;

json Opt(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<bool>& v) { return v ? json(*v) : json(nullptr); }

const json kInt = {{"type", "integer"}};
const json kStr = {{"type", "string"}};
const json kBool = {{"type", "boolean"}};
const json kNum = {{"type", "number"}};
json Nullable(json s) {
  s["nullable"] = true;
  return s;
}
json ArrayOf(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }

json ResponseSchema() { return api::ObjectSchema({{"selected", ArrayOf(kInt)}, {"text", kStr}}); }

}  // namespace

json BankJson(const QuestionBank& b) {
  return {{"id", b.id},
          {"name", b.name},
          {"organizer_name", b.organizer_name},
          {"created_at", b.created_at}};
}

json ExamJson(const Exam& e) {
  json paper = json::array();
  for (const ExamQuestion& q : e.paper) {
    json item = QuestionToJson(q.question, true);
    item["position"] = q.position;
    item["points_centi"] = q.points_centi;
    paper.push_back(std::move(item));
  }
  return {{"id", e.id},
          {"class_id", e.class_id},
          {"session_id", e.session_id},
          {"title", e.title},
          {"time_limit_minutes", e.time_limit_minutes},
          {"max_attempts", e.max_attempts},
          {"counting", e.counting == Counting::kLast ? "last" : "best"},
          {"shuffle_questions", e.shuffle_questions},
          {"shuffle_options", e.shuffle_options},
          {"doubtful_below", e.doubtful_below_centi / 100.0},
          {"released", e.released_ms.has_value()},
          {"released_ms", Opt(e.released_ms)},
          {"session_start_ms", e.session_start_ms},
          {"session_end_ms", e.session_end_ms},
          {"pass_mark", e.pass_mark},
          {"total_centi", e.TotalCenti()},
          {"paper", paper}};
}

json ExamSummaryJson(const Exam& e) {
  json j = ExamJson(e);
  j.erase("paper");
  j["question_count"] = e.paper.size();
  return j;
}

json AttemptJson(const AttemptView& v) {
  json questions = json::array();
  for (const ShownQuestion& q : v.questions) {
    json options = json::array();
    for (const ShownOption& o : q.options) options.push_back({{"id", o.id}, {"text", o.text}});
    questions.push_back({{"question_id", q.question_id},
                         {"kind", core::QuestionKindCode(q.kind)},
                         {"stem", q.stem},
                         {"options", options},
                         {"points_centi", q.points_centi},
                         {"response", q.response ? json{{"selected", q.response->selected},
                                                        {"text", q.response->text}}
                                                 : json(nullptr)}});
  }
  return {{"id", v.attempt_id},
          {"exam_id", v.exam_id},
          {"number", v.number},
          {"started_ms", v.started_ms},
          {"deadline_ms", v.deadline_ms},
          {"remaining_ms", v.remaining_ms},
          {"now_ms", v.now_ms},
          {"submitted", v.submitted},
          {"submitted_by", v.submitted_by},
          {"questions", questions}};
}

json TraineeResultJson(const TraineeResult& r) {
  json attempts = json::array();
  for (const AttemptSummary& a : r.attempts) {
    attempts.push_back({{"id", a.attempt_id},
                        {"number", a.number},
                        {"submitted", a.submitted},
                        {"score_centi", Opt(a.score_centi)}});
  }
  json key = json::array();
  for (const KeyItem& k : r.key) {
    key.push_back({{"question_id", k.question_id},
                   {"correct", k.correct},
                   {"accepted", k.accepted},
                   {"explanation", k.explanation},
                   {"score_centi", Opt(k.score_centi)},
                   {"comment", k.comment}});
  }
  return {{"exam_id", r.exam_id},
          {"released", r.released},
          {"attempts", attempts},
          {"score_centi", Opt(r.score_centi)},
          {"total_centi", r.total_centi},
          {"passed", Opt(r.passed)},
          {"key", key}};
}

json GradingJson(const GradingItem& g) {
  return {{"attempt_id", g.attempt_id},
          {"person_id", g.person_id},
          {"text", g.text},
          {"score_centi", Opt(g.score_centi)},
          {"comment", g.comment}};
}

json ResultsJson(const ExamResults& r) {
  json people = json::array();
  for (const PersonResult& p : r.people) {
    people.push_back({{"person_id", p.person_id},
                      {"attempt_id", Opt(p.attempt_id)},
                      {"score_centi", Opt(p.score_centi)},
                      {"pending", p.pending},
                      {"passed", Opt(p.passed)}});
  }
  json questions = json::array();
  for (const QuestionStatistic& q : r.questions) {
    questions.push_back({{"question_id", q.question_id},
                         {"position", q.position},
                         {"mean", q.item.mean},
                         {"facility", Opt(q.item.facility)},
                         {"discrimination", Opt(q.item.discrimination)},
                         {"doubtful", q.item.doubtful},
                         {"option_counts", q.options.counts},
                         {"blank", q.options.blank}});
  }
  return {{"exam_id", r.exam_id},
          {"total_centi", r.total_centi},
          {"pass_mark", r.pass_mark},
          {"attempts", r.test.attempts},
          {"mean_total", r.test.mean_total},
          {"sd_total", Opt(r.test.sd_total)},
          {"cronbach_alpha", Opt(r.test.cronbach_alpha)},
          {"people", people},
          {"questions", questions}};
}

json BankSchema() {
  return api::ObjectSchema(
      {{"id", kInt}, {"name", kStr}, {"organizer_name", kStr}, {"created_at", kInt}},
      {"id", "name"});
}

json QuestionSchema() {
  return api::ObjectSchema(
      {{"id", kInt},
       {"bank_id", kInt},
       {"kind",
        {{"type", "string"},
         {"enum", {"single", "multiple", "true_false", "fill_in", "short_answer"}}}},
       {"stem", kStr},
       {"options", ArrayOf(kStr)},
       {"credit", kStr},
       {"points", kInt},
       {"tags", ArrayOf(kStr)},
       {"archived", kBool},
       {"correct", ArrayOf(kInt)},
       {"accepted", ArrayOf(kStr)},
       {"rubric", kStr},
       {"explanation", kStr}},
      {"id", "kind", "stem"});
}

json QuestionInputSchema() {
  return api::ObjectSchema({{"kind", kStr},
                            {"stem", kStr},
                            {"options", ArrayOf(kStr)},
                            {"correct", ArrayOf(kInt)},
                            {"credit", kStr},
                            {"accepted", ArrayOf(kStr)},
                            {"rubric", kStr},
                            {"explanation", kStr},
                            {"points", kInt},
                            {"tags", ArrayOf(kStr)}},
                           {"kind", "stem"});
}

json ExamSchema() {
  json paper_item = QuestionSchema();
  paper_item["properties"]["position"] = kInt;
  paper_item["properties"]["points_centi"] = kInt;
  return api::ObjectSchema({{"id", kInt},
                            {"class_id", kInt},
                            {"session_id", kInt},
                            {"title", kStr},
                            {"time_limit_minutes", kInt},
                            {"max_attempts", kInt},
                            {"counting", kStr},
                            {"shuffle_questions", kBool},
                            {"shuffle_options", kBool},
                            {"doubtful_below", kNum},
                            {"released", kBool},
                            {"released_ms", Nullable(kInt)},
                            {"session_start_ms", kInt},
                            {"session_end_ms", kInt},
                            {"pass_mark", kInt},
                            {"total_centi", kInt},
                            {"paper", ArrayOf(paper_item)}},
                           {"id", "paper"});
}

json ExamInputSchema() {
  return api::ObjectSchema(
      {{"session_id", kInt},
       {"title", kStr},
       {"bank_id", kInt},
       {"question_ids", ArrayOf(kInt)},
       {"draws", ArrayOf(api::ObjectSchema({{"tag", kStr}, {"count", kInt}}, {"tag", "count"}))},
       {"points_each", kInt},
       {"time_limit_minutes", kInt},
       {"max_attempts", kInt},
       {"counting", {{"type", "string"}, {"enum", {"best", "last"}}}},
       {"shuffle_questions", kBool},
       {"shuffle_options", kBool},
       {"doubtful_below", kNum}},
      {"session_id", "bank_id"});
}

json ExamSummarySchema() {
  json s = ExamSchema();
  s["properties"].erase("paper");
  s["properties"]["question_count"] = kInt;
  s["required"] = {"id"};
  return s;
}

json AttemptSchema() {
  json question =
      api::ObjectSchema({{"question_id", kInt},
                         {"kind", kStr},
                         {"stem", kStr},
                         {"options", ArrayOf(api::ObjectSchema({{"id", kInt}, {"text", kStr}}))},
                         {"points_centi", kInt},
                         {"response", Nullable(ResponseSchema())}});
  return api::ObjectSchema(
      {{"id", kInt},
       {"exam_id", kInt},
       {"number", kInt},
       {"started_ms", kInt},
       {"deadline_ms", kInt},
       {"remaining_ms", kInt},
       {"now_ms",
        {{"type", "integer"}, {"description", "the server's clock when this was read (UTC ms)"}}},
       {"submitted", kBool},
       {"submitted_by", kStr},
       {"questions", ArrayOf(question)}},
      {"id", "deadline_ms", "remaining_ms", "now_ms", "questions"});
}

json TraineeResultSchema() {
  return api::ObjectSchema(
      {{"exam_id", kInt},
       {"released", kBool},
       {"attempts", ArrayOf(api::ObjectSchema({{"id", kInt},
                                               {"number", kInt},
                                               {"submitted", kBool},
                                               {"score_centi", Nullable(kInt)}}))},
       {"score_centi", Nullable(kInt)},
       {"total_centi", kInt},
       {"passed", Nullable(kBool)},
       {"key", ArrayOf(api::ObjectSchema({{"question_id", kInt},
                                          {"correct", ArrayOf(kInt)},
                                          {"accepted", ArrayOf(kStr)},
                                          {"explanation", kStr},
                                          {"score_centi", Nullable(kInt)},
                                          {"comment", kStr}}))}},
      {"exam_id", "released"});
}

json GradingSchema() {
  return api::ObjectSchema({{"items", ArrayOf(api::ObjectSchema({{"attempt_id", kInt},
                                                                 {"person_id", kInt},
                                                                 {"text", kStr},
                                                                 {"score_centi", Nullable(kInt)},
                                                                 {"comment", kStr}}))}},
                           {"items"});
}

json ResultsSchema() {
  return api::ObjectSchema(
      {{"exam_id", kInt},
       {"total_centi", kInt},
       {"pass_mark", kInt},
       {"attempts", kInt},
       {"mean_total", kNum},
       {"sd_total", Nullable(kNum)},
       {"cronbach_alpha", Nullable(kNum)},
       {"people", ArrayOf(api::ObjectSchema({{"person_id", kInt},
                                             {"attempt_id", Nullable(kInt)},
                                             {"score_centi", Nullable(kInt)},
                                             {"pending", kBool},
                                             {"passed", Nullable(kBool)}}))},
       {"questions", ArrayOf(api::ObjectSchema({{"question_id", kInt},
                                                {"position", kInt},
                                                {"mean", kNum},
                                                {"facility", Nullable(kNum)},
                                                {"discrimination", Nullable(kNum)},
                                                {"doubtful", kBool},
                                                {"option_counts", ArrayOf(kInt)},
                                                {"blank", kInt}}))}},
      {"exam_id", "people", "questions"});
}

json MonitorJson(const ExamMonitor& m) {
  json people = json::array();
  for (const MonitorRow& r : m.people) {
    people.push_back({{"person_id", r.person_id},
                      {"name", r.name},
                      {"unit_name", r.unit_name},
                      {"status", MonitorStatusCode(r.status)},
                      {"attempts", r.attempts},
                      {"attempt_id", Opt(r.attempt_id)},
                      {"started_ms", Opt(r.started_ms)},
                      {"deadline_ms", Opt(r.deadline_ms)},
                      {"remaining_ms", r.remaining_ms},
                      {"submitted_ms", Opt(r.submitted_ms)},
                      {"submitted_by", r.submitted_by},
                      {"answered", r.answered}});
  }
  return {{"exam_id", m.exam_id},
          {"now_ms", m.now_ms},
          {"question_count", m.question_count},
          {"not_started", m.not_started},
          {"in_progress", m.in_progress},
          {"submitted", m.submitted},
          {"people", people}};
}

json MonitorSchema() {
  const json nullable_int = Nullable(kInt);
  json row = api::ObjectSchema(
      {{"person_id", kInt},
       {"name", kStr},
       {"unit_name", kStr},
       {"status",
        api::Named("ExamMonitorStatus",
                   {{"type", "string"}, {"enum", {"not_started", "in_progress", "submitted"}}})},
       {"attempts", kInt},
       {"attempt_id", nullable_int},
       {"started_ms", nullable_int},
       {"deadline_ms", nullable_int},
       {"remaining_ms",
        {{"type", "integer"}, {"description", "by the server clock; 0 unless in progress"}}},
       {"submitted_ms", nullable_int},
       {"submitted_by", {{"type", "string"}, {"enum", {"", "trainee", "server"}}}},
       {"answered",
        {{"type", "integer"}, {"description", "answers saved in the latest attempt"}}}});
  return api::Output(
      "ExamMonitor",
      api::ObjectSchema(
          {{"exam_id", kInt},
           {"now_ms", kInt},
           {"question_count", kInt},
           {"not_started", kInt},
           {"in_progress", kInt},
           {"submitted", kInt},
           {"people", ArrayOf(api::Named("ExamMonitorRow", api::AllRequired(row)))}}));
}

}  // namespace peixun::assessment
