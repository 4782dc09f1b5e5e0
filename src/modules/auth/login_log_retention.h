// How long the login log (login_log.h) is kept, and its purge. The retention is
// an installation setting (settings module, key kLoginLogRetentionSetting) in
// days: 180 by default and at least 180, because the Cybersecurity Law (网络安全法
// 第二十一条) asks network logs to be kept no less than six months; at most 3650.
//
// The purge deletes the entries older than the retention. It runs in `peixun
// serve`'s housekeeping (app/housekeeping.h: at start, then hourly) and from
// `peixun login-log purge`; a purge that deleted anything is audited
// (auth.login_log.purge, with the count and the cutoff).
//
// Thread-safe (the Store).
#pragma once

#include <cstdint>

#include "core/actor.h"
#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::auth {

inline constexpr char kLoginLogRetentionSetting[] = "auth.login_log.retention_days";
inline constexpr int kDefaultLoginLogRetentionDays = 180;
inline constexpr int kMinLoginLogRetentionDays = 180;
inline constexpr int kMaxLoginLogRetentionDays = 3650;

// The retention in force (the default when never set).
Result<int> LoginLogRetentionDays(store::Store& store);
// The same for the admin console: administrators only (403 auth.forbidden).
Result<int> GetLoginLogRetention(store::Store& store, const Principal& admin);
// Administrators only; 422 auth.login_log.retention naming `days` when out of
// range. Audited (auth.login_log.retention.update).
Status SetLoginLogRetention(store::Store& store, const Principal& admin, int days);

struct LoginLogPurge {
  int days = 0;        // the retention applied
  int64_t cutoff = 0;  // entries with at < cutoff (UTC ms) were deleted
  int64_t deleted = 0;
};

// Deletes the entries older than the retention at `now_ms`, in one transaction
// with its audit entry (written only when something was deleted). For the
// server's housekeeping and the CLI: `actor` is Actor::System() or Actor::Cli().
Result<LoginLogPurge> PurgeLoginLog(store::Store& store, const Actor& actor, int64_t now_ms);

}  // namespace peixun::auth
