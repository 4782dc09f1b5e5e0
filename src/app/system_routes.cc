#include "app/system_routes.h"

#include "api/openapi.h"

namespace peixun::app {

void RegisterSystemRoutes(api::Router& router, api::Metrics& metrics) {
  router.Get("/healthz", api::Access::Public(),
             {{"summary", "存活检查"},
              {"tags", {"system"}},
              {"responses",
               {{"200", api::JsonResponseDoc(
                            "alive", api::ObjectSchema({{"status", {{"type", "string"}}}}))}}}},
             [](api::Call&) -> Result<api::Response> {
               return api::Json({{"status", "ok"}});
             });

  router.Get("/metrics", api::Access::Public(),
             {{"summary", "Prometheus 指标"},
              {"tags", {"system"}},
              {"responses",
               {{"200",
                 {{"description", "Prometheus text format 0.0.4"},
                  {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}}}},
             [&metrics](api::Call&) -> Result<api::Response> {
               api::Response r;
               r.content_type = "text/plain; version=0.0.4; charset=utf-8";
               r.body = metrics.Render();
               return r;
             });

  router.Get(
      "/api/v1/openapi.json", api::Access::Public(),
      {{"summary", "本 API 的 OpenAPI 3 文档"},
       {"tags", {"system"}},
       {"responses",
        {{"200", api::JsonResponseDoc(
                     "OpenAPI 3.0 document",
                     {{"type", "object"},
                      {"additionalProperties", true},
                      {"required", {"openapi", "info", "paths"}},
                      {"properties",
                       {{"openapi", {{"type", "string"}}},
                        {"info", {{"type", "object"}, {"additionalProperties", true}}},
                        {"paths", {{"type", "object"}, {"additionalProperties", true}}}}}})}}}},
      [&router](api::Call&) -> Result<api::Response> {
        return api::Json(api::OpenApiDocument(router, PEIXUN_VERSION));
      });
}

}  // namespace peixun::app
