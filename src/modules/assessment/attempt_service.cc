#include "modules/assessment/attempt_service.h"

#include <algorithm>
#include <random>

#include "core/civil_date.h"
#include "core/exam_shuffle.h"
#include "core/role_guard.h"
#include "modules/assessment/exam_rows.h"
#include "modules/audit/audit_log.h"
#include "modules/enrollment/enrollment_service.h"
#include "store/key_lock.h"

namespace peixun::assessment {
namespace {

using json = nlohmann::json;

constexpr int64_t kMinuteMs = 60 * 1000;
constexpr size_t kMaxKeyBytes = 128;
constexpr size_t kMaxTextBytes = 20000;
constexpr size_t kMaxBatch = 200;  // an offline queue of a whole paper fits

Error NotYours() {
  return ForbiddenError("只能查看和作答自己的答卷",
                        "only your own attempt can be read or answered");
}

// The trainee `who` and their approval in the exam's class.
Status CheckTraineeIn(store::Tx& tx, const Principal& who, const Exam& exam) {
  if (who.role != Role::kTrainee || !who.person_id) {
    return ForbiddenError("只有参加本班的学员可以作答", "only trainees of the class take the exam");
  }
  PEIXUN_ASSIGN_OR_RETURN(bool approved, enrollment::EnrollmentService::IsApprovedIn(
                                             tx, exam.class_id, *who.person_id));
  if (!approved) {
    return ForbiddenError("只有参加本班的学员可以作答", "only trainees of the class take the exam");
  }
  return Ok();
}

// The attempt of `who` (403 for anyone else's) and its exam.
Result<std::pair<AttemptRow, Exam>> OwnAttemptIn(store::Tx& tx, const Principal& who,
                                                 int64_t attempt_id) {
  PEIXUN_ASSIGN_OR_RETURN(AttemptRow attempt, LoadAttemptIn(tx, attempt_id));
  if (who.role != Role::kTrainee || !who.person_id || *who.person_id != attempt.person_id) {
    return NotYours();
  }
  PEIXUN_ASSIGN_OR_RETURN(Exam exam, LoadExamIn(tx, attempt.exam_id));
  return std::make_pair(attempt, exam);
}

AttemptView BuildView(const AttemptRow& a, const Exam& exam,
                      const std::map<int64_t, AnswerRow>& answers, int64_t now) {
  AttemptView v;
  v.attempt_id = a.id;
  v.exam_id = a.exam_id;
  v.person_id = a.person_id;
  v.number = a.number;
  v.started_ms = a.started_ms;
  v.deadline_ms = a.deadline_ms;
  v.submitted = a.submitted_ms.has_value();
  v.submitted_by = a.submitted_by;
  v.remaining_ms = v.submitted ? 0 : std::max<int64_t>(0, a.deadline_ms - now);
  v.now_ms = now;
  const uint64_t seed = static_cast<uint64_t>(a.seed);
  std::vector<int> order;
  if (exam.shuffle_questions) {
    order = core::SeededPermutation(seed, static_cast<int>(exam.paper.size()));
  } else {
    for (size_t i = 0; i < exam.paper.size(); ++i) order.push_back(static_cast<int>(i));
  }
  for (int index : order) {
    const ExamQuestion& eq = exam.paper[index];
    ShownQuestion s;
    s.question_id = eq.question.id;
    s.kind = eq.question.kind;
    s.stem = eq.question.stem;
    s.points_centi = eq.points_centi;
    const int n = static_cast<int>(eq.question.options.size());
    std::vector<int> option_order;
    // True/false keeps 错/对 in place: shuffling two fixed words only confuses.
    if (exam.shuffle_options && eq.question.kind != core::QuestionKind::kTrueFalse) {
      option_order = core::SeededPermutation(core::DeriveSeed(seed, eq.question.id), n);
    } else {
      for (int i = 0; i < n; ++i) option_order.push_back(i);
    }
    for (int o : option_order) s.options.push_back(ShownOption{o, eq.question.options[o]});
    const auto it = answers.find(eq.question.id);
    if (it != answers.end()) s.response = it->second.response;
    v.questions.push_back(std::move(s));
  }
  return v;
}

std::string ServerTime(int64_t ms, int utc_offset_minutes) {
  const int64_t local = ms + utc_offset_minutes * kMinuteMs;
  const int64_t day_ms = 24 * 60 * kMinuteMs;
  const int64_t in_day = ((local % day_ms) + day_ms) % day_ms;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(in_day / 3600000),
                static_cast<int>(in_day / 60000 % 60), static_cast<int>(in_day / 1000 % 60));
  return buf;
}

Error AfterDeadline(int64_t deadline_ms) {
  // Shown in Beijing time as the class's zone default; the instant is in the body too.
  const std::string at = ServerTime(deadline_ms, 480);
  return Conflict("assessment.answer.after_deadline",
                  "作答时间已于 " + at + "（服务器时间）截止，答卷已自动交卷，此答案未计入",
                  "the time ran out at " + at +
                      " (server time); the attempt was submitted and this answer was not counted",
                  "answer");
}

// Locks the attempt's row until the transaction ends (store/key_lock.h): saving an
// answer and submitting check "not submitted yet" before writing, so they run one
// at a time per attempt (an answer never lands after the submission).
Status LockAttemptIn(store::Tx& tx, int64_t attempt_id) {
  Result<store::Rows> rows = tx.Query(
      std::string("SELECT id FROM exam_attempts WHERE id = ?") + std::string(store::ForUpdate(tx)),
      {store::Int(attempt_id)});
  if (!rows) return std::move(rows).error();
  return Ok();
}

}  // namespace

AttemptService::AttemptService(store::Store& store, std::function<int64_t()> now_ms)
    : store_(store), now_ms_(now_ms ? std::move(now_ms) : std::function<int64_t()>(NowMillis)) {}

Result<AttemptView> AttemptService::Start(const Principal& who, int64_t exam_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  const int64_t now = now_ms_();
  std::random_device device;
  const int64_t fresh_seed =
      static_cast<int64_t>((static_cast<uint64_t>(device()) << 32) ^ device());
  return store::TransactValue<AttemptView>(store_, [&](store::Tx& tx) -> Result<AttemptView> {
    PEIXUN_ASSIGN_OR_RETURN(Exam exam, LoadExamIn(tx, exam_id));
    PEIXUN_RETURN_IF_ERROR(CheckTraineeIn(tx, who, exam));
    PEIXUN_RETURN_IF_ERROR(SubmitExpiredIn(tx, now, exam_id));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<AttemptRow> mine,
                            AttemptsOfIn(tx, exam_id, *who.person_id));
    for (const AttemptRow& a : mine) {
      if (!a.submitted_ms) {  // resume
        PEIXUN_ASSIGN_OR_RETURN(auto answers, AnswersOfIn(tx, a.id));
        return BuildView(a, exam, answers, now);
      }
    }
    if (now < exam.session_start_ms) {
      return MakeError(ErrorKind::kConflict, "assessment.exam.not_open", "考试尚未开始",
                       "the exam has not started", "exam_id");
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows extra,
        tx.Query("SELECT extra_minutes FROM exam_time_overrides WHERE exam_id = ? AND "
                 "person_id = ?",
                 {store::Int(exam_id), store::Int(*who.person_id)}));
    const int64_t extra_ms = extra.empty() ? 0 : extra[0].Int(0) * kMinuteMs;
    if (now >= exam.session_end_ms + extra_ms) {
      return Conflict("assessment.exam.closed", "考试已结束", "the exam is over", "exam_id");
    }
    if (static_cast<int>(mine.size()) >= exam.max_attempts) {
      return Conflict(
          "assessment.attempt.limit",
          "本场考试只能作答 " + std::to_string(exam.max_attempts) + " 次，已用完",
          "this exam allows " + std::to_string(exam.max_attempts) + " attempt(s); none is left",
          "exam_id");
    }
    AttemptRow a;
    a.exam_id = exam_id;
    a.person_id = *who.person_id;
    a.number = static_cast<int>(mine.size()) + 1;
    a.seed = fresh_seed;
    a.started_ms = now;
    a.deadline_ms =
        std::min(now + exam.time_limit_minutes * kMinuteMs, exam.session_end_ms) + extra_ms;
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("INSERT INTO exam_attempts (exam_id, person_id, number, seed, started_ms, "
                 "deadline_ms) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                 {store::Int(exam_id), store::Int(a.person_id), store::Int(a.number),
                  store::Int(a.seed), store::Int(a.started_ms), store::Int(a.deadline_ms)}));
    a.id = rows[0].Int(0);
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, Actor::Of(who),
        audit::AuditEntry{
            "assessment.attempt.start",
            "exam_attempt",
            a.id,
            nullptr,
            {{"exam_id", exam_id}, {"number", a.number}, {"deadline_ms", a.deadline_ms}}}));
    return BuildView(a, exam, {}, now);
  });
}

Result<AttemptView> AttemptService::View(const Principal& who, int64_t attempt_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  const int64_t now = now_ms_();
  return store::TransactValue<AttemptView>(store_, [&](store::Tx& tx) -> Result<AttemptView> {
    PEIXUN_ASSIGN_OR_RETURN(auto pair, OwnAttemptIn(tx, who, attempt_id));
    PEIXUN_RETURN_IF_ERROR(SubmitExpiredIn(tx, now, pair.first.exam_id));
    PEIXUN_ASSIGN_OR_RETURN(AttemptRow a, LoadAttemptIn(tx, attempt_id));
    PEIXUN_ASSIGN_OR_RETURN(auto answers, AnswersOfIn(tx, attempt_id));
    return BuildView(a, pair.second, answers, now);
  });
}

Result<SavedAnswer> AttemptService::SaveAnswer(const Principal& who, int64_t attempt_id,
                                               int64_t question_id, const core::Response& response,
                                               const std::string& idempotency_key) {
  PEIXUN_ASSIGN_OR_RETURN(
      std::vector<SavedAnswer> saved,
      SaveAnswers(who, attempt_id, {AnswerWrite{question_id, response, idempotency_key}}));
  return saved.front();
}

Result<std::vector<SavedAnswer>> AttemptService::SaveAnswers(
    const Principal& who, int64_t attempt_id, const std::vector<AnswerWrite>& answers) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  if (answers.empty() || answers.size() > kMaxBatch) {
    return Invalid("assessment.answer.batch", "一次可保存 1 至 200 个答案",
                   "a batch holds 1 to 200 answers", "answers");
  }
  for (const AnswerWrite& w : answers) {
    if (w.idempotency_key.empty() || w.idempotency_key.size() > kMaxKeyBytes) {
      return Invalid("assessment.answer.key", "每个答案须带幂等键（1 至 128 字节）",
                     "every answer needs an idempotency key (1 to 128 bytes)", "idempotency_key");
    }
    if (w.response.text.size() > kMaxTextBytes) {
      return MakeError(ErrorKind::kTooLarge, "assessment.answer.too_long",
                       "答案过长（不超过 20000 字节）",
                       "the answer is too long (20000 bytes at most)", "answer");
    }
  }
  const int64_t now = now_ms_();
  // The refusal after the deadline must commit the server's submission, so it
  // travels out of the transaction as a value rather than rolling it back.
  std::optional<Error> refusal;
  auto saved = store::TransactValue<std::vector<SavedAnswer>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<SavedAnswer>> {
        // The attempt alone, not the whole exam: this is the hot path of an exam.
        PEIXUN_RETURN_IF_ERROR(LockAttemptIn(tx, attempt_id));
        PEIXUN_ASSIGN_OR_RETURN(AttemptRow a, LoadAttemptIn(tx, attempt_id));
        if (who.role != Role::kTrainee || !who.person_id || *who.person_id != a.person_id) {
          return NotYours();
        }
        std::vector<SavedAnswer> out;
        for (const AnswerWrite& w : answers) {
          PEIXUN_ASSIGN_OR_RETURN(
              store::Rows seen,
              tx.Query("SELECT question_id FROM exam_answer_keys WHERE attempt_id = ? AND "
                       "idempotency_key = ?",
                       {store::Int(attempt_id), store::Text(w.idempotency_key)}));
          if (!seen.empty()) {
            out.push_back(SavedAnswer{attempt_id, seen[0].Int(0), now, true});
            continue;
          }
          if (a.submitted_ms) {
            if (a.submitted_by == "server" || now > a.deadline_ms) {
              refusal = AfterDeadline(a.deadline_ms);
              return out;
            }
            return Conflict("assessment.attempt.submitted", "答卷已交，不能再修改",
                            "the attempt is submitted; answers can no longer change", "attempt_id");
          }
          if (now > a.deadline_ms) {
            PEIXUN_RETURN_IF_ERROR(SubmitExpiredIn(tx, now, a.exam_id));
            refusal = AfterDeadline(a.deadline_ms);
            return out;
          }
          PEIXUN_ASSIGN_OR_RETURN(std::optional<ExamQuestion> it,
                                  LoadPaperQuestionIn(tx, a.exam_id, w.question_id));
          if (!it) {
            return Invalid("assessment.answer.not_in_attempt", "该题不在本次答卷中",
                           "the question is not in this attempt", "question_id");
          }
          const core::AnswerKey key = it->question.Key();
          PEIXUN_RETURN_IF_ERROR(core::ValidateResponse(key, w.response));
          core::Response stored = w.response;
          std::sort(stored.selected.begin(), stored.selected.end());
          std::optional<int> score = core::ScoreResponse(key, stored, it->points_centi);
          if (!score && stored.text.find_first_not_of(" \t\r\n") == std::string::npos) score = 0;
          const store::Value score_value = score ? store::Int(*score) : store::Null();
          PEIXUN_ASSIGN_OR_RETURN(
              int64_t changed,
              tx.Exec("UPDATE exam_answers SET response_json = ?, saved_ms = ?, score_centi = ? "
                      "WHERE attempt_id = ? AND question_id = ?",
                      {store::Text(ResponseToJson(stored).dump()), store::Int(now), score_value,
                       store::Int(attempt_id), store::Int(w.question_id)}));
          if (changed == 0) {
            PEIXUN_RETURN_IF_ERROR(tx.Exec(
                "INSERT INTO exam_answers (attempt_id, question_id, response_json, saved_ms, "
                "score_centi) VALUES (?, ?, ?, ?, ?)",
                {store::Int(attempt_id), store::Int(w.question_id),
                 store::Text(ResponseToJson(stored).dump()), store::Int(now), score_value}));
          }
          PEIXUN_RETURN_IF_ERROR(tx.Exec(
              "INSERT INTO exam_answer_keys (attempt_id, idempotency_key, question_id) "
              "VALUES (?, ?, ?)",
              {store::Int(attempt_id), store::Text(w.idempotency_key), store::Int(w.question_id)}));
          out.push_back(SavedAnswer{attempt_id, w.question_id, now, false});
        }
        return out;
      });
  if (!saved) return saved;
  if (refusal) return *refusal;
  return saved;
}

Result<AttemptView> AttemptService::Submit(const Principal& who, int64_t attempt_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  const int64_t now = now_ms_();
  return store::TransactValue<AttemptView>(store_, [&](store::Tx& tx) -> Result<AttemptView> {
    PEIXUN_ASSIGN_OR_RETURN(auto pair, OwnAttemptIn(tx, who, attempt_id));
    PEIXUN_RETURN_IF_ERROR(SubmitExpiredIn(tx, now, pair.first.exam_id));
    PEIXUN_RETURN_IF_ERROR(LockAttemptIn(tx, attempt_id));
    PEIXUN_ASSIGN_OR_RETURN(AttemptRow a, LoadAttemptIn(tx, attempt_id));
    if (!a.submitted_ms) {
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "UPDATE exam_attempts SET submitted_ms = ?, submitted_by = 'trainee' WHERE id = ? AND "
          "submitted_ms IS NULL",
          {store::Int(now), store::Int(attempt_id)}));
      a.submitted_ms = now;
      a.submitted_by = "trainee";
      PEIXUN_RETURN_IF_ERROR(
          audit::AppendIn(tx, Actor::Of(who),
                          audit::AuditEntry{"assessment.attempt.submit",
                                            "exam_attempt",
                                            attempt_id,
                                            nullptr,
                                            {{"exam_id", a.exam_id}, {"submitted_ms", now}}}));
    }
    PEIXUN_ASSIGN_OR_RETURN(auto answers, AnswersOfIn(tx, attempt_id));
    return BuildView(a, pair.second, answers, now);
  });
}

Result<TraineeResult> AttemptService::MyResult(const Principal& who, int64_t exam_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  const int64_t now = now_ms_();
  return store::TransactValue<TraineeResult>(store_, [&](store::Tx& tx) -> Result<TraineeResult> {
    PEIXUN_ASSIGN_OR_RETURN(Exam exam, LoadExamIn(tx, exam_id));
    PEIXUN_RETURN_IF_ERROR(CheckTraineeIn(tx, who, exam));
    PEIXUN_RETURN_IF_ERROR(SubmitExpiredIn(tx, now, exam_id));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<AttemptRow> mine,
                            AttemptsOfIn(tx, exam_id, *who.person_id));
    TraineeResult out;
    out.exam_id = exam_id;
    out.released = exam.released_ms.has_value();
    out.total_centi = exam.TotalCenti();
    std::vector<std::map<int64_t, AnswerRow>> answers;
    std::vector<std::optional<int>> scores;
    for (const AttemptRow& a : mine) {
      PEIXUN_ASSIGN_OR_RETURN(auto ans, AnswersOfIn(tx, a.id));
      scores.push_back(AttemptScore(a, ans));
      AttemptSummary s{a.id, a.number, a.submitted_ms.has_value(), {}};
      if (out.released && s.submitted) s.score_centi = scores.back();
      out.attempts.push_back(s);
      answers.push_back(std::move(ans));
    }
    const std::optional<size_t> counted = CountedAttempt(mine, scores, exam.counting);
    if (!out.released) return out;
    if (counted && scores[*counted]) {
      out.score_centi = scores[*counted];
      out.passed = static_cast<int64_t>(*out.score_centi) * 100 >=
                   static_cast<int64_t>(exam.pass_mark) * out.total_centi;
    }
    for (const ExamQuestion& eq : exam.paper) {
      KeyItem k;
      k.question_id = eq.question.id;
      k.correct = eq.question.correct;
      k.accepted = eq.question.accepted;
      k.explanation = eq.question.explanation;
      if (counted) {
        const auto it = answers[*counted].find(eq.question.id);
        if (it != answers[*counted].end()) {
          k.score_centi = it->second.score_centi;
          k.comment = it->second.comment;
        } else {
          k.score_centi = 0;
        }
      }
      out.key.push_back(std::move(k));
    }
    return out;
  });
}

Result<std::vector<Exam>> AttemptService::MyExams(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  return store::ReadValue<std::vector<Exam>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Exam>> {
        Exam probe;
        probe.class_id = class_id;
        PEIXUN_RETURN_IF_ERROR(CheckTraineeIn(tx, who, probe));
        PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                                tx.Query("SELECT id FROM exams WHERE class_id = ? ORDER BY id",
                                         {store::Int(class_id)}));
        std::vector<Exam> out;
        for (const auto& r : rows) {
          PEIXUN_ASSIGN_OR_RETURN(Exam e, LoadExamIn(tx, r.Int(0)));
          // Questions are shown only inside an attempt: keep their count and points.
          for (ExamQuestion& q : e.paper) q.question = Question{};
          out.push_back(std::move(e));
        }
        return out;
      });
}

}  // namespace peixun::assessment
