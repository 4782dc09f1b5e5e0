#include "modules/settings/settings_routes.h"

#include <memory>

#include "api/json_input.h"
#include "api/openapi.h"
#include "modules/settings/public_base_url.h"

namespace peixun::settings {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kAdmins = Access::Roles({Role::kAdmin});

json PublicBaseUrlSchema() {
  return api::ObjectSchema(
      {{"public_base_url",
        {{"type", "string"},
         {"description", "the configured address; \"\" when not set"},
         {"maxLength", kMaxPublicBaseUrlChars}}},
       {"effective",
        {{"type", "string"},
         {"description", "what certificates print in their QR (the default while not set)"}}},
       {"default", {{"type", "string"}}}},
      {"public_base_url", "effective", "default"});
}

json PublicBaseUrlJson(const PublicBaseUrlSetting& s) {
  return {
      {"public_base_url", s.value}, {"effective", s.effective}, {"default", kDefaultPublicBaseUrl}};
}

json Doc(const std::string& summary, json extra) {
  json d = {{"summary", summary}, {"tags", {"settings"}}};
  d.update(extra);
  return d;
}

}  // namespace

void RegisterSettingsRoutes(api::Router& router, store::Store& store) {
  auto service = std::make_shared<SettingsService>(store);
  const json response = api::JsonResponseDoc("the public address", PublicBaseUrlSchema());

  router.Get(
      "/api/v1/settings/public-base-url", kAdmins,
      Doc("对外访问地址（证书二维码、登录邀请中的网址）", {{"responses", {{"200", response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(PublicBaseUrlSetting s, service->GetPublicBaseUrl(*c.principal));
        return api::Json(PublicBaseUrlJson(s));
      });

  router.Put(
      "/api/v1/settings/public-base-url", kAdmins,
      Doc("设置对外访问地址（http:// 或 https:// 开头；空字符串表示恢复默认），记入审计",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema(
                {{"public_base_url", {{"type", "string"}, {"maxLength", kMaxPublicBaseUrlChars}}}},
                {"public_base_url"}))},
           {"responses", {{"200", response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const std::string url =
            in.Str("public_base_url", api::kOptional, 4 * kMaxPublicBaseUrlChars);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(PublicBaseUrlSetting s,
                                service->SetPublicBaseUrl(*c.principal, url));
        return api::Json(PublicBaseUrlJson(s));
      });
}

}  // namespace peixun::settings
