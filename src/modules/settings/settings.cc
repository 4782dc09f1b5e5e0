#include "modules/settings/settings.h"

namespace peixun::settings {

Result<std::optional<std::string>> GetIn(store::Tx& tx, const std::string& key) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT value FROM app_settings WHERE key = ?",
                                                     {store::Text(key)}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Str(0));
}

Status SetIn(store::Tx& tx, const std::string& key, const std::string& value) {
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO app_settings (key, value) VALUES (?, ?) "
              "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
              {store::Text(key), store::Text(value)}));
  return Ok();
}

}  // namespace peixun::settings
