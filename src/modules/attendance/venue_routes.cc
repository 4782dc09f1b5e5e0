#include "modules/attendance/internal/venue_routes.h"

#include <utility>

#include "api/json_input.h"
#include "api/openapi.h"
#include "modules/attendance/attendance_json.h"
#include "modules/attendance/route_docs.h"

namespace peixun::attendance {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

using routes::kManagers;

json NullableNumber() { return {{"type", "number"}, {"nullable", true}}; }

json VenueSchema() {
  return api::Output(
      "Venue", api::ObjectSchema({{"class_id", {{"type", "integer"}}},
                                  {"lat", NullableNumber()},
                                  {"lng", NullableNumber()},
                                  {"radius_m", NullableNumber()},
                                  {"network_ranges", {{"type", "string"}}},
                                  {"updated_ms", {{"type", "integer"}, {"nullable", true}}}}));
}

}  // namespace

void RegisterVenueRoutes(api::Router& router, std::shared_ptr<VenueService> venues) {
  router.Get("/api/v1/classes/{id}/venue", kManagers,
             json{{"summary", "培训地点：签到地理围栏与网络地址段"},
                  {"tags", {"attendance"}},
                  {"responses", {{"200", api::JsonResponseDoc("Venue", VenueSchema())}}}},
             [venues](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(Venue v, venues->Get(*c.principal, id));
               return api::Json(VenueJson(v));
             });

  router.Put(
      "/api/v1/classes/{id}/venue", kManagers,
      json{
          {"summary", "设置培训地点（纬度、经度、半径米数、网络地址段；越界签到仅标记不拒绝）"},
          {"tags", {"attendance"}},
          {"requestBody",
           api::JsonBodyDoc(api::Named(
               "VenueInput",
               api::ObjectSchema({{"lat", NullableNumber()},
                                  {"lng", NullableNumber()},
                                  {"radius_m", NullableNumber()},
                                  {"network_ranges",
                                   {{"type", "string"},
                                    {"example", "10.0.0.0/8, 192.168.1.0/24, 2001:db8::/32"}}}})))},
          {"responses", {{"200", api::JsonResponseDoc("Venue", VenueSchema())}}}},
      [venues](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput body, api::JsonInput::Parse(c.request.body));
        VenueInput in;
        in.lat = body.OptNumber("lat");
        in.lng = body.OptNumber("lng");
        in.radius_m = body.OptNumber("radius_m");
        in.network_ranges = body.Str("network_ranges", api::kOptional, 4000);
        PEIXUN_RETURN_IF_ERROR(body.Finish());
        PEIXUN_ASSIGN_OR_RETURN(Venue v, venues->Put(*c.principal, id, in));
        return api::Json(VenueJson(v));
      });
}

}  // namespace peixun::attendance
