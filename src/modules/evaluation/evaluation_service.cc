#include "modules/evaluation/evaluation_service.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/actor.h"
#include "core/anonymity_threshold.h"
#include "core/clock.h"
#include "core/name_collation.h"
#include "core/role_guard.h"
#include "core/utf8.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/evaluation/answer_pool.h"
#include "modules/people/people_service.h"
#include "modules/settings/settings.h"
#include "modules/timetable/lecturer_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::evaluation {
namespace {

using nlohmann::json;
using store::Int;
using store::IntOrNull;
using store::Text;

constexpr char kClassTitle[] = "培训班总体评估";

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "evaluation.forbidden", "您无权查看或管理该教学评估",
                   "you may not see or manage this course evaluation");
}

Error NotYet() {
  return MakeError(ErrorKind::kForbidden, "evaluation.results.not_yet",
                   "培训班结束后授课老师才能查看评估结果",
                   "lecturers see evaluation results only after the class has ended");
}

Error QuestionnaireNotFound(int64_t id) {
  return NotFound("evaluation.not_found", "评估问卷不存在：" + std::to_string(id),
                  "questionnaire not found: " + std::to_string(id), "questionnaire_id");
}

bool IsManagerRole(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kOrganizer || who.role == Role::kHeadTeacher;
}

Status CheckManageIn(store::Tx& tx, const Principal& who, int64_t class_id) {
  if (!IsManagerRole(who)) {
    // Existence first, so an unknown class is 404 for everyone.
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::GetIn(tx, class_id));
    return Forbidden();
  }
  return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage);
}

constexpr char kColumns[] =
    "SELECT id, class_id, session_id, lecturer_id, title, opened_at, closed_at "
    "FROM evaluation_questionnaires ";

Result<std::vector<Questionnaire>> QuestionnairesIn(store::Tx& tx, const std::string& where,
                                                    const std::vector<store::Value>& params) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(std::string(kColumns) + where, params));
  std::vector<Questionnaire> out;
  std::map<int64_t, std::string> names;
  for (const auto& r : rows) {
    Questionnaire q;
    q.id = r.Int(0);
    q.class_id = r.Int(1);
    q.session_id = r.OptInt(2);
    q.lecturer_id = r.OptInt(3);
    q.title = r.Str(4);
    q.opened_at = r.Int(5);
    q.closed_at = r.OptInt(6);
    if (q.lecturer_id) {
      auto it = names.find(*q.lecturer_id);
      if (it == names.end()) {
        PEIXUN_ASSIGN_OR_RETURN(timetable::Lecturer l,
                                timetable::LecturerService::GetIn(tx, *q.lecturer_id));
        it = names.emplace(*q.lecturer_id, l.name).first;
      }
      q.lecturer_name = it->second;
    }
    out.push_back(std::move(q));
  }
  return out;
}

Result<Questionnaire> QuestionnaireIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<Questionnaire> qs,
                          QuestionnairesIn(tx, "WHERE id = ?", {Int(id)}));
  if (qs.empty()) return QuestionnaireNotFound(id);
  return qs.front();
}

// The class questionnaire first, then the lectures' in opening order.
Result<std::vector<Questionnaire>> OfClassIn(store::Tx& tx, int64_t class_id) {
  return QuestionnairesIn(tx,
                          "WHERE class_id = ? ORDER BY CASE WHEN session_id IS NULL THEN 0 "
                          "ELSE 1 END, opened_at, id",
                          {Int(class_id)});
}

Result<int64_t> ResponsesIn(store::Tx& tx, int64_t questionnaire_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT COUNT(*) FROM evaluation_responders WHERE questionnaire_id = ?",
               {Int(questionnaire_id)}));
  return rows[0].Int(0);
}

Result<bool> HasAnsweredIn(store::Tx& tx, int64_t questionnaire_id, int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT 1 FROM evaluation_responders WHERE questionnaire_id = "
                                   "? AND person_id = ?",
                                   {Int(questionnaire_id), Int(person_id)}));
  return !rows.empty();
}

json QuestionnaireAudit(const Questionnaire& q) {
  return {{"class_id", q.class_id},
          {"session_id", q.session_id ? json(*q.session_id) : json(nullptr)},
          {"lecturer_id", q.lecturer_id ? json(*q.lecturer_id) : json(nullptr)},
          {"title", q.title},
          {"closed", !q.open()}};
}

Result<bool> ClassEndedIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
  return c.status == classes::ClassStatus::kFinished || c.status == classes::ClassStatus::kArchived;
}

Result<bool> IsOwnLectureIn(store::Tx& tx, const Principal& who, const Questionnaire& q) {
  if (who.role != Role::kLecturer || !q.lecturer_id) return false;
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> mine,
                          timetable::LecturerService::IdsOfUserIn(tx, who.user_id));
  return std::find(mine.begin(), mine.end(), *q.lecturer_id) != mine.end();
}

Status ValidateAnswer(const AnswerInput& a) {
  for (size_t i = 0; i < kItems.size(); ++i) {
    if (!core::IsScaleScore(a.scores[i])) {
      const std::string key(kItems[i].key);
      return Invalid("evaluation.answer.score",
                     std::string(kItems[i].label) + "的评分应为 1 到 5 之间的整数",
                     "the score for " + std::string(kItems[i].label_en) +
                         " must be a whole number from 1 to 5",
                     key);
    }
  }
  if (!core::IsValidUtf8(a.comment) || core::Utf8CharCount(a.comment) > kMaxCommentChars) {
    return Invalid("evaluation.answer.comment",
                   "意见建议不能超过 " + std::to_string(kMaxCommentChars) + " 字",
                   "the comment must be valid text of at most " + std::to_string(kMaxCommentChars) +
                       " characters",
                   "comment");
  }
  return Ok();
}

}  // namespace

EvaluationService::EvaluationService(store::Store& store, EvaluationOptions options)
    : store_(store), configured_(options.anonymity_threshold) {}

Result<int> EvaluationService::ThresholdIn(store::Tx& tx) const {
  if (configured_) return core::EffectiveAnonymityThreshold(configured_);
  PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> text,
                          settings::GetIn(tx, kAnonymityThresholdSetting));
  std::optional<int> setting;
  if (text) {
    // A setting that is not a small whole number counts as unset (the default, 5),
    // never as something lower.
    char* end = nullptr;
    const long v = std::strtol(text->c_str(), &end, 10);
    if (!text->empty() && end == text->c_str() + text->size() && v > 0 && v < 1000000) {
      setting = static_cast<int>(v);
    }
  }
  return core::EffectiveAnonymityThreshold(setting);
}

Result<int> EvaluationService::Threshold() {
  return store::ReadValue<int>(store_, [&](store::Tx& tx) { return ThresholdIn(tx); });
}

Result<Questionnaire> EvaluationService::Open(const Principal& who, int64_t class_id,
                                              std::optional<int64_t> session_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::TransactValue<Questionnaire>(store_, [&](store::Tx& tx) -> Result<Questionnaire> {
    PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, class_id));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, class_id));
    std::string title = kClassTitle;
    std::optional<int64_t> lecturer_id;
    if (session_id) {
      PEIXUN_ASSIGN_OR_RETURN(timetable::ClassSession s,
                              timetable::SessionService::GetIn(tx, *session_id));
      if (s.class_id != class_id) {
        return Invalid("evaluation.session.class", "该课程不属于本培训班",
                       "the session belongs to another class", "session_id");
      }
      if (s.kind != timetable::SessionKind::kLecture) {
        return Invalid("evaluation.session.kind", "只能为专题讲座开启教学评估",
                       "only a lecture is evaluated", "session_id");
      }
      title = s.title;
      lecturer_id = s.lecturer_id;
    }
    auto inserted = tx.Query(
        "INSERT INTO evaluation_questionnaires "
        "(class_id, session_id, lecturer_id, title, opened_at) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id",
        {Int(class_id), IntOrNull(session_id), IntOrNull(lecturer_id), Text(title),
         Int(NowMillis())});
    if (!inserted) {
      if (inserted.error().code == store::kUniqueViolation) {
        return MakeError(ErrorKind::kConflict, "evaluation.exists", "该评估问卷已开启",
                         "this questionnaire is already open",
                         session_id ? "session_id" : "class_id");
      }
      return std::move(inserted).error();
    }
    PEIXUN_ASSIGN_OR_RETURN(Questionnaire q, QuestionnaireIn(tx, (*inserted)[0].Int(0)));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::Of(who),
                        audit::AuditEntry{"evaluation.open", "questionnaire", q.id, nullptr,
                                          QuestionnaireAudit(q)}));
    return q;
  });
}

Result<Questionnaire> EvaluationService::Close(const Principal& who, int64_t questionnaire_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::TransactValue<Questionnaire>(store_, [&](store::Tx& tx) -> Result<Questionnaire> {
    PEIXUN_ASSIGN_OR_RETURN(Questionnaire before, QuestionnaireIn(tx, questionnaire_id));
    PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, before.class_id));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, before.class_id));
    if (!before.open()) return before;
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE evaluation_questionnaires SET closed_at = ? WHERE id = ?",
                {Int(NowMillis()), Int(questionnaire_id)}));
    PEIXUN_ASSIGN_OR_RETURN(Questionnaire after, QuestionnaireIn(tx, questionnaire_id));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::Of(who),
                        audit::AuditEntry{"evaluation.close", "questionnaire", questionnaire_id,
                                          QuestionnaireAudit(before), QuestionnaireAudit(after)}));
    return after;
  });
}

namespace {

// The questionnaires of a class as `who` may list them: a trainee approved in the
// class (with whether they answered each), or a manager of the class.
Result<std::vector<QuestionnaireStatus>> StatusesIn(store::Tx& tx, const Principal& who,
                                                    int64_t class_id) {
  std::optional<int64_t> trainee;
  if (who.role == Role::kTrainee && who.person_id) {
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::GetIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(
        bool approved, enrollment::EnrollmentService::IsApprovedIn(tx, class_id, *who.person_id));
    if (!approved) return Forbidden();
    trainee = who.person_id;
  } else {
    PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, class_id));
  }
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> approved,
                          enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<Questionnaire> qs, OfClassIn(tx, class_id));
  std::vector<QuestionnaireStatus> out;
  for (auto& q : qs) {
    QuestionnaireStatus s;
    PEIXUN_ASSIGN_OR_RETURN(s.responses, ResponsesIn(tx, q.id));
    s.expected = static_cast<int64_t>(approved.size());
    if (trainee) {
      PEIXUN_ASSIGN_OR_RETURN(bool answered, HasAnsweredIn(tx, q.id, *trainee));
      s.answered = answered;
    }
    s.questionnaire = std::move(q);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Result<std::vector<QuestionnaireStatus>> EvaluationService::List(const Principal& who,
                                                                 int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  return store::ReadValue<std::vector<QuestionnaireStatus>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<QuestionnaireStatus>> {
        return StatusesIn(tx, who, class_id);
      });
}

Result<QuestionnaireStatus> EvaluationService::Get(const Principal& who, int64_t questionnaire_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  return store::ReadValue<QuestionnaireStatus>(
      store_, [&](store::Tx& tx) -> Result<QuestionnaireStatus> {
        PEIXUN_ASSIGN_OR_RETURN(Questionnaire q, QuestionnaireIn(tx, questionnaire_id));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<QuestionnaireStatus> all,
                                StatusesIn(tx, who, q.class_id));
        for (auto& s : all) {
          if (s.questionnaire.id == questionnaire_id) return std::move(s);
        }
        return QuestionnaireNotFound(questionnaire_id);
      });
}

Status EvaluationService::Submit(const Principal& who, int64_t questionnaire_id,
                                 const AnswerInput& answer) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  PEIXUN_RETURN_IF_ERROR(ValidateAnswer(answer));
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(Questionnaire q, QuestionnaireIn(tx, questionnaire_id));
    if (who.role != Role::kTrainee || !who.person_id) return Forbidden();
    PEIXUN_ASSIGN_OR_RETURN(
        bool approved, enrollment::EnrollmentService::IsApprovedIn(tx, q.class_id, *who.person_id));
    if (!approved) return Forbidden();
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, q.class_id));
    if (!q.open()) {
      return MakeError(ErrorKind::kConflict, "evaluation.closed", "该评估问卷已关闭",
                       "this questionnaire is closed", "questionnaire_id");
    }
    const Error already =
        MakeError(ErrorKind::kConflict, "evaluation.answer.already", "您已提交过该评估问卷",
                  "you have already answered this questionnaire", "questionnaire_id");
    PEIXUN_ASSIGN_OR_RETURN(bool answered, HasAnsweredIn(tx, q.id, *who.person_id));
    if (answered) return already;
    // The mark's primary key keeps "answer once" when two submissions race: the
    // later one waits for the first's commit and then inserts nothing.
    PEIXUN_ASSIGN_OR_RETURN(
        int64_t marked,
        tx.Exec("INSERT INTO evaluation_responders (questionnaire_id, person_id) VALUES (?, ?) "
                "ON CONFLICT (questionnaire_id, person_id) DO NOTHING",
                {Int(q.id), Int(*who.person_id)}));
    if (marked == 0) return already;
    return AddAnswerIn(tx, q.id, answer);
  });
}

Result<PendingList> EvaluationService::Pending(const Principal& who, int64_t questionnaire_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::ReadValue<PendingList>(store_, [&](store::Tx& tx) -> Result<PendingList> {
    PEIXUN_ASSIGN_OR_RETURN(Questionnaire q, QuestionnaireIn(tx, questionnaire_id));
    PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, q.class_id));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> approved,
                            enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, q.class_id));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT person_id FROM evaluation_responders WHERE questionnaire_id = ?",
                 {Int(q.id)}));
    std::vector<int64_t> done;
    for (const auto& r : rows) done.push_back(r.Int(0));
    std::sort(done.begin(), done.end());
    std::vector<int64_t> missing;
    for (int64_t id : approved) {
      if (!std::binary_search(done.begin(), done.end(), id)) missing.push_back(id);
    }
    PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                            people::PeopleService::GetManyIn(tx, missing));
    PendingList out;
    out.questionnaire_id = q.id;
    out.expected = static_cast<int64_t>(approved.size());
    out.responses = static_cast<int64_t>(done.size());
    std::vector<std::pair<std::string, std::string>> keyed;
    for (const auto& p : people) keyed.emplace_back(core::StrokeSortKey(p.name), p.name);
    std::sort(keyed.begin(), keyed.end());
    for (auto& [key, name] : keyed) out.names.push_back(std::move(name));
    return out;
  });
}

namespace {

// The slice of one questionnaire, hidden under `threshold`.
Result<SliceResult> SliceIn(store::Tx& tx, int64_t questionnaire_id, int threshold) {
  PEIXUN_ASSIGN_OR_RETURN(SliceResult r, ReadAnswersIn(tx, questionnaire_id));
  r.threshold = threshold;
  r.visible =
      core::SliceVisible(static_cast<int>(std::min<int64_t>(r.responses, 1 << 30)), threshold);
  if (!r.visible) {
    r.items.clear();
    r.overall = {};
    r.comments.clear();
  }
  return r;
}

// Merges the visible slices of `lectures` (hidden ones never reach a total).
SliceResult Merge(const std::vector<QuestionnaireResult>& lectures, int threshold) {
  SliceResult out;
  out.threshold = threshold;
  for (const auto& item : kItems) out.items.push_back(ItemResult{item.key, {}});
  for (const auto& l : lectures) {
    if (!l.result.visible) continue;
    out.responses += l.result.responses;
    for (size_t i = 0; i < out.items.size(); ++i) out.items[i].tally.Merge(l.result.items[i].tally);
    out.overall.Merge(l.result.overall);
    out.comments.insert(out.comments.end(), l.result.comments.begin(), l.result.comments.end());
  }
  std::sort(out.comments.begin(), out.comments.end());
  out.visible =
      core::SliceVisible(static_cast<int>(std::min<int64_t>(out.responses, 1 << 30)), threshold);
  if (!out.visible) {
    out.items.clear();
    out.comments.clear();
    out.overall = {};
  }
  return out;
}

}  // namespace

Result<QuestionnaireResult> EvaluationService::Results(const Principal& who,
                                                       int64_t questionnaire_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLecturer}));
  return store::ReadValue<QuestionnaireResult>(
      store_, [&](store::Tx& tx) -> Result<QuestionnaireResult> {
        PEIXUN_ASSIGN_OR_RETURN(Questionnaire q, QuestionnaireIn(tx, questionnaire_id));
        if (who.role == Role::kLecturer) {
          PEIXUN_ASSIGN_OR_RETURN(bool own, IsOwnLectureIn(tx, who, q));
          if (!own) return Forbidden();
          PEIXUN_ASSIGN_OR_RETURN(bool ended, ClassEndedIn(tx, q.class_id));
          if (!ended) return NotYet();
        } else {
          PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, q.class_id));
        }
        PEIXUN_ASSIGN_OR_RETURN(int threshold, ThresholdIn(tx));
        PEIXUN_ASSIGN_OR_RETURN(SliceResult r, SliceIn(tx, q.id, threshold));
        return QuestionnaireResult{std::move(q), std::move(r)};
      });
}

Result<ClassResults> EvaluationService::ResultsOfClass(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::ReadValue<ClassResults>(store_, [&](store::Tx& tx) -> Result<ClassResults> {
    PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, class_id));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<Questionnaire> qs, OfClassIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(int threshold, ThresholdIn(tx));
    ClassResults out;
    out.class_id = class_id;
    std::map<int64_t, LecturerSlice> by_lecturer;
    for (auto& q : qs) {
      PEIXUN_ASSIGN_OR_RETURN(SliceResult r, SliceIn(tx, q.id, threshold));
      QuestionnaireResult qr{std::move(q), std::move(r)};
      if (qr.questionnaire.lecturer_id) {
        LecturerSlice& l = by_lecturer[*qr.questionnaire.lecturer_id];
        l.lecturer_id = *qr.questionnaire.lecturer_id;
        l.lecturer_name = qr.questionnaire.lecturer_name;
        l.lectures.push_back(qr);
      }
      out.questionnaires.push_back(std::move(qr));
    }
    for (auto& [id, l] : by_lecturer) {
      l.result = Merge(l.lectures, threshold);
      out.lecturers.push_back(std::move(l));
    }
    return out;
  });
}

Result<LecturerSlice> EvaluationService::ResultsOfLecturer(const Principal& who,
                                                           int64_t lecturer_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kLecturer}));
  return store::ReadValue<LecturerSlice>(store_, [&](store::Tx& tx) -> Result<LecturerSlice> {
    PEIXUN_ASSIGN_OR_RETURN(timetable::Lecturer lecturer,
                            timetable::LecturerService::GetIn(tx, lecturer_id));
    const bool lecturer_self = who.role == Role::kLecturer;
    if (lecturer_self) {
      PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> mine,
                              timetable::LecturerService::IdsOfUserIn(tx, who.user_id));
      if (std::find(mine.begin(), mine.end(), lecturer_id) == mine.end()) return Forbidden();
    } else if (who.role != Role::kAdmin && who.role != Role::kOrganizer) {
      return Forbidden();
    }
    PEIXUN_ASSIGN_OR_RETURN(
        std::vector<Questionnaire> qs,
        QuestionnairesIn(tx, "WHERE lecturer_id = ? ORDER BY opened_at, id", {Int(lecturer_id)}));
    PEIXUN_ASSIGN_OR_RETURN(int threshold, ThresholdIn(tx));
    LecturerSlice out;
    out.lecturer_id = lecturer_id;
    out.lecturer_name = lecturer.name;
    std::map<int64_t, bool> ended;
    for (auto& q : qs) {
      if (lecturer_self) {
        auto it = ended.find(q.class_id);
        if (it == ended.end()) {
          PEIXUN_ASSIGN_OR_RETURN(bool e, ClassEndedIn(tx, q.class_id));
          it = ended.emplace(q.class_id, e).first;
        }
        if (!it->second) continue;
      }
      PEIXUN_ASSIGN_OR_RETURN(SliceResult r, SliceIn(tx, q.id, threshold));
      out.lectures.push_back(QuestionnaireResult{std::move(q), std::move(r)});
    }
    out.result = Merge(out.lectures, threshold);
    return out;
  });
}

}  // namespace peixun::evaluation
