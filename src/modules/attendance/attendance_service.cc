#include "modules/attendance/attendance_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "core/checkin_direction.h"
#include "core/clock.h"
#include "core/local_time.h"
#include "core/programme_hours.h"
#include "modules/attendance/leave_service.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/groups/groups_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::attendance {
namespace {

using nlohmann::json;

std::vector<std::string> FlagsOf(const std::string& text) {
  std::vector<std::string> out;
  json j = json::parse(text, nullptr, false);
  if (j.is_array()) {
    for (const auto& f : j) {
      if (f.is_string()) out.push_back(f.get<std::string>());
    }
  }
  return out;
}

core::AttendanceStatus ParseStatus(const std::string& s) {
  if (s == "excused") return core::AttendanceStatus::kExcused;
  if (s == "absent") return core::AttendanceStatus::kAbsent;
  return core::AttendanceStatus::kAttended;
}

Status CheckManageSession(store::Tx& tx, const Principal& who, const SessionContext& ctx) {
  return classes::CheckClassAccessIn(tx, who, ctx.klass.id, classes::ClassNeed::kManage);
}

// Per-session inputs of every trainee, loaded with one query per table.
struct SessionInputs {
  std::map<int64_t, core::AttendanceInput> by_person;
  std::map<int64_t, std::set<std::string>> flags;
};

Result<SessionInputs> LoadInputsIn(store::Tx& tx, const SessionContext& ctx,
                                   const std::vector<LeaveRequest>& leaves) {
  SessionInputs in;
  const int64_t sid = ctx.session.id;
  auto input_of = [&](int64_t person) -> core::AttendanceInput& {
    auto& i = in.by_person[person];
    i.session = ctx.window;
    return i;
  };
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows events,
      tx.Query("SELECT person_id, direction, at_ms, flags_json FROM attendance_events "
               "WHERE session_id = ?",
               {store::Int(sid)}));
  for (const auto& r : events) {
    core::AttendanceEvent e;
    e.kind = core::ParseCheckinDirection(r.Str(1)) == core::CheckinDirection::kOut
                 ? core::AttendanceEvent::Kind::kCheckOut
                 : core::AttendanceEvent::Kind::kCheckIn;
    e.at_ms = r.Int(2);
    input_of(r.Int(0)).events.push_back(e);
    for (auto& f : FlagsOf(r.Str(3))) in.flags[r.Int(0)].insert(f);
  }
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows corrections,
      tx.Query("SELECT person_id, status, late, left_early, left_midway, reason, at_ms, id "
               "FROM attendance_corrections WHERE session_id = ? ORDER BY id",
               {store::Int(sid)}));
  for (const auto& r : corrections) {
    core::Correction c;
    c.status = ParseStatus(r.Str(1));
    c.late = r.Int(2) != 0;
    c.left_early = r.Int(3) != 0;
    c.left_midway = r.Int(4) != 0;
    c.reason = r.Str(5);
    c.at_ms = r.Int(6);
    input_of(r.Int(0)).corrections.push_back(std::move(c));
  }
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows spots,
      tx.Query("SELECT id, opened_ms, closes_ms FROM spot_checks WHERE session_id = ?",
               {store::Int(sid)}));
  std::vector<core::SpotCheck> spot_checks;
  for (const auto& r : spots) spot_checks.push_back({r.Int(0), r.Int(1), r.Int(2)});
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows confirmations,
      tx.Query("SELECT c.person_id, c.spot_check_id, c.at_ms FROM spot_check_confirmations c "
               "JOIN spot_checks s ON s.id = c.spot_check_id WHERE s.session_id = ?",
               {store::Int(sid)}));
  for (const auto& r : confirmations) {
    input_of(r.Int(0)).confirmations.push_back({r.Int(1), r.Int(2)});
  }
  for (const auto& l : leaves) {
    for (const auto& span : LeaveSpansFor(l, ctx.session)) {
      input_of(l.person_id).approved_leaves.push_back(span);
    }
  }
  for (auto& [person, input] : in.by_person) input.spot_checks = spot_checks;
  return in;
}

Result<SessionAttendance> EvaluateSessionIn(store::Tx& tx, SessionContext ctx,
                                            const std::vector<groups::GroupMember>& expected,
                                            const std::vector<LeaveRequest>& leaves, int64_t now) {
  PEIXUN_ASSIGN_OR_RETURN(SessionInputs inputs, LoadInputsIn(tx, ctx, leaves));
  SessionAttendance out;
  for (const auto& m : expected) {
    core::AttendanceInput input;
    auto it = inputs.by_person.find(m.person_id);
    if (it != inputs.by_person.end()) {
      input = it->second;
    } else {
      input.session = ctx.window;
    }
    AttendanceRow row;
    row.person_id = m.person_id;
    row.name = m.name;
    row.unit_id = m.unit_id;
    row.unit_name = m.unit_name;
    input.now_ms = now;  // a session that has not ended is pending, never an absence
    row.result = core::EvaluateAttendance(input, ctx.rules);
    row.corrected = !input.corrections.empty();
    row.status = row.result.pending ? "pending" : core::AttendanceStatusCode(row.result.status);
    if (row.result.first_checkin_ms) ++out.checked_in;
    auto f = inputs.flags.find(m.person_id);
    if (f != inputs.flags.end()) row.flags.assign(f->second.begin(), f->second.end());
    out.rows.push_back(std::move(row));
  }
  out.ctx = std::move(ctx);
  return out;
}

}  // namespace

const char* AttendanceStatusLabel(const std::string& status, const std::string& lang) {
  if (lang.rfind("en", 0) == 0) {
    if (status == "attended") return "attended";
    if (status == "excused") return "on leave";
    if (status == "absent") return "absent";
    return "pending";
  }
  if (status == "attended") return "出勤";
  if (status == "excused") return "请假";
  if (status == "absent") return "缺勤";
  return "未结束";
}

AttendanceService::AttendanceService(store::Store& store, Clock now_ms)
    : store_(store), now_ms_(now_ms ? std::move(now_ms) : Clock([] { return NowMillis(); })) {}

Result<SessionAttendance> AttendanceService::ForSessionIn(store::Tx& tx, int64_t session_id,
                                                          int64_t now) {
  PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionIn(tx, session_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<groups::GroupMember> expected, ExpectedTraineesIn(tx, ctx));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<LeaveRequest> leaves,
                          LeaveService::CountingLeavesIn(tx, ctx.klass.id));
  PEIXUN_ASSIGN_OR_RETURN(groups::ClassGroups groups,
                          groups::GroupsService::LoadIn(tx, ctx.klass.id));
  PEIXUN_ASSIGN_OR_RETURN(SessionAttendance out,
                          EvaluateSessionIn(tx, std::move(ctx), expected, leaves, now));
  std::map<int64_t, const groups::ClassGroup*> group_of;
  for (const auto& g : groups.groups) {
    for (const auto& m : g.members) group_of[m.person_id] = &g;
  }
  for (auto& row : out.rows) {
    auto it = group_of.find(row.person_id);
    if (it == group_of.end()) continue;
    row.group_id = it->second->id;
    row.group_name = it->second->name;
  }
  return out;
}

Result<ClassAttendance> AttendanceService::ForClassIn(store::Tx& tx, int64_t class_id, int64_t now,
                                                      std::optional<int64_t> only_person) {
  ClassAttendance out;
  PEIXUN_ASSIGN_OR_RETURN(out.klass, classes::ClassService::GetIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<timetable::ClassSession> sessions,
                          timetable::SessionService::ListForClassIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<LeaveRequest> leaves,
                          LeaveService::CountingLeavesIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::string secret, classes::ClassService::CheckinSecretIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(groups::ClassGroups groups, groups::GroupsService::LoadIn(tx, class_id));
  for (const auto& g : groups.groups) {
    out.group_names[g.id] = g.name;
    for (const auto& m : g.members) out.group_of[m.person_id] = g.id;
  }
  PEIXUN_ASSIGN_OR_RETURN(std::vector<groups::GroupMember> all,
                          groups::GroupsService::MembersIn(tx, class_id, {}));
  auto keep = [&](std::vector<groups::GroupMember> v) {
    if (only_person) {
      v.erase(std::remove_if(v.begin(), v.end(),
                             [&](const auto& m) { return m.person_id != *only_person; }),
              v.end());
    }
    return v;
  };
  const core::AttendanceRules rules = AttendanceRulesOf(out.klass.rules);
  // Each trainee's programme (core/programme_hours.h): the sessions they are expected
  // at, decided or not; its hours are their leave share's denominator.
  std::map<int64_t, std::vector<core::SessionOutcome>> outcomes;
  for (auto& s : sessions) {
    SessionContext ctx;
    ctx.klass = out.klass;
    ctx.secret = secret;
    ctx.rules = rules;
    ctx.window = {s.start_ms, s.end_ms, s.requires_checkout};
    ctx.session = s;
    std::vector<groups::GroupMember> expected;
    for (const auto& m : all) {
      auto g = out.group_of.find(m.person_id);
      if (core::InProgramme(s.group_ids, g == out.group_of.end()
                                             ? std::nullopt
                                             : std::optional<int64_t>(g->second))) {
        expected.push_back(m);
      }
    }
    // How completion reasons name the session: "开班仪式暨培训动员 06-02 08:30".
    const std::string label =
        s.title + " " +
        core::FormatLocalDateTime(s.start_ms, out.klass.utc_offset_minutes, ' ').substr(5);
    PEIXUN_ASSIGN_OR_RETURN(SessionAttendance sa,
                            EvaluateSessionIn(tx, std::move(ctx), keep(expected), leaves, now));
    for (const auto& row : sa.rows) {
      core::SessionOutcome o = core::OutcomeOf(row.result, s.credit_tenths, label);
      if (row.status == "pending" || (now < s.end_ms && !row.corrected &&
                                      row.result.status != core::AttendanceStatus::kExcused)) {
        o.status.reset();
      }
      outcomes[row.person_id].push_back(o);
    }
    out.sessions.push_back(std::move(sa));
  }
  core::CompletionRules crules;
  crules.leave_share_num = out.klass.rules.leave_share_numerator;
  crules.leave_share_den = out.klass.rules.leave_share_denominator;
  crules.max_absences = out.klass.rules.absence_limit;
  crules.max_discipline = out.klass.rules.discipline_limit;
  crules.pass_mark_tenths = out.klass.rules.exam_pass_mark * 10;
  crules.reflection_required = false;
  const bool finished = out.klass.status == classes::ClassStatus::kFinished ||
                        out.klass.status == classes::ClassStatus::kArchived;
  for (const auto& m : keep(all)) {
    core::CompletionInput in;
    in.sessions = outcomes[m.person_id];
    in.class_has_exam = false;
    in.class_finished = finished;
    core::CompletionVerdict verdict = core::EvaluateCompletion(in, crules);
    out.trainees.push_back(
        {m.person_id, m.name, m.unit_name, std::move(verdict), std::move(in.sessions)});
  }
  return out;
}

Result<SessionAttendance> AttendanceService::ForSession(const Principal& who, int64_t session_id) {
  const int64_t now = now_ms_();
  return store::ReadValue<SessionAttendance>(
      store_, [&](store::Tx& tx) -> Result<SessionAttendance> {
        PEIXUN_ASSIGN_OR_RETURN(SessionAttendance sa, ForSessionIn(tx, session_id, now));
        PEIXUN_RETURN_IF_ERROR(CheckManageSession(tx, who, sa.ctx));
        return sa;
      });
}

Result<ClassAttendance> AttendanceService::ForClass(const Principal& who, int64_t class_id) {
  const int64_t now = now_ms_();
  return store::ReadValue<ClassAttendance>(store_, [&](store::Tx& tx) -> Result<ClassAttendance> {
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
    return ForClassIn(tx, class_id, now);
  });
}

Result<ClassAttendance> AttendanceService::ForTrainee(const Principal& who, int64_t class_id,
                                                      int64_t person_id) {
  const int64_t now = now_ms_();
  return store::ReadValue<ClassAttendance>(store_, [&](store::Tx& tx) -> Result<ClassAttendance> {
    if (who.role == Role::kTrainee) {
      if (!who.person_id || *who.person_id != person_id) {
        return MakeError(ErrorKind::kForbidden, "attendance.forbidden", "只能查看本人的考勤",
                         "you may only see your own attendance");
      }
      PEIXUN_ASSIGN_OR_RETURN(bool enrolled,
                              enrollment::EnrollmentService::IsApprovedIn(tx, class_id, person_id));
      PEIXUN_RETURN_IF_ERROR(
          classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kRead, enrolled));
    } else {
      PEIXUN_RETURN_IF_ERROR(
          classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
    }
    return ForClassIn(tx, class_id, now, person_id);
  });
}

Result<SpotCheckInfo> AttendanceService::OpenSpotCheck(const Principal& who, int64_t session_id,
                                                       std::optional<int> minutes) {
  const int m = minutes.value_or(kDefaultSpotCheckMinutes);
  if (m < 1 || m > 60) {
    return Invalid("attendance.spot_check.minutes", "点名时长应为 1–60 分钟",
                   "minutes must be 1 to 60", "minutes");
  }
  const int64_t now = now_ms_();
  return store::TransactValue<SpotCheckInfo>(store_, [&](store::Tx& tx) -> Result<SpotCheckInfo> {
    PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionIn(tx, session_id));
    PEIXUN_RETURN_IF_ERROR(CheckManageSession(tx, who, ctx));
    if (now < ctx.session.start_ms || now >= ctx.session.end_ms) {
      return Conflict("attendance.spot_check.not_running", "课程不在进行中，不能点名",
                      "the session is not running");
    }
    SpotCheckInfo info;
    info.session_id = session_id;
    info.opened_ms = now;
    info.closes_ms = now + int64_t{m} * 60'000;
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("INSERT INTO spot_checks (session_id, opened_ms, closes_ms, opened_by) "
                 "VALUES (?, ?, ?, ?) RETURNING id",
                 {store::Int(session_id), store::Int(info.opened_ms), store::Int(info.closes_ms),
                  store::Int(who.user_id)}));
    info.id = rows[0].Int(0);
    PEIXUN_ASSIGN_OR_RETURN(std::vector<groups::GroupMember> expected, ExpectedTraineesIn(tx, ctx));
    info.expected = static_cast<int>(expected.size());
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::Of(who),
                        audit::AuditEntry{"attendance.spot_check", "session", session_id, nullptr,
                                          json{{"spot_check_id", info.id},
                                               {"opened_ms", info.opened_ms},
                                               {"closes_ms", info.closes_ms}}}));
    return info;
  });
}

Result<std::vector<SpotCheckInfo>> AttendanceService::SpotChecks(const Principal& who,
                                                                 int64_t session_id) {
  using Out = std::vector<SpotCheckInfo>;
  return store::ReadValue<Out>(store_, [&](store::Tx& tx) -> Result<Out> {
    PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionIn(tx, session_id));
    PEIXUN_RETURN_IF_ERROR(CheckManageSession(tx, who, ctx));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<groups::GroupMember> expected, ExpectedTraineesIn(tx, ctx));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT s.id, s.opened_ms, s.closes_ms, (SELECT COUNT(*) FROM "
                 "spot_check_confirmations c WHERE c.spot_check_id = s.id) FROM spot_checks s "
                 "WHERE s.session_id = ? ORDER BY s.id",
                 {store::Int(session_id)}));
    Out out;
    for (const auto& r : rows) {
      out.push_back({r.Int(0), session_id, r.Int(1), r.Int(2), static_cast<int>(r.Int(3)),
                     static_cast<int>(expected.size())});
    }
    return out;
  });
}

Result<std::vector<TraineeSpotCheck>> AttendanceService::OpenSpotChecksFor(const Principal& who) {
  using Out = std::vector<TraineeSpotCheck>;
  if (!who.person_id) return Out{};
  const int64_t now = now_ms_();
  const int64_t person = *who.person_id;
  return store::ReadValue<Out>(store_, [&](store::Tx& tx) -> Result<Out> {
    // Open spot checks are few at any moment (one per running session at most),
    // so each is checked against the trainee's enrollment and groups in turn.
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT s.id, s.session_id, s.opened_ms, s.closes_ms, (SELECT COUNT(*) FROM "
                 "spot_check_confirmations c WHERE c.spot_check_id = s.id AND c.person_id = ?) "
                 "FROM spot_checks s WHERE s.opened_ms <= ? AND s.closes_ms >= ? ORDER BY s.id",
                 {store::Int(person), store::Int(now), store::Int(now)}));
    Out out;
    for (const auto& r : rows) {
      PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionIn(tx, r.Int(1)));
      if (!CheckAttendsIn(tx, ctx, person)) continue;
      TraineeSpotCheck o;
      o.info = {r.Int(0), r.Int(1), r.Int(2), r.Int(3), 0, 0};
      o.class_id = ctx.klass.id;
      o.session_title = ctx.session.title;
      o.confirmed = r.Int(4) > 0;
      out.push_back(std::move(o));
    }
    return out;
  });
}

Result<int64_t> AttendanceService::ConfirmSpotCheck(const Principal& who, int64_t spot_check_id) {
  const int64_t now = now_ms_();
  return store::TransactValue<int64_t>(store_, [&](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows spot,
        tx.Query("SELECT session_id, opened_ms, closes_ms FROM spot_checks WHERE id = ?",
                 {store::Int(spot_check_id)}));
    if (spot.empty()) {
      return NotFound("attendance.spot_check.not_found", "没有这次点名", "no such spot check");
    }
    PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionIn(tx, spot[0].Int(0)));
    if (!who.person_id) {
      return MakeError(ErrorKind::kForbidden, "attendance.not_enrolled", "您不是本课程的学员",
                       "you are not a trainee of this session");
    }
    PEIXUN_RETURN_IF_ERROR(CheckAttendsIn(tx, ctx, *who.person_id));
    if (now < spot[0].Int(1) || now > spot[0].Int(2)) {
      return Conflict("attendance.spot_check.closed", "点名已结束", "the spot check has closed");
    }
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "INSERT INTO spot_check_confirmations (spot_check_id, person_id, at_ms) VALUES (?, ?, ?) "
        "ON CONFLICT (spot_check_id, person_id) DO NOTHING",
        {store::Int(spot_check_id), store::Int(*who.person_id), store::Int(now)}));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows at,
        tx.Query("SELECT at_ms FROM spot_check_confirmations WHERE spot_check_id = ? AND "
                 "person_id = ?",
                 {store::Int(spot_check_id), store::Int(*who.person_id)}));
    return at[0].Int(0);
  });
}

Result<CorrectionInfo> AttendanceService::Correct(const Principal& who, int64_t session_id,
                                                  const CorrectionInput& input) {
  if (input.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Invalid("attendance.correction.reason", "更正考勤必须填写原因",
                   "a correction needs a reason", "reason");
  }
  const int64_t now = now_ms_();
  return store::TransactValue<CorrectionInfo>(store_, [&](store::Tx& tx) -> Result<CorrectionInfo> {
    PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionIn(tx, session_id));
    PEIXUN_RETURN_IF_ERROR(CheckManageSession(tx, who, ctx));
    PEIXUN_ASSIGN_OR_RETURN(bool approved, enrollment::EnrollmentService::IsApprovedIn(
                                               tx, ctx.klass.id, input.person_id));
    if (!approved) {
      return Invalid("attendance.correction.person", "该人员不是本班学员",
                     "this person is not a trainee of the class", "person_id");
    }
    PEIXUN_ASSIGN_OR_RETURN(SessionAttendance before, ForSessionIn(tx, session_id, now));
    json before_json = nullptr;
    for (const auto& r : before.rows) {
      if (r.person_id == input.person_id) {
        before_json = {{"status", r.status},
                       {"late", r.result.late},
                       {"left_early", r.result.left_early},
                       {"left_midway", r.result.left_midway}};
      }
    }
    CorrectionInfo info;
    info.session_id = session_id;
    info.person_id = input.person_id;
    info.status = core::AttendanceStatusCode(input.status);
    info.reason = input.reason;
    info.by = who.user_id;
    info.at_ms = now;
    const bool attended = input.status == core::AttendanceStatus::kAttended;
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("INSERT INTO attendance_corrections (session_id, person_id, status, late, "
                 "left_early, left_midway, reason, created_by, at_ms) VALUES "
                 "(?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 {store::Int(session_id), store::Int(input.person_id), store::Text(info.status),
                  store::Int(attended && input.late), store::Int(attended && input.left_early),
                  store::Int(attended && input.left_midway), store::Text(input.reason),
                  store::Int(who.user_id), store::Int(now)}));
    info.id = rows[0].Int(0);
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, Actor::Of(who),
        audit::AuditEntry{"attendance.correction", "session", session_id, before_json,
                          json{{"person_id", input.person_id},
                               {"status", info.status},
                               {"late", attended && input.late},
                               {"left_early", attended && input.left_early},
                               {"left_midway", attended && input.left_midway},
                               {"reason", input.reason}}}));
    return info;
  });
}

Result<io::Table> AttendanceService::ReportTable(const Principal& who, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(ClassAttendance att, ForClass(who, class_id));
  io::Table t;
  t.header = {"日期", "课程",     "姓名",     "单位",     "状态", "迟到",
              "早退", "中途外出", "签到时间", "签退时间", "说明"};
  const int off = att.klass.utc_offset_minutes;
  for (const auto& s : att.sessions) {
    const std::string date = core::FormatLocalDate(s.ctx.session.start_ms, off);
    for (const auto& r : s.rows) {
      t.rows.push_back(
          {date, s.ctx.session.title, r.name, r.unit_name, AttendanceStatusLabel(r.status),
           r.result.late ? "是" : "", r.result.left_early ? "是" : "",
           r.result.left_midway ? "是" : "",
           r.result.first_checkin_ms ? core::FormatLocalClock(*r.result.first_checkin_ms, off) : "",
           r.result.last_checkout_ms ? core::FormatLocalClock(*r.result.last_checkout_ms, off) : "",
           r.result.explanation_zh});
      t.source_rows.push_back(static_cast<int>(t.rows.size()) + 1);
    }
  }
  return t;
}

json AttendanceRowJson(const AttendanceRow& r, int off, const std::string& lang) {
  const bool en = lang.rfind("en", 0) == 0;
  auto opt = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); };
  return {
      {"person_id", r.person_id},
      {"name", r.name},
      {"unit_id", opt(r.unit_id)},
      {"unit_name", r.unit_name},
      {"group_id", opt(r.group_id)},
      {"group_name", r.group_name},
      {"status", r.status},
      {"status_label", AttendanceStatusLabel(r.status, lang)},
      {"late", r.result.late},
      {"left_early", r.result.left_early},
      {"left_midway", r.result.left_midway},
      {"first_checkin_ms", opt(r.result.first_checkin_ms)},
      {"first_checkin",
       r.result.first_checkin_ms ? core::FormatLocalClock(*r.result.first_checkin_ms, off) : ""},
      {"last_checkout_ms", opt(r.result.last_checkout_ms)},
      {"corrected", r.corrected},
      {"reason_code", r.result.reason_code},
      {"explanation", en ? r.result.explanation_en : r.result.explanation_zh},
      {"flags", r.flags}};
}

json ClassSummaryJson(const ClassAttendance& att, const std::string& lang) {
  const bool en = lang.rfind("en", 0) == 0;
  struct Tally {
    std::string name;
    int attended = 0, excused = 0, absent = 0, late = 0, left_early = 0, left_midway = 0,
        pending = 0;
    void Add(const AttendanceRow& r) {
      if (r.status == "attended") ++attended;
      if (r.status == "excused") ++excused;
      if (r.status == "absent") ++absent;
      if (r.status == "pending") ++pending;
      late += r.result.late;
      left_early += r.result.left_early;
      left_midway += r.result.left_midway;
    }
    json Json() const {
      const int decided = attended + excused + absent;
      return {{"attended", attended},
              {"excused", excused},
              {"absent", absent},
              {"late", late},
              {"left_early", left_early},
              {"left_midway", left_midway},
              {"pending", pending},
              {"rate", decided ? static_cast<double>(attended) / decided : 0.0}};
    }
  };
  json by_session = json::array();
  std::map<std::string, Tally> by_unit;
  std::map<int64_t, Tally> by_group;
  const int off = att.klass.utc_offset_minutes;
  for (const auto& s : att.sessions) {
    Tally t;
    for (const auto& r : s.rows) {
      t.Add(r);
      by_unit[r.unit_name].Add(r);
      auto g = att.group_of.find(r.person_id);
      if (g != att.group_of.end()) by_group[g->second].Add(r);
    }
    json j = t.Json();
    j["session_id"] = s.ctx.session.id;
    j["title"] = s.ctx.session.title;
    j["start"] = core::FormatLocalDateTime(s.ctx.session.start_ms, off, ' ');
    j["expected"] = s.rows.size();
    by_session.push_back(j);
  }
  json units = json::array();
  for (const auto& [name, t] : by_unit) {
    json j = t.Json();
    j["unit_name"] = name;
    units.push_back(j);
  }
  json groups = json::array();
  for (const auto& [id, t] : by_group) {
    json j = t.Json();
    j["group_id"] = id;
    auto n = att.group_names.find(id);
    j["group_name"] = n == att.group_names.end() ? "" : n->second;
    groups.push_back(j);
  }
  json trainees = json::array();
  for (const auto& t : att.trainees) {
    json reasons = json::array();
    for (const auto& r : t.verdict.reasons) {
      reasons.push_back({{"code", r.code}, {"message", en ? r.message_en : r.message_zh}});
    }
    trainees.push_back({{"person_id", t.person_id},
                        {"name", t.name},
                        {"unit_name", t.unit_name},
                        {"programme_hours", t.verdict.programme_tenths / 10.0},
                        {"credited_hours", t.verdict.credited_tenths / 10.0},
                        {"excused_hours", t.verdict.excused_tenths / 10.0},
                        {"absences", t.verdict.absences},
                        {"discipline", t.verdict.discipline_count},
                        {"leave_share", std::to_string(t.verdict.leave_share.num) + "/" +
                                            std::to_string(t.verdict.leave_share.den)},
                        {"state", core::CompletionStateCode(t.verdict.state)},
                        {"reasons", reasons}});
  }
  return {{"class_id", att.klass.id},
          {"by_session", by_session},
          {"by_unit", units},
          {"by_group", groups},
          {"trainees", trainees}};
}

}  // namespace peixun::attendance
