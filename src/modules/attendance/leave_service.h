// Leave (请假): a trainee asks for time off (a span, or named sessions) with a
// reason and perhaps an attachment (a doctor's note, ≤ 2 MB, kept as base64); a
// head teacher approves or rejects it; the trainee may cancel it before it is
// decided or begins, and reports back (销假) when they return early — the leave then
// ends at that moment. Approved (and returned) leave feeds the attendance rules
// (attendance_service.h): overlapping at least half a session makes it excused.
//
// Status: requested → approved | rejected | cancelled; approved → cancelled (not begun)
// | returned. Other moves: 409 leave.state.
// Access: a trainee for themself (an approved trainee of the class); head teachers,
// organizers and admins (kManage on the class) for anyone and for decisions. Another
// trainee's leave answers 404 leave.not_found to a trainee (its existence is not theirs).
// Writes are one transaction each and audited (leave.request, leave.approve,
// leave.reject, leave.cancel, leave.return; entity "leave").
//
// Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/attendance_rules.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/timetable/class_session.h"
#include "store/store.h"

namespace peixun::attendance {

inline constexpr size_t kMaxAttachmentBytes = 2 * 1024 * 1024;

struct LeaveRequest {
  int64_t id = 0;
  int64_t class_id = 0;
  int64_t person_id = 0;
  std::string person_name;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::vector<int64_t> session_ids;  // empty: the span
  std::string reason;
  std::string attachment_name;
  std::string status;  // requested | approved | rejected | cancelled | returned
  std::optional<int64_t> decided_by;
  std::string decision_reason;
  std::optional<int64_t> returned_ms;
  int64_t created_ms = 0;
};

struct LeaveInput {
  std::optional<int64_t> person_id;  // staff for someone; a trainee: themself
  std::optional<int64_t> start_ms;
  std::optional<int64_t> end_ms;
  std::vector<int64_t> session_ids;
  std::string reason;
  std::string attachment_name;
  std::string attachment_base64;
};

// The spans of `leave` (approved or returned) that count inside `session`.
std::vector<core::LeaveSpan> LeaveSpansFor(const LeaveRequest& leave,
                                           const timetable::ClassSession& session);

// Whether a trainee of class `class_id` is on approved leave at a moment, as a
// check that reads the class's leaves and their sessions once and then answers
// from memory (the logistics module's meal counts ask once per trainee and
// meal). Leave reported back (销假) ends at its return. On a database error,
// nobody is on leave.
std::function<bool(int64_t person_id, int64_t at_ms)> LeaveCheckForClass(store::Store& store,
                                                                         int64_t class_id);

class LeaveService {
 public:
  using Clock = std::function<int64_t()>;
  explicit LeaveService(store::Store& store, Clock now_ms = {});

  // 422 leave.reason, leave.span (neither span nor sessions, or end ≤ start),
  // leave.session (a session of another class); 413 leave.attachment.too_large;
  // 422 leave.attachment.format (not base64).
  Result<LeaveRequest> Request(const Principal& who, int64_t class_id, const LeaveInput& in);
  Result<LeaveRequest> Get(const Principal& who, int64_t id);
  Result<std::vector<LeaveRequest>> List(const Principal& who, int64_t class_id,
                                         const std::string& status);
  Result<LeaveRequest> Approve(const Principal& who, int64_t id, const std::string& reason);
  Result<LeaveRequest> Reject(const Principal& who, int64_t id, const std::string& reason);
  Result<LeaveRequest> Cancel(const Principal& who, int64_t id);
  Result<LeaveRequest> Return(const Principal& who, int64_t id);
  // {name, bytes}.
  Result<std::pair<std::string, std::string>> Attachment(const Principal& who, int64_t id);

  // Approved and returned leave of the class (no attachments), for the rules.
  static Result<std::vector<LeaveRequest>> CountingLeavesIn(store::Tx& tx, int64_t class_id);

 private:
  Result<LeaveRequest> Decide(const Principal& who, int64_t id, const std::string& to,
                              const std::string& reason);
  store::Store& store_;
  Clock now_ms_;
};

}  // namespace peixun::attendance
