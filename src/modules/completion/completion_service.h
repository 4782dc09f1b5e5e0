// Completion (结业) of a class: each trainee's status while the class runs, the
// decision at the end, overrides, and 优秀学员 (outstanding trainees).
//
// The rules are core/completion_rules.h with the class's figures
// (classes/class_rules.h) plus this module's per-class settings (evaluations
// required, the 优秀学员 share). Attendance comes from the attendance module
// (AttendanceService::ForClassIn); exams, reflection papers and evaluations from an
// AssessmentSource set by the composition root.
//
// NOT ASSESSED: without an AssessmentSource (today: the assessment and evaluation
// modules are built elsewhere and wired by src/app), the exam, reflection and
// evaluation rules are neither passed nor failed: each trainee lists them under
// "not_assessed", and at the decision a trainee with no certain failure is stored
// as outcome "not_assessed", never "completed". The head teacher may override such
// a trainee to completed with a reason (audited).
//
// Access (each entry point checks): status, decision and override need kManage on
// the class (admin, organizer, the class's head teachers; else 403
// classes.forbidden, unknown class 404 classes.not_found). 优秀学员: nominated by the
// class's managers or by the trainee leading the nominee's group (groups module);
// approved by an organizer or admin only (403 completion.forbidden).
//
// Decision (Decide): only once the class is finished (409 completion.not_finished).
// Every approved trainee gets an outcome:
//   completed      every rule holds
//   not_completed  some rule failed (reasons stored)
//   dismissed      the leave share is over its limit: 退学 (《干部教育培训工作条例》
//                  art. 15). The enrollment module has no such status and refuses
//                  changes once a class is finished, so completion stores it.
//   not_assessed   nothing failed, but a rule could not be assessed (above)
// Running it again recomputes: rows whose computed outcome and reasons are unchanged
// are left alone (so a second run changes nothing and writes no audit entry); an
// overridden row keeps its override. Audited as completion.decide (entity "class")
// when anything changed.
//
// Override: outcome completed / not_completed / dismissed, reason required (422
// completion.override.reason, at most 500 characters), the trainee must have a
// decision (409 completion.not_decided). Audited completion.override (entity
// "class", the person in before/after).
//
// Thread-safe: no mutable state but the source, set before serving.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/completion_rules.h"
#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::completion {

// What the assessment modules know of one trainee of a class.
struct TraineeAssessment {
  bool class_has_exam = false;
  std::optional<double> exam_score;      // 0..100; empty: not taken
  std::optional<double> exam_pass_mark;  // empty: the class rule's exam_pass_mark
  core::ReflectionState reflection = core::ReflectionState::kMissing;
  int evaluations_due = 0;
  int evaluations_answered = 0;
};

// Every trainee of `class_id` the source knows, by person id (a trainee missing from
// the map: nothing taken, nothing submitted, nothing due). Runs inside the caller's
// transaction `tx`; must not write. Set by src/app; unset means "not assessed".
using AssessmentSource =
    std::function<Result<std::map<int64_t, TraineeAssessment>>(store::Tx& tx, int64_t class_id)>;

inline constexpr int kDefaultExcellentPercent = 10;

struct CompletionSettings {
  bool evaluations_required = false;
  int excellent_percent = kDefaultExcellentPercent;  // 0..100
};

// "completed", "not_completed", "dismissed", "not_assessed".
struct Decision {
  std::string outcome;
  std::string computed_outcome;  // what the rules said; differs when overridden
  std::vector<core::CompletionReason> reasons;
  std::vector<std::string> not_assessed;
  int credited_tenths = 0;
  std::string override_reason;  // empty: not overridden
  int64_t decided_by = 0;
  int64_t decided_at_ms = 0;
};

struct TraineeCompletion {
  int64_t person_id = 0;
  std::string name;
  std::string unit_name;
  core::CompletionVerdict verdict;  // the rules, now
  std::optional<Decision> decision;
  std::string excellent;  // "", "nominated", "approved"
};

struct ClassCompletion {
  int64_t class_id = 0;
  bool finished = false;
  bool assessed = false;  // an AssessmentSource is set
  CompletionSettings settings;
  int excellent_limit = 0;  // floor(trainees × percent ÷ 100)
  // At risk first, then ineligible, then the rest; 姓氏笔画 order within each.
  std::vector<TraineeCompletion> trainees;
};

// A trainee decided completed (an override included): what a certificate prints.
struct CompletedTrainee {
  int64_t person_id = 0;
  int credited_tenths = 0;
  bool excellent = false;  // 优秀学员, approved
};

// One stored decision, for the training record and the hours ledger (records).
struct PersonClassDecision {
  int64_t class_id = 0;
  int64_t person_id = 0;
  std::string outcome;
  int credited_tenths = 0;
  bool excellent = false;  // 优秀学员, approved
};

struct DecideResult {
  ClassCompletion completion;
  int changed = 0;  // rows written by this run
};

class CompletionService {
 public:
  using Clock = std::function<int64_t()>;
  explicit CompletionService(store::Store& store, Clock now_ms = {});

  void SetAssessmentSource(AssessmentSource source) { source_ = std::move(source); }

  Result<ClassCompletion> Status(const Principal& who, int64_t class_id);
  Result<CompletionSettings> SetSettings(const Principal& who, int64_t class_id,
                                         const CompletionSettings& settings);
  Result<DecideResult> Decide(const Principal& who, int64_t class_id);
  Result<Decision> Override(const Principal& who, int64_t class_id, int64_t person_id,
                            const std::string& outcome, const std::string& reason);

  // 优秀学员. Nominate: an approved trainee (422 completion.excellent.not_trainee) not
  // decided as anything but completed (409 completion.excellent.not_completed); a
  // reason of at most 500 characters (may be empty); nominating twice keeps the
  // first. Approve: the nomination must exist (404 completion.excellent.not_found)
  // and the approved count stay within the share (409 completion.excellent.over_share).
  Result<std::string> Nominate(const Principal& who, int64_t class_id, int64_t person_id,
                               const std::string& reason);
  Result<std::string> Approve(const Principal& who, int64_t class_id, int64_t person_id);

  // No access check; inside a caller's transaction. The stored decisions by person.
  static Result<std::map<int64_t, Decision>> DecisionsIn(store::Tx& tx, int64_t class_id);
  // The trainees whose stored outcome is "completed", ascending person id; only
  // `person_id` when given (a batch of 2,000 certificates asked for the whole class
  // once per certificate: bench/ledger).
  static Result<std::vector<CompletedTrainee>> CompletedIn(
      store::Tx& tx, int64_t class_id, std::optional<int64_t> person_id = std::nullopt);
  // Every stored decision of the people of `person_ids`, in any class, by person then
  // class. One query per 500 ids (index completion_decisions_person).
  static Result<std::vector<PersonClassDecision>> DecisionsOfPeopleIn(
      store::Tx& tx, const std::vector<int64_t>& person_ids);

 private:
  Result<ClassCompletion> LoadIn(store::Tx& tx, int64_t class_id, int64_t now);

  store::Store& store_;
  Clock now_ms_;
  AssessmentSource source_;
};

// The outcome of a verdict of a finished class (see the header comment).
std::string OutcomeOf(const core::CompletionVerdict& verdict);

}  // namespace peixun::completion
