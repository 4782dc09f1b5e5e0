#include "modules/assessment/exam_service.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "core/exam_shuffle.h"
#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "modules/assessment/exam_rows.h"
#include "modules/assessment/question_bank_service.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/timetable/session_service.h"

namespace peixun::assessment {
namespace {

using json = nlohmann::json;

Error FieldError(const std::string& field, const std::string& zh, const std::string& en) {
  return Invalid("assessment.exam.field", zh, en, field);
}

Result<Exam> ManagedExamIn(store::Tx& tx, const Principal& who, int64_t exam_id) {
  PEIXUN_ASSIGN_OR_RETURN(Exam exam, LoadExamIn(tx, exam_id));
  PEIXUN_RETURN_IF_ERROR(
      classes::CheckClassAccessIn(tx, who, exam.class_id, classes::ClassNeed::kManage));
  return exam;
}

json ExamAudit(const Exam& e) {
  json ids = json::array();
  for (const auto& q : e.paper) ids.push_back(q.question.id);
  return {{"session_id", e.session_id},
          {"title", e.title},
          {"time_limit_minutes", e.time_limit_minutes},
          {"max_attempts", e.max_attempts},
          {"question_ids", ids},
          {"total_centi", e.TotalCenti()}};
}

}  // namespace

ExamService::ExamService(store::Store& store, std::function<int64_t()> now_ms)
    : store_(store), now_ms_(now_ms ? std::move(now_ms) : std::function<int64_t()>(NowMillis)) {}

Result<Exam> ExamService::Create(const Principal& who, const ExamInput& in) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  if (in.time_limit_minutes < 1 || in.time_limit_minutes > 600) {
    return FieldError("time_limit_minutes", "考试时长应为 1 至 600 分钟",
                      "the time limit is 1 to 600 minutes");
  }
  if (in.max_attempts < 1 || in.max_attempts > 10) {
    return FieldError("max_attempts", "作答次数应为 1 至 10 次", "attempts are 1 to 10");
  }
  if (in.counting != "best" && in.counting != "last") {
    return FieldError("counting", "计分方式应为 best（取最高）或 last（取最后）",
                      "counting is best or last");
  }
  if (in.points_each && (*in.points_each < 1 || *in.points_each > 100)) {
    return FieldError("points_each", "每题分值应为 1 至 100", "points per question are 1 to 100");
  }
  if (!(in.doubtful_below >= -1 && in.doubtful_below <= 1)) {
    return FieldError("doubtful_below", "区分度阈值应在 -1 至 1 之间",
                      "the discrimination threshold is between -1 and 1");
  }
  const int64_t now = now_ms_();
  std::random_device device;
  const uint64_t draw_seed = (static_cast<uint64_t>(device()) << 32) ^ device();
  return store::TransactValue<Exam>(store_, [&](store::Tx& tx) -> Result<Exam> {
    PEIXUN_ASSIGN_OR_RETURN(timetable::ClassSession session,
                            timetable::SessionService::GetIn(tx, in.session_id));
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, session.class_id, classes::ClassNeed::kManage));
    if (session.kind != timetable::SessionKind::kExam) {
      return Invalid("assessment.exam.session_kind", "只能在类型为“考试”的课程安排上设置考试",
                     "an exam needs a timetable session of kind exam", "session_id");
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows existing,
        tx.Query("SELECT id FROM exams WHERE session_id = ?", {store::Int(in.session_id)}));
    if (!existing.empty()) {
      return Conflict("assessment.exam.exists", "该场次已设置考试", "this session has an exam",
                      "session_id");
    }
    PEIXUN_RETURN_IF_ERROR(QuestionBankService::GetBankIn(tx, in.bank_id));
    std::vector<Question> chosen;
    std::set<int64_t> taken;
    for (int64_t id : in.question_ids) {
      auto q = QuestionBankService::GetIn(tx, id);
      if (!q || q->bank_id != in.bank_id || q->archived || !taken.insert(id).second) {
        return Invalid(
            "assessment.exam.question",
            "题目 " + std::to_string(id) + " 不在该题库中、已停用或重复",
            "question " + std::to_string(id) + " is not in the bank, is archived or is repeated",
            "question_ids");
      }
      chosen.push_back(*q);
    }
    uint64_t seed = draw_seed;
    for (const TagDraw& draw : in.draws) {
      PEIXUN_ASSIGN_OR_RETURN(std::vector<Question> pool,
                              QuestionBankService::ListIn(tx, in.bank_id, draw.tag));
      pool.erase(std::remove_if(pool.begin(), pool.end(),
                                [&](const Question& q) { return taken.count(q.id) > 0; }),
                 pool.end());
      if (draw.count < 1 || static_cast<size_t>(draw.count) > pool.size()) {
        return Invalid(
            "assessment.exam.draw_short",
            "标签“" + draw.tag + "”下可抽取的题目只有 " + std::to_string(pool.size()) + " 道",
            "only " + std::to_string(pool.size()) + " questions tagged \"" + draw.tag +
                "\" can be drawn",
            "draws");
      }
      seed = core::DeriveSeed(seed, static_cast<int64_t>(chosen.size()));
      const std::vector<int> order = core::SeededPermutation(seed, static_cast<int>(pool.size()));
      for (int i = 0; i < draw.count; ++i) {
        taken.insert(pool[order[i]].id);
        chosen.push_back(pool[order[i]]);
      }
    }
    if (chosen.empty()) {
      return Invalid("assessment.exam.empty", "试卷中没有题目", "the paper has no question",
                     "question_ids");
    }
    std::string title = core::NormalizeField(in.title);
    if (title.empty()) title = session.title;
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("INSERT INTO exams (class_id, session_id, title, time_limit_minutes, "
                 "max_attempts, counting, shuffle_questions, shuffle_options, "
                 "doubtful_below_centi, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                 "?, ?, ?) RETURNING id",
                 {store::Int(session.class_id), store::Int(session.id), store::Text(title),
                  store::Int(in.time_limit_minutes), store::Int(in.max_attempts),
                  store::Text(in.counting), store::Int(in.shuffle_questions ? 1 : 0),
                  store::Int(in.shuffle_options ? 1 : 0),
                  store::Int(static_cast<int64_t>(std::lround(in.doubtful_below * 100))),
                  store::Int(who.user_id), store::Int(now)}));
    const int64_t exam_id = rows[0].Int(0);
    for (size_t i = 0; i < chosen.size(); ++i) {
      const int points = in.points_each.value_or(chosen[i].points);
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "INSERT INTO exam_questions (exam_id, position, question_id, points_centi, "
          "snapshot_json) VALUES (?, ?, ?, ?, ?)",
          {store::Int(exam_id), store::Int(static_cast<int64_t>(i)), store::Int(chosen[i].id),
           store::Int(points * 100), store::Text(QuestionToJson(chosen[i], true).dump())}));
    }
    PEIXUN_ASSIGN_OR_RETURN(Exam exam, LoadExamIn(tx, exam_id));
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, Actor::Of(who),
        audit::AuditEntry{"assessment.exam.create", "exam", exam_id, nullptr, ExamAudit(exam)}));
    return exam;
  });
}

Result<Exam> ExamService::Get(const Principal& who, int64_t exam_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::ReadValue<Exam>(store_,
                                [&](store::Tx& tx) { return ManagedExamIn(tx, who, exam_id); });
}

Result<std::vector<Exam>> ExamService::ListForClass(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::ReadValue<std::vector<Exam>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Exam>> {
        PEIXUN_RETURN_IF_ERROR(
            classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
        PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                                tx.Query("SELECT id FROM exams WHERE class_id = ? ORDER BY id",
                                         {store::Int(class_id)}));
        std::vector<Exam> out;
        for (const auto& r : rows) {
          PEIXUN_ASSIGN_OR_RETURN(Exam e, LoadExamIn(tx, r.Int(0)));
          out.push_back(std::move(e));
        }
        return out;
      });
}

Status ExamService::SetExtraTime(const Principal& who, int64_t exam_id, int64_t person_id,
                                 int minutes) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  if (minutes < 0 || minutes > 600) {
    return FieldError("extra_minutes", "延长时间应为 0 至 600 分钟",
                      "extra time is 0 to 600 minutes");
  }
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(ManagedExamIn(tx, who, exam_id));
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM exam_time_overrides WHERE exam_id = ? AND person_id = ?",
                {store::Int(exam_id), store::Int(person_id)}));
    if (minutes > 0) {
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "INSERT INTO exam_time_overrides (exam_id, person_id, extra_minutes) VALUES (?, ?, ?)",
          {store::Int(exam_id), store::Int(person_id), store::Int(minutes)}));
    }
    return audit::AppendIn(tx, Actor::Of(who),
                           audit::AuditEntry{"assessment.exam.extra_time",
                                             "exam",
                                             exam_id,
                                             nullptr,
                                             {{"person_id", person_id}, {"minutes", minutes}}});
  });
}

Result<std::vector<GradingItem>> ExamService::AnswersToGrade(const Principal& who, int64_t exam_id,
                                                             int64_t question_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const int64_t now = now_ms_();
  return store::TransactValue<std::vector<GradingItem>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<GradingItem>> {
        PEIXUN_ASSIGN_OR_RETURN(Exam exam, ManagedExamIn(tx, who, exam_id));
        PEIXUN_RETURN_IF_ERROR(SubmitExpiredIn(tx, now, exam_id));
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query("SELECT a.id, a.person_id, x.response_json, x.score_centi, x.comment "
                     "FROM exam_answers x JOIN exam_attempts a ON a.id = x.attempt_id "
                     "WHERE a.exam_id = ? AND x.question_id = ? AND a.submitted_ms IS NOT NULL "
                     "ORDER BY a.person_id, a.number",
                     {store::Int(exam_id), store::Int(question_id)}));
        std::vector<GradingItem> out;
        for (const auto& r : rows) {
          GradingItem g;
          g.attempt_id = r.Int(0);
          g.person_id = r.Int(1);
          g.text = ResponseFromJson(json::parse(r.Str(2), nullptr, false)).text;
          if (!r.IsNull(3)) g.score_centi = static_cast<int>(r.Int(3));
          g.comment = r.Str(4);
          out.push_back(std::move(g));
        }
        return out;
      });
}

Status ExamService::Grade(const Principal& who, int64_t attempt_id, int64_t question_id,
                          int score_centi, const std::string& comment) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const int64_t now = now_ms_();
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(AttemptRow attempt, LoadAttemptIn(tx, attempt_id));
    PEIXUN_ASSIGN_OR_RETURN(Exam exam, ManagedExamIn(tx, who, attempt.exam_id));
    if (attempt.paper_score_centi) {
      return Conflict("assessment.grade.paper",
                      "纸质考试的成绩由导入的成绩单决定，请修改后重新导入",
                      "a paper exam's score comes from the imported sheet: correct it and import "
                      "again",
                      "attempt_id");
    }
    const auto it = std::find_if(exam.paper.begin(), exam.paper.end(), [&](const ExamQuestion& q) {
      return q.question.id == question_id;
    });
    if (it == exam.paper.end()) {
      return Invalid("assessment.grade.question", "该题不在试卷中",
                     "the question is not on the paper", "question_id");
    }
    if (score_centi < 0 || score_centi > it->points_centi) {
      return Invalid("assessment.grade.range",
                     "得分应在 0 至 " + std::to_string(it->points_centi / 100) + " 分之间",
                     "the score is between 0 and " + std::to_string(it->points_centi / 100),
                     "score");
    }
    PEIXUN_RETURN_IF_ERROR(SubmitExpiredIn(tx, now, attempt.exam_id));
    PEIXUN_ASSIGN_OR_RETURN(attempt, LoadAttemptIn(tx, attempt_id));
    if (!attempt.submitted_ms) {
      return Conflict("assessment.grade.not_submitted", "答卷尚未交卷，不能评分",
                      "the attempt is not submitted yet", "attempt_id");
    }
    const std::string text = core::NormalizeField(comment);
    PEIXUN_ASSIGN_OR_RETURN(
        int64_t changed,
        tx.Exec("UPDATE exam_answers SET score_centi = ?, comment = ?, graded_by = ?, "
                "graded_ms = ? WHERE attempt_id = ? AND question_id = ?",
                {store::Int(score_centi), store::Text(text), store::Int(who.user_id),
                 store::Int(now), store::Int(attempt_id), store::Int(question_id)}));
    if (changed == 0) {  // not answered: a grader may still give a mark (e.g. on paper)
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO exam_answers (attempt_id, question_id, response_json, saved_ms, "
                  "score_centi, comment, graded_by, graded_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  {store::Int(attempt_id), store::Int(question_id),
                   store::Text(ResponseToJson({}).dump()), store::Int(now), store::Int(score_centi),
                   store::Text(text), store::Int(who.user_id), store::Int(now)}));
    }
    return audit::AppendIn(
        tx, Actor::Of(who),
        audit::AuditEntry{
            "assessment.answer.grade",
            "exam_attempt",
            attempt_id,
            nullptr,
            {{"question_id", question_id}, {"score_centi", score_centi}, {"comment", text}}});
  });
}

Result<Exam> ExamService::Release(const Principal& who, int64_t exam_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const int64_t now = now_ms_();
  return store::TransactValue<Exam>(store_, [&](store::Tx& tx) -> Result<Exam> {
    PEIXUN_ASSIGN_OR_RETURN(Exam exam, ManagedExamIn(tx, who, exam_id));
    if (exam.released_ms) return exam;
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE exams SET released_ms = ?, released_by = ? WHERE id = ?",
                {store::Int(now), store::Int(who.user_id), store::Int(exam_id)}));
    exam.released_ms = now;
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(tx, Actor::Of(who),
                                           audit::AuditEntry{"assessment.exam.release",
                                                             "exam",
                                                             exam_id,
                                                             {{"released", false}},
                                                             {{"released", true}}}));
    return exam;
  });
}

Result<ExamResults> ExamService::Results(const Principal& who, int64_t exam_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const int64_t now = now_ms_();
  return store::TransactValue<ExamResults>(store_, [&](store::Tx& tx) -> Result<ExamResults> {
    PEIXUN_ASSIGN_OR_RETURN(Exam exam, ManagedExamIn(tx, who, exam_id));
    PEIXUN_RETURN_IF_ERROR(SubmitExpiredIn(tx, now, exam_id));
    ExamResults out;
    out.exam_id = exam_id;
    out.total_centi = exam.TotalCenti();
    out.pass_mark = exam.pass_mark;
    PEIXUN_ASSIGN_OR_RETURN(std::vector<AttemptRow> attempts, AttemptsOfIn(tx, exam_id, {}));
    core::ScoreMatrix matrix;
    for (const auto& q : exam.paper) matrix.max_scores.push_back(q.points_centi / 100.0);
    std::vector<std::vector<std::vector<int>>> selections(exam.paper.size());
    size_t begin = 0;
    while (begin < attempts.size()) {
      size_t end = begin;
      while (end < attempts.size() && attempts[end].person_id == attempts[begin].person_id) ++end;
      std::vector<AttemptRow> mine(attempts.begin() + begin, attempts.begin() + end);
      std::vector<std::map<int64_t, AnswerRow>> answers;
      std::vector<std::optional<int>> scores;
      for (const auto& a : mine) {
        PEIXUN_ASSIGN_OR_RETURN(auto ans, AnswersOfIn(tx, a.id));
        scores.push_back(AttemptScore(a, ans));
        answers.push_back(std::move(ans));
      }
      PersonResult person;
      person.person_id = mine.front().person_id;
      if (const auto pick = CountedAttempt(mine, scores, exam.counting)) {
        person.attempt_id = mine[*pick].id;
        person.score_centi = scores[*pick];
        person.pending = !scores[*pick].has_value();
        if (person.score_centi) {
          person.passed = static_cast<int64_t>(*person.score_centi) * 100 >=
                          static_cast<int64_t>(exam.pass_mark) * out.total_centi;
        }
        // A paper exam's imported total has no per-question scores: it counts for the
        // trainee but not in the item statistics.
        if (person.score_centi && !mine[*pick].paper_score_centi) {
          std::vector<double> row;
          for (size_t i = 0; i < exam.paper.size(); ++i) {
            const auto it = answers[*pick].find(exam.paper[i].question.id);
            row.push_back(it == answers[*pick].end() ? 0.0 : *it->second.score_centi / 100.0);
            selections[i].push_back(it == answers[*pick].end() ? std::vector<int>{}
                                                               : it->second.response.selected);
          }
          matrix.rows.push_back(std::move(row));
        }
      }
      out.people.push_back(person);
      begin = end;
    }
    out.test = core::ComputeTestStatistics(matrix, exam.doubtful_below_centi / 100.0);
    for (size_t i = 0; i < exam.paper.size(); ++i) {
      QuestionStatistic s;
      s.question_id = exam.paper[i].question.id;
      s.position = exam.paper[i].position;
      s.item = out.test.items[i];
      const auto kind = exam.paper[i].question.kind;
      if (kind != core::QuestionKind::kFillIn && kind != core::QuestionKind::kShortAnswer) {
        s.options = core::CountOptions(static_cast<int>(exam.paper[i].question.options.size()),
                                       selections[i]);
      }
      out.questions.push_back(std::move(s));
    }
    return out;
  });
}

Result<int> ExamService::SubmitExpired() {
  const int64_t now = now_ms_();
  return store::TransactValue<int>(store_,
                                   [&](store::Tx& tx) { return SubmitExpiredIn(tx, now, {}); });
}

}  // namespace peixun::assessment
