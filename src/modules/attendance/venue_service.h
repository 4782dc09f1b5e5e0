// The venue of a class for the anti-代签 flags (checkin_service.h): a geofence (a
// circle: latitude, longitude, radius in metres) and the venue's network ranges
// (CIDR, IPv4 and IPv6; core/ip_ranges.h). Both optional; a check-in outside a
// configured one is flagged outside_geofence / outside_network, never refused.
//
// Stored in attendance_venues (one row per class, migration 81). Reading and
// writing need kManage on the class (admin, organizer, the class's head teachers).
// Put replaces the whole setting, in one transaction, audited as
// "attendance.venue" (entity "class", before and after).
//
// Validation (422, naming the field): lat −90..90 (venue.lat), lng −180..180
// (venue.lng), radius_m 10..100000 (venue.radius_m); lat, lng and radius_m all
// given or all null (venue.geofence.incomplete, naming the missing one); a bad
// network range (ip_ranges.entry, field network_ranges, naming the entry).
//
// Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/geo_fence.h"
#include "core/ip_ranges.h"
#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::attendance {

inline constexpr int kMinVenueRadiusMetres = 10;
inline constexpr int kMaxVenueRadiusMetres = 100000;

struct VenueInput {
  std::optional<double> lat;
  std::optional<double> lng;
  std::optional<double> radius_m;
  std::string network_ranges;  // "10.0.0.0/8, 2001:db8::/32"; empty: none
};

struct Venue {
  int64_t class_id = 0;
  std::optional<core::GeoPoint> center;  // set with radius_m
  int radius_m = 0;
  std::vector<core::IpRange> ranges;
  int64_t updated_ms = 0;  // 0: never set
  int64_t updated_by = 0;

  bool has_geofence() const { return center.has_value(); }
  // Whether `where` lies outside the geofence (false without one); a point that is
  // no place on Earth (lat beyond ±90, NaN) counts as outside.
  bool OutsideGeofence(core::GeoPoint where) const;
  // Whether `address` lies outside the network ranges (false without any).
  bool OutsideNetwork(const std::string& address) const;
};

// The class's venue, an empty one (no geofence, no ranges) when never set. No
// access check; the class must exist (the caller loaded it).
Result<Venue> LoadVenueIn(store::Tx& tx, int64_t class_id);

class VenueService {
 public:
  explicit VenueService(store::Store& store, std::function<int64_t()> now_ms = {});

  Result<Venue> Get(const Principal& who, int64_t class_id);
  Result<Venue> Put(const Principal& who, int64_t class_id, const VenueInput& input);

 private:
  store::Store& store_;
  std::function<int64_t()> now_ms_;
};

}  // namespace peixun::attendance
