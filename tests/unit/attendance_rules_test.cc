#include "core/attendance_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace peixun::core {
namespace {

constexpr int64_t kMinute = 60'000;
// 2020-09-14 09:00 Asia/Shanghai (01:00 UTC); a 90-minute lecture.
constexpr int64_t kS = 1'600'045'200'000;
constexpr int64_t kE = kS + 90 * kMinute;

using Kind = AttendanceEvent::Kind;

AttendanceInput Session(bool requires_checkout = false, int64_t start = kS, int64_t end = kE) {
  AttendanceInput input;
  input.session = SessionWindow{start, end, requires_checkout};
  return input;
}

void CheckIn(AttendanceInput& input, int64_t at) { input.events.push_back({Kind::kCheckIn, at}); }
void CheckOut(AttendanceInput& input, int64_t at) { input.events.push_back({Kind::kCheckOut, at}); }

AttendanceResult Eval(const AttendanceInput& input, const AttendanceRules& rules = {}) {
  return EvaluateAttendance(input, rules);
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// --- defaults and the plain cases ----------------------------------------------------

TEST(AttendanceRulesTest, DefaultsAreDesignFigures) {
  AttendanceRules rules;
  EXPECT_EQ(rules.checkin_opens_before_min, 30);
  EXPECT_EQ(rules.checkin_closes_after_min, 0);
  EXPECT_EQ(rules.checkout_closes_after_min, 30);
  EXPECT_EQ(rules.late_grace_min, 5);
  EXPECT_EQ(rules.early_grace_min, 5);
}

TEST(AttendanceRulesTest, OnTimeCheckInAttendsWithoutFlags) {
  AttendanceInput input = Session();
  CheckIn(input, kS - 10 * kMinute);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_STREQ(r.reason_code, kAttendanceAttended);
  EXPECT_FALSE(r.late);
  EXPECT_FALSE(r.left_early);
  EXPECT_FALSE(r.left_midway);
  EXPECT_EQ(r.discipline_count, 0);
  EXPECT_EQ(r.first_checkin_ms, kS - 10 * kMinute);
  EXPECT_FALSE(r.last_checkout_ms.has_value());
  EXPECT_EQ(r.explanation_zh, "出勤");
  EXPECT_EQ(r.explanation_en, "attended");
}

TEST(AttendanceRulesTest, NoCheckInIsAbsent) {
  const AttendanceResult r = Eval(Session());
  EXPECT_EQ(r.status, AttendanceStatus::kAbsent);
  EXPECT_STREQ(r.reason_code, kAttendanceAbsentNoCheckin);
  EXPECT_EQ(r.explanation_zh, "缺勤：未签到");
  EXPECT_EQ(r.discipline_count, 0);
}

TEST(AttendanceRulesTest, StatusCodes) {
  EXPECT_STREQ(AttendanceStatusCode(AttendanceStatus::kAttended), "attended");
  EXPECT_STREQ(AttendanceStatusCode(AttendanceStatus::kExcused), "excused");
  EXPECT_STREQ(AttendanceStatusCode(AttendanceStatus::kAbsent), "absent");
}

// --- late -----------------------------------------------------------------------------

TEST(AttendanceRulesTest, ExactlyAtTheGraceLimitIsOnTime) {
  AttendanceInput input = Session();
  CheckIn(input, kS + 5 * kMinute);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_FALSE(r.late);
}

TEST(AttendanceRulesTest, OneMillisecondAfterTheGraceLimitIsLate) {
  AttendanceInput input = Session();
  CheckIn(input, kS + 5 * kMinute + 1);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_TRUE(r.late);
  EXPECT_EQ(r.discipline_count, 1);
  // Minutes round up: 5 min 1 ms late reads 6 minutes.
  EXPECT_TRUE(Contains(r.explanation_zh, "迟到：首次签到晚于开始 6 分钟（宽限 5 分钟）"))
      << r.explanation_zh;
  EXPECT_TRUE(Contains(r.explanation_en, "late: first check-in 6 min after the start"))
      << r.explanation_en;
}

TEST(AttendanceRulesTest, GraceIsConfigurable) {
  AttendanceRules rules;
  rules.late_grace_min = 10;
  AttendanceInput input = Session();
  CheckIn(input, kS + 10 * kMinute);
  EXPECT_FALSE(Eval(input, rules).late);
  input.events.clear();
  CheckIn(input, kS + 10 * kMinute + 1);
  EXPECT_TRUE(Eval(input, rules).late);

  rules.late_grace_min = 0;
  input.events.clear();
  CheckIn(input, kS);
  EXPECT_FALSE(Eval(input, rules).late);
  input.events.clear();
  CheckIn(input, kS + 1);
  EXPECT_TRUE(Eval(input, rules).late);
}

TEST(AttendanceRulesTest, NegativeGraceCountsAsZero) {
  AttendanceRules rules;
  rules.late_grace_min = -5;
  AttendanceInput input = Session();
  CheckIn(input, kS);
  EXPECT_FALSE(Eval(input, rules).late);
}

TEST(AttendanceRulesTest, RepeatedCheckInsFirstCounts) {
  AttendanceInput input = Session();
  CheckIn(input, kS + 20 * kMinute);  // given out of order
  CheckIn(input, kS + 2 * kMinute);
  CheckIn(input, kS + 2 * kMinute);  // duplicate
  CheckIn(input, kS + 50 * kMinute);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.first_checkin_ms, kS + 2 * kMinute);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_FALSE(r.late);
}

// --- rule 4: later than half the session ------------------------------------------------

TEST(AttendanceRulesTest, CheckInExactlyAtHalfTimeIsAttendedLate) {
  AttendanceInput input = Session();
  CheckIn(input, kS + 45 * kMinute);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_TRUE(r.late);
}

TEST(AttendanceRulesTest, CheckInAfterHalfTimeIsAbsent) {
  AttendanceInput input = Session();
  CheckIn(input, kS + 45 * kMinute + 1);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAbsent);
  EXPECT_STREQ(r.reason_code, kAttendanceAbsentTooLate);
  EXPECT_FALSE(r.late);
  EXPECT_EQ(r.discipline_count, 0);
  EXPECT_EQ(r.first_checkin_ms, kS + 45 * kMinute + 1);
  EXPECT_TRUE(Contains(r.explanation_zh, "超过课程时长（90 分钟）的一半")) << r.explanation_zh;
}

TEST(AttendanceRulesTest, HalfOfAnOddDurationIsComparedExactly) {
  // D = 3 ms: D/2 = 1.5 ms. 1 ms after S is within, 2 ms is beyond.
  AttendanceRules rules;
  rules.late_grace_min = 0;
  AttendanceInput input = Session(false, kS, kS + 3);
  CheckIn(input, kS + 1);
  EXPECT_EQ(Eval(input, rules).status, AttendanceStatus::kAttended);
  input.events.clear();
  CheckIn(input, kS + 2);
  EXPECT_EQ(Eval(input, rules).status, AttendanceStatus::kAbsent);
}

// --- windows --------------------------------------------------------------------------

TEST(AttendanceWindowTest, CheckInOpensThirtyMinutesBeforeAndClosesAtTheEnd) {
  const SessionWindow s{kS, kE, false};
  const AttendanceRules rules;
  EXPECT_TRUE(CheckInWindow(s, rules, kS - 30 * kMinute).ok());
  EXPECT_TRUE(CheckInWindow(s, rules, kS));
  EXPECT_TRUE(CheckInWindow(s, rules, kE).ok());

  const WindowCheck early = CheckInWindow(s, rules, kS - 30 * kMinute - 1);
  EXPECT_FALSE(early.ok());
  EXPECT_EQ(early.state, WindowCheck::State::kNotOpenYet);
  EXPECT_STREQ(early.code, kWindowNotOpenYet);
  EXPECT_EQ(early.minutes_until_open, 1);
  EXPECT_EQ(early.opens_at_ms, kS - 30 * kMinute);
  EXPECT_EQ(early.closes_at_ms, kE);

  const WindowCheck late = CheckInWindow(s, rules, kE + 1);
  EXPECT_EQ(late.state, WindowCheck::State::kClosed);
  EXPECT_STREQ(late.code, kWindowClosed);
  EXPECT_EQ(late.minutes_until_open, 0);
  EXPECT_EQ(late.message_zh, "签到已截止");
  EXPECT_EQ(late.message_en, "check-in has closed");
}

TEST(AttendanceWindowTest, CheckInBeforeTheSessionOpensIsRefusedWithMinutes) {
  const SessionWindow s{kS, kE, false};
  const WindowCheck check = CheckInWindow(s, {}, kS - 40 * kMinute - 1);
  EXPECT_EQ(check.minutes_until_open, 11);  // 10 min 1 ms, rounded up
  EXPECT_EQ(check.message_zh, "签到尚未开始，11 分钟后开放");
  EXPECT_EQ(check.message_en, "check-in is not open yet; it opens in 11 min");
  const Status status = check.ToStatus();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "attendance.window.not_open_yet");
  EXPECT_EQ(status.error().kind, ErrorKind::kConflict);
}

TEST(AttendanceWindowTest, CheckOutOpensAtTheStartAndClosesThirtyMinutesAfter) {
  const SessionWindow s{kS, kE, true};
  const AttendanceRules rules;
  EXPECT_TRUE(CheckOutWindow(s, rules, kS).ok());
  EXPECT_TRUE(CheckOutWindow(s, rules, kE + 30 * kMinute).ok());
  const WindowCheck early = CheckOutWindow(s, rules, kS - 1);
  EXPECT_EQ(early.state, WindowCheck::State::kNotOpenYet);
  EXPECT_EQ(early.minutes_until_open, 1);
  EXPECT_EQ(early.message_zh, "签退尚未开始，1 分钟后开放");
  const WindowCheck late = CheckOutWindow(s, rules, kE + 30 * kMinute + 1);
  EXPECT_EQ(late.state, WindowCheck::State::kClosed);
  EXPECT_EQ(late.ToStatus().error().code, "attendance.window.closed");
  EXPECT_TRUE(CheckOutWindow(s, rules, kS + kMinute).ToStatus().ok());
}

TEST(AttendanceWindowTest, WindowFiguresAreConfigurable) {
  const SessionWindow s{kS, kE, true};
  AttendanceRules rules;
  rules.checkin_opens_before_min = 15;
  rules.checkin_closes_after_min = 10;
  rules.checkout_closes_after_min = 0;
  EXPECT_FALSE(CheckInWindow(s, rules, kS - 15 * kMinute - 1).ok());
  EXPECT_TRUE(CheckInWindow(s, rules, kS - 15 * kMinute).ok());
  EXPECT_TRUE(CheckInWindow(s, rules, kE + 10 * kMinute).ok());
  EXPECT_FALSE(CheckInWindow(s, rules, kE + 10 * kMinute + 1).ok());
  EXPECT_TRUE(CheckOutWindow(s, rules, kE).ok());
  EXPECT_FALSE(CheckOutWindow(s, rules, kE + 1).ok());
}

TEST(AttendanceRulesTest, CheckInBeforeTheWindowOpensIsNotCounted) {
  AttendanceInput input = Session();
  CheckIn(input, kS - 30 * kMinute - 1);
  AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAbsent);
  EXPECT_STREQ(r.reason_code, kAttendanceAbsentNoCheckin);
  EXPECT_FALSE(r.first_checkin_ms.has_value());

  CheckIn(input, kS + 7 * kMinute);  // the refused scan, then a real one
  r = Eval(input);
  EXPECT_EQ(r.first_checkin_ms, kS + 7 * kMinute);
  EXPECT_TRUE(r.late);

  input.events.clear();
  CheckIn(input, kS - 30 * kMinute);  // the first instant the window is open counts
  EXPECT_EQ(Eval(input).first_checkin_ms, kS - 30 * kMinute);
}

TEST(AttendanceRulesTest, CheckInAfterTheWindowClosesIsNotCounted) {
  AttendanceInput input = Session();
  CheckIn(input, kE + 1);
  EXPECT_STREQ(Eval(input).reason_code, kAttendanceAbsentNoCheckin);
}

// --- check-out and left early ------------------------------------------------------------

TEST(AttendanceRulesTest, CheckOutExactlyAtTheEarlyLimitIsFine) {
  AttendanceInput input = Session(true);
  CheckIn(input, kS);
  CheckOut(input, kE - 5 * kMinute);
  const AttendanceResult r = Eval(input);
  EXPECT_FALSE(r.left_early);
  EXPECT_EQ(r.last_checkout_ms, kE - 5 * kMinute);
}

TEST(AttendanceRulesTest, CheckOutOneMillisecondEarlierLeftEarly) {
  AttendanceInput input = Session(true);
  CheckIn(input, kS);
  CheckOut(input, kE - 5 * kMinute - 1);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_TRUE(r.left_early);
  EXPECT_EQ(r.discipline_count, 1);
  EXPECT_TRUE(Contains(r.explanation_zh, "早退：签退早于结束 6 分钟（宽限 5 分钟）"))
      << r.explanation_zh;
}

TEST(AttendanceRulesTest, MissingCheckOutLeftEarlyWhenRequired) {
  AttendanceInput input = Session(true);
  CheckIn(input, kS);
  const AttendanceResult r = Eval(input);
  EXPECT_TRUE(r.left_early);
  EXPECT_TRUE(Contains(r.explanation_zh, "早退：未签退")) << r.explanation_zh;
  EXPECT_TRUE(Contains(r.explanation_en, "left early: no check-out")) << r.explanation_en;
}

TEST(AttendanceRulesTest, NoCheckOutNeededNeverLeftEarly) {
  AttendanceInput input = Session(false);
  CheckIn(input, kS);
  EXPECT_FALSE(Eval(input).left_early);
  CheckOut(input, kS + 10 * kMinute);
  const AttendanceResult r = Eval(input);
  EXPECT_FALSE(r.left_early);
  EXPECT_EQ(r.last_checkout_ms, kS + 10 * kMinute);
}

TEST(AttendanceRulesTest, LastCheckOutCounts) {
  AttendanceInput input = Session(true);
  CheckIn(input, kS);
  CheckOut(input, kE);
  CheckOut(input, kS + 30 * kMinute);  // an earlier one, given later
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.last_checkout_ms, kE);
  EXPECT_FALSE(r.left_early);
}

TEST(AttendanceRulesTest, CheckOutBeforeCheckInIsIgnored) {
  AttendanceInput input = Session(true);
  CheckOut(input, kS + 2 * kMinute);
  CheckIn(input, kS + 3 * kMinute);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_FALSE(r.last_checkout_ms.has_value());
  EXPECT_TRUE(r.left_early);  // the only check-out did not count
}

TEST(AttendanceRulesTest, CheckOutAtTheSameInstantAsCheckInCounts) {
  AttendanceInput input = Session(true);
  CheckIn(input, kS);
  CheckOut(input, kS);
  EXPECT_EQ(Eval(input).last_checkout_ms, kS);
}

TEST(AttendanceRulesTest, CheckOutOutsideItsWindowIsIgnored) {
  AttendanceInput input = Session(true);
  CheckIn(input, kS - 20 * kMinute);
  CheckOut(input, kS - 10 * kMinute);      // before S: check-out not open yet
  CheckOut(input, kE + 30 * kMinute + 1);  // after it closed
  AttendanceResult r = Eval(input);
  EXPECT_FALSE(r.last_checkout_ms.has_value());
  EXPECT_TRUE(r.left_early);
  CheckOut(input, kE + 30 * kMinute);
  r = Eval(input);
  EXPECT_EQ(r.last_checkout_ms, kE + 30 * kMinute);
  EXPECT_FALSE(r.left_early);
}

TEST(AttendanceRulesTest, CheckOutBeforeHalfTimeStillAttended) {
  // Leaving early does not make a trainee absent; only the check-in time can.
  AttendanceInput input = Session(true);
  CheckIn(input, kS);
  CheckOut(input, kS + 10 * kMinute);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_TRUE(r.left_early);
}

// --- midnight -------------------------------------------------------------------------------

TEST(AttendanceRulesTest, SessionCrossingMidnight) {
  // 23:00–01:00 Asia/Shanghai (15:00–17:00 UTC): nothing depends on the calendar day.
  constexpr int64_t kMidnightUtc = 1'600'099'200'000;  // 2020-09-15 00:00 +08:00
  const int64_t start = kMidnightUtc - 60 * kMinute;
  const int64_t end = kMidnightUtc + 60 * kMinute;
  AttendanceInput input = Session(true, start, end);
  CheckIn(input, start + 6 * kMinute);
  CheckOut(input, end - 6 * kMinute);  // after midnight, the next day
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_TRUE(r.late);
  EXPECT_TRUE(r.left_early);
  EXPECT_EQ(r.discipline_count, 2);

  EXPECT_TRUE(CheckInWindow(input.session, {}, start - 30 * kMinute).ok());
  EXPECT_TRUE(CheckOutWindow(input.session, {}, end + 30 * kMinute).ok());
  EXPECT_FALSE(CheckOutWindow(input.session, {}, end + 30 * kMinute + 1).ok());

  input.events.clear();
  CheckIn(input, kMidnightUtc + 1);  // just past midnight, past half time
  EXPECT_EQ(Eval(input).status, AttendanceStatus::kAbsent);
}

// --- leave -------------------------------------------------------------------------------------

TEST(AttendanceRulesTest, LeaveOverHalfIsExcusedEvenWithoutCheckIn) {
  AttendanceInput input = Session(true);
  input.approved_leaves.push_back({kS, kS + 60 * kMinute});
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kExcused);
  EXPECT_STREQ(r.reason_code, kAttendanceExcusedLeave);
  EXPECT_EQ(r.leave_covered_ms, 60 * kMinute);
  EXPECT_EQ(r.discipline_count, 0);
  EXPECT_EQ(r.explanation_zh, "请假：已批准的请假覆盖 60 分钟，课程共 90 分钟，达到一半");
}

TEST(AttendanceRulesTest, LeaveOfExactlyHalfIsExcused) {
  AttendanceInput input = Session();
  input.approved_leaves.push_back({kE - 45 * kMinute, kE});
  CheckIn(input, kS);  // even with a check-in: rule 2 comes before rule 5
  EXPECT_EQ(Eval(input).status, AttendanceStatus::kExcused);
}

TEST(AttendanceRulesTest, LeaveJustUnderHalfIsNotExcused) {
  AttendanceInput input = Session();
  input.approved_leaves.push_back({kE - 45 * kMinute + 1, kE});
  EXPECT_EQ(Eval(input).status, AttendanceStatus::kAbsent);
  CheckIn(input, kS);
  EXPECT_EQ(Eval(input).status, AttendanceStatus::kAttended);
}

TEST(AttendanceRulesTest, LeaveOfExactlyHalfOfAnOddDurationIsComparedExactly) {
  // D = 45 min: half is 22.5 min.
  AttendanceInput input = Session(false, kS, kS + 45 * kMinute);
  input.approved_leaves.push_back({kS, kS + 22 * kMinute + 30'000});
  EXPECT_EQ(Eval(input).status, AttendanceStatus::kExcused);
  EXPECT_TRUE(Contains(Eval(input).explanation_zh, "覆盖 22.5 分钟")) << Eval(input).explanation_zh;
  input.approved_leaves[0].end_ms -= 1;
  EXPECT_EQ(Eval(input).status, AttendanceStatus::kAbsent);
}

TEST(AttendanceRulesTest, PartialLeaveCoveringTheStartSuppressesLate) {
  AttendanceInput input = Session();
  input.approved_leaves.push_back({kS - 60 * kMinute, kS + 20 * kMinute});  // 20 of 90 min
  CheckIn(input, kS + 25 * kMinute);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_FALSE(r.late);
  EXPECT_EQ(r.discipline_count, 0);
  EXPECT_EQ(r.leave_covered_ms, 20 * kMinute);
  EXPECT_TRUE(Contains(r.explanation_zh, "因请假覆盖开始时间不计迟到")) << r.explanation_zh;
}

TEST(AttendanceRulesTest, LeaveStartingExactlyAtTheStartCoversIt) {
  AttendanceInput input = Session();
  input.approved_leaves.push_back({kS, kS + 10 * kMinute});
  CheckIn(input, kS + 12 * kMinute);
  EXPECT_FALSE(Eval(input).late);
}

TEST(AttendanceRulesTest, PartialLeaveNotCoveringTheStartKeepsLate) {
  AttendanceInput input = Session();
  input.approved_leaves.push_back({kS + 1, kS + 20 * kMinute});
  CheckIn(input, kS + 25 * kMinute);
  EXPECT_TRUE(Eval(input).late);

  input.approved_leaves = {{kS - 30 * kMinute, kS}};  // ends exactly at S: does not cover it
  EXPECT_TRUE(Eval(input).late);
}

TEST(AttendanceRulesTest, PartialLeaveCoveringTheEndSuppressesLeftEarly) {
  AttendanceInput input = Session(true);
  input.approved_leaves.push_back({kE - 30 * kMinute, kE});  // ends exactly at E: covers it
  CheckIn(input, kS);
  CheckOut(input, kE - 30 * kMinute);
  AttendanceResult r = Eval(input);
  EXPECT_FALSE(r.left_early);
  EXPECT_TRUE(Contains(r.explanation_zh, "因请假覆盖结束时间不计早退")) << r.explanation_zh;

  input.events.pop_back();  // leave at the end excuses a missing check-out too
  EXPECT_FALSE(Eval(input).left_early);

  input.approved_leaves = {{kE - 30 * kMinute, kE - 1}};
  EXPECT_TRUE(Eval(input).left_early);
  input.approved_leaves = {{kE, kE + 60 * kMinute}};  // starts at E: does not cover it
  EXPECT_TRUE(Eval(input).left_early);
}

TEST(AttendanceRulesTest, OverlappingLeavesAreCountedOnce) {
  // 09:00–09:30 and 09:10–09:40 cover 40 minutes, not 60: under half of 90.
  AttendanceInput input = Session();
  input.approved_leaves.push_back({kS + 10 * kMinute, kS + 40 * kMinute});
  input.approved_leaves.push_back({kS, kS + 30 * kMinute});
  input.approved_leaves.push_back({kS + 5 * kMinute, kS + 15 * kMinute});  // inside both
  input.approved_leaves.push_back({kS, kS + 30 * kMinute});                // duplicate
  AttendanceResult r = Eval(input);
  EXPECT_EQ(r.leave_covered_ms, 40 * kMinute);
  EXPECT_EQ(r.status, AttendanceStatus::kAbsent);

  input.approved_leaves.push_back({kS + 40 * kMinute, kS + 45 * kMinute});  // touching: +5
  r = Eval(input);
  EXPECT_EQ(r.leave_covered_ms, 45 * kMinute);
  EXPECT_EQ(r.status, AttendanceStatus::kExcused);
}

TEST(AttendanceRulesTest, LeaveOutsideTheSessionIsClippedAndEmptyLeaveIgnored) {
  AttendanceInput input = Session();
  input.approved_leaves.push_back({kS - 600 * kMinute, kS - 60 * kMinute});
  input.approved_leaves.push_back({kE, kE + 600 * kMinute});
  input.approved_leaves.push_back({kS + 30 * kMinute, kS + 30 * kMinute});  // empty
  input.approved_leaves.push_back({kS + 50 * kMinute, kS + 20 * kMinute});  // reversed
  input.approved_leaves.push_back({kE - 10 * kMinute, kE + 600 * kMinute});
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.leave_covered_ms, 10 * kMinute);
  EXPECT_EQ(r.status, AttendanceStatus::kAbsent);
}

// --- corrections -----------------------------------------------------------------------------

TEST(AttendanceRulesTest, CorrectionOverridesEvents) {
  AttendanceInput input = Session(true);
  CheckIn(input, kS + 20 * kMinute);  // late and no check-out
  input.corrections.push_back(
      {AttendanceStatus::kAttended, false, false, false, "设备故障，学员准时到场", kE});
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_STREQ(r.reason_code, kAttendanceCorrected);
  EXPECT_FALSE(r.late);
  EXPECT_FALSE(r.left_early);
  EXPECT_EQ(r.discipline_count, 0);
  EXPECT_EQ(r.first_checkin_ms, kS + 20 * kMinute);  // the original events stay visible
  EXPECT_EQ(r.explanation_zh, "班主任更正为出勤：设备故障，学员准时到场");
  EXPECT_EQ(r.explanation_en, "corrected by the head teacher to attended: 设备故障，学员准时到场");
}

TEST(AttendanceRulesTest, CorrectionToAbsentOverridesLeaveAndCheckIn) {
  AttendanceInput input = Session();
  CheckIn(input, kS);
  input.approved_leaves.push_back({kS, kE});
  input.corrections.push_back({AttendanceStatus::kAbsent, true, true, true, "代签", kE});
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAbsent);
  EXPECT_FALSE(r.late);  // flags only apply to a correction to attended
  EXPECT_EQ(r.discipline_count, 0);
}

TEST(AttendanceRulesTest, CorrectionToAttendedCarriesItsOwnFlags) {
  AttendanceInput input = Session();  // no events at all
  input.corrections.push_back({AttendanceStatus::kAttended, true, false, true, "补录", kE});
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_TRUE(r.late);
  EXPECT_FALSE(r.left_early);
  EXPECT_TRUE(r.left_midway);
  EXPECT_EQ(r.discipline_count, 2);
  EXPECT_EQ(r.explanation_zh, "班主任更正为出勤，迟到，中途外出：补录");
}

TEST(AttendanceRulesTest, LatestCorrectionWins) {
  AttendanceInput input = Session();
  input.corrections.push_back({AttendanceStatus::kExcused, false, false, false, "后补假条", 300});
  input.corrections.push_back({AttendanceStatus::kAbsent, false, false, false, "误操作", 100});
  EXPECT_EQ(Eval(input).status, AttendanceStatus::kExcused);

  // On a tie, the later one in the vector wins.
  input.corrections.push_back({AttendanceStatus::kAttended, false, false, false, "再次更正", 300});
  EXPECT_EQ(Eval(input).status, AttendanceStatus::kAttended);
  EXPECT_TRUE(Contains(Eval(input).explanation_zh, "再次更正"));
}

// --- spot checks ------------------------------------------------------------------------------

TEST(AttendanceRulesTest, UnconfirmedSpotCheckAfterCheckInIsLeftMidway) {
  AttendanceInput input = Session();
  CheckIn(input, kS);
  input.spot_checks.push_back({7, kS + 30 * kMinute, kS + 35 * kMinute});
  const AttendanceResult r = Eval(input);
  EXPECT_TRUE(r.left_midway);
  EXPECT_EQ(r.discipline_count, 1);
  EXPECT_EQ(r.missed_spot_checks, std::vector<int64_t>{7});
  EXPECT_TRUE(Contains(r.explanation_zh, "中途外出：1 次随机点名未在规定时间内确认"));
}

TEST(AttendanceRulesTest, SpotCheckConfirmedInItsWindowIsFine) {
  AttendanceInput input = Session();
  CheckIn(input, kS);
  input.spot_checks.push_back({7, kS + 30 * kMinute, kS + 35 * kMinute});
  input.confirmations.push_back({7, kS + 30 * kMinute});  // the opening instant
  EXPECT_FALSE(Eval(input).left_midway);
  input.confirmations = {{7, kS + 35 * kMinute}};  // the closing instant
  EXPECT_FALSE(Eval(input).left_midway);
}

TEST(AttendanceRulesTest, SpotCheckConfirmedLateCountsAsNotConfirmed) {
  AttendanceInput input = Session();
  CheckIn(input, kS);
  input.spot_checks.push_back({7, kS + 30 * kMinute, kS + 35 * kMinute});
  input.confirmations.push_back({7, kS + 35 * kMinute + 1});
  EXPECT_TRUE(Eval(input).left_midway);
  input.confirmations = {{7, kS + 30 * kMinute - 1}};  // before it opened
  EXPECT_TRUE(Eval(input).left_midway);
  input.confirmations = {{8, kS + 31 * kMinute}};  // another spot check's confirmation
  EXPECT_TRUE(Eval(input).left_midway);
  input.confirmations.push_back({7, kS + 40 * kMinute});
  input.confirmations.push_back({7, kS + 32 * kMinute});  // one in time is enough
  EXPECT_FALSE(Eval(input).left_midway);
}

TEST(AttendanceRulesTest, SpotCheckBeforeTheFirstCheckInDoesNotCount) {
  AttendanceInput input = Session();
  input.spot_checks.push_back({1, kS + 2 * kMinute, kS + 6 * kMinute});
  CheckIn(input, kS + 4 * kMinute);  // arrived while it was open: it opened before
  EXPECT_FALSE(Eval(input).left_midway);
  input.events.clear();
  CheckIn(input, kS + 2 * kMinute);  // checked in at the instant it opened: counts
  EXPECT_TRUE(Eval(input).left_midway);
}

TEST(AttendanceRulesTest, SpotCheckAfterTheLastCheckOutDoesNotCount) {
  AttendanceInput input = Session(true);
  CheckIn(input, kS);
  CheckOut(input, kS + 60 * kMinute);
  input.spot_checks.push_back({1, kS + 60 * kMinute, kS + 65 * kMinute});  // at check-out
  input.spot_checks.push_back({2, kS + 70 * kMinute, kS + 75 * kMinute});
  AttendanceResult r = Eval(input);
  EXPECT_FALSE(r.left_midway);
  EXPECT_TRUE(r.left_early);

  input.spot_checks.push_back({3, kS + 60 * kMinute - 1, kS + 65 * kMinute});
  r = Eval(input);
  EXPECT_TRUE(r.left_midway);
  EXPECT_EQ(r.missed_spot_checks, std::vector<int64_t>{3});
}

TEST(AttendanceRulesTest, SpotCheckBetweenCheckOutAndLaterCheckOutCounts) {
  // Out at 09:30, back and out again at 10:30: the last check-out bounds the span.
  AttendanceInput input = Session(true);
  CheckIn(input, kS);
  CheckOut(input, kS + 30 * kMinute);
  CheckOut(input, kE);
  input.spot_checks.push_back({4, kS + 40 * kMinute, kS + 45 * kMinute});
  EXPECT_TRUE(Eval(input).left_midway);
}

TEST(AttendanceRulesTest, SeveralMissedSpotChecksAreOneFlag) {
  AttendanceInput input = Session();
  CheckIn(input, kS);
  input.spot_checks.push_back({9, kS + 50 * kMinute, kS + 55 * kMinute});
  input.spot_checks.push_back({2, kS + 20 * kMinute, kS + 25 * kMinute});
  input.spot_checks.push_back({2, kS + 20 * kMinute, kS + 25 * kMinute});  // duplicate
  const AttendanceResult r = Eval(input);
  EXPECT_TRUE(r.left_midway);
  EXPECT_EQ(r.discipline_count, 1);
  EXPECT_EQ(r.missed_spot_checks, (std::vector<int64_t>{2, 9}));
}

TEST(AttendanceRulesTest, SpotChecksDoNotMatterWhenAbsentOrExcused) {
  AttendanceInput input = Session();
  input.spot_checks.push_back({1, kS + 20 * kMinute, kS + 25 * kMinute});
  EXPECT_FALSE(Eval(input).left_midway);
  input.approved_leaves.push_back({kS, kE});
  CheckIn(input, kS);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kExcused);
  EXPECT_FALSE(r.left_midway);
  EXPECT_TRUE(r.missed_spot_checks.empty());
}

// --- combined ---------------------------------------------------------------------------------

TEST(AttendanceRulesTest, FlagsCombine) {
  AttendanceInput input = Session(true);
  CheckIn(input, kS + 10 * kMinute);
  CheckOut(input, kE - 20 * kMinute);
  input.spot_checks.push_back({1, kS + 40 * kMinute, kS + 42 * kMinute});
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_TRUE(r.late);
  EXPECT_TRUE(r.left_early);
  EXPECT_TRUE(r.left_midway);
  EXPECT_EQ(r.discipline_count, 3);
  EXPECT_EQ(CreditedTenths(r, 20), 20);  // attended, whatever the flags
  EXPECT_TRUE(Contains(r.explanation_zh, "迟到"));
  EXPECT_TRUE(Contains(r.explanation_zh, "早退"));
  EXPECT_TRUE(Contains(r.explanation_zh, "中途外出"));
}

// --- hours ---------------------------------------------------------------------------------------

TEST(AttendanceRulesTest, CreditedTenthsOnlyWhenAttended) {
  AttendanceResult r;
  r.status = AttendanceStatus::kAttended;
  EXPECT_EQ(CreditedTenths(r, 25), 25);
  EXPECT_EQ(CreditedTenths(r, -5), 0);
  r.status = AttendanceStatus::kExcused;
  EXPECT_EQ(CreditedTenths(r, 25), 0);
  r.status = AttendanceStatus::kAbsent;
  EXPECT_EQ(CreditedTenths(r, 25), 0);
}

// --- invalid input -----------------------------------------------------------------------------

TEST(AttendanceRulesTest, InvalidSessionIsReportedNotGuessed) {
  AttendanceInput input = Session(false, kS, kS);
  CheckIn(input, kS);
  const AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAbsent);
  EXPECT_STREQ(r.reason_code, kAttendanceInvalidSession);

  const Status bad = ValidateSessionWindow({kE, kS, false});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "attendance.session.invalid");
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalid);
  EXPECT_TRUE(ValidateSessionWindow({kS, kE, false}).ok());
}

// --- pending: a session that has not ended (issue 9, item 10) -------------------------

TEST(AttendanceRulesTest, ASessionStillToComeIsPendingNotAbsent) {
  AttendanceInput input = Session();
  input.now_ms = kS - 60 * kMinute;
  AttendanceResult r = Eval(input);
  EXPECT_TRUE(r.pending);
  EXPECT_STREQ(r.reason_code, kAttendancePendingNotStarted);
  EXPECT_EQ(r.explanation_zh, "未开始");
  EXPECT_EQ(r.explanation_en, "not started");

  input.now_ms = kS + 10 * kMinute;
  r = Eval(input);
  EXPECT_TRUE(r.pending);
  EXPECT_STREQ(r.reason_code, kAttendancePendingRunning);
  EXPECT_EQ(r.explanation_zh, "进行中，尚未签到");
  EXPECT_EQ(r.explanation_en, "in progress, not checked in yet");

  // From E on, the rules decide: no check-in is an absence.
  input.now_ms = kE;
  r = Eval(input);
  EXPECT_FALSE(r.pending);
  EXPECT_STREQ(r.reason_code, kAttendanceAbsentNoCheckin);
  EXPECT_EQ(r.explanation_zh, "缺勤：未签到");
}

TEST(AttendanceRulesTest, ACheckInPastHalfWhileRunningSaysItWillCountAsAbsent) {
  AttendanceInput input = Session();
  CheckIn(input, kS + 50 * kMinute);
  input.now_ms = kS + 51 * kMinute;
  AttendanceResult r = Eval(input);
  EXPECT_TRUE(r.pending);
  EXPECT_STREQ(r.reason_code, kAttendancePendingTooLate);
  EXPECT_EQ(r.explanation_zh,
            "进行中；首次签到晚于开始 50 分钟，超过课程时长（90 分钟）的一半，结束后按缺勤计");
  input.now_ms.reset();
  r = Eval(input);
  EXPECT_FALSE(r.pending);
  EXPECT_STREQ(r.reason_code, kAttendanceAbsentTooLate);
  EXPECT_EQ(r.explanation_zh, "缺勤：首次签到晚于开始 50 分钟，超过课程时长（90 分钟）的一半");
}

TEST(AttendanceRulesTest, PendingNeverOverridesCorrectionsOrLeave) {
  AttendanceInput input = Session();
  input.now_ms = kS - 60 * kMinute;
  input.approved_leaves.push_back({kS, kE});
  EXPECT_EQ(Eval(input).status, AttendanceStatus::kExcused);
  EXPECT_FALSE(Eval(input).pending);
  input.approved_leaves.clear();
  input.corrections.push_back({AttendanceStatus::kAbsent, false, false, false, "病假未批", 1});
  EXPECT_FALSE(Eval(input).pending);
  EXPECT_STREQ(Eval(input).reason_code, kAttendanceCorrected);
}

TEST(AttendanceRulesTest, AMissingCheckOutIsNoEarlyLeaveWhileCheckOutIsOpen) {
  AttendanceInput input = Session(/*requires_checkout=*/true);
  CheckIn(input, kS);
  input.now_ms = kS + 30 * kMinute;
  AttendanceResult r = Eval(input);
  EXPECT_EQ(r.status, AttendanceStatus::kAttended);
  EXPECT_FALSE(r.left_early);
  EXPECT_EQ(r.explanation_zh, "出勤；尚未签退");
  input.now_ms = kE + 30 * kMinute;  // check-out closes at E + 30 min (inclusive)
  EXPECT_FALSE(Eval(input).left_early);
  input.now_ms = kE + 30 * kMinute + 1;
  r = Eval(input);
  EXPECT_TRUE(r.left_early);
  EXPECT_TRUE(Contains(r.explanation_zh, "早退：未签退")) << r.explanation_zh;
}

// --- what a check-in means (issue 9, item 11) --------------------------------------------

TEST(AttendanceRulesTest, CheckInMeaningOnTimeLateAndCountedAbsent) {
  const SessionWindow w{kS, kE, false};
  CheckinMeaning m = MeaningOfCheckIn(w, {}, kS + 5 * kMinute);
  EXPECT_EQ(m.kind, CheckinMeaning::Kind::kOnTime);
  EXPECT_STREQ(m.code, "on_time");
  EXPECT_STREQ(m.level, "success");
  EXPECT_EQ(m.label_zh, "");

  m = MeaningOfCheckIn(w, {}, kS + 11 * kMinute);
  EXPECT_EQ(m.kind, CheckinMeaning::Kind::kLate);
  EXPECT_STREQ(m.code, "late");
  EXPECT_STREQ(m.level, "warning");
  EXPECT_EQ(m.minutes, 11);
  EXPECT_EQ(m.label_zh, "迟到 11 分钟");
  EXPECT_EQ(m.label_en, "11 min late");

  // Exactly half (45 of 90 min) still attends, late; a minute more is absent.
  EXPECT_EQ(MeaningOfCheckIn(w, {}, kS + 45 * kMinute).kind, CheckinMeaning::Kind::kLate);
  m = MeaningOfCheckIn(w, {}, kS + 46 * kMinute);
  EXPECT_EQ(m.kind, CheckinMeaning::Kind::kCountedAbsent);
  EXPECT_STREQ(m.code, "absent");
  EXPECT_STREQ(m.level, "danger");
  EXPECT_EQ(m.label_zh, "晚于开始 46 分钟，超过课程一半时间，按缺勤计");

  // Approved leave over the start: not late; over half the session: excused.
  EXPECT_EQ(MeaningOfCheckIn(w, {}, kS + 20 * kMinute, {{kS, kS + 20 * kMinute}}).kind,
            CheckinMeaning::Kind::kOnTime);
  m = MeaningOfCheckIn(w, {}, kS + 50 * kMinute, {{kS, kS + 50 * kMinute}});
  EXPECT_EQ(m.kind, CheckinMeaning::Kind::kExcused);
  EXPECT_STREQ(m.level, "info");
}

TEST(AttendanceRulesTest, CheckInMeaningAgreesWithTheStatusAtEveryMinute) {
  const SessionWindow w{kS, kE, false};
  AttendanceRules rules;
  rules.late_grace_min = 3;
  for (int64_t at = kS - 30 * kMinute; at <= kE; at += kMinute / 2) {
    AttendanceInput input = Session();
    CheckIn(input, at);
    const AttendanceResult r = Eval(input, rules);
    const CheckinMeaning m = MeaningOfCheckIn(w, rules, at);
    if (r.status == AttendanceStatus::kAbsent) {
      EXPECT_STREQ(m.code, "absent") << at - kS;
    } else {
      EXPECT_STREQ(m.code, r.late ? "late" : "on_time") << at - kS;
    }
  }
}

TEST(AttendanceRulesTest, CheckOutMeaningSaysEarlyLeave) {
  const SessionWindow w{kS, kE, true};
  CheckinMeaning m = MeaningOfCheckOut(w, {}, kE - 50 * kMinute);
  EXPECT_EQ(m.kind, CheckinMeaning::Kind::kLeftEarly);
  EXPECT_STREQ(m.level, "warning");
  EXPECT_EQ(m.minutes, 50);
  EXPECT_EQ(m.label_zh, "早退 50 分钟");
  EXPECT_EQ(m.label_en, "left 50 min early");
  EXPECT_EQ(MeaningOfCheckOut(w, {}, kE - 5 * kMinute).kind, CheckinMeaning::Kind::kOnTime);
  EXPECT_EQ(MeaningOfCheckOut(w, {}, kE + 10 * kMinute).kind, CheckinMeaning::Kind::kOnTime);
  // No check-out required: never early; leave over the end: not early either.
  EXPECT_EQ(MeaningOfCheckOut({kS, kE, false}, {}, kS + kMinute).kind,
            CheckinMeaning::Kind::kOnTime);
  EXPECT_EQ(MeaningOfCheckOut(w, {}, kE - 20 * kMinute, {{kE - 20 * kMinute, kE}}).kind,
            CheckinMeaning::Kind::kOnTime);
}

}  // namespace
}  // namespace peixun::core
