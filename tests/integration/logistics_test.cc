// Food, lodging and buses (食宿, 车辆) through the real API: 120 trainees of the demo
// district in rooms that never mix genders or overfill, meal head counts with halal
// and vegetarian apart, buses of an on-site teaching session never over their seats,
// and a trainee's own view.
#include <algorithm>
#include <map>
#include <set>

#include "enrollment_fixture.h"
#include "modules/logistics/meal_service.h"
#include "modules/logistics/room_range.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/site_service.h"

namespace peixun::test {
namespace {

using nlohmann::json;

class LogisticsTest : public TrainingTest {
 protected:
  void SetUp() override {
    TrainingTest::SetUp();
    class_id_ = MakeClass(150, "2020-06-02", "2020-06-04");
    QuotaForDistrict(class_id_, 150);
    trainees_ = DemoTrainees(120);
    halal_ = PersonNamed("马清真");
    if (std::none_of(trainees_.begin(), trainees_.end(),
                     [&](const auto& p) { return p.id == halal_.id; })) {
      trainees_.back() = halal_;
    }
    EnrollApproved(class_id_, trainees_);
    for (const auto& p : trainees_) gender_of_[p.id] = p.gender;
    logistics_ = MakeUser("houqin", Role::kLogistics);
  }

  std::string ClassPath(const std::string& rest) {
    return "/api/v1/classes/" + std::to_string(class_id_) + rest;
  }

  json BulkRooms(const std::string& spec) {
    auto r = Post(ClassPath("/lodging-rooms/bulk"), {{"spec", spec}}, logistics_);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r);
  }

  // Checks the lodging invariants on a list of rooms; returns person → room.
  std::map<int64_t, int64_t> CheckRooms(const json& rooms) {
    std::map<int64_t, int64_t> room_of;
    for (const auto& room : rooms) {
      const auto& occupants = room["occupants"];
      EXPECT_LE(occupants.size(), room["beds"].get<size_t>()) << room["name"] << " overfilled";
      std::set<std::string> genders;
      for (const auto& o : occupants) {
        const int64_t id = o["person_id"];
        genders.insert(gender_of_[id]);
        EXPECT_TRUE(room_of.emplace(id, room["id"].get<int64_t>()).second)
            << id << " is in two rooms";
      }
      EXPECT_LE(genders.size(), 1u) << room["name"] << " mixes genders";
      if (!occupants.empty()) {
        EXPECT_EQ(room["gender"], *genders.begin());
      }
    }
    return room_of;
  }

  int64_t class_id_ = 0;
  std::vector<people::Person> trainees_;
  people::Person halal_;
  std::map<int64_t, std::string> gender_of_;
  Session logistics_;
};

TEST(RoomRangeTest, ReadsWhatVenuesWrite) {
  auto twin = logistics::ParseRoomRange("3F 301–320 twin");
  ASSERT_TRUE(twin.ok()) << twin.error().message;
  ASSERT_EQ(twin->size(), 20u);
  EXPECT_EQ(twin->front().name, "301");
  EXPECT_EQ(twin->back().name, "320");
  EXPECT_EQ(twin->front().floor, 3);
  EXPECT_EQ(twin->front().beds, 2);

  auto single = logistics::ParseRoomRange("5层 501 - 505 单人间");
  ASSERT_TRUE(single.ok()) << single.error().message;
  EXPECT_EQ(single->size(), 5u);
  EXPECT_EQ(single->front().beds, 1);
  EXPECT_EQ(single->front().floor, 5);

  auto prefixed = logistics::ParseRoomRange("A201~A203 3床");
  ASSERT_TRUE(prefixed.ok()) << prefixed.error().message;
  EXPECT_EQ(prefixed->back().name, "A203");
  EXPECT_EQ(prefixed->back().floor, 2);
  EXPECT_EQ(prefixed->back().beds, 3);

  auto padded = logistics::ParseRoomRange("1F 0098-0101");
  ASSERT_TRUE(padded.ok());
  EXPECT_EQ(padded->front().name, "0098");
  EXPECT_EQ(padded->back().name, "0101");

  EXPECT_EQ(logistics::ParseRoomRange("320-301").error().code, "logistics.room_range.order");
  EXPECT_EQ(logistics::ParseRoomRange("1F 1-900 twin").error().code,
            "logistics.room_range.too_many");
  EXPECT_EQ(logistics::ParseRoomRange("3F twin").error().code, "logistics.room_range.format");
  EXPECT_EQ(logistics::ParseRoomRange("3F 301-320 penthouse").error().code,
            "logistics.room_range.format");
  EXPECT_EQ(logistics::ParseRoomRange("3F 301 0床").error().code, "logistics.room_range.beds");
}

TEST_F(LogisticsTest, AutoAssignNeverMixesGendersOrOverfillsAndPlacesEveryoneOnce) {
  EXPECT_EQ(BulkRooms("3F 301-330 twin")["items"].size(), 30u);
  BulkRooms("4F 401-420 triple");
  BulkRooms("5F 501-505 single");
  auto duplicate = Post(ClassPath("/lodging-rooms/bulk"), {{"spec", "3F 330-331"}}, logistics_);
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(ErrorCode(duplicate), "logistics.room.duplicate");
  EXPECT_EQ(Body(Get(ClassPath("/lodging-rooms"), logistics_))["items"].size(), 55u);

  for (const char* preference : {"same_unit", "mix_units"}) {
    auto r = Post(ClassPath("/lodging/assign"), {{"preference", preference}}, logistics_);
    ASSERT_EQ(r.status, 200) << r.body;
    json plan = Body(r);
    EXPECT_TRUE(plan["unplaced"].empty()) << plan["unplaced"];  // 125 beds for 120
    auto room_of = CheckRooms(plan["rooms"]);
    EXPECT_EQ(room_of.size(), 120u) << preference;
    for (const auto& p : trainees_) EXPECT_TRUE(room_of.count(p.id)) << p.name << " has no bed";
    EXPECT_EQ(plan["stats"]["beds_used"], 120);
  }

  // Too few beds: the rest are reported, not squeezed in.
  const int64_t small_class = MakeClass(10);
  QuotaForDistrict(small_class, 10);
  EnrollApproved(small_class, DemoTrainees(5));
  ASSERT_EQ(Post("/api/v1/classes/" + std::to_string(small_class) + "/lodging-rooms",
                 {{"name", "101"}, {"floor", 1}, {"beds", 2}}, admin_)
                .status,
            201);
  auto few = Body(Post("/api/v1/classes/" + std::to_string(small_class) + "/lodging/assign",
                       json::object(), admin_));
  EXPECT_EQ(few["unplaced"].size(), 3u) << few;
  CheckRooms(few["rooms"]);
}

TEST_F(LogisticsTest, ManualMovesRefuseMixingGendersAndOverfilling) {
  BulkRooms("2F 201-270 twin");
  ASSERT_EQ(Post(ClassPath("/lodging/assign"), {{"preference", "same_unit"}}, logistics_).status,
            200);
  json rooms = Body(Get(ClassPath("/lodging-rooms"), logistics_))["items"];

  // A full room of women, a full room of men, and an empty room.
  json women_full, men_full, empty;
  for (const auto& r : rooms) {
    if (r["occupants"].size() == 2 && r["gender"] == "女" && women_full.is_null()) women_full = r;
    if (r["occupants"].size() == 2 && r["gender"] == "男" && men_full.is_null()) men_full = r;
    if (r["occupants"].empty() && empty.is_null()) empty = r;
  }
  ASSERT_FALSE(women_full.is_null());
  ASSERT_FALSE(men_full.is_null());
  ASSERT_FALSE(empty.is_null());
  const int64_t man = men_full["occupants"][0]["person_id"];
  const int64_t woman = women_full["occupants"][0]["person_id"];

  auto move = [&](int64_t person, json room) {
    return Post("/api/v1/room-assignments",
                {{"class_id", class_id_}, {"person_id", person}, {"room_id", room}}, logistics_);
  };
  auto full = move(man, men_full["id"]);  // already there: nothing to do
  EXPECT_EQ(full.status, 200);
  auto mixed = move(man, women_full["id"]);
  EXPECT_EQ(mixed.status, 409);
  EXPECT_EQ(ErrorCode(mixed), "logistics.room.mixed_gender");

  ASSERT_EQ(move(man, empty["id"]).status, 200);
  // The woman cannot join the man now; another man can, until the room is full.
  EXPECT_EQ(ErrorCode(move(woman, empty["id"])), "logistics.room.mixed_gender");
  const int64_t second_man = men_full["occupants"][1]["person_id"];
  ASSERT_EQ(move(second_man, empty["id"]).status, 200);
  json third_man;
  for (const auto& r : rooms) {
    if (r["gender"] == "男" && r["id"] != men_full["id"] && !r["occupants"].empty()) {
      third_man = r["occupants"][0]["person_id"];
      break;
    }
  }
  ASSERT_FALSE(third_man.is_null());
  auto over = move(third_man.get<int64_t>(), empty["id"]);
  EXPECT_EQ(over.status, 409);
  EXPECT_EQ(ErrorCode(over), "logistics.room.full");
  CheckRooms(Body(Get(ClassPath("/lodging-rooms"), logistics_))["items"]);

  // Out of any room, then the now-empty room can shrink; an occupied one cannot.
  ASSERT_EQ(move(man, nullptr).status, 200);
  auto shrink = Put("/api/v1/lodging-rooms/" + std::to_string(empty["id"].get<int64_t>()),
                    {{"name", empty["name"]}, {"floor", 2}, {"beds", 1}}, logistics_);
  EXPECT_EQ(shrink.status, 200) << shrink.body;
  auto delete_occupied =
      Send(api::Method::kDelete,
           "/api/v1/lodging-rooms/" + std::to_string(empty["id"].get<int64_t>()), "", logistics_);
  EXPECT_EQ(ErrorCode(delete_occupied), "logistics.room.occupied");

  // Only approved trainees are lodged; liaisons and lecturers see nothing of it.
  auto stranger = move(PersonNamed("于建国").id, empty["id"]);
  EXPECT_EQ(ErrorCode(stranger), "logistics.not_trainee");
  EXPECT_EQ(Get(ClassPath("/lodging-rooms"), MakeUser("lianluo", Role::kLiaison, district_)).status,
            403);

  // The room list prints.
  auto pdf = Get(ClassPath("/rooms.pdf"), logistics_);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_NE(PdfText(pdf.body).find("住宿安排"), std::string::npos);
  auto xlsx = Get(ClassPath("/rooms.xlsx"), logistics_);
  EXPECT_EQ(xlsx.status, 200);
}

TEST_F(LogisticsTest, MealCountsKeepHalalAndVegetarianApart) {
  const int64_t vegetarian = trainees_[0].id == halal_.id ? trainees_[1].id : trainees_[0].id;
  ASSERT_EQ(
      Put(ClassPath("/diets"), {{"person_id", halal_.id}, {"diet", "halal"}}, logistics_).status,
      200);
  ASSERT_EQ(
      Put(ClassPath("/diets"), {{"person_id", vegetarian}, {"diet", "vegetarian"}}, logistics_)
          .status,
      200);
  auto bad = Put(ClassPath("/diets"), {{"person_id", vegetarian}, {"diet", "keto"}}, logistics_);
  EXPECT_EQ(ErrorCode(bad), "logistics.diet");

  json meals = Body(Get(ClassPath("/meals"), logistics_));
  ASSERT_EQ(meals["days"].size(), 3u) << meals;
  EXPECT_EQ(meals["days"][0]["date"], "2020-06-02");
  EXPECT_EQ(meals["trainees"], 120);
  for (const auto& day : meals["days"]) {
    ASSERT_EQ(day["meals"].size(), 3u);
    EXPECT_EQ(day["meals"][0]["meal"], "breakfast");
    for (const auto& m : day["meals"]) {
      EXPECT_EQ(m["total"], 120);
      EXPECT_EQ(m["halal"], 1);
      EXPECT_EQ(m["vegetarian"], 1);
      EXPECT_EQ(m["regular"], 118);
    }
  }
  EXPECT_EQ(meals["totals"]["total"], 120 * 9);
  EXPECT_EQ(meals["totals"]["halal"], 9);

  // Leave (a later module) takes people off the meals it covers.
  logistics::MealService service(app().store());
  Principal who;
  who.user_id = admin_id_;
  who.role = Role::kAdmin;
  const int64_t second_day_lunch = meals["days"][1]["meals"][1]["at"];
  auto plan = service.Counts(who, class_id_, [&](int64_t person, int64_t at) {
    return person == halal_.id && at == second_day_lunch;
  });
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const auto& lunch = plan->days[1].meals[1];
  EXPECT_EQ(lunch.total, 119);
  EXPECT_EQ(lunch.halal, 0);
  EXPECT_EQ(lunch.on_leave, 1);
  EXPECT_EQ(plan->days[1].meals[2].halal, 1);
  // 12:00 in Shanghai is 04:00 UTC.
  EXPECT_EQ(second_day_lunch % (24 * 3600 * 1000), 4 * 3600 * 1000);

  auto pdf = Get(ClassPath("/meals.pdf"), logistics_);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  const std::string text = PdfText(pdf.body);
  EXPECT_NE(text.find("清真"), std::string::npos);
  EXPECT_NE(text.find("午餐"), std::string::npos);

  // The application wires the leave module in: an approved leave over the second
  // day takes the trainee off that day's three meals, and only those.
  const int64_t day2_from = meals["days"][1]["meals"][0]["at"].get<int64_t>() - 3600 * 1000;
  const int64_t day2_to = meals["days"][1]["meals"][2]["at"].get<int64_t>() + 3600 * 1000;
  auto leave = Post(ClassPath("/leave"),
                    {{"person_id", halal_.id},
                     {"start_ms", day2_from},
                     {"end_ms", day2_to},
                     {"reason", "家中有事"}},
                    admin_);
  ASSERT_EQ(leave.status, 201) << leave.body;
  const std::string leave_id = std::to_string(Body(leave)["id"].get<int64_t>());
  auto approved = Post("/api/v1/leave/" + leave_id + "/approve", {{"reason", "同意"}}, admin_);
  ASSERT_EQ(approved.status, 200) << approved.body;
  json after = Body(Get(ClassPath("/meals"), logistics_));
  for (int m = 0; m < 3; ++m) {
    EXPECT_EQ(after["days"][1]["meals"][m]["on_leave"], 1) << after;
    EXPECT_EQ(after["days"][1]["meals"][m]["halal"], 0);
    EXPECT_EQ(after["days"][0]["meals"][m]["on_leave"], 0);
    EXPECT_EQ(after["days"][2]["meals"][m]["halal"], 1);
  }
}

TEST_F(LogisticsTest, BusesNeverCarryMoreThanTheirSeatsAndTraineesSeeTheirOwn) {
  timetable::SiteService sites(app().store());
  timetable::SiteInput site;
  site.kind = "community";
  site.name = "幸福社区党群服务中心";
  site.capacity = 70;
  auto site_a = sites.Create(site);
  site.name = "华信电子科技有限公司";
  site.kind = "enterprise";
  auto site_b = sites.Create(site);
  ASSERT_TRUE(site_a.ok() && site_b.ok());
  timetable::SessionService sessions(app().store());
  timetable::SessionFields f;
  f.kind = "onsite";
  f.title = "社区和非公企业党建示范点现场教学";
  f.start = "2020-06-03T08:30";
  f.end = "2020-06-03T11:30";
  f.site_ids = std::vector<int64_t>{site_a->id, site_b->id};
  auto onsite = sessions.Create(class_id_, f, true);
  ASSERT_TRUE(onsite.ok()) << onsite.error().message;
  const std::string buses = "/api/v1/sessions/" + std::to_string(onsite->session.id) + "/buses";

  timetable::SessionFields lecture;
  lecture.kind = "lecture";
  lecture.title = "基础党务工作者管理沟通艺术";
  lecture.start = "2020-06-02T08:30";
  lecture.end = "2020-06-02T11:30";
  auto lecture_session = sessions.Create(class_id_, lecture, true);
  ASSERT_TRUE(lecture_session.ok());
  auto not_onsite =
      Post("/api/v1/sessions/" + std::to_string(lecture_session->session.id) + "/buses",
           {{"name", "1号车"}, {"seats", 45}}, logistics_);
  EXPECT_EQ(ErrorCode(not_onsite), "logistics.session.not_onsite");

  ASSERT_EQ(Post(buses, {{"name", "1号车"}, {"seats", 45}}, logistics_).status, 201);
  ASSERT_EQ(Post(buses, {{"name", "2号车"}, {"seats", 45}}, logistics_).status, 201);
  EXPECT_EQ(ErrorCode(Post(buses + "/assign", json::object(), logistics_)), "logistics.no_groups");
  ASSERT_EQ(Post("/api/v1/classes/" + std::to_string(class_id_) + "/groups", {{"count", 8}}, admin_)
                .status,
            200);

  auto short_of_seats = Post(buses + "/assign", json::object(), logistics_);
  EXPECT_EQ(short_of_seats.status, 409) << short_of_seats.body;
  EXPECT_EQ(ErrorCode(short_of_seats), "grouping.visit.bus_seats");

  ASSERT_EQ(Post(buses, {{"name", "3号车"}, {"seats", 45}}, logistics_).status, 201);
  auto assigned = Post(buses + "/assign", json::object(), logistics_);
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  json list = Body(assigned)["items"];
  ASSERT_EQ(list.size(), 3u);
  std::set<int64_t> riders;
  std::map<int, std::set<int64_t>> sites_of_group;
  std::map<int64_t, int> per_site;
  for (const auto& bus : list) {
    EXPECT_LE(bus["passengers"].size(), bus["seats"].get<size_t>()) << bus["name"];
    EXPECT_EQ(bus["occupied"], bus["passengers"].size());
    for (const auto& p : bus["passengers"]) {
      EXPECT_TRUE(riders.insert(p["person_id"].get<int64_t>()).second) << p << " rides twice";
      EXPECT_GT(p["group_number"].get<int>(), 0);
      sites_of_group[p["group_number"].get<int>()].insert(p["site_id"].get<int64_t>());
      ++per_site[p["site_id"].get<int64_t>()];
    }
  }
  EXPECT_EQ(riders.size(), 120u);
  for (const auto& [group, group_sites] : sites_of_group) {
    EXPECT_EQ(group_sites.size(), 1u) << "group " << group << " split across sites";
  }
  for (const auto& [site_id, n] : per_site) EXPECT_LE(n, 70) << "site " << site_id;
  EXPECT_EQ(Body(Get(buses, logistics_))["items"], list);

  // A trainee sees their own group, room and bus; another class's trainee nothing.
  BulkRooms("3F 301-360 twin");
  ASSERT_EQ(Post(ClassPath("/lodging/assign"), json::object(), logistics_).status, 200);
  const people::Person& me = trainees_[3];
  Session trainee = MakeUser("xueyuan", Role::kTrainee, {}, me.id);
  auto mine = Get("/api/v1/me/class/" + std::to_string(class_id_), trainee);
  ASSERT_EQ(mine.status, 200) << mine.body;
  json view = Body(mine);
  ASSERT_FALSE(view["group"].is_null());
  ASSERT_FALSE(view["room"].is_null());
  ASSERT_EQ(view["visits"].size(), 1u);
  EXPECT_EQ(view["visits"][0]["start"], "2020-06-03T08:30");
  EXPECT_FALSE(view["visits"][0]["bus_name"].get<std::string>().empty());
  EXPECT_FALSE(view["visits"][0]["site_name"].get<std::string>().empty());
  EXPECT_EQ(view.dump().find("phone"), std::string::npos);

  Session outsider = MakeUser("waibu", Role::kTrainee, {}, PersonNamed("于建国").id);
  auto hidden = Get("/api/v1/me/class/" + std::to_string(class_id_), outsider);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(ErrorCode(hidden), "logistics.not_enrolled");
  EXPECT_EQ(Get(ClassPath("/meals"), trainee).status, 403);
}

}  // namespace
}  // namespace peixun::test
