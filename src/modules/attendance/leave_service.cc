#include "modules/attendance/leave_service.h"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/role_guard.h"
#include "crypto/base64.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/people/people_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::attendance {
namespace {

using nlohmann::json;

// The trainee's name is people's: NamePeople fills it in.
const char kColumns[] =
    "l.id, l.class_id, l.person_id, l.start_ms, l.end_ms, l.session_ids_json, l.reason, "
    "l.attachment_name, l.status, l.decided_by, l.decision_reason, l.returned_ms, l.created_ms";

LeaveRequest FromRow(const store::Row& r) {
  LeaveRequest l;
  l.id = r.Int(0);
  l.class_id = r.Int(1);
  l.person_id = r.Int(2);
  l.start_ms = r.Int(3);
  l.end_ms = r.Int(4);
  json ids = json::parse(r.Str(5).empty() ? "[]" : r.Str(5), nullptr, false);
  if (ids.is_array()) {
    for (const auto& i : ids) {
      if (i.is_number_integer()) l.session_ids.push_back(i.get<int64_t>());
    }
  }
  l.reason = r.Str(6);
  l.attachment_name = r.Str(7);
  l.status = r.Str(8);
  l.decided_by = r.OptInt(9);
  l.decision_reason = r.Str(10);
  l.returned_ms = r.OptInt(11);
  l.created_ms = r.Int(12);
  return l;
}

// The requests of `rows` with their trainees' names (one lookup for all).
Result<std::vector<LeaveRequest>> NamedLeaves(store::Tx& tx, const store::Rows& rows) {
  std::vector<LeaveRequest> out;
  std::vector<int64_t> person_ids;
  for (const auto& r : rows) {
    out.push_back(FromRow(r));
    person_ids.push_back(out.back().person_id);
  }
  if (out.empty()) return out;
  PEIXUN_ASSIGN_OR_RETURN(auto names, people::PeopleService::NamesIn(tx, person_ids));
  for (LeaveRequest& l : out) l.person_name = names[l.person_id];
  return out;
}

Result<LeaveRequest> GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(std::string("SELECT ") + kColumns +
                                                         " FROM leave_requests l WHERE l.id = ?",
                                                     {store::Int(id)}));
  if (rows.empty()) return NotFound("leave.not_found", "没有这条请假记录", "no such leave request");
  PEIXUN_ASSIGN_OR_RETURN(std::vector<LeaveRequest> one, NamedLeaves(tx, rows));
  return std::move(one.front());
}

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "leave.forbidden", "无权操作这条请假记录",
                   "you may not act on this leave request");
}

bool IsManager(store::Tx& tx, const Principal& who, int64_t class_id) {
  return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage).ok();
}

// Another trainee's leave does not exist as far as a trainee can tell.
Error HiddenFromTrainee() {
  return NotFound("leave.not_found", "没有这条请假记录", "no such leave request");
}

// Ok for the class's managers and for the leave's own trainee.
Status CheckOwnerOrManager(store::Tx& tx, const Principal& who, const LeaveRequest& l) {
  if (IsManager(tx, who, l.class_id)) return Ok();
  if (who.role == Role::kTrainee && who.person_id && *who.person_id == l.person_id) return Ok();
  return who.role == Role::kTrainee ? HiddenFromTrainee() : Forbidden();
}

Error StateError(const std::string& from) {
  return Conflict("leave.state", "请假记录当前状态（" + from + "）不允许此操作",
                  "the leave request is " + from + "; this is not allowed now");
}

json AuditJson(const LeaveRequest& l) {
  return {{"person_id", l.person_id},     {"start_ms", l.start_ms}, {"end_ms", l.end_ms},
          {"session_ids", l.session_ids}, {"status", l.status},     {"reason", l.reason}};
}

}  // namespace

std::vector<core::LeaveSpan> LeaveSpansFor(const LeaveRequest& l,
                                           const timetable::ClassSession& s) {
  std::vector<core::LeaveSpan> out;
  if (l.status != "approved" && l.status != "returned") return out;
  int64_t start = l.start_ms;
  int64_t end = l.end_ms;
  if (!l.session_ids.empty()) {
    if (std::find(l.session_ids.begin(), l.session_ids.end(), s.id) == l.session_ids.end()) {
      return out;
    }
    start = s.start_ms;
    end = s.end_ms;
  }
  if (l.status == "returned" && l.returned_ms) end = std::min(end, *l.returned_ms);
  if (end > start) out.push_back({start, end});
  return out;
}

std::function<bool(int64_t, int64_t)> LeaveCheckForClass(store::Store& store, int64_t class_id) {
  struct Span {
    int64_t person_id, from, to;
  };
  std::vector<Span> spans;
  Status st = store.Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(std::vector<LeaveRequest> leaves,
                            LeaveService::CountingLeavesIn(tx, class_id));
    for (const auto& l : leaves) {
      int64_t end = l.end_ms;
      if (l.status == "returned" && l.returned_ms) end = std::min(end, *l.returned_ms);
      if (l.session_ids.empty()) {
        spans.push_back({l.person_id, l.start_ms, end});
        continue;
      }
      for (int64_t sid : l.session_ids) {
        auto s = timetable::SessionService::GetIn(tx, sid);
        if (s) {
          spans.push_back(
              {l.person_id, std::max(l.start_ms, s->start_ms), std::min(end, s->end_ms)});
        }
      }
    }
    return Ok();
  });
  if (!st) spans.clear();
  return [spans = std::move(spans)](int64_t person_id, int64_t at_ms) {
    return std::any_of(spans.begin(), spans.end(), [&](const Span& s) {
      return s.person_id == person_id && s.from <= at_ms && at_ms < s.to;
    });
  };
}

namespace {

// A trainee may not ask leave for a session that has ended or that they checked in to.
Status CheckSessionStillOpenIn(store::Tx& tx, const timetable::ClassSession& s, int64_t person,
                               int64_t now) {
  const std::string title = "“" + s.title + "”";
  if (s.end_ms <= now) {
    return Invalid("leave.session.ended", title + "已结束，不能再请假；如需补假请联系班主任",
                   "\"" + s.title + "\" has ended; ask your head teacher to record past leave",
                   "session_ids");
  }
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT 1 FROM attendance_events WHERE session_id = ? AND person_id = ? AND "
               "direction = 'in' LIMIT 1",
               {store::Int(s.id), store::Int(person)}));
  if (!rows.empty()) {
    return Invalid("leave.session.attended", "您已签到" + title + "，不能再为它请假",
                   "you have checked in to \"" + s.title + "\"; no leave can be asked for it",
                   "session_ids");
  }
  return Ok();
}

}  // namespace

LeaveService::LeaveService(store::Store& store, Clock now_ms)
    : store_(store), now_ms_(now_ms ? std::move(now_ms) : Clock([] { return NowMillis(); })) {}

Result<LeaveRequest> LeaveService::Request(const Principal& who, int64_t class_id,
                                           const LeaveInput& in) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  if (in.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Invalid("leave.reason", "请填写请假事由", "a reason is required", "reason");
  }
  if (!in.attachment_base64.empty()) {
    if (in.attachment_base64.size() > kMaxAttachmentBytes / 3 * 4 + 8) {
      return MakeError(ErrorKind::kTooLarge, "leave.attachment.too_large", "附件不能超过 2 MB",
                       "the attachment must be at most 2 MB", "attachment_base64");
    }
    // crypto::Base64Decode refuses bytes >= 0x80, which libsodium 1.0.18 reads as '/'.
    const std::optional<std::string> bin = crypto::Base64Decode(in.attachment_base64);
    if (!bin) {
      return Invalid("leave.attachment.format", "附件不是有效的 base64",
                     "the attachment is not base64", "attachment_base64");
    }
    if (bin->size() > kMaxAttachmentBytes) {
      return MakeError(ErrorKind::kTooLarge, "leave.attachment.too_large", "附件不能超过 2 MB",
                       "the attachment must be at most 2 MB", "attachment_base64");
    }
  }
  const int64_t now = now_ms_();
  return store::TransactValue<LeaveRequest>(store_, [&](store::Tx& tx) -> Result<LeaveRequest> {
    int64_t person = 0;
    const bool manager = IsManager(tx, who, class_id);
    if (manager && in.person_id) {
      person = *in.person_id;
    } else if (who.role == Role::kTrainee && who.person_id &&
               (!in.person_id || *in.person_id == *who.person_id)) {
      person = *who.person_id;
    } else if (manager) {
      return Invalid("request.required", "请指定请假学员", "person_id is required", "person_id");
    } else {
      PEIXUN_RETURN_IF_ERROR(
          classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
      return Forbidden();
    }
    PEIXUN_ASSIGN_OR_RETURN(bool approved,
                            enrollment::EnrollmentService::IsApprovedIn(tx, class_id, person));
    if (!approved) {
      return MakeError(ErrorKind::kForbidden, "attendance.not_enrolled", "不是本班学员",
                       "not a trainee of this class", "person_id");
    }
    int64_t start = in.start_ms.value_or(0);
    int64_t end = in.end_ms.value_or(0);
    std::vector<int64_t> ids = in.session_ids;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (!ids.empty()) {
      start = INT64_MAX;
      end = INT64_MIN;
      for (int64_t sid : ids) {
        auto s = timetable::SessionService::GetIn(tx, sid);
        if (!s || s->class_id != class_id) {
          return Invalid("leave.session", "所选课程不属于本班", "a session is not of this class",
                         "session_ids");
        }
        start = std::min(start, s->start_ms);
        end = std::max(end, s->end_ms);
        // A trainee asks leave ahead; past leave is the head teacher's to record.
        if (!manager) PEIXUN_RETURN_IF_ERROR(CheckSessionStillOpenIn(tx, *s, person, now));
      }
    } else if (!in.start_ms || !in.end_ms || end <= start) {
      return Invalid("leave.span", "请填写请假起止时间（结束晚于开始）或选择课程",
                     "give start_ms < end_ms, or session_ids", "start_ms");
    } else if (!manager && end <= now) {
      return Invalid("leave.span.past", "请假时段已过去，不能再请假；如需补假请联系班主任",
                     "this time has passed; ask your head teacher to record past leave", "end_ms");
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query(
            "INSERT INTO leave_requests (class_id, person_id, start_ms, end_ms, "
            "session_ids_json, reason, attachment_name, attachment_base64, status, "
            "requested_by, created_ms, updated_ms) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?) RETURNING id",
            {store::Int(class_id), store::Int(person), store::Int(start), store::Int(end),
             ids.empty() ? store::Null() : store::Text(json(ids).dump()), store::Text(in.reason),
             store::TextOrNull(in.attachment_name), store::TextOrNull(in.attachment_base64),
             store::Int(who.user_id), store::Int(now), store::Int(now)}));
    PEIXUN_ASSIGN_OR_RETURN(LeaveRequest l, GetIn(tx, rows[0].Int(0)));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::Of(who),
                        audit::AuditEntry{"leave.request", "leave", l.id, nullptr, AuditJson(l)}));
    return l;
  });
}

Result<LeaveRequest> LeaveService::Get(const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  return store::ReadValue<LeaveRequest>(store_, [&](store::Tx& tx) -> Result<LeaveRequest> {
    PEIXUN_ASSIGN_OR_RETURN(LeaveRequest l, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(CheckOwnerOrManager(tx, who, l));
    return l;
  });
}

Result<std::vector<LeaveRequest>> LeaveService::List(const Principal& who, int64_t class_id,
                                                     const std::string& status) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  using Out = std::vector<LeaveRequest>;
  return store::ReadValue<Out>(store_, [&](store::Tx& tx) -> Result<Out> {
    std::string sql =
        std::string("SELECT ") + kColumns + " FROM leave_requests l WHERE l.class_id = ?";
    std::vector<store::Value> params = {store::Int(class_id)};
    if (!IsManager(tx, who, class_id)) {
      if (who.role != Role::kTrainee || !who.person_id) {
        PEIXUN_RETURN_IF_ERROR(
            classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
      }
      sql += " AND l.person_id = ?";
      params.push_back(store::Int(*who.person_id));
    }
    if (!status.empty()) {
      sql += " AND l.status = ?";
      params.push_back(store::Text(status));
    }
    sql += " ORDER BY l.start_ms, l.id";
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql, params));
    return NamedLeaves(tx, rows);
  });
}

Result<LeaveRequest> LeaveService::Decide(const Principal& who, int64_t id, const std::string& to,
                                          const std::string& reason) {
  const int64_t now = now_ms_();
  return store::TransactValue<LeaveRequest>(store_, [&](store::Tx& tx) -> Result<LeaveRequest> {
    PEIXUN_ASSIGN_OR_RETURN(LeaveRequest before, GetIn(tx, id));
    const bool manager = IsManager(tx, who, before.class_id);
    const bool owner =
        who.role == Role::kTrainee && who.person_id && *who.person_id == before.person_id;
    std::string action;
    if (!manager && !owner && who.role == Role::kTrainee) return HiddenFromTrainee();
    if (to == "approved" || to == "rejected") {
      if (!manager) return Forbidden();
      if (before.status != "requested") return StateError(before.status);
      action = to == "approved" ? "leave.approve" : "leave.reject";
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("UPDATE leave_requests SET status = ?, decided_by = ?, decision_reason = ?, "
                  "updated_ms = ? WHERE id = ?",
                  {store::Text(to), store::Int(who.user_id), store::TextOrNull(reason),
                   store::Int(now), store::Int(id)}));
    } else if (to == "cancelled") {
      if (!manager && !owner) return Forbidden();
      const bool begun = now >= before.start_ms;
      if (before.status != "requested" && !(before.status == "approved" && !begun)) {
        return StateError(before.status);
      }
      action = "leave.cancel";
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("UPDATE leave_requests SET status = 'cancelled', updated_ms = ? WHERE id = ?",
                  {store::Int(now), store::Int(id)}));
    } else {
      if (!manager && !owner) return Forbidden();
      if (before.status != "approved") return StateError(before.status);
      action = "leave.return";
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("UPDATE leave_requests SET status = 'returned', returned_ms = ?, updated_ms = ? "
                  "WHERE id = ?",
                  {store::Int(now), store::Int(now), store::Int(id)}));
    }
    PEIXUN_ASSIGN_OR_RETURN(LeaveRequest after, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, Actor::Of(who),
        audit::AuditEntry{action, "leave", id, AuditJson(before), AuditJson(after)}));
    return after;
  });
}

Result<LeaveRequest> LeaveService::Approve(const Principal& who, int64_t id,
                                           const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return Decide(who, id, "approved", reason);
}
Result<LeaveRequest> LeaveService::Reject(const Principal& who, int64_t id,
                                          const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return Decide(who, id, "rejected", reason);
}
Result<LeaveRequest> LeaveService::Cancel(const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  return Decide(who, id, "cancelled", "");
}
Result<LeaveRequest> LeaveService::Return(const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  return Decide(who, id, "returned", "");
}

Result<std::pair<std::string, std::string>> LeaveService::Attachment(const Principal& who,
                                                                     int64_t id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  using Out = std::pair<std::string, std::string>;
  return store::ReadValue<Out>(store_, [&](store::Tx& tx) -> Result<Out> {
    PEIXUN_ASSIGN_OR_RETURN(LeaveRequest l, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(CheckOwnerOrManager(tx, who, l));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT attachment_base64 FROM leave_requests WHERE id = ?", {store::Int(id)}));
    const std::string b64 = rows.empty() ? "" : rows[0].Str(0);
    if (b64.empty()) return NotFound("leave.attachment.none", "没有附件", "no attachment");
    std::optional<std::string> bin = crypto::Base64Decode(b64);
    if (!bin) return Internal("leave.attachment.corrupt", "stored attachment is not base64");
    return Out{l.attachment_name.empty() ? "attachment" : l.attachment_name, std::move(*bin)};
  });
}

Result<std::vector<LeaveRequest>> LeaveService::CountingLeavesIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT ") + kColumns +
                   " FROM leave_requests l "
                   "WHERE l.class_id = ? AND l.status IN ('approved', 'returned')",
               {store::Int(class_id)}));
  return NamedLeaves(tx, rows);
}

}  // namespace peixun::attendance
