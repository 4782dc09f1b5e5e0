#include "modules/settings/public_base_url.h"

#include <cctype>

#include "core/actor.h"
#include "modules/audit/audit_log.h"
#include "modules/settings/settings.h"

namespace peixun::settings {
namespace {

Error BadUrl() {
  return Invalid("settings.public_base_url",
                 "对外访问地址应为 http:// 或 https:// 开头的完整网址（不超过 200 字符，"
                 "不含 ? 和 #），如 https://peixun.example.gov.cn",
                 "the public address must be a full http:// or https:// URL (at most 200 "
                 "characters, no ? or #), e.g. https://peixun.example.gov.cn",
                 "public_base_url");
}

bool UrlChar(char ch) {
  if (std::isalnum(static_cast<unsigned char>(ch))) return true;
  static const std::string kAllowed = "-._~/:[]%";
  return kAllowed.find(ch) != std::string::npos;
}

Status CheckAdmin(const Principal& who) {
  if (who.role == Role::kAdmin) return Ok();
  return MakeError(ErrorKind::kForbidden, "settings.forbidden", "只有系统管理员可以修改系统设置",
                   "only the administrator may change the installation settings");
}

PublicBaseUrlSetting SettingOf(const std::optional<std::string>& v) {
  return PublicBaseUrlSetting{v.value_or(""), v.value_or(kDefaultPublicBaseUrl)};
}

}  // namespace

Result<std::string> NormalizePublicBaseUrl(const std::string& in) {
  size_t b = 0, e = in.size();
  while (b < e && std::isspace(static_cast<unsigned char>(in[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(in[e - 1]))) --e;
  std::string url = in.substr(b, e - b);
  if (url.empty()) return url;
  if (url.size() > kMaxPublicBaseUrlChars) return BadUrl();
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return BadUrl();
  for (size_t i = 0; i < scheme_end; ++i) {
    url[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(url[i])));
  }
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return BadUrl();
  for (char ch : url) {
    if (!UrlChar(ch)) return BadUrl();  // also refuses ?, #, @ (user info) and spaces
  }
  const size_t host_begin = scheme_end + 3;
  size_t host_end = url.find('/', host_begin);
  if (host_end == std::string::npos) host_end = url.size();
  if (host_end == host_begin || url[host_begin] == ':') return BadUrl();
  for (size_t i = host_begin; i < host_end; ++i) {
    url[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(url[i])));
  }
  while (url.size() > host_end && url.back() == '/') url.pop_back();
  return url;
}

Result<std::optional<std::string>> PublicBaseUrlIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> v, GetIn(tx, kPublicBaseUrl));
  if (!v || v->empty()) return std::optional<std::string>();
  // Stored normalized by SetPublicBaseUrl; a value written by hand may still end in "/".
  std::string url = *v;
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.empty()) return std::optional<std::string>();
  return std::optional<std::string>(url);
}

Result<std::string> PublicBaseUrlOrDefaultIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> v, PublicBaseUrlIn(tx));
  return v.value_or(kDefaultPublicBaseUrl);
}

Result<PublicBaseUrlSetting> SettingsService::GetPublicBaseUrl(const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(CheckAdmin(who));
  return store::ReadValue<PublicBaseUrlSetting>(
      store_, [&](store::Tx& tx) -> Result<PublicBaseUrlSetting> {
        PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> v, PublicBaseUrlIn(tx));
        return SettingOf(v);
      });
}

Result<PublicBaseUrlSetting> SettingsService::SetPublicBaseUrl(const Principal& who,
                                                               const std::string& in) {
  PEIXUN_RETURN_IF_ERROR(CheckAdmin(who));
  PEIXUN_ASSIGN_OR_RETURN(std::string url, NormalizePublicBaseUrl(in));
  return store::TransactValue<PublicBaseUrlSetting>(
      store_, [&](store::Tx& tx) -> Result<PublicBaseUrlSetting> {
        PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> before, PublicBaseUrlIn(tx));
        if (before.value_or("") == url) return SettingOf(before);
        PEIXUN_RETURN_IF_ERROR(SetIn(tx, kPublicBaseUrl, url));
        PEIXUN_RETURN_IF_ERROR(
            audit::AppendIn(tx, Actor::Of(who),
                            audit::AuditEntry{"settings.public_base_url",
                                              "setting",
                                              std::nullopt,
                                              {{"public_base_url", before.value_or("")}},
                                              {{"public_base_url", url}}}));
        if (url.empty()) return SettingOf(std::nullopt);
        return SettingOf(url);
      });
}

}  // namespace peixun::settings
