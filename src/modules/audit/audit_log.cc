#include "modules/audit/audit_log.h"

#include "core/clock.h"
#include "core/id_number.h"
#include "modules/audit/audit_record.h"
#include "store/key_lock.h"

namespace peixun::audit {
namespace {

using nlohmann::json;

constexpr char kSensitiveKey[] = "id_number";
// The one key every append takes (store/key_lock.h): the chain has one head.
constexpr char kChainLockKey[] = "audit.chain";

void MaskInPlace(json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      json& field = it.value();
      if (it.key() == kSensitiveKey && field.is_string()) {
        field = core::MaskIdNumber(field.get_ref<const std::string&>());
      } else if (it.key() == kSensitiveKey && field.is_number()) {
        field = core::MaskIdNumber(field.dump());
      } else {
        MaskInPlace(field);
      }
    }
  } else if (value.is_array()) {
    for (json& element : value) MaskInPlace(element);
  }
}

}  // namespace

json MaskSensitive(json value) {
  MaskInPlace(value);
  return value;
}

Status AppendIn(store::Tx& tx, const Actor& actor, const AuditEntry& e) {
  if (e.action.empty() || e.entity.empty()) {
    return Internal("audit.entry", "audit entry without action or entity");
  }
  // The chain's head, read under the chain's lock (see the header), so it is still
  // the head when we insert.
  PEIXUN_RETURN_IF_ERROR(store::LockKeyIn(tx, kChainLockKey));
  PEIXUN_ASSIGN_OR_RETURN(store::Rows last,
                          tx.Query("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
  AuditRecord r;
  r.id = last.empty() ? 1 : last[0].Int(0) + 1;
  r.prev_hash = last.empty() ? std::string(kGenesisHash) : last[0].Str(1);
  r.at = NowMillis();
  r.actor_user_id = actor.user_id;
  r.actor_name = actor.name;
  r.remote_address = actor.remote_address;
  r.action = e.action;
  r.entity = e.entity;
  r.entity_id = e.entity_id;
  r.before_json = StoredJson(MaskSensitive(e.before));
  r.after_json = StoredJson(MaskSensitive(e.after));
  r.hash = ComputeHash(r);

  auto opt_text = [](const std::optional<std::string>& s) {
    return s ? store::Text(*s) : store::Null();
  };
  PEIXUN_RETURN_IF_ERROR(tx.Exec(
      "INSERT INTO audit_log (id, at, actor_user_id, actor_name, remote_address, action, entity, "
      "entity_id, before_json, after_json, prev_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {store::Int(r.id), store::Int(r.at), store::Int(r.actor_user_id), store::Text(r.actor_name),
       store::TextOrNull(r.remote_address), store::Text(r.action), store::Text(r.entity),
       store::IntOrNull(r.entity_id), opt_text(r.before_json), opt_text(r.after_json),
       store::Text(r.prev_hash), store::Text(r.hash)}));
  return Ok();
}

Result<int64_t> CountRecentIn(store::Tx& tx, int64_t actor_user_id, const std::string& action,
                              int64_t since_ms) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT COUNT(*) FROM audit_log WHERE actor_user_id = ? AND action = ? AND at >= ?",
               {store::Int(actor_user_id), store::Text(action), store::Int(since_ms)}));
  return rows[0].Int(0);
}

Status RecordIn(store::Tx& tx, const Actor& actor, std::string action, std::string entity,
                std::optional<int64_t> entity_id, nlohmann::json before, nlohmann::json after) {
  return AppendIn(tx, actor,
                  AuditEntry{std::move(action), std::move(entity), entity_id, std::move(before),
                             std::move(after)});
}

}  // namespace peixun::audit
