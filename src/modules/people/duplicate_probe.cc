#include "modules/people/internal/duplicate_probe.h"

#include "modules/audit/audit_log.h"
#include "modules/org/org_scope.h"

namespace peixun::people {

constexpr int64_t kHourMs = 60 * 60 * 1000;

Result<bool> HolderVisibleIn(store::Tx& tx, const Principal& who, const Person& holder) {
  if (who.role == Role::kAdmin || who.role == Role::kOrganizer) return true;
  if (who.role != Role::kLiaison || !holder.unit_id) return false;
  return org::CheckUnitInScopeIn(tx, who, *holder.unit_id).ok();
}

Error HiddenDuplicate() {
  return Conflict("people.id_number.registered", "该身份证号已登记，请核对或联系组织部",
                  "this ID number is already registered; check it or ask the organizer",
                  "id_number");
}

Status RecordHiddenDuplicates(store::Store& store, const Actor& actor, int count, int64_t now_ms) {
  int64_t recent = 0;
  PEIXUN_RETURN_IF_ERROR(store.Transact([&](store::Tx& tx) -> Status {
    for (int i = 0; i < count; ++i) {
      PEIXUN_RETURN_IF_ERROR(
          audit::AppendIn(tx, actor,
                          audit::AuditEntry{kHiddenDuplicateAction, "person", std::nullopt, nullptr,
                                            nlohmann::json{{"scope", "outside"}}}));
    }
    PEIXUN_ASSIGN_OR_RETURN(
        recent, audit::CountRecentIn(tx, actor.user_id, kHiddenDuplicateAction, now_ms - kHourMs));
    return Ok();
  }));
  if (recent > kHiddenDuplicatesPerHour) {
    return MakeError(ErrorKind::kRateLimited, "people.id_number.probe_limit",
                     "一小时内查询到的已登记身份证号过多，请稍后再试或联系组织部",
                     "too many already registered ID numbers within an hour; try again later",
                     "id_number");
  }
  return Ok();
}

}  // namespace peixun::people
