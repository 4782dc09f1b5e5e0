#include "modules/attendance/venue_service.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/role_guard.h"
#include "modules/attendance/attendance_json.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"

namespace peixun::attendance {
namespace {

using nlohmann::json;

Result<Venue> Validate(int64_t class_id, const VenueInput& in) {
  Venue v;
  v.class_id = class_id;
  if (in.lat && !(std::isfinite(*in.lat) && *in.lat >= -90 && *in.lat <= 90)) {
    return Invalid("venue.lat", "纬度应在 −90 到 90 之间", "lat must be between -90 and 90", "lat");
  }
  if (in.lng && !(std::isfinite(*in.lng) && *in.lng >= -180 && *in.lng <= 180)) {
    return Invalid("venue.lng", "经度应在 −180 到 180 之间", "lng must be between -180 and 180",
                   "lng");
  }
  if (in.radius_m && !(std::isfinite(*in.radius_m) && *in.radius_m >= kMinVenueRadiusMetres &&
                       *in.radius_m <= kMaxVenueRadiusMetres)) {
    return Invalid("venue.radius_m", "半径应在 10 到 100000 米之间",
                   "radius_m must be between 10 and 100000 metres", "radius_m");
  }
  const bool any = in.lat || in.lng || in.radius_m;
  if (any && !(in.lat && in.lng && in.radius_m)) {
    const char* missing = !in.lat ? "lat" : !in.lng ? "lng" : "radius_m";
    return Invalid(
        "venue.geofence.incomplete",
        std::string("地理围栏需同时填写纬度、经度和半径（缺少 ") + missing + "）",
        std::string("the geofence needs lat, lng and radius_m (") + missing + " is missing)",
        missing);
  }
  if (any) {
    v.center = core::GeoPoint{*in.lat, *in.lng};
    v.radius_m = static_cast<int>(std::lround(*in.radius_m));
  }
  Result<std::vector<core::IpRange>> ranges = core::ParseIpRanges(in.network_ranges);
  if (!ranges) {
    Error e = std::move(ranges).error();
    e.field = "network_ranges";
    return e;
  }
  v.ranges = std::move(ranges).value();
  return v;
}

}  // namespace

bool Venue::OutsideGeofence(core::GeoPoint where) const {
  return center && (!core::ValidGeoPoint(where) || !core::InsideCircle(*center, radius_m, where));
}

bool Venue::OutsideNetwork(const std::string& address) const {
  return !ranges.empty() && !core::InIpRanges(ranges, address);
}

Result<Venue> LoadVenueIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT lat, lng, radius_m, network_ranges, updated_ms, updated_by "
               "FROM attendance_venues WHERE class_id = ?",
               {store::Int(class_id)}));
  Venue v;
  v.class_id = class_id;
  if (rows.empty()) return v;
  const store::Row& r = rows[0];
  if (!r.IsNull(0) && !r.IsNull(1) && !r.IsNull(2)) {
    v.center = core::GeoPoint{r.Double(0), r.Double(1)};
    v.radius_m = static_cast<int>(r.Int(2));
  }
  // Stored in canonical form by Put; a range that no longer parses is dropped
  // rather than failing every check-in.
  if (auto ranges = core::ParseIpRanges(r.Str(3)); ranges) v.ranges = std::move(ranges).value();
  v.updated_ms = r.Int(4);
  v.updated_by = r.Int(5);
  return v;
}

VenueService::VenueService(store::Store& store, std::function<int64_t()> now_ms)
    : store_(store), now_ms_(now_ms ? std::move(now_ms) : [] { return NowMillis(); }) {}

Result<Venue> VenueService::Get(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::ReadValue<Venue>(store_, [&](store::Tx& tx) -> Result<Venue> {
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
    return LoadVenueIn(tx, class_id);
  });
}

Result<Venue> VenueService::Put(const Principal& who, int64_t class_id, const VenueInput& input) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const int64_t now = now_ms_();
  return store::TransactValue<Venue>(store_, [&](store::Tx& tx) -> Result<Venue> {
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
    PEIXUN_ASSIGN_OR_RETURN(Venue v, Validate(class_id, input));
    PEIXUN_ASSIGN_OR_RETURN(Venue before, LoadVenueIn(tx, class_id));
    v.updated_ms = now;
    v.updated_by = who.user_id;
    const std::string ranges = core::FormatIpRanges(v.ranges);
    const store::Value lat = v.center ? store::Value(v.center->lat) : store::Null();
    const store::Value lng = v.center ? store::Value(v.center->lng) : store::Null();
    const store::Value radius = v.center ? store::Int(v.radius_m) : store::Null();
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "INSERT INTO attendance_venues (class_id, lat, lng, radius_m, network_ranges, "
        "updated_ms, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (class_id) DO UPDATE "
        "SET lat = excluded.lat, lng = excluded.lng, radius_m = excluded.radius_m, "
        "network_ranges = excluded.network_ranges, updated_ms = excluded.updated_ms, "
        "updated_by = excluded.updated_by",
        {store::Int(class_id), lat, lng, radius, store::Text(ranges), store::Int(now),
         store::Int(who.user_id)}));
    json before_json = before.updated_ms ? VenueJson(before) : json(nullptr);
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, Actor::Of(who),
        audit::AuditEntry{"attendance.venue", "class", class_id, before_json, VenueJson(v)}));
    return v;
  });
}

}  // namespace peixun::attendance
