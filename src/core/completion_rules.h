// Completion (结业) rules: whether a trainee completes a class, from their per-session
// attendance, exam score, reflection paper and evaluations; and, while the class runs,
// whether they are on track, at risk or already ineligible, and what is still possible.
//
// DESIGN.md "Domain rules": leave share ≤ 1/7 (《干部教育培训工作条例》 art. 15: more
// leave means withdrawal, 退学), absences (旷课) ≤ limit, discipline count ≤ limit,
// exam ≥ pass mark, reflection submitted (and passed, if graded) when required,
// evaluations answered when required. Every failing rule is reported. All arithmetic is
// integer (hours and scores in tenths); no floating point. Pure and thread-safe.
//
// The class's figures live in modules/classes/class_rules.h; the completion module
// maps them into CompletionRules (core includes no module).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/attendance_rules.h"

namespace peixun::core {

// Per-class figures; the defaults are DESIGN.md's. Preconditions: 0 <= leave_share_num,
// leave_share_den >= 1, limits >= 0 (the class rules module validates them; here a
// den < 1 is treated as 1).
struct CompletionRules {
  int leave_share_num = 1;     // leave share allowed: excused hours ÷ programme hours
  int leave_share_den = 7;     //   ≤ num/den
  int max_absences = 0;        // absent sessions allowed
  int max_discipline = 3;      // late + left early + left midway flags allowed
  int pass_mark_tenths = 600;  // exam score needed (tenths of a point), when there is an exam
  bool reflection_required = true;
  bool evaluations_required = false;  // every evaluation due must be answered
};

// The trainee's reflection paper (心得体会). kSubmitted: handed in, not graded (or the
// class does not grade papers): it meets the rule. kFailed: graded and not passed.
enum class ReflectionState { kMissing, kSubmitted, kPassed, kFailed };

// One session of the trainee's programme (core/programme_hours.h: the whole-class
// sessions and their own group's). status is empty for a session not yet decided (still
// to come, or running): it is never an absence and counts nowhere but in the programme's
// hours, and while the class runs the longest such session is what "one more leave"
// means (see EvaluateCompletion). Flags count only when status is kAttended.
struct SessionOutcome {
  std::optional<AttendanceStatus> status;
  bool late = false;
  bool left_early = false;
  bool left_midway = false;
  int hours_tenths = 0;  // the session's 学时 (negative counts as 0)
  // How reasons name the session, e.g. "开班仪式暨培训动员 06-02 08:30"; may be empty.
  std::string label;
};

// Builds a SessionOutcome from an evaluated session.
SessionOutcome OutcomeOf(const AttendanceResult& result, int hours_tenths, std::string label = {});

struct CompletionInput {
  // Every session of the trainee's programme, decided or not, any order. Their hours
  // summed are the programme's 学时, the leave share's denominator: sessions of other
  // groups must not be here (parallel group sessions count once per trainee).
  std::vector<SessionOutcome> sessions;
  // false: nobody told us about exams, reflection papers and evaluations (no assessment
  // source). Then those rules are neither passed nor failed but "not assessed": listed
  // in CompletionVerdict::not_assessed, and a finished class with no other failure is
  // kNotAssessed rather than kCompleted. The fields below are ignored.
  bool assessment_known = true;
  bool class_has_exam = true;            // false: no exam rule at all
  std::optional<int> exam_score_tenths;  // empty: not (yet) taken
  ReflectionState reflection = ReflectionState::kMissing;
  int evaluations_due = 0;  // evaluations the trainee was asked to answer
  int evaluations_answered = 0;
  bool class_finished = false;
};

// An exact non-negative fraction, reduced (0 is 0/1). Compare with integers only.
struct Fraction {
  int64_t num = 0;
  int64_t den = 1;
  friend bool operator==(const Fraction&, const Fraction&) = default;
};

// One failed (or, for kAtRisk, nearly failed) rule. Codes:
//   completion.leave_share       excused hours share > num/den, e.g.
//                                "请假 3.5 学时，占应修 24 学时的 7/48，超过 1/7（应退学）"
//   completion.absences          absent sessions > max_absences, naming them, e.g.
//                                "缺勤 1 次（开班仪式 06-02 08:30），超过上限 0 次"
//   completion.discipline        discipline count > max_discipline, naming the sessions
//   completion.exam.failed       exam score < pass mark (also while running, once scored)
//   completion.exam.missing      the class has an exam, it is finished, and no score
//   completion.reflection.missing  required, the class is finished, and not submitted
//   completion.reflection.failed   required, the class is finished, graded not passed
//   completion.evaluations.missing required, the class is finished, answered < due
//   completion.leave_share.at_risk, completion.absences.at_risk,
//   completion.discipline.at_risk, completion.reflection.at_risk (a failed paper while
//   the class runs: it can still be resubmitted) (kAtRisk only; see EvaluateCompletion)
struct CompletionReason {
  std::string code;
  std::string message_zh;
  std::string message_en;
};

struct CompletionVerdict {
  enum class State {
    kOnTrack,       // running; nothing failed, nothing at risk
    kAtRisk,        // running; nothing failed, one more event of some kind would fail
    kIneligible,    // running; some rule has already failed for good
    kCompleted,     // finished; every rule holds
    kNotCompleted,  // finished; some rule failed
    kNotAssessed,   // finished; no rule failed, but some were not assessed
  };
  State state = State::kOnTrack;
  // kIneligible / kNotCompleted: every failed rule; kAtRisk: every rule at risk;
  // otherwise empty. In the order of the code list above.
  std::vector<CompletionReason> reasons;
  Fraction leave_share;      // excused tenths ÷ programme_tenths, reduced
  int programme_tenths = 0;  // sum over every session of the programme, decided or not
  int excused_tenths = 0;    // sum over excused sessions
  int credited_tenths = 0;   // sum over attended sessions (whatever the flags)
  int absences = 0;          // absent sessions
  int discipline_count = 0;  // flags of attended sessions
  // Rules nobody could assess (CompletionInput::assessment_known false), e.g.
  // "completion.exam.not_assessed", "completion.reflection.not_assessed",
  // "completion.evaluations.not_assessed"; the exam always, the others when required.
  std::vector<std::string> not_assessed;
  // What is still possible while the class runs (kOnTrack / kAtRisk; zero otherwise):
  // leave_tenths_left: more excused hours allowed, floor(num × programme ÷ den) −
  // excused, the future sessions counted in the programme; absences_left and
  // discipline_left: more events allowed. still_possible_zh/en say the same, e.g.
  // "还可请假 2 学时，还可缺勤 0 次，还可违纪 1 次".
  int leave_tenths_left = 0;
  int absences_left = 0;
  int discipline_left = 0;
  std::string still_possible_zh;
  std::string still_possible_en;
};

// "on_track", "at_risk", "ineligible", "completed", "not_completed", "not_assessed".
const char* CompletionStateCode(CompletionVerdict::State state);

// Decides the verdict.
//
// Failed rules (checked always; exam.missing and reflection.missing only once the class
// is finished, since they can still be met before):
//   leave share    excused_tenths × den > num × programme_tenths (exactly 1/7 is fine).
//                  The programme includes the sessions still to come. With
//                  programme_tenths <= 0 the share is 0/1 and never fails.
//   absences       absences > max_absences
//   discipline     discipline_count > max_discipline
//   exam           class_has_exam and a score < pass_mark; or, finished, no score
//   reflection     reflection_required, finished, and kMissing or kFailed
//   evaluations    evaluations_required, finished, answered < due
// (the last three only when assessment_known; otherwise they are not_assessed)
// While the class runs (class_finished false): any failed rule → kIneligible (these
// cannot be undone by attending more); else any rule at risk → kAtRisk; else kOnTrack.
// A rule is at risk when the trainee has already used part of its allowance and one
// more event of its kind would break it:
//   leave share    excused_tenths > 0 and one more excused session as long as the longest
//                  undecided session would exceed the share (no undecided session: never)
//   absences       0 < absences == max_absences
//   discipline     0 < discipline_count == max_discipline (one more flag would exceed it)
//   reflection     required and graded kFailed
// With the default max_absences = 0 a clean record is on track, not at risk: the first
// absence makes the trainee ineligible outright.
// Once finished: a failed rule → kNotCompleted with every reason; else a rule not
// assessed → kNotAssessed; else kCompleted.
// Undecided sessions of a finished class count nowhere.
CompletionVerdict EvaluateCompletion(const CompletionInput& input, const CompletionRules& rules);

}  // namespace peixun::core
