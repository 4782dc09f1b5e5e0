// ClassService's entry points for a user that the class routes call: the access
// check lives here (class_access.h), so a route only translates.
#include "core/clock.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/classes/internal/checkin_secret_box.h"

namespace peixun::classes {

Result<TrainingClass> ClassService::Get(const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(
      CheckClassAccess(store_, who, id, ClassNeed::kRead, hooks_.enrolled_class_ids));
  return Get(id);
}

Result<TrainingClass> ClassService::Update(const Principal& who, int64_t id,
                                           const ClassPatch& patch) {
  PEIXUN_RETURN_IF_ERROR(CheckClassAccess(store_, who, id, ClassNeed::kManage));
  return Update(id, patch, Actor::Of(who));
}

Result<TrainingClass> ClassService::ChangeStatus(const Principal& who, int64_t id, ClassStatus to) {
  PEIXUN_RETURN_IF_ERROR(CheckClassAccess(store_, who, id, ClassNeed::kManage));
  return ChangeStatus(id, to, Actor::Of(who));
}

Result<SecretRotation> ClassService::RotateCheckinSecret(const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(CheckClassAccess(store_, who, id, ClassNeed::kManage));
  PEIXUN_ASSIGN_OR_RETURN(const crypto::DataKey* key, Key());
  return store::TransactValue<SecretRotation>(store_, [&](store::Tx& tx) -> Result<SecretRotation> {
    PEIXUN_RETURN_IF_ERROR(CheckEditableIn(tx, id));
    SecretRotation out{id, NowMillis()};
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows before,
        tx.Query("SELECT checkin_secret_rotated_at FROM training_classes WHERE id = ?",
                 {store::Int(id)}));
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE training_classes SET checkin_secret = ?, checkin_secret_rotated_at = ?, "
                "updated_at = ? WHERE id = ?",
                {store::Text(SealCheckinSecret(*key, NewCheckinSecret())),
                 store::Int(out.rotated_at), store::Int(out.rotated_at), store::Int(id)}));
    const nlohmann::json was = before.empty() || before[0].IsNull(0)
                                   ? nlohmann::json(nullptr)
                                   : nlohmann::json(before[0].Int(0));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, Actor::Of(who), "classes.checkin_secret.rotate",
                                           "class", id, {{"rotated_at", was}},
                                           {{"rotated_at", out.rotated_at}}));
    return out;
  });
}

}  // namespace peixun::classes
