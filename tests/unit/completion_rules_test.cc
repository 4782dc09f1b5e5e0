#include "core/completion_rules.h"

#include "core/programme_hours.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace peixun::core {
namespace {

using State = CompletionVerdict::State;

SessionOutcome Attended(int tenths, bool late = false, bool early = false, bool midway = false) {
  return SessionOutcome{AttendanceStatus::kAttended, late, early, midway, tenths};
}
SessionOutcome Excused(int tenths) {
  return SessionOutcome{AttendanceStatus::kExcused, false, false, false, tenths};
}
SessionOutcome Absent(int tenths) {
  return SessionOutcome{AttendanceStatus::kAbsent, false, false, false, tenths};
}
SessionOutcome Undecided(int tenths) {
  return SessionOutcome{std::nullopt, false, false, false, tenths};
}

// A finished class with a passing exam and a reflection: only the sessions decide.
CompletionInput Finished(std::vector<SessionOutcome> sessions) {
  CompletionInput input;
  input.sessions = std::move(sessions);
  input.exam_score_tenths = 850;
  input.reflection = ReflectionState::kSubmitted;
  input.class_finished = true;
  return input;
}

CompletionInput Running(std::vector<SessionOutcome> sessions) {
  CompletionInput input = Finished(std::move(sessions));
  input.class_finished = false;
  input.exam_score_tenths.reset();
  input.reflection = ReflectionState::kMissing;
  return input;
}

std::vector<std::string> Codes(const CompletionVerdict& v) {
  std::vector<std::string> codes;
  for (const CompletionReason& r : v.reasons) codes.push_back(r.code);
  return codes;
}

TEST(CompletionRulesTest, DefaultsAreDesignFigures) {
  CompletionRules rules;
  EXPECT_EQ(rules.leave_share_num, 1);
  EXPECT_EQ(rules.leave_share_den, 7);
  EXPECT_EQ(rules.max_absences, 0);
  EXPECT_EQ(rules.max_discipline, 3);
  EXPECT_EQ(rules.pass_mark_tenths, 600);
  EXPECT_FALSE(rules.evaluations_required);
  EXPECT_TRUE(rules.reflection_required);
}

TEST(CompletionRulesTest, CleanRecordCompletes) {
  const CompletionVerdict v =
      EvaluateCompletion(Finished({Attended(20), Attended(20), Attended(30, true)}), {});
  EXPECT_EQ(v.state, State::kCompleted);
  EXPECT_TRUE(v.reasons.empty());
  EXPECT_EQ(v.credited_tenths, 70);
  EXPECT_EQ(v.discipline_count, 1);
  EXPECT_EQ(v.absences, 0);
  EXPECT_EQ(v.leave_share, (Fraction{0, 1}));
  EXPECT_STREQ(CompletionStateCode(v.state), "completed");
}

// --- leave share --------------------------------------------------------------------------

TEST(CompletionRulesTest, LeaveShareOfExactlyOneSeventhIsFine) {
  // 7 学时 in all, 1 excused.
  const CompletionVerdict v =
      EvaluateCompletion(Finished({Excused(10), Attended(20), Attended(20), Attended(20)}), {});
  EXPECT_EQ(v.state, State::kCompleted);
  EXPECT_EQ(v.leave_share, (Fraction{1, 7}));
  EXPECT_EQ(v.excused_tenths, 10);
  EXPECT_EQ(v.credited_tenths, 60);
}

TEST(CompletionRulesTest, LeaveShareAboveOneSeventhIsNotCompleted) {
  // 1.1 of 7 学时: 11/70 > 1/7 by a tenth of an hour.
  const CompletionVerdict v =
      EvaluateCompletion(Finished({Excused(11), Attended(19), Attended(20), Attended(20)}), {});
  EXPECT_EQ(v.state, State::kNotCompleted);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.leave_share"});
  EXPECT_EQ(v.leave_share, (Fraction{11, 70}));
  EXPECT_STREQ(CompletionStateCode(v.state), "not_completed");
}

TEST(CompletionRulesTest, LeaveShareMessageShowsReducedFractions) {
  // 2 of 13 学时.
  const CompletionVerdict v =
      EvaluateCompletion(Finished({Excused(20), Attended(40), Attended(40), Attended(30)}), {});
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.leave_share, (Fraction{2, 13}));
  EXPECT_EQ(v.programme_tenths, 130);
  EXPECT_EQ(v.reasons[0].message_zh, "请假 2 学时，占应修 13 学时的 2/13，超过 1/7（应退学）");
  EXPECT_EQ(v.reasons[0].message_en,
            "2 of 13 programme hours on leave (2/13), more than 1/7 (withdrawal)");
}

TEST(CompletionRulesTest, LeaveShareLimitIsConfigurable) {
  CompletionRules rules;
  rules.leave_share_num = 1;
  rules.leave_share_den = 5;
  EXPECT_EQ(EvaluateCompletion(Finished({Excused(20), Attended(80)}), rules).state,
            State::kCompleted);
  EXPECT_EQ(EvaluateCompletion(Finished({Excused(21), Attended(79)}), rules).state,
            State::kNotCompleted);
  rules.leave_share_num = 0;  // no leave at all
  EXPECT_EQ(EvaluateCompletion(Finished({Excused(1), Attended(99)}), rules).state,
            State::kNotCompleted);
}

TEST(CompletionRulesTest, NoProgrammeHoursMeansNoLeaveShare) {
  CompletionInput input = Finished({Excused(0), Attended(-10)});
  const CompletionVerdict v = EvaluateCompletion(input, {});
  EXPECT_EQ(v.programme_tenths, 0);
  EXPECT_EQ(v.leave_share, (Fraction{0, 1}));
  EXPECT_EQ(v.state, State::kCompleted);
}

// --- absences and discipline ---------------------------------------------------------------

TEST(CompletionRulesTest, AbsenceOverTheLimit) {
  const CompletionVerdict v = EvaluateCompletion(Finished({Absent(20), Attended(20)}), {});
  EXPECT_EQ(v.state, State::kNotCompleted);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.absences"});
  EXPECT_EQ(v.absences, 1);
  EXPECT_EQ(v.credited_tenths, 20);
  EXPECT_EQ(v.reasons[0].message_zh, "缺勤 1 次，超过上限 0 次");  // no label: none named

  CompletionRules rules;
  rules.max_absences = 1;
  EXPECT_EQ(EvaluateCompletion(Finished({Absent(20), Attended(20)}), rules).state,
            State::kCompleted);
}

TEST(CompletionRulesTest, DisciplineAtTheLimitIsFineOverItIsNot) {
  const CompletionVerdict ok =
      EvaluateCompletion(Finished({Attended(20, true, true, true), Attended(20)}), {});
  EXPECT_EQ(ok.discipline_count, 3);
  EXPECT_EQ(ok.state, State::kCompleted);

  const CompletionVerdict over = EvaluateCompletion(
      Finished({Attended(20, true, true, true), Attended(20, false, false, true)}), {});
  EXPECT_EQ(over.discipline_count, 4);
  EXPECT_EQ(Codes(over), std::vector<std::string>{"completion.discipline"});
  EXPECT_EQ(over.reasons[0].message_zh, "违纪（迟到、早退、中途外出）4 次，超过上限 3 次");
}

TEST(CompletionRulesTest, FlagsOfSessionsNotAttendedAreIgnored) {
  SessionOutcome excused = Excused(10);
  excused.late = true;
  SessionOutcome absent = Absent(10);
  absent.left_early = true;
  CompletionRules rules;
  rules.max_absences = 1;
  const CompletionVerdict v = EvaluateCompletion(Finished({excused, absent, Attended(60)}), rules);
  EXPECT_EQ(v.discipline_count, 0);
}

// --- exam and reflection ----------------------------------------------------------------------

TEST(CompletionRulesTest, ExamBelowThePassMark) {
  CompletionInput input = Finished({Attended(20)});
  input.exam_score_tenths = 590;
  CompletionVerdict v = EvaluateCompletion(input, {});
  EXPECT_EQ(v.state, State::kNotCompleted);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.exam.failed"});
  EXPECT_EQ(v.reasons[0].message_zh, "考试成绩 59 分，低于合格分 60 分");
  input.exam_score_tenths = 600;
  EXPECT_EQ(EvaluateCompletion(input, {}).state, State::kCompleted);
}

TEST(CompletionRulesTest, ExamMissingOnlyWhenTheClassHasOne) {
  CompletionInput input = Finished({Attended(20)});
  input.exam_score_tenths.reset();
  EXPECT_EQ(Codes(EvaluateCompletion(input, {})),
            std::vector<std::string>{"completion.exam.missing"});
  input.class_has_exam = false;
  EXPECT_EQ(EvaluateCompletion(input, {}).state, State::kCompleted);
  input.exam_score_tenths = 100;  // a stray score without an exam rule is ignored
  EXPECT_EQ(EvaluateCompletion(input, {}).state, State::kCompleted);
}

TEST(CompletionRulesTest, ReflectionMissing) {
  CompletionInput input = Finished({Attended(20)});
  input.reflection = ReflectionState::kMissing;
  const CompletionVerdict v = EvaluateCompletion(input, {});
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.reflection.missing"});
  EXPECT_EQ(v.reasons[0].message_zh, "未提交心得体会");

  CompletionRules rules;
  rules.reflection_required = false;
  EXPECT_EQ(EvaluateCompletion(input, rules).state, State::kCompleted);
}

TEST(CompletionRulesTest, EveryFailedRuleIsListedInOrder) {
  CompletionInput input =
      Finished({Excused(30), Absent(10), Attended(30, true, true, true), Attended(30, true)});
  input.exam_score_tenths = 400;
  input.reflection = ReflectionState::kMissing;
  const CompletionVerdict v = EvaluateCompletion(input, {});
  EXPECT_EQ(v.state, State::kNotCompleted);
  EXPECT_EQ(Codes(v), (std::vector<std::string>{"completion.leave_share", "completion.absences",
                                                "completion.discipline", "completion.exam.failed",
                                                "completion.reflection.missing"}));
  for (const CompletionReason& r : v.reasons) {
    EXPECT_FALSE(r.message_zh.empty()) << r.code;
    EXPECT_FALSE(r.message_en.empty()) << r.code;
  }
}

TEST(CompletionRulesTest, UndecidedSessionsOfAFinishedClassCountNowhere) {
  CompletionInput input = Finished({Attended(20), Undecided(20)});
  const CompletionVerdict v = EvaluateCompletion(input, {});
  EXPECT_EQ(v.state, State::kCompleted);
  EXPECT_EQ(v.credited_tenths, 20);
  EXPECT_EQ(v.absences, 0);
}

// --- while the class runs -----------------------------------------------------------------------

TEST(CompletionRulesTest, RunningCleanIsOnTrackEvenWithNoAbsenceAllowance) {
  const CompletionVerdict v =
      EvaluateCompletion(Running({Attended(20), Undecided(20), Undecided(30)}), {});
  EXPECT_EQ(v.state, State::kOnTrack);
  EXPECT_TRUE(v.reasons.empty());  // no exam yet, no reflection yet: not failures
  EXPECT_STREQ(CompletionStateCode(v.state), "on_track");
}

TEST(CompletionRulesTest, RunningFirstAbsenceMakesIneligibleAtDefaultLimit) {
  const CompletionVerdict v = EvaluateCompletion(Running({Absent(20), Undecided(20)}), {});
  EXPECT_EQ(v.state, State::kIneligible);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.absences"});
  EXPECT_STREQ(CompletionStateCode(v.state), "ineligible");
}

TEST(CompletionRulesTest, RunningAbsencesAtTheLimitAreAtRisk) {
  CompletionRules rules;
  rules.max_absences = 1;
  const CompletionVerdict v = EvaluateCompletion(Running({Absent(20), Undecided(20)}), rules);
  EXPECT_EQ(v.state, State::kAtRisk);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.absences.at_risk"});
  EXPECT_STREQ(CompletionStateCode(v.state), "at_risk");
  EXPECT_EQ(EvaluateCompletion(Running({Attended(20), Undecided(20)}), rules).state,
            State::kOnTrack);
}

TEST(CompletionRulesTest, RunningDisciplineThresholds) {
  // 2 of 3: one more flag is still fine.
  EXPECT_EQ(EvaluateCompletion(Running({Attended(20, true, true), Undecided(20)}), {}).state,
            State::kOnTrack);
  // 3 of 3: one more flag fails.
  const CompletionVerdict at_risk =
      EvaluateCompletion(Running({Attended(20, true, true, true), Undecided(20)}), {});
  EXPECT_EQ(at_risk.state, State::kAtRisk);
  EXPECT_EQ(Codes(at_risk), std::vector<std::string>{"completion.discipline.at_risk"});
  EXPECT_EQ(at_risk.reasons[0].message_zh, "违纪已达上限 3 次，再有一次将不能结业");
  // 4 of 3: already out.
  EXPECT_EQ(EvaluateCompletion(
                Running({Attended(20, true, true, true), Attended(20, true), Undecided(20)}), {})
                .state,
            State::kIneligible);
  // With no allowance, a clean record is on track.
  CompletionRules strict;
  strict.max_discipline = 0;
  EXPECT_EQ(EvaluateCompletion(Running({Attended(20), Undecided(20)}), strict).state,
            State::kOnTrack);
}

TEST(CompletionRulesTest, RunningLeaveShareThresholds) {
  // 14 学时 in all; 1 excused (1/14). Leave from the longest session still to come
  // (7 学时) would make 8/14 > 1/7 → at risk.
  CompletionVerdict v = EvaluateCompletion(
      Running({Excused(10), Attended(30), Undecided(20), Undecided(10), Undecided(70)}), {});
  EXPECT_EQ(v.state, State::kAtRisk);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.leave_share.at_risk"});
  EXPECT_EQ(v.leave_share, (Fraction{1, 14}));
  EXPECT_EQ(v.reasons[0].message_zh, "请假 1 学时，占应修 14 学时的 1/14，再请假 7 学时将超过 1/7");

  // Only a 1-学时 session left: 2/14 = 1/7 exactly would still be fine.
  v = EvaluateCompletion(Running({Excused(10), Attended(30), Attended(90), Undecided(10)}), {});
  EXPECT_EQ(v.state, State::kOnTrack);

  // Nothing left to take leave from.
  v = EvaluateCompletion(Running({Excused(10), Attended(30), Attended(100)}), {});
  EXPECT_EQ(v.state, State::kOnTrack);

  // No leave taken yet: not at risk, however long the next session.
  v = EvaluateCompletion(Running({Attended(40), Undecided(100)}), {});
  EXPECT_EQ(v.state, State::kOnTrack);

  // Already over: ineligible (withdrawal), not at risk.
  v = EvaluateCompletion(Running({Excused(30), Attended(30), Undecided(80)}), {});
  EXPECT_EQ(v.state, State::kIneligible);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.leave_share"});
}

TEST(CompletionRulesTest, RunningFailedExamIsIneligibleMissingOneIsNot) {
  CompletionInput input = Running({Attended(20), Undecided(20)});
  EXPECT_EQ(EvaluateCompletion(input, {}).state, State::kOnTrack);
  input.exam_score_tenths = 300;
  const CompletionVerdict v = EvaluateCompletion(input, {});
  EXPECT_EQ(v.state, State::kIneligible);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.exam.failed"});
}

TEST(CompletionRulesTest, RunningListsEveryRisk) {
  CompletionRules rules;
  rules.max_absences = 1;
  const CompletionVerdict v =
      EvaluateCompletion(Running({Excused(10), Absent(10), Attended(30, true, true, true),
                                  Undecided(20), Undecided(10)}),
                         rules);
  EXPECT_EQ(v.state, State::kAtRisk);
  EXPECT_EQ(Codes(v), (std::vector<std::string>{"completion.leave_share.at_risk",
                                                "completion.absences.at_risk",
                                                "completion.discipline.at_risk"}));
}

TEST(CompletionRulesTest, OutcomeOfCopiesStatusFlagsAndHours) {
  AttendanceResult r;
  r.status = AttendanceStatus::kAttended;
  r.late = true;
  r.left_midway = true;
  const SessionOutcome o = OutcomeOf(r, 25);
  EXPECT_EQ(o.status, AttendanceStatus::kAttended);
  EXPECT_TRUE(o.late);
  EXPECT_FALSE(o.left_early);
  EXPECT_TRUE(o.left_midway);
  EXPECT_EQ(o.hours_tenths, 25);
}

TEST(CompletionRulesTest, NegativeHoursCountAsZero) {
  CompletionInput input = Finished({Attended(-10), Attended(20)});
  EXPECT_EQ(EvaluateCompletion(input, {}).credited_tenths, 20);
  EXPECT_EQ(EvaluateCompletion(input, {}).programme_tenths, 20);
}

// --- the programme (issue 9, items 9 and 10) ---------------------------------------------

// The seed class for a trainee of one group: 24 学时 (7 on day 1), the group's own two
// discussions among them; the other seven groups' parallel discussions are not theirs.
// On leave for one 2.5-学时 lecture on day 1, with most of the class still to come:
// 2.5 / 24 = 5/48 (10.4 %), not 2.5 / 48.5 (5.2 %).
TEST(CompletionRulesTest, LeaveShareDividesByTheTraineesProgrammeIncludingSessionsToCome) {
  const CompletionVerdict v = EvaluateCompletion(
      Running({Attended(10), Excused(25), Attended(25), Attended(10),  // day 1: 7 学时
               Undecided(40), Undecided(40),                           // day 2: 8
               Undecided(25), Undecided(10), Undecided(25),            // day 3: 6
               Undecided(20), Undecided(10)}),                         // day 4: 3
      {});
  EXPECT_EQ(v.programme_tenths, 240);
  EXPECT_EQ(v.excused_tenths, 25);
  EXPECT_EQ(v.leave_share, (Fraction{5, 48}));
  EXPECT_EQ(v.absences, 0);            // sessions to come are never absences
  EXPECT_EQ(v.state, State::kAtRisk);  // one more 4-学时 leave: 65/240 > 1/7
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0].message_zh,
            "请假 2.5 学时，占应修 24 学时的 5/48，再请假 4 学时将超过 1/7");

  // 3.5 of 24 (a lecture and the group's discussion) is over 1/7 — of 48.5 it was not.
  const CompletionVerdict over = EvaluateCompletion(
      Running({Attended(10), Attended(25), Excused(25), Excused(10), Undecided(40), Undecided(40),
               Undecided(25), Undecided(10), Undecided(25), Undecided(20), Undecided(10)}),
      {});
  EXPECT_EQ(over.leave_share, (Fraction{7, 48}));
  EXPECT_EQ(over.state, State::kIneligible);
  EXPECT_EQ(Codes(over), std::vector<std::string>{"completion.leave_share"});
}

TEST(CompletionRulesTest, ReasonsNameTheSessionsThatDecided) {
  SessionOutcome opening = Absent(10);
  opening.label = "开班仪式暨培训动员 06-02 08:30";
  const CompletionVerdict v =
      EvaluateCompletion(Running({opening, Attended(25), Undecided(25)}), {});
  EXPECT_EQ(v.state, State::kIneligible);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0].message_zh, "缺勤 1 次（开班仪式暨培训动员 06-02 08:30），超过上限 0 次");
  EXPECT_EQ(v.reasons[0].message_en,
            "1 absence (开班仪式暨培训动员 06-02 08:30), more than the limit of 0");

  std::vector<SessionOutcome> flagged;
  for (int i = 1; i <= 4; ++i) {
    SessionOutcome s = Attended(10, /*late=*/i != 4, false, /*midway=*/i == 4);
    s.label = "课" + std::to_string(i);
    flagged.push_back(s);
  }
  const CompletionVerdict d = EvaluateCompletion(Finished(flagged), {});
  ASSERT_EQ(d.reasons.size(), 1u);
  EXPECT_EQ(
      d.reasons[0].message_zh,
      "违纪（迟到、早退、中途外出）4 次（迟到：课1、课2、课3；中途外出：课4），超过上限 3 次");
  EXPECT_EQ(d.reasons[0].message_en,
            "4 discipline flags (late, left early, left midway) (late: 课1, 课2, 课3; left "
            "midway: 课4), more than the limit of 3");

  // Many absences: five named, the rest counted.
  std::vector<SessionOutcome> absent;
  for (int i = 1; i <= 7; ++i) {
    SessionOutcome s = Absent(10);
    s.label = "课" + std::to_string(i);
    absent.push_back(s);
  }
  EXPECT_EQ(EvaluateCompletion(Finished(absent), {}).reasons[0].message_zh,
            "缺勤 7 次（课1、课2、课3、课4、课5 等 7 次），超过上限 0 次");
}

// --- reflection graded, evaluations, not assessed -------------------------------------------

TEST(CompletionRulesTest, ReflectionStatesWhenRequired) {
  CompletionInput input = Finished({Attended(20)});
  const struct {
    ReflectionState state;
    std::vector<std::string> codes;
  } rows[] = {{ReflectionState::kMissing, {"completion.reflection.missing"}},
              {ReflectionState::kSubmitted, {}},
              {ReflectionState::kPassed, {}},
              {ReflectionState::kFailed, {"completion.reflection.failed"}}};
  for (const auto& row : rows) {
    input.reflection = row.state;
    EXPECT_EQ(Codes(EvaluateCompletion(input, {})), row.codes);
    CompletionRules not_required;
    not_required.reflection_required = false;
    EXPECT_EQ(EvaluateCompletion(input, not_required).state, State::kCompleted);
  }
}

TEST(CompletionRulesTest, FailedReflectionWhileRunningIsAtRiskNotIneligible) {
  CompletionInput input = Running({Attended(20), Undecided(20)});
  input.reflection = ReflectionState::kFailed;
  const CompletionVerdict v = EvaluateCompletion(input, {});
  EXPECT_EQ(v.state, State::kAtRisk);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.reflection.at_risk"});
}

TEST(CompletionRulesTest, EvaluationsExactlyAnsweredAndOneShort) {
  CompletionRules rules;
  rules.evaluations_required = true;
  CompletionInput input = Finished({Attended(20)});
  input.evaluations_due = 3;
  input.evaluations_answered = 3;
  EXPECT_EQ(EvaluateCompletion(input, rules).state, State::kCompleted);
  input.evaluations_answered = 2;
  const CompletionVerdict v = EvaluateCompletion(input, rules);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.evaluations.missing"});
  EXPECT_EQ(v.reasons[0].message_zh, "有 1 份评估问卷未填写（共 3 份）");
  // Not required: the shortfall does not matter.
  EXPECT_EQ(EvaluateCompletion(input, {}).state, State::kCompleted);
  // While running it is never a failure: the trainee can still answer.
  input.class_finished = false;
  EXPECT_EQ(EvaluateCompletion(input, rules).state, State::kOnTrack);
}

TEST(CompletionRulesTest, ExamExactlyAtAFractionalPassMark) {
  CompletionRules rules;
  rules.pass_mark_tenths = 595;
  CompletionInput input = Finished({Attended(20)});
  input.exam_score_tenths = 595;
  EXPECT_EQ(EvaluateCompletion(input, rules).state, State::kCompleted);
  input.exam_score_tenths = 594;
  const CompletionVerdict v = EvaluateCompletion(input, rules);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.exam.failed"});
  EXPECT_EQ(v.reasons[0].message_zh, "考试成绩 59.4 分，低于合格分 59.5 分");
}

TEST(CompletionRulesTest, WithoutAnAssessmentSourceRulesAreNotAssessedNeverPassed) {
  CompletionRules rules;
  rules.evaluations_required = true;
  CompletionInput input = Finished({Attended(20)});
  input.assessment_known = false;
  input.exam_score_tenths.reset();
  input.reflection = ReflectionState::kMissing;
  CompletionVerdict v = EvaluateCompletion(input, rules);
  EXPECT_EQ(v.state, State::kNotAssessed);
  EXPECT_STREQ(CompletionStateCode(v.state), "not_assessed");
  EXPECT_TRUE(v.reasons.empty());
  EXPECT_EQ(v.not_assessed, (std::vector<std::string>{"completion.exam.not_assessed",
                                                      "completion.reflection.not_assessed",
                                                      "completion.evaluations.not_assessed"}));
  // Only the exam when nothing else is required.
  rules.evaluations_required = false;
  rules.reflection_required = false;
  EXPECT_EQ(EvaluateCompletion(input, rules).not_assessed,
            std::vector<std::string>{"completion.exam.not_assessed"});
  // A certain failure still decides: not completed, with the failure, and still listed.
  input.sessions.push_back(Absent(10));
  v = EvaluateCompletion(input, rules);
  EXPECT_EQ(v.state, State::kNotCompleted);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.absences"});
  EXPECT_EQ(v.not_assessed.size(), 1u);
  // Running: on track by attendance, the unknowns listed.
  input.sessions = {Attended(20), Undecided(20)};
  input.class_finished = false;
  v = EvaluateCompletion(input, rules);
  EXPECT_EQ(v.state, State::kOnTrack);
  EXPECT_EQ(v.not_assessed.size(), 1u);
}

// Every combination of the six independent failures: exactly those reasons, in order.
TEST(CompletionRulesTest, EveryCombinationOfFailuresListsExactlyThoseReasons) {
  CompletionRules rules;
  rules.evaluations_required = true;
  const char* kCodes[] = {"completion.leave_share",        "completion.absences",
                          "completion.discipline",         "completion.exam.failed",
                          "completion.reflection.missing", "completion.evaluations.missing"};
  for (int mask = 0; mask < 64; ++mask) {
    // Six sessions of 7 学时: 420 tenths. One excused is 1/6 > 1/7.
    std::vector<SessionOutcome> sessions(6, Attended(70));
    if (mask & 1) sessions[0] = Excused(70);
    if (mask & 2) sessions[1] = Absent(70);
    if (mask & 4) sessions[2] = Attended(70, true, true, true), sessions[3] = Attended(70, true);
    CompletionInput input = Finished(std::move(sessions));
    input.exam_score_tenths = (mask & 8) ? 599 : 600;
    input.reflection = (mask & 16) ? ReflectionState::kMissing : ReflectionState::kPassed;
    input.evaluations_due = 4;
    input.evaluations_answered = (mask & 32) ? 3 : 4;
    std::vector<std::string> expected;
    for (int bit = 0; bit < 6; ++bit) {
      if (mask & (1 << bit)) expected.push_back(kCodes[bit]);
    }
    const CompletionVerdict v = EvaluateCompletion(input, rules);
    EXPECT_EQ(Codes(v), expected) << "mask " << mask;
    EXPECT_EQ(v.state, mask ? State::kNotCompleted : State::kCompleted) << "mask " << mask;
    // The same record while running: certain failures make ineligible; the exam once
    // scored too; reflection and evaluations can still be met.
    input.class_finished = false;
    const CompletionVerdict running = EvaluateCompletion(input, rules);
    EXPECT_EQ(running.state, (mask & 15) ? State::kIneligible : State::kOnTrack) << "mask " << mask;
  }
}

TEST(CompletionRulesTest, EachLimitExactlyAndOneOver) {
  CompletionRules rules;
  rules.max_absences = 2;
  rules.max_discipline = 3;
  // Absences: 2 allowed.
  EXPECT_EQ(EvaluateCompletion(Finished({Absent(10), Absent(10), Attended(100)}), rules).state,
            State::kCompleted);
  EXPECT_EQ(Codes(EvaluateCompletion(Finished({Absent(10), Absent(10), Absent(10), Attended(100)}),
                                     rules)),
            std::vector<std::string>{"completion.absences"});
  // Discipline: 3 flags allowed.
  EXPECT_EQ(
      EvaluateCompletion(Finished({Attended(10, true, true, true), Attended(10)}), rules).state,
      State::kCompleted);
  EXPECT_EQ(Codes(EvaluateCompletion(Finished({Attended(10, true, true, true), Attended(10, true)}),
                                     rules)),
            std::vector<std::string>{"completion.discipline"});
  // Leave share: 1/7 exactly fine, one tenth more fails (10 of 70, 11 of 77 vs 11 of 70).
  EXPECT_EQ(EvaluateCompletion(Finished({Excused(10), Attended(60)}), rules).state,
            State::kCompleted);
  EXPECT_EQ(Codes(EvaluateCompletion(Finished({Excused(11), Attended(59)}), rules)),
            std::vector<std::string>{"completion.leave_share"});
}

// One concrete trainee, by hand. Class with groups 1 and 2; the trainee is in group 1.
//   S1 whole class  开班     3.0 学时  attended
//   S2 group 1      讨论     2.0       excused        (S3, group 2's discussion, runs in
//   S3 group 2      讨论     2.0       —               parallel: not in the programme)
//   S4 whole class  讲座     3.0       attended, late
//   S5 group 1      现场教学 4.0       still to come
//   S6 group 2      现场教学 4.0       —
//   S7 whole class  讲座     4.0       still to come
// Programme = 3 + 2 + 3 + 4 + 4 = 16 学时 (160 tenths); excused 2 → share 20/160 = 1/8
// ≤ 1/7. Allowed leave = floor(160 / 7) = 22 tenths → 0.2 学时 left. One more leave of
// the longest session to come (4 学时): 60 × 7 = 420 > 160 → at risk. Discipline 1 of 3
// → 2 left; absences 0 of 0 → 0 left.
TEST(CompletionRulesTest, OneTraineeByHandWithParallelGroupAndFutureSessions) {
  struct Row {
    std::vector<int64_t> groups;
    SessionOutcome outcome;
  };
  const std::vector<Row> timetable = {
      {{}, Attended(30)},   {{1}, Excused(20)},   {{2}, Attended(20)}, {{}, Attended(30, true)},
      {{1}, Undecided(40)}, {{2}, Undecided(40)}, {{}, Undecided(40)}};
  std::vector<SessionOutcome> programme;
  std::vector<ProgrammeSession> for_hours;
  for (const Row& row : timetable) {
    for_hours.push_back({row.groups, row.outcome.hours_tenths});
    if (InProgramme(row.groups, int64_t{1})) programme.push_back(row.outcome);
  }
  ASSERT_EQ(programme.size(), 5u);
  EXPECT_EQ(ProgrammeTenths(for_hours, int64_t{1}), 160);

  CompletionInput input = Running(programme);
  const CompletionVerdict v = EvaluateCompletion(input, {});
  EXPECT_EQ(v.programme_tenths, 160);
  EXPECT_EQ(v.excused_tenths, 20);
  EXPECT_EQ(v.credited_tenths, 60);
  EXPECT_EQ(v.leave_share, (Fraction{1, 8}));
  EXPECT_EQ(v.state, State::kAtRisk);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"completion.leave_share.at_risk"});
  EXPECT_EQ(v.reasons[0].message_zh, "请假 2 学时，占应修 16 学时的 1/8，再请假 4 学时将超过 1/7");
  EXPECT_EQ(v.leave_tenths_left, 2);
  EXPECT_EQ(v.absences_left, 0);
  EXPECT_EQ(v.discipline_left, 2);
  EXPECT_EQ(v.still_possible_zh, "还可请假 0.2 学时，还可缺勤 0 次，还可违纪 2 次");

  // The class ends: S5 and S7 attended, exam 60.0, paper passed → completed, 14 学时.
  programme[3].status = AttendanceStatus::kAttended;
  programme[4].status = AttendanceStatus::kAttended;
  CompletionInput done = Finished(programme);
  done.exam_score_tenths = 600;
  done.reflection = ReflectionState::kPassed;
  const CompletionVerdict end = EvaluateCompletion(done, {});
  EXPECT_EQ(end.state, State::kCompleted);
  EXPECT_EQ(end.credited_tenths, 140);
  EXPECT_EQ(end.leave_tenths_left, 0);  // only while running
  // Had they taken leave for S7 too: 60/160 = 3/8 > 1/7 → not completed (退学).
  programme[4].status = AttendanceStatus::kExcused;
  EXPECT_EQ(Codes(EvaluateCompletion(Finished(programme), {})),
            std::vector<std::string>{"completion.leave_share"});
}

}  // namespace
}  // namespace peixun::core
