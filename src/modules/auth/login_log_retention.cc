#include "modules/auth/login_log_retention.h"

#include <charconv>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/role_guard.h"
#include "modules/audit/audit_log.h"
#include "modules/settings/settings.h"

namespace peixun::auth {
namespace {

using nlohmann::json;
constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

Result<int> RetentionIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> v,
                          settings::GetIn(tx, kLoginLogRetentionSetting));
  int days = 0;
  if (!v || std::from_chars(v->data(), v->data() + v->size(), days).ec != std::errc() ||
      days < kMinLoginLogRetentionDays) {
    return kDefaultLoginLogRetentionDays;
  }
  return days;
}

}  // namespace

Result<int> LoginLogRetentionDays(store::Store& store) {
  return store::ReadValue<int>(store, [](store::Tx& tx) { return RetentionIn(tx); });
}

Result<int> GetLoginLogRetention(store::Store& store, const Principal& admin) {
  if (admin.role != Role::kAdmin) {
    return MakeError(ErrorKind::kForbidden, "auth.forbidden", "只有系统管理员可以这样做",
                     "only an administrator may do this");
  }
  return LoginLogRetentionDays(store);
}

Status SetLoginLogRetention(store::Store& store, const Principal& admin, int days) {
  if (admin.role != Role::kAdmin) {
    return MakeError(ErrorKind::kForbidden, "auth.forbidden", "只有系统管理员可以这样做",
                     "only an administrator may do this");
  }
  if (days < kMinLoginLogRetentionDays || days > kMaxLoginLogRetentionDays) {
    return Invalid("auth.login_log.retention",
                   "登录日志保存天数应在 180（网络日志留存不少于六个月）到 3650 之间",
                   "the login log must be kept between 180 days (network logs are kept at least "
                   "six months) and 3650 days",
                   "days");
  }
  return store.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(int before, RetentionIn(tx));
    PEIXUN_RETURN_IF_ERROR(settings::SetIn(tx, kLoginLogRetentionSetting, std::to_string(days)));
    return audit::RecordIn(tx, Actor::Of(admin), "auth.login_log.retention.update", "settings",
                           std::nullopt, json{{"days", before}}, json{{"days", days}});
  });
}

Result<LoginLogPurge> PurgeLoginLog(store::Store& store, const Actor& actor, int64_t now_ms) {
  LoginLogPurge out;
  PEIXUN_RETURN_IF_ERROR(store.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(out.days, RetentionIn(tx));
    out.cutoff = now_ms - out.days * kDayMs;
    PEIXUN_ASSIGN_OR_RETURN(
        out.deleted, tx.Exec("DELETE FROM login_log WHERE at < ?", {store::Int(out.cutoff)}));
    if (out.deleted == 0) return Ok();
    return audit::RecordIn(
        tx, actor, "auth.login_log.purge", "login_log", std::nullopt, nullptr,
        json{{"deleted", out.deleted}, {"days", out.days}, {"cutoff", out.cutoff}});
  }));
  return out;
}

}  // namespace peixun::auth
