// The venue's geofence (anti-代签 flag outside_geofence): great-circle distance by
// the haversine formula on a sphere of the Earth's mean radius, and whether a
// point lies inside a circle. Pure; latitudes and longitudes in degrees (WGS-84 as
// browsers report them), distances in metres.
#pragma once

namespace peixun::core {

// IUGG mean Earth radius R1.
inline constexpr double kEarthRadiusMetres = 6371008.8;

struct GeoPoint {
  double lat = 0;  // −90..90
  double lng = 0;  // −180..180
};

// Whether lat is within −90..90 and lng within −180..180 (and both finite).
bool ValidGeoPoint(GeoPoint p);

// The haversine distance between a and b in metres (0 for the same point; about
// 20,015 km between antipodes).
double DistanceMetres(GeoPoint a, GeoPoint b);

// Whether p lies inside the circle of `radius_metres` around `center`; a point
// exactly on the circle is inside (distance ≤ radius).
bool InsideCircle(GeoPoint center, double radius_metres, GeoPoint p);

}  // namespace peixun::core
