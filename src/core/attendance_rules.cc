#include "core/attendance_rules.h"

#include <algorithm>
#include <utility>

namespace peixun::core {
namespace {

constexpr int64_t kMinuteMs = 60'000;

int64_t MinutesMs(int minutes) { return std::max(minutes, 0) * kMinuteMs; }

// Whole minutes, rounded up: a trainee 5 min 1 ms late reads "6 分钟".
int64_t CeilMinutes(int64_t ms) { return ms <= 0 ? 0 : (ms + kMinuteMs - 1) / kMinuteMs; }

// "22" or "22.5": minutes with tenths, truncated, for lengths of leave and sessions.
std::string FormatMinutes(int64_t ms) {
  const int64_t tenths = ms * 10 / kMinuteMs;
  std::string out = std::to_string(tenths / 10);
  if (tenths % 10 != 0) out += "." + std::to_string(tenths % 10);
  return out;
}

const char* StatusZh(AttendanceStatus status) {
  switch (status) {
    case AttendanceStatus::kAttended:
      return "出勤";
    case AttendanceStatus::kExcused:
      return "请假";
    case AttendanceStatus::kAbsent:
      return "缺勤";
  }
  return "";
}

const char* StatusEn(AttendanceStatus status) {
  switch (status) {
    case AttendanceStatus::kAttended:
      return "attended";
    case AttendanceStatus::kExcused:
      return "excused";
    case AttendanceStatus::kAbsent:
      return "absent";
  }
  return "";
}

// Length of the union of `leaves` clipped to [start, end).
int64_t CoveredLength(const std::vector<LeaveSpan>& leaves, int64_t start, int64_t end) {
  std::vector<std::pair<int64_t, int64_t>> spans;
  spans.reserve(leaves.size());
  for (const LeaveSpan& leave : leaves) {
    const int64_t from = std::max(leave.start_ms, start);
    const int64_t to = std::min(leave.end_ms, end);
    if (from < to) spans.emplace_back(from, to);
  }
  std::sort(spans.begin(), spans.end());
  int64_t covered = 0;
  int64_t reach = start;  // everything before `reach` is already counted
  for (const auto& [from, to] : spans) {
    const int64_t counted_from = std::max(from, reach);
    if (to > counted_from) {
      covered += to - counted_from;
      reach = to;
    }
  }
  return covered;
}

bool LeaveCoversStart(const std::vector<LeaveSpan>& leaves, int64_t s) {
  return std::any_of(leaves.begin(), leaves.end(),
                     [s](const LeaveSpan& l) { return l.start_ms <= s && s < l.end_ms; });
}

bool LeaveCoversEnd(const std::vector<LeaveSpan>& leaves, int64_t e) {
  return std::any_of(leaves.begin(), leaves.end(),
                     [e](const LeaveSpan& l) { return l.start_ms < e && e <= l.end_ms; });
}

void SetFlags(AttendanceResult& result, bool late, bool left_early, bool left_midway) {
  result.late = late;
  result.left_early = left_early;
  result.left_midway = left_midway;
  result.discipline_count = int{late} + int{left_early} + int{left_midway};
}

// "，迟到，早退" / ", late, left early" for the flags set on `result`.
void AppendFlagNames(const AttendanceResult& result, std::string& zh, std::string& en) {
  if (result.late) {
    zh += "，迟到";
    en += ", late";
  }
  if (result.left_early) {
    zh += "，早退";
    en += ", left early";
  }
  if (result.left_midway) {
    zh += "，中途外出";
    en += ", left midway";
  }
}

}  // namespace

const char* AttendanceStatusCode(AttendanceStatus status) { return StatusEn(status); }

Status ValidateSessionWindow(const SessionWindow& session) {
  if (session.end_ms <= session.start_ms) {
    return Invalid(kAttendanceInvalidSession, "课程结束时间必须晚于开始时间",
                   "the session must end after it starts");
  }
  return Ok();
}

AttendanceResult EvaluateAttendance(const AttendanceInput& input, const AttendanceRules& rules) {
  const SessionWindow& session = input.session;
  const int64_t s = session.start_ms;
  const int64_t e = session.end_ms;
  AttendanceResult result;

  if (e <= s) {
    result.status = AttendanceStatus::kAbsent;
    result.reason_code = kAttendanceInvalidSession;
    result.explanation_zh = "课程时间无效（结束不晚于开始），无法判定考勤";
    result.explanation_en = "invalid session (it does not end after it starts)";
    return result;
  }
  const int64_t d = e - s;

  // Counted events: inside their windows (the windows are the gate; see the header).
  const int64_t checkin_from = s - MinutesMs(rules.checkin_opens_before_min);
  const int64_t checkin_to = e + MinutesMs(rules.checkin_closes_after_min);
  const int64_t checkout_to = e + MinutesMs(rules.checkout_closes_after_min);
  for (const AttendanceEvent& event : input.events) {
    if (event.kind != AttendanceEvent::Kind::kCheckIn) continue;
    if (event.at_ms < checkin_from || event.at_ms > checkin_to) continue;
    if (!result.first_checkin_ms || event.at_ms < *result.first_checkin_ms) {
      result.first_checkin_ms = event.at_ms;
    }
  }
  if (result.first_checkin_ms) {
    for (const AttendanceEvent& event : input.events) {
      if (event.kind != AttendanceEvent::Kind::kCheckOut) continue;
      if (event.at_ms < s || event.at_ms > checkout_to) continue;
      if (event.at_ms < *result.first_checkin_ms) continue;  // before check-in: ignored
      if (!result.last_checkout_ms || event.at_ms > *result.last_checkout_ms) {
        result.last_checkout_ms = event.at_ms;
      }
    }
  }
  result.leave_covered_ms = CoveredLength(input.approved_leaves, s, e);

  // 1. A correction decides; the latest wins, a tie goes to the later one given.
  const Correction* correction = nullptr;
  for (const Correction& c : input.corrections) {
    if (correction == nullptr || c.at_ms >= correction->at_ms) correction = &c;
  }
  if (correction != nullptr) {
    result.status = correction->status;
    result.reason_code = kAttendanceCorrected;
    if (correction->status == AttendanceStatus::kAttended) {
      SetFlags(result, correction->late, correction->left_early, correction->left_midway);
    }
    result.explanation_zh = std::string("班主任更正为") + StatusZh(result.status);
    result.explanation_en =
        std::string("corrected by the head teacher to ") + StatusEn(result.status);
    AppendFlagNames(result, result.explanation_zh, result.explanation_en);
    result.explanation_zh += "：" + correction->reason;
    result.explanation_en += ": " + correction->reason;
    return result;
  }

  // 2. Leave over at least half the session (2 × covered >= D, without overflow).
  if (result.leave_covered_ms >= d - result.leave_covered_ms) {
    result.status = AttendanceStatus::kExcused;
    result.reason_code = kAttendanceExcusedLeave;
    result.explanation_zh = "请假：已批准的请假覆盖 " + FormatMinutes(result.leave_covered_ms) +
                            " 分钟，课程共 " + FormatMinutes(d) + " 分钟，达到一半";
    result.explanation_en = "excused: approved leave covers " +
                            FormatMinutes(result.leave_covered_ms) + " of the session's " +
                            FormatMinutes(d) + " minutes, at least half";
    return result;
  }

  // Before E the rules that find an absence do not decide yet (pending).
  const bool not_ended = input.now_ms && *input.now_ms < e;

  // 3. No check-in.
  if (!result.first_checkin_ms) {
    result.status = AttendanceStatus::kAbsent;
    if (not_ended) {
      result.pending = true;
      const bool started = *input.now_ms >= s;
      result.reason_code = started ? kAttendancePendingRunning : kAttendancePendingNotStarted;
      result.explanation_zh = started ? "进行中，尚未签到" : "未开始";
      result.explanation_en = started ? "in progress, not checked in yet" : "not started";
      return result;
    }
    result.reason_code = kAttendanceAbsentNoCheckin;
    result.explanation_zh = "缺勤：未签到";
    result.explanation_en = "absent: no check-in";
    return result;
  }
  const int64_t first = *result.first_checkin_ms;
  const int64_t after_start = first - s;

  // 4. First check-in after S + D/2 (2 × (first − S) > D).
  if (after_start > d - after_start) {
    result.status = AttendanceStatus::kAbsent;
    const std::string minutes = std::to_string(CeilMinutes(after_start));
    const std::string what_zh = "首次签到晚于开始 " + minutes + " 分钟，超过课程时长（" +
                                FormatMinutes(d) + " 分钟）的一半";
    const std::string what_en = "first check-in " + minutes +
                                " min after the start, later than half the session (" +
                                FormatMinutes(d) + " min)";
    if (not_ended) {
      result.pending = true;
      result.reason_code = kAttendancePendingTooLate;
      result.explanation_zh = "进行中；" + what_zh + "，结束后按缺勤计";
      result.explanation_en = "in progress; " + what_en + ": absent once it ends";
      return result;
    }
    result.reason_code = kAttendanceAbsentTooLate;
    result.explanation_zh = "缺勤：" + what_zh;
    result.explanation_en = "absent: " + what_en;
    return result;
  }

  // 5. Attended, with flags.
  result.status = AttendanceStatus::kAttended;
  result.reason_code = kAttendanceAttended;
  std::string zh = "出勤";
  std::string en = "attended";

  const int64_t late_grace = MinutesMs(rules.late_grace_min);
  bool late = false;
  if (after_start > late_grace) {
    const std::string minutes = std::to_string(CeilMinutes(after_start));
    const std::string grace = std::to_string(std::max(rules.late_grace_min, 0));
    if (LeaveCoversStart(input.approved_leaves, s)) {
      zh += "；首次签到晚于开始 " + minutes + " 分钟，因请假覆盖开始时间不计迟到";
      en += "; first check-in " + minutes + " min after the start, not late: approved " +
            "leave covers the start";
    } else {
      late = true;
      zh += "；迟到：首次签到晚于开始 " + minutes + " 分钟（宽限 " + grace + " 分钟）";
      en += "; late: first check-in " + minutes + " min after the start (grace " + grace + " min)";
    }
  }

  bool left_early = false;
  // A check-out still to come is no early leave while check-out is open.
  const bool checkout_open = input.now_ms && *input.now_ms <= checkout_to;
  if (session.requires_checkout && !result.last_checkout_ms && checkout_open) {
    zh += "；尚未签退";
    en += "; not checked out yet";
  } else if (session.requires_checkout) {
    const int64_t limit = e - MinutesMs(rules.early_grace_min);
    const bool missing = !result.last_checkout_ms;
    if (missing || *result.last_checkout_ms < limit) {
      const std::string what_zh =
          missing ? std::string("未签退")
                  : "签退早于结束 " + std::to_string(CeilMinutes(e - *result.last_checkout_ms)) +
                        " 分钟";
      const std::string what_en =
          missing ? std::string("no check-out")
                  : "checked out " + std::to_string(CeilMinutes(e - *result.last_checkout_ms)) +
                        " min before the end";
      if (LeaveCoversEnd(input.approved_leaves, e)) {
        zh += "；" + what_zh + "，因请假覆盖结束时间不计早退";
        en += "; " + what_en + ", not left early: approved leave covers the end";
      } else {
        left_early = true;
        const std::string grace = std::to_string(std::max(rules.early_grace_min, 0));
        zh += "；早退：" + what_zh + "（宽限 " + grace + " 分钟）";
        en += "; left early: " + what_en + " (grace " + grace + " min)";
      }
    }
  }

  for (const SpotCheck& check : input.spot_checks) {
    if (check.opened_ms < first) continue;
    if (result.last_checkout_ms && check.opened_ms >= *result.last_checkout_ms) continue;
    const bool confirmed = std::any_of(input.confirmations.begin(), input.confirmations.end(),
                                       [&check](const SpotCheckConfirmation& c) {
                                         return c.spot_check_id == check.id &&
                                                c.at_ms >= check.opened_ms &&
                                                c.at_ms <= check.closes_ms;
                                       });
    if (!confirmed) result.missed_spot_checks.push_back(check.id);
  }
  std::sort(result.missed_spot_checks.begin(), result.missed_spot_checks.end());
  result.missed_spot_checks.erase(
      std::unique(result.missed_spot_checks.begin(), result.missed_spot_checks.end()),
      result.missed_spot_checks.end());
  const bool left_midway = !result.missed_spot_checks.empty();
  if (left_midway) {
    const std::string n = std::to_string(result.missed_spot_checks.size());
    zh += "；中途外出：" + n + " 次随机点名未在规定时间内确认";
    en += "; left midway: " + n + " spot check(s) not confirmed in time";
  }

  SetFlags(result, late, left_early, left_midway);
  result.explanation_zh = std::move(zh);
  result.explanation_en = std::move(en);
  return result;
}

Status WindowCheck::ToStatus() const {
  if (ok()) return Ok();
  return Conflict(code, message_zh, message_en);
}

namespace {

WindowCheck CheckWindow(int64_t opens, int64_t closes, int64_t now_ms, const char* what_zh,
                        const char* what_en) {
  WindowCheck check;
  check.opens_at_ms = opens;
  check.closes_at_ms = closes;
  if (now_ms < opens) {
    check.state = WindowCheck::State::kNotOpenYet;
    check.minutes_until_open = CeilMinutes(opens - now_ms);
    check.code = kWindowNotOpenYet;
    const std::string minutes = std::to_string(check.minutes_until_open);
    check.message_zh = std::string(what_zh) + "尚未开始，" + minutes + " 分钟后开放";
    check.message_en = std::string(what_en) + " is not open yet; it opens in " + minutes + " min";
  } else if (now_ms > closes) {
    check.state = WindowCheck::State::kClosed;
    check.code = kWindowClosed;
    check.message_zh = std::string(what_zh) + "已截止";
    check.message_en = std::string(what_en) + " has closed";
  }
  return check;
}

}  // namespace

WindowCheck CheckInWindow(const SessionWindow& session, const AttendanceRules& rules,
                          int64_t now_ms) {
  return CheckWindow(session.start_ms - MinutesMs(rules.checkin_opens_before_min),
                     session.end_ms + MinutesMs(rules.checkin_closes_after_min), now_ms, "签到",
                     "check-in");
}

WindowCheck CheckOutWindow(const SessionWindow& session, const AttendanceRules& rules,
                           int64_t now_ms) {
  return CheckWindow(session.start_ms, session.end_ms + MinutesMs(rules.checkout_closes_after_min),
                     now_ms, "签退", "check-out");
}

namespace {

CheckinMeaning Meaning(CheckinMeaning::Kind kind, int64_t minutes) {
  CheckinMeaning m;
  m.kind = kind;
  m.minutes = minutes;
  const std::string n = std::to_string(minutes);
  switch (kind) {
    case CheckinMeaning::Kind::kOnTime:
      break;
    case CheckinMeaning::Kind::kLate:
      m.code = "late";
      m.level = "warning";
      m.label_zh = "迟到 " + n + " 分钟";
      m.label_en = n + " min late";
      break;
    case CheckinMeaning::Kind::kCountedAbsent:
      m.code = "absent";
      m.level = "danger";
      m.label_zh = "晚于开始 " + n + " 分钟，超过课程一半时间，按缺勤计";
      m.label_en = n + " min after the start, past half the session: counts as absent";
      break;
    case CheckinMeaning::Kind::kLeftEarly:
      m.code = "left_early";
      m.level = "warning";
      m.label_zh = "早退 " + n + " 分钟";
      m.label_en = "left " + n + " min early";
      break;
    case CheckinMeaning::Kind::kExcused:
      m.code = "excused";
      m.level = "info";
      m.label_zh = "已批准请假，本节按请假计";
      m.label_en = "approved leave: this session counts as excused";
      break;
  }
  return m;
}

}  // namespace

CheckinMeaning MeaningOfCheckIn(const SessionWindow& session, const AttendanceRules& rules,
                                int64_t first_checkin_ms,
                                const std::vector<LeaveSpan>& approved_leaves) {
  AttendanceInput input;
  input.session = session;
  input.events.push_back({AttendanceEvent::Kind::kCheckIn, first_checkin_ms});
  input.approved_leaves = approved_leaves;
  const AttendanceResult r = EvaluateAttendance(input, rules);
  const int64_t after_start = CeilMinutes(first_checkin_ms - session.start_ms);
  switch (r.status) {
    case AttendanceStatus::kExcused:
      return Meaning(CheckinMeaning::Kind::kExcused, 0);
    case AttendanceStatus::kAbsent:
      return Meaning(CheckinMeaning::Kind::kCountedAbsent, after_start);
    case AttendanceStatus::kAttended:
      break;
  }
  return r.late ? Meaning(CheckinMeaning::Kind::kLate, after_start)
                : Meaning(CheckinMeaning::Kind::kOnTime, 0);
}

CheckinMeaning MeaningOfCheckOut(const SessionWindow& session, const AttendanceRules& rules,
                                 int64_t checkout_ms,
                                 const std::vector<LeaveSpan>& approved_leaves) {
  AttendanceInput input;
  input.session = session;
  input.events.push_back({AttendanceEvent::Kind::kCheckIn, session.start_ms});
  input.events.push_back({AttendanceEvent::Kind::kCheckOut, checkout_ms});
  input.approved_leaves = approved_leaves;
  const AttendanceResult r = EvaluateAttendance(input, rules);
  if (r.status == AttendanceStatus::kExcused) return Meaning(CheckinMeaning::Kind::kExcused, 0);
  return r.left_early
             ? Meaning(CheckinMeaning::Kind::kLeftEarly, CeilMinutes(session.end_ms - checkout_ms))
             : Meaning(CheckinMeaning::Kind::kOnTime, 0);
}

int CreditedTenths(const AttendanceResult& result, int session_hours_tenths) {
  if (result.status != AttendanceStatus::kAttended) return 0;
  return std::max(session_hours_tenths, 0);
}

}  // namespace peixun::core
