// public_base_url: the address people reach this installation at from outside
// (https://peixun.example.gov.cn). It is the one home of the setting: certificates
// print <public_base_url>/verify/<serial> in their QR, invites put
// <public_base_url>/invite/<token> on the printed slips.
//
// Stored under kPublicBaseUrl in app_settings, normalized (scheme and host lower case,
// no trailing slash); unset or "" means "not configured": certificates then use
// kDefaultPublicBaseUrl, invites the address the request came in on.
//
// Who: only the admin reads or changes it through SettingsService (403
// settings.forbidden otherwise). Errors: settings.public_base_url (422, field
// public_base_url): not an absolute http(s) URL of at most 200 characters, or one
// with a query, a fragment, user info or characters outside the URL set.
// Audited: settings.public_base_url (entity "setting", before and after).
#pragma once

#include <optional>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::settings {

inline constexpr char kPublicBaseUrl[] = "public_base_url";
inline constexpr char kDefaultPublicBaseUrl[] = "http://localhost:8080";
inline constexpr size_t kMaxPublicBaseUrlChars = 200;

// `url` checked and normalized ("" stays "": not configured). Pure.
Result<std::string> NormalizePublicBaseUrl(const std::string& url);

// The configured value, normalized; nullopt when unset or "".
Result<std::optional<std::string>> PublicBaseUrlIn(store::Tx& tx);
// The configured value, else kDefaultPublicBaseUrl.
Result<std::string> PublicBaseUrlOrDefaultIn(store::Tx& tx);

struct PublicBaseUrlSetting {
  std::string value;      // "" when not configured
  std::string effective;  // what certificates print: value, else the default
};

class SettingsService {
 public:
  explicit SettingsService(store::Store& store) : store_(store) {}

  Result<PublicBaseUrlSetting> GetPublicBaseUrl(const Principal& who);
  // `url` "" clears the setting.
  Result<PublicBaseUrlSetting> SetPublicBaseUrl(const Principal& who, const std::string& url);

 private:
  store::Store& store_;
};

}  // namespace peixun::settings
