#include "core/geo_fence.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace peixun::core {
namespace {

// ×大学干部培训中心 (a made-up venue near Yangzhou).
constexpr GeoPoint kVenue{32.3932, 119.4129};

TEST(GeoFenceTest, SamePointIsZeroMetres) {
  EXPECT_DOUBLE_EQ(DistanceMetres(kVenue, kVenue), 0.0);
  EXPECT_TRUE(InsideCircle(kVenue, 0, kVenue));
}

TEST(GeoFenceTest, OneDegreeOfLatitudeIsAbout111Kilometres) {
  const double d = DistanceMetres({0, 0}, {1, 0});
  EXPECT_NEAR(d, kEarthRadiusMetres * M_PI / 180, 0.001);
  EXPECT_NEAR(d, 111195, 1);
}

TEST(GeoFenceTest, KnownCityDistance) {
  // Beijing Tiananmen to Shanghai People's Square: about 1,067 km great-circle.
  const double d = DistanceMetres({39.9087, 116.3975}, {31.2304, 121.4737});
  EXPECT_NEAR(d, 1'067'000, 5'000);
}

TEST(GeoFenceTest, DistanceIsSymmetric) {
  const GeoPoint a{32.39, 119.41};
  const GeoPoint b{32.40, 119.43};
  EXPECT_DOUBLE_EQ(DistanceMetres(a, b), DistanceMetres(b, a));
}

TEST(GeoFenceTest, LongitudeShrinksTowardsThePoles) {
  const double at_equator = DistanceMetres({0, 0}, {0, 1});
  const double at_60 = DistanceMetres({60, 0}, {60, 1});
  EXPECT_NEAR(at_60, at_equator / 2, 50);
  EXPECT_NEAR(DistanceMetres({90, 0}, {90, 120}), 0, 1e-6);  // the pole is one point
}

TEST(GeoFenceTest, AcrossTheDateLine) {
  EXPECT_NEAR(DistanceMetres({0, 179.9995}, {0, -179.9995}), 111.195, 0.01);
}

TEST(GeoFenceTest, AntipodesAreHalfACircumference) {
  EXPECT_NEAR(DistanceMetres({0, 0}, {0, 180}), M_PI * kEarthRadiusMetres, 0.01);
  EXPECT_NEAR(DistanceMetres({45, 30}, {-45, -150}), M_PI * kEarthRadiusMetres, 0.01);
}

TEST(GeoFenceTest, ExactlyOnTheRadiusIsInside) {
  const GeoPoint p{32.3950, 119.4140};
  const double d = DistanceMetres(kVenue, p);
  EXPECT_TRUE(InsideCircle(kVenue, d, p));
  EXPECT_FALSE(InsideCircle(kVenue, std::nextafter(d, 0.0), p));
  EXPECT_TRUE(InsideCircle(kVenue, std::nextafter(d, 1e9), p));
}

TEST(GeoFenceTest, InsideAndOutsideAHallSizedCircle) {
  // About 100 m north and 300 m north of the venue.
  const GeoPoint near{kVenue.lat + 100.0 / 111195, kVenue.lng};
  const GeoPoint far{kVenue.lat + 300.0 / 111195, kVenue.lng};
  EXPECT_NEAR(DistanceMetres(kVenue, near), 100, 0.5);
  EXPECT_TRUE(InsideCircle(kVenue, 200, near));
  EXPECT_FALSE(InsideCircle(kVenue, 200, far));
  EXPECT_FALSE(InsideCircle(kVenue, 99, near));
}

TEST(GeoFenceTest, ValidPoints) {
  EXPECT_TRUE(ValidGeoPoint({0, 0}));
  EXPECT_TRUE(ValidGeoPoint({90, 180}));
  EXPECT_TRUE(ValidGeoPoint({-90, -180}));
  EXPECT_FALSE(ValidGeoPoint({90.0001, 0}));
  EXPECT_FALSE(ValidGeoPoint({-90.0001, 0}));
  EXPECT_FALSE(ValidGeoPoint({0, 180.0001}));
  EXPECT_FALSE(ValidGeoPoint({0, -180.0001}));
  EXPECT_FALSE(ValidGeoPoint({std::numeric_limits<double>::quiet_NaN(), 0}));
  EXPECT_FALSE(ValidGeoPoint({0, std::numeric_limits<double>::infinity()}));
}

}  // namespace
}  // namespace peixun::core
