#include "modules/assessment/exam_rows.h"

#include "modules/classes/class_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::assessment {

using json = nlohmann::json;

int Exam::TotalCenti() const {
  int total = 0;
  for (const ExamQuestion& q : paper) total += q.points_centi;
  return total;
}

Error ForbiddenError(const std::string& zh, const std::string& en) {
  return MakeError(ErrorKind::kForbidden, "assessment.forbidden", zh, en);
}

json ResponseToJson(const core::Response& r) {
  return json{{"selected", r.selected}, {"text", r.text}};
}

core::Response ResponseFromJson(const json& j) {
  core::Response r;
  if (j.is_object()) {
    r.selected = j.value("selected", std::vector<int>{});
    r.text = j.value("text", std::string());
  }
  return r;
}

Result<Exam> LoadExamIn(store::Tx& tx, int64_t exam_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id, class_id, session_id, title, time_limit_minutes, max_attempts, "
               "counting, shuffle_questions, shuffle_options, doubtful_below_centi, released_ms "
               "FROM exams WHERE id = ?",
               {store::Int(exam_id)}));
  if (rows.empty()) {
    return NotFound("assessment.exam.not_found", "考试不存在", "no such exam", "exam_id");
  }
  const store::Row& r = rows[0];
  Exam e;
  e.id = r.Int(0);
  e.class_id = r.Int(1);
  e.session_id = r.Int(2);
  e.title = r.Str(3);
  e.time_limit_minutes = static_cast<int>(r.Int(4));
  e.max_attempts = static_cast<int>(r.Int(5));
  e.counting = r.Str(6) == "last" ? Counting::kLast : Counting::kBest;
  e.shuffle_questions = r.Int(7) != 0;
  e.shuffle_options = r.Int(8) != 0;
  e.doubtful_below_centi = static_cast<int>(r.Int(9));
  e.released_ms = r.OptInt(10);
  PEIXUN_ASSIGN_OR_RETURN(timetable::ClassSession session,
                          timetable::SessionService::GetIn(tx, e.session_id));
  e.session_start_ms = session.start_ms;
  e.session_end_ms = session.end_ms;
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass klass,
                          classes::ClassService::GetIn(tx, e.class_id));
  e.pass_mark = klass.rules.exam_pass_mark;
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows paper,
      tx.Query("SELECT position, points_centi, snapshot_json FROM exam_questions "
               "WHERE exam_id = ? ORDER BY position",
               {store::Int(exam_id)}));
  for (const auto& p : paper) {
    e.paper.push_back(ExamQuestion{static_cast<int>(p.Int(0)), static_cast<int>(p.Int(1)),
                                   QuestionFromSnapshot(json::parse(p.Str(2)))});
  }
  return e;
}

Result<std::optional<ExamQuestion>> LoadPaperQuestionIn(store::Tx& tx, int64_t exam_id,
                                                        int64_t question_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows, tx.Query("SELECT position, points_centi, snapshot_json FROM exam_questions "
                                 "WHERE exam_id = ? AND question_id = ?",
                                 {store::Int(exam_id), store::Int(question_id)}));
  if (rows.empty()) return std::optional<ExamQuestion>();
  return std::optional<ExamQuestion>(
      ExamQuestion{static_cast<int>(rows[0].Int(0)), static_cast<int>(rows[0].Int(1)),
                   QuestionFromSnapshot(json::parse(rows[0].Str(2)))});
}

namespace {

constexpr char kAttemptColumns[] =
    "id, exam_id, person_id, number, seed, started_ms, deadline_ms, submitted_ms, submitted_by, "
    "paper_score_centi";

AttemptRow AttemptFromRow(const store::Row& r) {
  AttemptRow a;
  a.id = r.Int(0);
  a.exam_id = r.Int(1);
  a.person_id = r.Int(2);
  a.number = static_cast<int>(r.Int(3));
  a.seed = r.Int(4);
  a.started_ms = r.Int(5);
  a.deadline_ms = r.Int(6);
  a.submitted_ms = r.OptInt(7);
  a.submitted_by = r.IsNull(8) ? "" : r.Str(8);
  if (!r.IsNull(9)) a.paper_score_centi = static_cast<int>(r.Int(9));
  return a;
}

}  // namespace

Result<AttemptRow> LoadAttemptIn(store::Tx& tx, int64_t attempt_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(std::string("SELECT ") + kAttemptColumns +
                                                         " FROM exam_attempts WHERE id = ?",
                                                     {store::Int(attempt_id)}));
  if (rows.empty()) {
    return NotFound("assessment.attempt.not_found", "答卷不存在", "no such attempt", "attempt_id");
  }
  return AttemptFromRow(rows[0]);
}

Result<std::vector<AttemptRow>> AttemptsOfIn(store::Tx& tx, int64_t exam_id,
                                             std::optional<int64_t> person_id) {
  std::string sql =
      std::string("SELECT ") + kAttemptColumns + " FROM exam_attempts WHERE exam_id = ?";
  std::vector<store::Value> params = {store::Int(exam_id)};
  if (person_id) {
    sql += " AND person_id = ?";
    params.push_back(store::Int(*person_id));
  }
  sql += " ORDER BY person_id, number";
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql, params));
  std::vector<AttemptRow> out;
  for (const auto& r : rows) out.push_back(AttemptFromRow(r));
  return out;
}

Result<std::map<int64_t, AnswerRow>> AnswersOfIn(store::Tx& tx, int64_t attempt_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT question_id, response_json, score_centi, comment FROM exam_answers "
               "WHERE attempt_id = ?",
               {store::Int(attempt_id)}));
  std::map<int64_t, AnswerRow> out;
  for (const auto& r : rows) {
    AnswerRow a;
    a.question_id = r.Int(0);
    a.response = ResponseFromJson(json::parse(r.Str(1), nullptr, false));
    if (!r.IsNull(2)) a.score_centi = static_cast<int>(r.Int(2));
    a.comment = r.Str(3);
    out[a.question_id] = std::move(a);
  }
  return out;
}

Result<int> SubmitExpiredIn(store::Tx& tx, int64_t now_ms, std::optional<int64_t> exam_id) {
  std::string sql =
      "UPDATE exam_attempts SET submitted_ms = deadline_ms, submitted_by = 'server' "
      "WHERE submitted_ms IS NULL AND deadline_ms < ?";
  std::vector<store::Value> params = {store::Int(now_ms)};
  if (exam_id) {
    sql += " AND exam_id = ?";
    params.push_back(store::Int(*exam_id));
  }
  PEIXUN_ASSIGN_OR_RETURN(int64_t n, tx.Exec(sql, params));
  return static_cast<int>(n);
}

std::optional<int> AttemptScore(const std::map<int64_t, AnswerRow>& answers) {
  int total = 0;
  for (const auto& [id, a] : answers) {
    if (!a.score_centi) return std::nullopt;
    total += *a.score_centi;
  }
  return total;
}

std::optional<int> AttemptScore(const AttemptRow& attempt,
                                const std::map<int64_t, AnswerRow>& answers) {
  if (attempt.paper_score_centi) return attempt.paper_score_centi;
  return AttemptScore(answers);
}

std::optional<size_t> CountedAttempt(const std::vector<AttemptRow>& attempts,
                                     const std::vector<std::optional<int>>& scores,
                                     Counting counting) {
  std::optional<size_t> pick;
  for (size_t i = 0; i < attempts.size(); ++i) {
    if (!attempts[i].submitted_ms) continue;
    if (!pick || counting == Counting::kLast) {
      pick = i;
      continue;
    }
    // Best: a graded score beats a pending one; higher beats lower.
    const auto& cur = scores[*pick];
    const auto& cand = scores[i];
    if (cand && (!cur || *cand > *cur)) pick = i;
  }
  return pick;
}

}  // namespace peixun::assessment
