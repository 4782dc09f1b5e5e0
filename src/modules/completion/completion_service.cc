#include "modules/completion/completion_service.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "core/utf8.h"
#include "modules/attendance/attendance_service.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/completion/decision_listeners.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/groups/groups_service.h"
#include "store/key_lock.h"

namespace peixun::completion {
namespace {

using nlohmann::json;
using store::Int;
using store::Text;

constexpr size_t kMaxReasonChars = 500;

int Tenths(double points) { return static_cast<int>(std::llround(points * 10.0)); }

bool Finished(const classes::TrainingClass& c) {
  return c.status == classes::ClassStatus::kFinished || c.status == classes::ClassStatus::kArchived;
}

json ReasonsJson(const std::vector<core::CompletionReason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons) {
    out.push_back({{"code", r.code}, {"message_zh", r.message_zh}, {"message_en", r.message_en}});
  }
  return out;
}

// What is stored for a decision: the reasons and the rules not assessed.
std::string StoredReasons(const std::vector<core::CompletionReason>& reasons,
                          const std::vector<std::string>& not_assessed) {
  return json{{"reasons", ReasonsJson(reasons)}, {"not_assessed", not_assessed}}.dump();
}

Decision DecisionOfRow(const store::Row& r) {
  Decision d;
  d.outcome = r.Str(1);
  d.computed_outcome = r.Str(2);
  const json stored = json::parse(r.Str(3), nullptr, false);
  if (stored.is_object()) {
    for (const auto& x : stored.value("reasons", json::array())) {
      d.reasons.push_back(
          {x.value("code", ""), x.value("message_zh", ""), x.value("message_en", "")});
    }
    for (const auto& x : stored.value("not_assessed", json::array())) {
      d.not_assessed.push_back(x.get<std::string>());
    }
  }
  d.credited_tenths = static_cast<int>(r.Int(4));
  d.override_reason = r.Str(5);
  d.decided_by = r.Int(6);
  d.decided_at_ms = r.Int(7);
  return d;
}

Result<CompletionSettings> SettingsIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT evaluations_required, excellent_percent FROM completion_settings "
               "WHERE class_id = ?",
               {Int(class_id)}));
  CompletionSettings s;
  if (!rows.empty()) {
    s.evaluations_required = rows[0].Int(0) != 0;
    s.excellent_percent = static_cast<int>(rows[0].Int(1));
  }
  return s;
}

int Rank(core::CompletionVerdict::State s) {
  switch (s) {
    case core::CompletionVerdict::State::kAtRisk:
      return 0;
    case core::CompletionVerdict::State::kIneligible:
    case core::CompletionVerdict::State::kNotCompleted:
      return 1;
    case core::CompletionVerdict::State::kNotAssessed:
      return 2;
    default:
      return 3;
  }
}

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "completion.forbidden", "无权执行此操作",
                   "you may not do this");
}

// The class's completion lock (store/key_lock.h) until the transaction ends: the
// outstanding-trainee share is a count over the class's approvals, and decisions
// are rewritten from what is read, so these writes run one at a time per class.
Status LockCompletionIn(store::Tx& tx, int64_t class_id) {
  return store::LockKeyIn(tx, "completion.class:" + std::to_string(class_id));
}

}  // namespace

std::string OutcomeOf(const core::CompletionVerdict& verdict) {
  using State = core::CompletionVerdict::State;
  if (verdict.state == State::kCompleted) return "completed";
  if (verdict.state == State::kNotAssessed) return "not_assessed";
  for (const auto& r : verdict.reasons) {
    if (r.code == "completion.leave_share") return "dismissed";
  }
  return "not_completed";
}

CompletionService::CompletionService(store::Store& store, Clock now_ms)
    : store_(store), now_ms_(now_ms ? std::move(now_ms) : Clock([] { return NowMillis(); })) {}

Result<std::map<int64_t, Decision>> CompletionService::DecisionsIn(store::Tx& tx,
                                                                   int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT person_id, outcome, computed_outcome, reasons_json, credited_tenths, "
               "override_reason, decided_by, decided_at FROM completion_decisions "
               "WHERE class_id = ?",
               {Int(class_id)}));
  std::map<int64_t, Decision> out;
  for (const auto& r : rows.rows) out[r.Int(0)] = DecisionOfRow(r);
  return out;
}

Result<std::vector<CompletedTrainee>> CompletionService::CompletedIn(
    store::Tx& tx, int64_t class_id, std::optional<int64_t> person_id) {
  std::vector<store::Value> params{Int(class_id)};
  if (person_id) params.push_back(Int(*person_id));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT d.person_id, d.credited_tenths, e.status FROM "
                           "completion_decisions d LEFT JOIN excellent_trainees e ON "
                           "e.class_id = d.class_id AND e.person_id = d.person_id WHERE "
                           "d.class_id = ? AND d.outcome = 'completed' ") +
                   (person_id ? "AND d.person_id = ? " : "") + "ORDER BY d.person_id",
               params));
  std::vector<CompletedTrainee> out;
  for (const auto& r : rows.rows) {
    out.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.Str(2) == "approved"});
  }
  return out;
}

Result<std::vector<PersonClassDecision>> CompletionService::DecisionsOfPeopleIn(
    store::Tx& tx, const std::vector<int64_t>& person_ids) {
  std::vector<PersonClassDecision> out;
  constexpr size_t kChunk = 500;
  for (size_t at = 0; at < person_ids.size(); at += kChunk) {
    std::string list;
    for (size_t i = at; i < std::min(person_ids.size(), at + kChunk); ++i) {
      list += (list.empty() ? "" : ", ") + std::to_string(person_ids[i]);
    }
    // Ids written as integers: no bound parameters, so no limit on their number.
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT d.class_id, d.person_id, d.outcome, d.credited_tenths, e.status "
                 "FROM completion_decisions d LEFT JOIN excellent_trainees e ON "
                 "e.class_id = d.class_id AND e.person_id = d.person_id WHERE d.person_id IN (" +
                     list + ") ORDER BY d.person_id, d.class_id",
                 {}));
    for (const auto& r : rows.rows) {
      out.push_back({r.Int(0), r.Int(1), r.Str(2), static_cast<int>(r.Int(3)),
                     !r.IsNull(4) && r.Str(4) == "approved"});
    }
  }
  return out;
}

Result<ClassCompletion> CompletionService::LoadIn(store::Tx& tx, int64_t class_id, int64_t now) {
  PEIXUN_ASSIGN_OR_RETURN(attendance::ClassAttendance att,
                          attendance::AttendanceService::ForClassIn(tx, class_id, now));
  ClassCompletion out;
  out.class_id = class_id;
  out.finished = Finished(att.klass);
  out.assessed = static_cast<bool>(source_);
  PEIXUN_ASSIGN_OR_RETURN(out.settings, SettingsIn(tx, class_id));
  std::map<int64_t, TraineeAssessment> assessments;
  if (source_) {
    PEIXUN_ASSIGN_OR_RETURN(assessments, source_(tx, class_id));
  }
  PEIXUN_ASSIGN_OR_RETURN(auto decisions, DecisionsIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows excellent,
      tx.Query("SELECT person_id, status FROM excellent_trainees WHERE class_id = ?",
               {Int(class_id)}));
  std::map<int64_t, std::string> excellent_of;
  for (const auto& r : excellent.rows) excellent_of[r.Int(0)] = r.Str(1);

  const classes::ClassRules& cr = att.klass.rules;
  for (auto& t : att.trainees) {
    core::CompletionRules rules;
    rules.leave_share_num = cr.leave_share_numerator;
    rules.leave_share_den = cr.leave_share_denominator;
    rules.max_absences = cr.absence_limit;
    rules.max_discipline = cr.discipline_limit;
    rules.pass_mark_tenths = cr.exam_pass_mark * 10;
    rules.reflection_required = cr.reflection_required;
    rules.evaluations_required = out.settings.evaluations_required;
    core::CompletionInput in;
    in.sessions = t.outcomes;
    in.class_finished = out.finished;
    in.assessment_known = out.assessed;
    if (out.assessed) {
      TraineeAssessment a;
      if (auto it = assessments.find(t.person_id); it != assessments.end()) a = it->second;
      in.class_has_exam = a.class_has_exam;
      if (a.exam_score) in.exam_score_tenths = Tenths(*a.exam_score);
      if (a.exam_pass_mark) rules.pass_mark_tenths = Tenths(*a.exam_pass_mark);
      in.reflection = a.reflection;
      in.evaluations_due = a.evaluations_due;
      in.evaluations_answered = a.evaluations_answered;
    }
    TraineeCompletion tc;
    tc.person_id = t.person_id;
    tc.name = t.name;
    tc.unit_name = t.unit_name;
    tc.verdict = core::EvaluateCompletion(in, rules);
    if (auto it = decisions.find(t.person_id); it != decisions.end()) tc.decision = it->second;
    if (auto it = excellent_of.find(t.person_id); it != excellent_of.end()) {
      tc.excellent = it->second;
    }
    out.trainees.push_back(std::move(tc));
  }
  out.excellent_limit =
      static_cast<int>(out.trainees.size()) * out.settings.excellent_percent / 100;
  std::stable_sort(out.trainees.begin(), out.trainees.end(),
                   [](const TraineeCompletion& a, const TraineeCompletion& b) {
                     return Rank(a.verdict.state) < Rank(b.verdict.state);
                   });
  return out;
}

Result<ClassCompletion> CompletionService::Status(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const int64_t now = now_ms_();
  return store::ReadValue<ClassCompletion>(store_, [&](store::Tx& tx) -> Result<ClassCompletion> {
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
    return LoadIn(tx, class_id, now);
  });
}

Result<CompletionSettings> CompletionService::SetSettings(const Principal& who, int64_t class_id,
                                                          const CompletionSettings& settings) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  if (settings.excellent_percent < 0 || settings.excellent_percent > 100) {
    return Invalid("completion.settings.excellent_percent", "优秀学员比例应在 0 到 100 之间",
                   "the outstanding-trainee share must be between 0 and 100", "excellent_percent");
  }
  const Actor actor = Actor::Of(who);
  return store::TransactValue<CompletionSettings>(
      store_, [&](store::Tx& tx) -> Result<CompletionSettings> {
        PEIXUN_RETURN_IF_ERROR(LockCompletionIn(tx, class_id));
        PEIXUN_RETURN_IF_ERROR(
            classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
        PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, class_id));
        PEIXUN_ASSIGN_OR_RETURN(CompletionSettings before, SettingsIn(tx, class_id));
        PEIXUN_RETURN_IF_ERROR(
            tx.Exec("DELETE FROM completion_settings WHERE class_id = ?", {Int(class_id)}));
        PEIXUN_RETURN_IF_ERROR(
            tx.Exec("INSERT INTO completion_settings (class_id, evaluations_required, "
                    "excellent_percent) VALUES (?, ?, ?)",
                    {Int(class_id), Int(settings.evaluations_required ? 1 : 0),
                     Int(settings.excellent_percent)}));
        PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
            tx, actor,
            audit::AuditEntry{"completion.settings",
                              "class",
                              class_id,
                              {{"evaluations_required", before.evaluations_required},
                               {"excellent_percent", before.excellent_percent}},
                              {{"evaluations_required", settings.evaluations_required},
                               {"excellent_percent", settings.excellent_percent}}}));
        return settings;
      });
}

Result<DecideResult> CompletionService::Decide(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const int64_t now = now_ms_();
  const Actor actor = Actor::Of(who);
  return store::TransactValue<DecideResult>(store_, [&](store::Tx& tx) -> Result<DecideResult> {
    PEIXUN_RETURN_IF_ERROR(LockCompletionIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
    PEIXUN_ASSIGN_OR_RETURN(ClassCompletion c, LoadIn(tx, class_id, now));
    if (!c.finished) {
      return Conflict("completion.not_finished", "培训班结束后才能评定结业",
                      "completion is decided once the class is finished");
    }
    DecideResult out;
    json counts = json::object();
    std::vector<int64_t> changed;          // person ids whose row is rewritten
    std::vector<store::Value> row_values;  // 9 per changed row, in INSERT order
    for (auto& t : c.trainees) {
      const std::string computed = OutcomeOf(t.verdict);
      const std::string reasons = StoredReasons(t.verdict.reasons, t.verdict.not_assessed);
      counts[computed] = counts.value(computed, 0) + 1;
      if (t.decision && t.decision->computed_outcome == computed &&
          StoredReasons(t.decision->reasons, t.decision->not_assessed) == reasons &&
          t.decision->credited_tenths == t.verdict.credited_tenths) {
        continue;  // unchanged: idempotent
      }
      const bool overridden = t.decision && !t.decision->override_reason.empty();
      const std::string outcome = overridden ? t.decision->outcome : computed;
      changed.push_back(t.person_id);
      for (store::Value v : {Int(class_id), Int(t.person_id), Text(outcome), Text(computed),
                             Text(reasons), Int(t.verdict.credited_tenths),
                             Text(overridden ? t.decision->override_reason : std::string()),
                             Int(who.user_id), Int(now)}) {
        row_values.push_back(std::move(v));
      }
    }
    // A few statements for the whole class, not two per trainee: a class of 2,000
    // spent 5 s on round trips (bench/ledger). 100 rows × 9 values stay under
    // SQLite's oldest limit of 999 bound parameters.
    constexpr size_t kRowsPerStatement = 100;
    constexpr size_t kValuesPerRow = 9;
    for (size_t at = 0; at < changed.size(); at += kRowsPerStatement) {
      const size_t end = std::min(changed.size(), at + kRowsPerStatement);
      std::string ids;
      std::string tuples;
      for (size_t i = at; i < end; ++i) {
        ids += (i == at ? "" : ", ") + std::to_string(changed[i]);
        tuples += i == at ? "(?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?)";
      }
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "DELETE FROM completion_decisions WHERE class_id = ? AND person_id IN (" + ids + ")",
          {Int(class_id)}));
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "INSERT INTO completion_decisions (class_id, person_id, outcome, computed_outcome, "
          "reasons_json, credited_tenths, override_reason, decided_by, decided_at) VALUES " +
              tuples,
          std::vector<store::Value>(row_values.begin() + at * kValuesPerRow,
                                    row_values.begin() + end * kValuesPerRow)));
    }
    out.changed = static_cast<int>(changed.size());
    if (out.changed > 0) {
      PEIXUN_RETURN_IF_ERROR(
          audit::AppendIn(tx, actor,
                          audit::AuditEntry{"completion.decide",
                                            "class",
                                            class_id,
                                            nullptr,
                                            {{"outcomes", counts}, {"changed", out.changed}}}));
    }
    // The hours summary (records) folds the credited 学时 in, in this transaction.
    PEIXUN_RETURN_IF_ERROR(NotifyDecisionIn(tx, class_id));
    // Only the decisions changed since LoadIn (same transaction, same `now`): attach
    // the stored ones instead of computing the class's attendance a second time.
    PEIXUN_ASSIGN_OR_RETURN(auto stored, DecisionsIn(tx, class_id));
    for (auto& t : c.trainees) {
      if (auto it = stored.find(t.person_id); it != stored.end()) {
        t.decision = it->second;
      } else {
        t.decision.reset();
      }
    }
    out.completion = std::move(c);
    return out;
  });
}

Result<Decision> CompletionService::Override(const Principal& who, int64_t class_id,
                                             int64_t person_id, const std::string& outcome,
                                             const std::string& reason_in) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  if (outcome != "completed" && outcome != "not_completed" && outcome != "dismissed") {
    return Invalid("completion.override.outcome",
                   "结业结论应为 completed、not_completed 或 dismissed",
                   "outcome must be completed, not_completed or dismissed", "outcome");
  }
  const std::string reason = core::NormalizeField(reason_in);
  if (reason.empty() || core::Utf8CharCount(reason) > kMaxReasonChars) {
    return Invalid("completion.override.reason", "调整结业结论须填写理由（不超过 500 字）",
                   "an override needs a reason (at most 500 characters)", "reason");
  }
  const int64_t now = now_ms_();
  const Actor actor = Actor::Of(who);
  return store::TransactValue<Decision>(store_, [&](store::Tx& tx) -> Result<Decision> {
    PEIXUN_RETURN_IF_ERROR(LockCompletionIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
    PEIXUN_ASSIGN_OR_RETURN(auto decisions, DecisionsIn(tx, class_id));
    auto it = decisions.find(person_id);
    if (it == decisions.end()) {
      return Conflict("completion.not_decided", "该学员尚未评定结业",
                      "this trainee has no completion decision yet", "person_id");
    }
    const Decision before = it->second;
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "UPDATE completion_decisions SET outcome = ?, override_reason = ?, decided_by = ?, "
        "decided_at = ? WHERE class_id = ? AND person_id = ?",
        {Text(outcome), Text(reason), Int(who.user_id), Int(now), Int(class_id), Int(person_id)}));
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, actor,
        audit::AuditEntry{
            "completion.override",
            "class",
            class_id,
            {{"person_id", person_id},
             {"outcome", before.outcome},
             {"override_reason", before.override_reason}},
            {{"person_id", person_id}, {"outcome", outcome}, {"override_reason", reason}}}));
    PEIXUN_ASSIGN_OR_RETURN(auto after, DecisionsIn(tx, class_id));
    return after.at(person_id);
  });
}

Result<std::string> CompletionService::Nominate(const Principal& who, int64_t class_id,
                                                int64_t person_id, const std::string& reason_in) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  const std::string reason = core::NormalizeField(reason_in);
  if (core::Utf8CharCount(reason) > kMaxReasonChars) {
    return Invalid("completion.excellent.reason", "推荐理由不超过 500 字",
                   "the reason is at most 500 characters", "reason");
  }
  const int64_t now = now_ms_();
  const Actor actor = Actor::Of(who);
  return store::TransactValue<std::string>(store_, [&](store::Tx& tx) -> Result<std::string> {
    PEIXUN_RETURN_IF_ERROR(LockCompletionIn(tx, class_id));
    // The class's managers, or the trainee leading the nominee's group.
    if (who.role == Role::kTrainee) {
      PEIXUN_ASSIGN_OR_RETURN(bool enrolled, enrollment::EnrollmentService::IsApprovedIn(
                                                 tx, class_id, who.person_id.value_or(0)));
      PEIXUN_RETURN_IF_ERROR(
          classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kRead, enrolled));
      PEIXUN_ASSIGN_OR_RETURN(groups::ClassGroups g, groups::GroupsService::LoadIn(tx, class_id));
      bool leads = false;
      for (const auto& group : g.groups) {
        if (!who.person_id || group.leader_person_id != who.person_id) continue;
        for (const auto& m : group.members) leads = leads || m.person_id == person_id;
      }
      if (!leads) return Forbidden();
    } else {
      PEIXUN_RETURN_IF_ERROR(
          classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
    }
    PEIXUN_ASSIGN_OR_RETURN(bool trainee,
                            enrollment::EnrollmentService::IsApprovedIn(tx, class_id, person_id));
    if (!trainee) {
      return Invalid("completion.excellent.not_trainee", "只能推荐本班学员",
                     "only a trainee of the class can be nominated", "person_id");
    }
    PEIXUN_ASSIGN_OR_RETURN(auto decisions, DecisionsIn(tx, class_id));
    if (auto it = decisions.find(person_id);
        it != decisions.end() && it->second.outcome != "completed") {
      return Conflict("completion.excellent.not_completed", "未结业的学员不能评为优秀学员",
                      "a trainee who did not complete cannot be outstanding", "person_id");
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows existing,
        tx.Query("SELECT status FROM excellent_trainees WHERE class_id = ? AND person_id = ?",
                 {Int(class_id), Int(person_id)}));
    if (!existing.empty()) return existing[0].Str(0);
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "INSERT INTO excellent_trainees (class_id, person_id, status, reason, nominated_by, "
        "nominated_at) VALUES (?, ?, 'nominated', ?, ?, ?)",
        {Int(class_id), Int(person_id), Text(reason), Int(who.user_id), Int(now)}));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, actor,
                        audit::AuditEntry{"completion.excellent.nominate",
                                          "class",
                                          class_id,
                                          nullptr,
                                          {{"person_id", person_id}, {"reason", reason}}}));
    return std::string("nominated");
  });
}

Result<std::string> CompletionService::Approve(const Principal& who, int64_t class_id,
                                               int64_t person_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer}));
  const int64_t now = now_ms_();
  const Actor actor = Actor::Of(who);
  return store::TransactValue<std::string>(store_, [&](store::Tx& tx) -> Result<std::string> {
    PEIXUN_RETURN_IF_ERROR(LockCompletionIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
    if (who.role != Role::kAdmin && who.role != Role::kOrganizer) return Forbidden();
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows existing,
        tx.Query("SELECT status FROM excellent_trainees WHERE class_id = ? AND person_id = ?",
                 {Int(class_id), Int(person_id)}));
    if (existing.empty()) {
      return NotFound("completion.excellent.not_found", "该学员未被推荐为优秀学员",
                      "this trainee was not nominated", "person_id");
    }
    if (existing[0].Str(0) == "approved") return std::string("approved");
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> trainees,
                            enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(CompletionSettings settings, SettingsIn(tx, class_id));
    const int64_t limit = static_cast<int64_t>(trainees.size()) * settings.excellent_percent / 100;
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows approved,
        tx.Query("SELECT count(*) FROM excellent_trainees WHERE class_id = ? AND status = "
                 "'approved'",
                 {Int(class_id)}));
    if (approved[0].Int(0) + 1 > limit) {
      return Conflict("completion.excellent.over_share",
                      "优秀学员已达上限 " + std::to_string(limit) + " 人（学员总数的 " +
                          std::to_string(settings.excellent_percent) + "%）",
                      "outstanding trainees are limited to " + std::to_string(limit) + " (" +
                          std::to_string(settings.excellent_percent) + "% of the class)",
                      "person_id");
    }
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE excellent_trainees SET status = 'approved', approved_by = ?, "
                "approved_at = ? WHERE class_id = ? AND person_id = ?",
                {Int(who.user_id), Int(now), Int(class_id), Int(person_id)}));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, actor,
                        audit::AuditEntry{"completion.excellent.approve",
                                          "class",
                                          class_id,
                                          {{"person_id", person_id}, {"status", "nominated"}},
                                          {{"person_id", person_id}, {"status", "approved"}}}));
    return std::string("approved");
  });
}

}  // namespace peixun::completion
