#ifndef PEIXUN_MODULE_ATTENDANCE_INTERNALS
#error "modules/attendance/internal is private to the attendance module"
#endif
// What the check-in service's files share: a prepared check-in (checks done, the
// write still to come) and one job of the batch the writer is running, so the
// batch can be written in a few multi-row statements (checkin_batch_write.cc)
// instead of a few statements per check-in.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/attendance/checkin_service.h"
#include "store/store.h"

namespace peixun::attendance {

struct CheckinService::Prepared {
  std::shared_ptr<const SessionContext> ctx_ptr;  // cached; never null once prepared
  const SessionContext& ctx() const { return *ctx_ptr; }
  int64_t person_id = 0;
  std::string person_name;
  core::CheckinDirection direction = core::CheckinDirection::kIn;
  CheckinSource source = CheckinSource::kQr;
  int64_t at_ms = 0;
  int64_t received_ms = 0;
  std::string key;
  std::string device_hash;
  std::vector<std::string> flags;
  int64_t user_id = 0;
  // The trainee's approved leave in the session: what the answer's meaning needs for
  // this scan, or for the earlier one a retry or a repeat answers with.
  std::vector<core::LeaveSpan> leaves;
  // Set when the key was already stored: the answer, no write needed.
  std::optional<CheckinResult> stored;
  // The token's refusal when it expired (used only when no stored answer exists).
  std::optional<Error> refusal;
};

// One check-in job of a batch: what it writes, and where its outcome goes (set
// afresh by each run of the batch).
struct CheckinService::BatchItem {
  std::shared_ptr<const Prepared> p;
  std::shared_ptr<CheckinResult> out;
  std::shared_ptr<bool> inserted;
};

namespace checkin_internal {

// The event stored under `key`, as an answer (the first check-in for check-ins).
// nullopt when there is none.
Result<std::optional<CheckinResult>> StoredAnswerIn(store::Tx& tx, const std::string& key);
std::string FlagsText(const std::vector<std::string>& flags);
// 409 attendance.idempotency.reused.
Error KeyReused();

}  // namespace checkin_internal
}  // namespace peixun::attendance
