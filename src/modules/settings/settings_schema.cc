#include "modules/settings/settings_schema.h"

namespace peixun::settings {

std::vector<store::Migration> SettingsMigrations() {
  return {
      {1, "app_settings", R"sql(
CREATE TABLE app_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql"},
  };
}

}  // namespace peixun::settings
