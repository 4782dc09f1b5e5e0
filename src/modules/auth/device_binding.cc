#include "modules/auth/internal/device_binding.h"

#include "modules/auth/internal/secret_token.h"

namespace peixun::auth {

Status BindDeviceIn(store::Tx& tx, const std::string& device_id, int64_t user_id, int64_t now_ms) {
  // ON CONFLICT DO NOTHING is understood by both SQLite (3.24+) and PostgreSQL.
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO devices (device_id_hash, user_id, bound_at) VALUES (?, ?, ?) "
              "ON CONFLICT DO NOTHING",
              {store::Text(SecretHash(device_id)), store::Int(user_id), store::Int(now_ms)}));
  return Ok();
}

Result<std::vector<int64_t>> UsersOfDeviceIn(store::Tx& tx, const std::string& device_id) {
  std::vector<int64_t> out;
  if (!LooksLikeSecret(device_id)) return out;
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT user_id FROM devices WHERE device_id_hash = ? ORDER BY bound_at, user_id",
               {store::Text(SecretHash(device_id))}));
  for (const store::Row& r : rows) out.push_back(r.Int(0));
  return out;
}

}  // namespace peixun::auth
