// Attendance rules: how one trainee's check-in/check-out events, approved leave,
// spot checks and head-teacher corrections in one session become a status
// (attended / excused / absent) with flags (late, left early, left midway), and
// when the check-in and check-out windows are open.
//
// This is DESIGN.md "Domain rules": the ordered rules are implemented exactly as
// written there, and every decision this file adds where DESIGN is silent is
// stated below. Pure and thread-safe; no I/O, no clock (callers pass now_ms).
//
// Times are UTC instants in milliseconds. Spans (sessions, leaves) are half-open
// [start_ms, end_ms). The class's own figures live in modules/classes/class_rules.h;
// the attendance module maps them into AttendanceRules (core includes no module).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace peixun::core {

// Per-class figures, in minutes; the defaults are DESIGN.md's. All must be >= 0
// (a negative figure is treated as 0). A spot check's confirm window is per spot
// check (SpotCheck::closes_ms), not a rule figure.
struct AttendanceRules {
  int checkin_opens_before_min = 30;   // check-in opens at S − this
  int checkin_closes_after_min = 0;    // check-in closes at E + this (DESIGN: at E)
  int checkout_closes_after_min = 30;  // check-out (opens at S) closes at E + this
  int late_grace_min = 5;              // first check-in after S + this is late
  int early_grace_min = 5;             // last check-out before E − this is early
};

// The status of one trainee in one session. Named AttendanceStatus, not Status,
// because peixun::Status is Result<void>.
enum class AttendanceStatus {
  kAttended,  // 出勤 (possibly with flags)
  kExcused,   // 请假
  kAbsent,    // 缺勤
};

// "attended" / "excused" / "absent": the stable spelling for JSON and storage.
const char* AttendanceStatusCode(AttendanceStatus status);

// The session as the trainee's attendance sees it: start S, end E (D = E − S).
// A valid window has start_ms < end_ms.
struct SessionWindow {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  bool requires_checkout = false;  // 需要签退: otherwise "left early" never applies
};

// A check-in or check-out the server accepted (or an imported one).
struct AttendanceEvent {
  enum class Kind { kCheckIn, kCheckOut };
  Kind kind = Kind::kCheckIn;
  int64_t at_ms = 0;
};

// An approved leave, half-open [start_ms, end_ms). Leaves may overlap each other;
// what counts is the length of their union inside the session. Only approved leave
// may be passed: pending or refused requests are the caller's to filter.
struct LeaveSpan {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
};

// A spot check (随机点名) held in the session: trainees present had to confirm
// between opened_ms and closes_ms, both inclusive.
struct SpotCheck {
  int64_t id = 0;
  int64_t opened_ms = 0;
  int64_t closes_ms = 0;
};

// This trainee's confirmation of spot check `spot_check_id` at `at_ms`. Several for
// one spot check are fine (any inside its window counts); one naming a spot check
// not in the input is ignored.
struct SpotCheckConfirmation {
  int64_t spot_check_id = 0;
  int64_t at_ms = 0;
};

// A head teacher's correction (an audited event; the original events stay). The
// latest (largest at_ms; on a tie, the later one in the vector) wins. The flags
// are the correction's own: they apply only when status is kAttended, and are
// otherwise ignored — a correction never inherits flags computed from events.
struct Correction {
  AttendanceStatus status = AttendanceStatus::kAttended;
  bool late = false;
  bool left_early = false;
  bool left_midway = false;
  std::string reason;  // required by the service; shown in the explanation
  int64_t at_ms = 0;
};

// Everything known about one trainee in one session. Vectors may be in any order
// and hold duplicates.
struct AttendanceInput {
  SessionWindow session;
  std::vector<AttendanceEvent> events;
  std::vector<LeaveSpan> approved_leaves;
  std::vector<SpotCheck> spot_checks;  // those held in this session
  std::vector<SpotCheckConfirmation> confirmations;
  std::vector<Correction> corrections;
  // The moment of the evaluation. When set and the session has not ended by then, it is
  // judged only as far as it has gone (see EvaluateAttendance: pending). Unset: as if
  // the session were over.
  std::optional<int64_t> now_ms;
};

// Stable reason codes of AttendanceResult::reason_code.
inline constexpr const char kAttendanceInvalidSession[] = "attendance.session.invalid";
inline constexpr const char kAttendanceCorrected[] = "attendance.corrected";
inline constexpr const char kAttendanceExcusedLeave[] = "attendance.excused.leave";
inline constexpr const char kAttendanceAbsentNoCheckin[] = "attendance.absent.no_checkin";
inline constexpr const char kAttendanceAbsentTooLate[] = "attendance.absent.checkin_too_late";
inline constexpr const char kAttendanceAttended[] = "attendance.attended";
// Pending (the session had not ended at now_ms; never an absence yet):
inline constexpr const char kAttendancePendingNotStarted[] = "attendance.pending.not_started";
inline constexpr const char kAttendancePendingRunning[] = "attendance.pending.running";
inline constexpr const char kAttendancePendingTooLate[] = "attendance.pending.checkin_too_late";

struct AttendanceResult {
  AttendanceStatus status = AttendanceStatus::kAbsent;
  bool late = false;
  bool left_early = false;
  bool left_midway = false;
  int discipline_count = 0;  // late + left_early + left_midway, each at most once
  // The session had not ended at input.now_ms and no rule has decided yet: status is
  // kAbsent (what the rules would say if it ended now) but this is no absence; callers
  // show "pending" and count it nowhere.
  bool pending = false;
  const char* reason_code = kAttendanceAbsentNoCheckin;  // one of the constants above
  std::string explanation_zh;                            // one line, for the head teacher
  std::string explanation_en;
  // From the counted events (see EvaluateAttendance), whichever rule decided.
  std::optional<int64_t> first_checkin_ms;
  std::optional<int64_t> last_checkout_ms;
  // Spot checks that made left_midway true, by id ascending (empty otherwise).
  std::vector<int64_t> missed_spot_checks;
  // Length of the union of approved leave inside [S, E).
  int64_t leave_covered_ms = 0;
};

// Decides one trainee's attendance in one session. The first rule that applies
// decides (DESIGN.md):
//   0. start_ms >= end_ms: absent, reason kAttendanceInvalidSession (ValidateSessionWindow
//      refuses such a session earlier; this keeps the function total).
//   1. a correction → its status (flags: see Correction), kAttendanceCorrected.
//   2. approved leave covering at least half of D (2 × covered >= D, exact; exactly
//      half is excused) → excused, kAttendanceExcusedLeave.
//   3. no counted check-in → absent, kAttendanceAbsentNoCheckin.
//   4. first check-in later than S + D/2 (2 × (first − S) > D, exact) → absent,
//      kAttendanceAbsentTooLate.
//   5. attended, kAttendanceAttended, with flags:
//      late        first check-in > S + late grace (exactly at the limit is on time),
//                  unless an approved leave covers S (start <= S < end).
//      left early  session.requires_checkout and the last check-out is missing or
//                  < E − early grace (exactly at the limit is fine), unless an
//                  approved leave covers E (start < E <= end).
//      left midway some spot check opened at or after the first check-in, and before
//                  the last check-out if there is one, has no confirmation inside
//                  [opened_ms, closes_ms]. A spot check opened before the first
//                  check-in or at/after the last check-out does not count.
// Pending: with input.now_ms set before E, rules 3 and 4 do not decide yet — the result
// is kAbsent with pending true and reason
//      kAttendancePendingNotStarted  now < S: "未开始" / "not started"
//      kAttendancePendingRunning     no check-in yet: "进行中，尚未签到"
//      kAttendancePendingTooLate     checked in after S + D/2: "进行中；首次签到晚于开始 N
//                                    分钟，超过课程时长（D 分钟）的一半，结束后按缺勤计"
// and, in rule 5, a missing check-out is no early leave while check-out is still open
// (now <= E + checkout_closes_after): "尚未签退". Corrections and leave decide at once.
// Counted events: the window is the gate (CheckInWindow/CheckOutWindow), so events
// outside their window are ignored rather than trusted — a check-in before
// S − checkin_opens_before or after E + checkin_closes_after, a check-out before S or
// after E + checkout_closes_after. Repeated check-ins: the first counts. Check-outs
// before the first counted check-in are ignored; the last remaining one counts.
// Flags are false and discipline_count 0 unless the status is kAttended.
AttendanceResult EvaluateAttendance(const AttendanceInput& input, const AttendanceRules& rules);

// Ok, or ErrorKind::kInvalid "attendance.session.invalid" when end_ms <= start_ms.
Status ValidateSessionWindow(const SessionWindow& session);

// Whether check-in (or check-out) is open at now_ms.
//   check-in:  open from S − checkin_opens_before to E + checkin_closes_after
//   check-out: open from S to E + checkout_closes_after
// Both ends inclusive. ToStatus() gives the refusal as an Error of kind kConflict:
//   attendance.window.not_open_yet  message says how many minutes until it opens
//                                   (rounded up: 1 ms before opening says 1 minute)
//   attendance.window.closed
struct WindowCheck {
  enum class State { kOpen, kNotOpenYet, kClosed };
  State state = State::kOpen;
  int64_t opens_at_ms = 0;
  int64_t closes_at_ms = 0;
  int64_t minutes_until_open = 0;  // > 0 when kNotOpenYet, else 0
  const char* code = "";           // "" when open
  std::string message_zh;          // "" when open
  std::string message_en;

  bool ok() const { return state == State::kOpen; }
  explicit operator bool() const { return ok(); }
  Status ToStatus() const;
};

inline constexpr const char kWindowNotOpenYet[] = "attendance.window.not_open_yet";
inline constexpr const char kWindowClosed[] = "attendance.window.closed";

WindowCheck CheckInWindow(const SessionWindow& session, const AttendanceRules& rules,
                          int64_t now_ms);
WindowCheck CheckOutWindow(const SessionWindow& session, const AttendanceRules& rules,
                           int64_t now_ms);

// What one check-in or check-out means for the trainee's status in the session, for the
// answer to the scan: decided by EvaluateAttendance itself, so that the answer and the
// record never disagree (issue 9, item 11).
struct CheckinMeaning {
  enum class Kind {
    kOnTime,         // green: counts as attended, no flag from this scan
    kLate,           // orange: attended, late (迟到) by `minutes`
    kCountedAbsent,  // red: recorded, but past half the session: absent (缺勤)
    kLeftEarly,      // orange: a check-out `minutes` before the end: left early (早退)
    kExcused,        // blue: approved leave covers at least half the session (请假)
  };
  Kind kind = Kind::kOnTime;
  int64_t minutes = 0;  // kLate: after the start; kCountedAbsent: after the start;
                        // kLeftEarly: before the end (whole minutes, rounded up)
  // "on_time", "late", "absent", "left_early", "excused".
  const char* code = "on_time";
  // "success", "warning", "danger", "info": the colour that fits.
  const char* level = "success";
  // "迟到 11 分钟" / "11 min late"; empty for kOnTime.
  std::string label_zh;
  std::string label_en;
};

// The meaning of a check-in when `first_checkin_ms` is the trainee's first counted
// check-in: EvaluateAttendance on that check-in and `approved_leaves` (a check-in outside
// its window is refused before this is asked; one given anyway reads as kCountedAbsent).
CheckinMeaning MeaningOfCheckIn(const SessionWindow& session, const AttendanceRules& rules,
                                int64_t first_checkin_ms,
                                const std::vector<LeaveSpan>& approved_leaves = {});
// The meaning of a check-out at `checkout_ms` taken as the last one, on its own (as if
// checked in on time): kLeftEarly when the session requires check-out and it is earlier
// than E − early grace, unless approved leave covers E; kExcused as above.
CheckinMeaning MeaningOfCheckOut(const SessionWindow& session, const AttendanceRules& rules,
                                 int64_t checkout_ms,
                                 const std::vector<LeaveSpan>& approved_leaves = {});

// Credited 学时 in tenths: session_hours_tenths when attended (whatever the flags),
// 0 when absent or excused. A negative figure counts as 0.
int CreditedTenths(const AttendanceResult& result, int session_hours_tenths);

}  // namespace peixun::core
