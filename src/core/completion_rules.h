// Completion (结业) rules: whether a trainee completes a class, from their per-session
// attendance, exam score and reflection paper; and, while the class runs, whether
// they are on track, at risk or already ineligible.
//
// DESIGN.md "Domain rules": leave share ≤ 1/7 (《干部教育培训工作条例》 art. 15: more
// leave means withdrawal, 退学), absences (旷课) ≤ limit, discipline count ≤ limit,
// exam ≥ pass mark, reflection submitted when required. Every failing rule is
// reported. All arithmetic is integer (hours in tenths of a 学时); no floating point.
// Pure and thread-safe.
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
  int leave_share_num = 1;  // leave share allowed: excused hours ÷ programme hours
  int leave_share_den = 7;  //   ≤ num/den
  int max_absences = 0;     // absent sessions allowed
  int max_discipline = 3;   // late + left early + left midway flags allowed
  int pass_mark = 60;       // exam score needed, when the class has an exam
  bool reflection_required = true;
};

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
  bool class_has_exam = true;     // false: no exam rule at all
  std::optional<int> exam_score;  // empty: not (yet) taken
  bool reflection_submitted = false;
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
//   completion.leave_share.at_risk, completion.absences.at_risk,
//   completion.discipline.at_risk (kAtRisk only; see EvaluateCompletion)
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
};

// "on_track", "at_risk", "ineligible", "completed", "not_completed".
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
//   reflection     reflection_required, finished, not submitted
// While the class runs (class_finished false): any failed rule → kIneligible (these
// cannot be undone by attending more); else any rule at risk → kAtRisk; else kOnTrack.
// A rule is at risk when the trainee has already used part of its allowance and one
// more event of its kind would break it:
//   leave share    excused_tenths > 0 and one more excused session as long as the longest
//                  undecided session would exceed the share (no undecided session: never)
//   absences       0 < absences == max_absences
//   discipline     0 < discipline_count == max_discipline (one more flag would exceed it)
// With the default max_absences = 0 a clean record is on track, not at risk: the first
// absence makes the trainee ineligible outright.
// Once finished: no failed rule → kCompleted, else kNotCompleted with every reason.
// Undecided sessions of a finished class count nowhere.
CompletionVerdict EvaluateCompletion(const CompletionInput& input, const CompletionRules& rules);

}  // namespace peixun::core
