// The venue of a class and the anti-代签 flags it drives (modules/attendance
// venue_service.h, checkin_service.h), on SQLite and PostgreSQL: outside_geofence
// and outside_network set exactly when configured and outside, never a refusal;
// the venue API's access and validation.
#include "classes_fixture.h"
#include "core/checkin_token.h"
#include "modules/attendance/attendance_routes.h"
#include "modules/attendance/checkin_service.h"
#include "modules/attendance/venue_service.h"
#include "modules/classes/class_service.h"
#include "seed_rows.h"

namespace peixun::test {
namespace {

using attendance::CheckinRequest;
using attendance::CheckinSource;
using attendance::VenueInput;

// ×大学干部培训中心 (made up) and points about 100 m and 1 km north of it.
constexpr double kLat = 32.3932;
constexpr double kLng = 119.4129;
constexpr double kMetrePerDegree = 111195.0;

class CheckinVenueTest : public ClassesTest {
 protected:
  void SetUp() override {
    ClassesTest::SetUp();
    if (HasFatalFailure()) return;
    services_ =
        std::make_unique<attendance::AttendanceServices>(db(), key_, [this] { return now_; });
    attendance::RegisterAttendanceRoutes(router_, *services_);
    klass_ = MakeClass();
    unit_ = MakeUnit("东关街道幸福社区", std::nullopt);
    auto s = AddSession(klass_.id, "lecture", kSeedLecture, "2020-06-02T08:30", "2020-06-02T10:30");
    ASSERT_TRUE(s.ok()) << s.error().message;
    session_ = s->session;
    auto secret = store::ReadValue<std::string>(db(), [&](store::Tx& tx) {
      return classes::ClassService::CheckinSecretIn(tx, key_, klass_.id);
    });
    ASSERT_TRUE(secret.ok());
    secret_ = *secret;
    admin_ = MakeUser("venue_admin", Role::kAdmin);
    admin_principal_.user_id = admin_.user.id;
    admin_principal_.username = "venue_admin";
    admin_principal_.role = Role::kAdmin;
    now_ = session_.start_ms + kMinute;
  }
  void TearDown() override {
    services_.reset();
    ClassesTest::TearDown();
  }

  int64_t AddTrainee(const std::string& name) {
    int64_t id = 0;
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, AddPeopleIn(tx, key_, unit_, {name}));
      id = ids.front();
      return AddApprovedEnrollmentsIn(tx, klass_.id, unit_, ids);
    });
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    return id;
  }

  std::vector<std::string> FlagsOf(CheckinRequest r) {
    r.source = CheckinSource::kQr;
    r.token = core::MakeCheckinToken(secret_, session_.id, core::CheckinDirection::kIn,
                                     core::WindowOf(now_, klass_.rules.qr_period_seconds));
    auto out = services_->checkins->CheckIn(r);
    EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().code);
    return out.ok() ? out->flags : std::vector<std::string>{"error"};
  }

  // A QR check-in of a new trainee with this position and address; its flags.
  std::vector<std::string> Checkin(std::optional<double> lat, std::optional<double> lng,
                                   const std::string& address) {
    CheckinRequest r;
    r.person_id = AddTrainee("学员" + std::to_string(++n_));
    r.idempotency_key = "venue-key-" + std::to_string(n_) + "-000";
    r.lat = lat;
    r.lng = lng;
    r.remote_address = address;
    return FlagsOf(r);
  }

  void SetVenue(VenueInput in) {
    auto v = services_->venue->Put(admin_principal_, klass_.id, in);
    ASSERT_TRUE(v.ok()) << v.error().message_en;
  }

  api::Response Put(const std::string& path,
                    const std::vector<std::pair<std::string, std::string>>& who, const json& body) {
    return Send(api::Method::kPut, path, who, body.dump());
  }

  std::unique_ptr<attendance::AttendanceServices> services_;
  classes::TrainingClass klass_;
  int64_t unit_ = 0;
  timetable::ClassSession session_;
  std::string secret_;
  auth::CreatedUser admin_;
  Principal admin_principal_;
  int n_ = 0;
};

using Flags = std::vector<std::string>;

TEST_F(CheckinVenueTest, NoVenueMeansNoVenueFlags) {
  EXPECT_EQ(Checkin(0.0, 0.0, "203.0.113.5"), Flags{});
  EXPECT_EQ(Checkin(std::nullopt, std::nullopt, ""), Flags{});
}

TEST_F(CheckinVenueTest, OutsideTheGeofenceIsFlaggedNotRefused) {
  SetVenue({kLat, kLng, 200.0, ""});
  EXPECT_EQ(Checkin(kLat + 100 / kMetrePerDegree, kLng, "203.0.113.5"), Flags{});
  EXPECT_EQ(Checkin(kLat + 1000 / kMetrePerDegree, kLng, "203.0.113.5"), Flags{"outside_geofence"});
  // Without a position (the phone did not share it) nothing is said.
  EXPECT_EQ(Checkin(std::nullopt, std::nullopt, "203.0.113.5"), Flags{});
  EXPECT_EQ(Checkin(kLat, std::nullopt, "203.0.113.5"), Flags{});
  // A position that is no place on Earth is outside.
  EXPECT_EQ(Checkin(123.0, kLng, ""), Flags{"outside_geofence"});
  // The flag is stored with the event.
  auto stored = store::ReadValue<int64_t>(db(), [&](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows r, tx.Query("SELECT COUNT(*) FROM attendance_events WHERE flags_json LIKE ?",
                                {store::Text("%outside_geofence%")}));
    return r[0].Int(0);
  });
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, 2);
}

TEST_F(CheckinVenueTest, ExactlyOnTheRadiusIsInside) {
  SetVenue({kLat, kLng, 250.0, ""});
  // The last latitude north of the venue still within 250 m, to the last bit.
  double in = kLat;
  double out = kLat + 1;
  while (std::nextafter(in, out) < out) {
    const double mid = in + (out - in) / 2;
    if (mid <= in || mid >= out) break;
    (core::DistanceMetres({kLat, kLng}, {mid, kLng}) <= 250.0 ? in : out) = mid;
  }
  EXPECT_NEAR(core::DistanceMetres({kLat, kLng}, {in, kLng}), 250.0, 1e-6);
  EXPECT_EQ(Checkin(in, kLng, ""), Flags{});
  EXPECT_EQ(Checkin(out, kLng, ""), Flags{"outside_geofence"});
}

TEST_F(CheckinVenueTest, OutsideTheNetworkRangesIsFlagged) {
  SetVenue({std::nullopt, std::nullopt, std::nullopt, "10.0.0.0/8, 2001:db8::/32"});
  EXPECT_EQ(Checkin(std::nullopt, std::nullopt, "10.20.30.40"), Flags{});
  EXPECT_EQ(Checkin(std::nullopt, std::nullopt, "::ffff:10.1.2.3"), Flags{});
  EXPECT_EQ(Checkin(std::nullopt, std::nullopt, "2001:db8::42"), Flags{});
  EXPECT_EQ(Checkin(std::nullopt, std::nullopt, "192.168.1.5"), Flags{"outside_network"});
  EXPECT_EQ(Checkin(std::nullopt, std::nullopt, "2001:db9::1"), Flags{"outside_network"});
  // No address (a kiosk or paper entry): no network check.
  EXPECT_EQ(Checkin(std::nullopt, std::nullopt, ""), Flags{});
}

TEST_F(CheckinVenueTest, BothFlagsCombineWithOthers) {
  SetVenue({kLat, kLng, 100.0, "10.0.0.0/8"});
  EXPECT_EQ(Checkin(kLat + 0.1, kLng, "192.168.1.5"),
            (Flags{"outside_geofence", "outside_network"}));
}

TEST_F(CheckinVenueTest, ARetryKeepsTheFirstAnswersFlags) {
  SetVenue({kLat, kLng, 100.0, ""});
  CheckinRequest r;
  r.person_id = AddTrainee("重试学员");
  r.idempotency_key = "venue-retry-0001";
  r.lat = kLat + 0.1;
  r.lng = kLng;
  EXPECT_EQ(FlagsOf(r), Flags{"outside_geofence"});
  r.lat = kLat;  // the retry claims to be inside: the stored answer stands
  EXPECT_EQ(FlagsOf(r), Flags{"outside_geofence"});
}

TEST_F(CheckinVenueTest, TheApiPassesPositionAndAddress) {
  const std::string c = "/api/v1/classes/" + std::to_string(klass_.id);
  ASSERT_EQ(
      Put(c + "/venue", As(admin_),
          json{{"lat", kLat}, {"lng", kLng}, {"radius_m", 150}, {"network_ranges", "10.0.0.0/8"}})
          .status,
      200);
  auto trainee = MakeUser("venue_trainee", Role::kTrainee, {}, AddTrainee("接口学员"));
  const std::string token =
      core::MakeCheckinToken(secret_, session_.id, core::CheckinDirection::kIn,
                             core::WindowOf(now_, klass_.rules.qr_period_seconds));
  // The test dispatcher's client is 192.0.2.9, outside 10.0.0.0/8.
  auto r = Post("/api/v1/checkin", As(trainee),
                json{{"token", token},
                     {"idempotency_key", "venue-api-0001"},
                     {"lat", kLat + 0.01},
                     {"lng", kLng}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["flags"], json({"outside_geofence", "outside_network"}));
}

TEST_F(CheckinVenueTest, VenueApiReadsAndWrites) {
  const std::string path = "/api/v1/classes/" + std::to_string(klass_.id) + "/venue";
  auto empty = Get(path, As(admin_));
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(Body(empty)["lat"], nullptr);
  EXPECT_EQ(Body(empty)["network_ranges"], "");
  EXPECT_EQ(Body(empty)["updated_ms"], nullptr);

  auto put = Put(path, As(admin_),
                 json{{"lat", kLat},
                      {"lng", kLng},
                      {"radius_m", 300},
                      {"network_ranges", "10.1.2.3/8，192.168.1.0/24 2001:DB8::/32"}});
  ASSERT_EQ(put.status, 200) << put.body;
  auto got = Body(Get(path, As(admin_)));
  EXPECT_DOUBLE_EQ(got["lat"].get<double>(), kLat);
  EXPECT_DOUBLE_EQ(got["lng"].get<double>(), kLng);
  EXPECT_EQ(got["radius_m"], 300);
  EXPECT_EQ(got["network_ranges"], "10.0.0.0/8, 192.168.1.0/24, 2001:db8::/32");
  EXPECT_EQ(got["updated_ms"], now_);

  // Clearing the geofence keeps the ranges only when they are sent again.
  ASSERT_EQ(
      Put(path, As(admin_), json{{"lat", nullptr}, {"lng", nullptr}, {"radius_m", nullptr}}).status,
      200);
  got = Body(Get(path, As(admin_)));
  EXPECT_EQ(got["lat"], nullptr);
  EXPECT_EQ(got["radius_m"], nullptr);
  EXPECT_EQ(got["network_ranges"], "");

  // Audited like other class changes.
  auto audit = store::ReadValue<int64_t>(db(), [&](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows r,
        tx.Query("SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.venue' AND "
                 "entity = 'class' AND entity_id = ?",
                 {store::Int(klass_.id)}));
    return r[0].Int(0);
  });
  ASSERT_TRUE(audit.ok()) << audit.error().message;
  EXPECT_EQ(*audit, 2);
}

TEST_F(CheckinVenueTest, VenueApiValidationNamesTheField) {
  const std::string path = "/api/v1/classes/" + std::to_string(klass_.id) + "/venue";
  struct Case {
    json body;
    std::string code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"lat", 90.5}, {"lng", kLng}, {"radius_m", 100}}, "venue.lat", "lat"},
      {{{"lat", -91}, {"lng", kLng}, {"radius_m", 100}}, "venue.lat", "lat"},
      {{{"lat", kLat}, {"lng", 180.01}, {"radius_m", 100}}, "venue.lng", "lng"},
      {{{"lat", kLat}, {"lng", kLng}, {"radius_m", 9.9}}, "venue.radius_m", "radius_m"},
      {{{"lat", kLat}, {"lng", kLng}, {"radius_m", 100001}}, "venue.radius_m", "radius_m"},
      {{{"lat", kLat}, {"lng", kLng}}, "venue.geofence.incomplete", "radius_m"},
      {{{"lng", kLng}, {"radius_m", 100}}, "venue.geofence.incomplete", "lat"},
      {{{"lat", "32.1"}, {"lng", kLng}, {"radius_m", 100}}, "request.type", "lat"},
      {{{"network_ranges", "10.0.0.0/8, 10.0.0.0/33"}}, "ip_ranges.entry", "network_ranges"},
      {{{"network_ranges", 5}}, "request.type", "network_ranges"},
      {{{"radius", 100}}, "request.unknown_field", "radius"},
  };
  for (const auto& k : cases) {
    auto r = Put(path, As(admin_), k.body);
    EXPECT_GE(r.status, 400) << k.body.dump();
    EXPECT_LT(r.status, 500) << k.body.dump();
    json b = Body(r);
    EXPECT_EQ(ErrorCode(r), k.code) << k.body.dump() << " " << r.body;
    EXPECT_EQ(b["error"].value("field", ""), k.field) << k.body.dump() << " " << r.body;
  }
  // The bad entry is named in the message.
  auto bad = Put(path, As(admin_), json{{"network_ranges", "10.0.0.0/8, 内网"}});
  EXPECT_NE(bad.body.find("内网"), std::string::npos) << bad.body;
  // Limits are inclusive.
  EXPECT_EQ(Put(path, As(admin_), json{{"lat", 90}, {"lng", -180}, {"radius_m", 10}}).status, 200);
  EXPECT_EQ(Put(path, As(admin_), json{{"lat", -90}, {"lng", 180}, {"radius_m", 100000}}).status,
            200);
}

TEST_F(CheckinVenueTest, VenueApiNeedsClassManagement) {
  const std::string path = "/api/v1/classes/" + std::to_string(klass_.id) + "/venue";
  auto trainee = MakeUser("venue_trainee2", Role::kTrainee, {}, AddTrainee("权限学员"));
  EXPECT_EQ(Get(path, As(trainee)).status, 403);
  auto other_head = MakeUser("venue_other_head", Role::kHeadTeacher);
  EXPECT_EQ(Get(path, As(other_head)).status, 403);
  EXPECT_EQ(Put(path, As(other_head), json::object()).status, 403);
  auto organizer = MakeUser("venue_organizer", Role::kOrganizer);
  EXPECT_EQ(Put(path, As(organizer), json{{"network_ranges", "10.0.0.0/8"}}).status, 200);
  EXPECT_EQ(Get("/api/v1/classes/999999/venue", As(admin_)).status, 404);
}

}  // namespace
}  // namespace peixun::test
