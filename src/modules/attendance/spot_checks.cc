// Spot checks, AttendanceService's operations (attendance_service.h, spot_checks.h).
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/role_guard.h"
#include "modules/attendance/attendance_service.h"
#include "modules/attendance/session_trainees.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"

namespace peixun::attendance {

using nlohmann::json;

Result<SpotCheckInfo> AttendanceService::OpenSpotCheck(const Principal& who, int64_t session_id,
                                                       std::optional<int> minutes) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const int m = minutes.value_or(kDefaultSpotCheckMinutes);
  if (m < 1 || m > 60) {
    return Invalid("attendance.spot_check.minutes", "点名时长应为 1–60 分钟",
                   "minutes must be 1 to 60", "minutes");
  }
  const int64_t now = now_ms_();
  return store::TransactValue<SpotCheckInfo>(store_, [&](store::Tx& tx) -> Result<SpotCheckInfo> {
    PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionIn(tx, session_id));
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, ctx.klass.id, classes::ClassNeed::kManage));
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
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  using Out = std::vector<SpotCheckInfo>;
  return store::ReadValue<Out>(store_, [&](store::Tx& tx) -> Result<Out> {
    PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionIn(tx, session_id));
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, ctx.klass.id, classes::ClassNeed::kManage));
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
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
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
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
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

}  // namespace peixun::attendance
