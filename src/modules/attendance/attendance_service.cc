#include "modules/attendance/attendance_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/checkin_direction.h"
#include "core/clock.h"
#include "core/local_time.h"
#include "core/programme_hours.h"
#include "core/role_guard.h"
#include "modules/attendance/class_attendance_of.h"
#include "modules/attendance/leave_service.h"
#include "modules/attendance/session_trainees.h"
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

// ForClassIn's body; `only_people` null: every trainee.
Result<ClassAttendance> ForClassOfIn(store::Tx& tx, int64_t class_id, int64_t now,
                                     const std::set<int64_t>* only_people);

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
  if (!only_person) return ForClassOfIn(tx, class_id, now, nullptr);
  const std::set<int64_t> one = {*only_person};
  return ForClassOfIn(tx, class_id, now, &one);
}

Result<ClassAttendance> ForClassPeopleIn(store::Tx& tx, int64_t class_id, int64_t now,
                                         const std::vector<int64_t>& people) {
  const std::set<int64_t> only(people.begin(), people.end());
  return ForClassOfIn(tx, class_id, now, &only);
}

namespace {

Result<ClassAttendance> ForClassOfIn(store::Tx& tx, int64_t class_id, int64_t now,
                                     const std::set<int64_t>* only_people) {
  ClassAttendance out;
  PEIXUN_ASSIGN_OR_RETURN(out.klass, classes::ClassService::GetIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<timetable::ClassSession> sessions,
                          timetable::SessionService::ListForClassIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<LeaveRequest> leaves,
                          LeaveService::CountingLeavesIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(groups::ClassGroups groups, groups::GroupsService::LoadIn(tx, class_id));
  for (const auto& g : groups.groups) {
    out.group_names[g.id] = g.name;
    for (const auto& m : g.members) out.group_of[m.person_id] = g.id;
  }
  PEIXUN_ASSIGN_OR_RETURN(std::vector<groups::GroupMember> all,
                          groups::GroupsService::MembersIn(tx, class_id, {}));
  auto keep = [&](std::vector<groups::GroupMember> v) {
    if (only_people) {
      v.erase(std::remove_if(v.begin(), v.end(),
                             [&](const auto& m) { return only_people->count(m.person_id) == 0; }),
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

}  // namespace

Result<SessionAttendance> AttendanceService::ForSession(const Principal& who, int64_t session_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const int64_t now = now_ms_();
  return store::ReadValue<SessionAttendance>(
      store_, [&](store::Tx& tx) -> Result<SessionAttendance> {
        PEIXUN_ASSIGN_OR_RETURN(SessionAttendance sa, ForSessionIn(tx, session_id, now));
        PEIXUN_RETURN_IF_ERROR(CheckManageSession(tx, who, sa.ctx));
        return sa;
      });
}

Result<ClassAttendance> AttendanceService::ForClass(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
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

Result<CorrectionInfo> AttendanceService::Correct(const Principal& who, int64_t session_id,
                                                  const CorrectionInput& input) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
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
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
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

}  // namespace peixun::attendance
