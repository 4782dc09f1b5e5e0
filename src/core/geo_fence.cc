#include "core/geo_fence.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace peixun::core {
namespace {

double Radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

}  // namespace

bool ValidGeoPoint(GeoPoint p) {
  return std::isfinite(p.lat) && std::isfinite(p.lng) && p.lat >= -90 && p.lat <= 90 &&
         p.lng >= -180 && p.lng <= 180;
}

double DistanceMetres(GeoPoint a, GeoPoint b) {
  const double dlat = Radians(b.lat - a.lat);
  const double dlng = Radians(b.lng - a.lng);
  const double s = std::sin(dlat / 2);
  const double t = std::sin(dlng / 2);
  double h = s * s + std::cos(Radians(a.lat)) * std::cos(Radians(b.lat)) * t * t;
  h = std::clamp(h, 0.0, 1.0);  // rounding near antipodes
  return 2 * kEarthRadiusMetres * std::asin(std::sqrt(h));
}

bool InsideCircle(GeoPoint center, double radius_metres, GeoPoint p) {
  return DistanceMetres(center, p) <= radius_metres;
}

}  // namespace peixun::core
