// Tables owned by the settings module: app_settings (installation-wide key/value).
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::settings {

std::vector<store::Migration> SettingsMigrations();

}  // namespace peixun::settings
