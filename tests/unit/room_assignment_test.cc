#include "core/room_assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace peixun::core {
namespace {

uint64_t Mix(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// `count` rooms, `per_floor` to a floor from floor 2 up: mostly twins, one in eight a
// single, one in sixteen a triple.
std::vector<LodgingRoom> Rooms(int count, int per_floor) {
  std::vector<LodgingRoom> rooms;
  for (int i = 0; i < count; ++i) {
    LodgingRoom r;
    r.floor = 2 + i / per_floor;
    r.id = 5000 + i;
    r.name = std::to_string(r.floor * 100 + i % per_floor + 1);
    r.beds = i % 8 == 3 ? 1 : (i % 16 == 5 ? 3 : 2);
    rooms.push_back(r);
  }
  return rooms;
}

std::vector<LodgingTrainee> Trainees(int n, int units, uint64_t seed) {
  std::vector<LodgingTrainee> out;
  uint64_t state = seed;
  for (int i = 0; i < n; ++i) {
    LodgingTrainee t;
    t.id = 10 + i * 3;
    t.unit_id = 700 + static_cast<int64_t>(Mix(&state) % units);
    t.gender = Mix(&state) % 10 < 6 ? Gender::kMale : Gender::kFemale;
    t.needs_single = Mix(&state) % 30 == 0;
    out.push_back(t);
  }
  return out;
}

LodgingPlan Assign(const std::vector<LodgingRoom>& rooms,
                   const std::vector<LodgingTrainee>& trainees, RoommatePreference preference) {
  auto plan = AssignRooms(rooms, trainees, preference);
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message);
  return plan.ok() ? *plan : LodgingPlan{};
}

void ExpectInvariants(const std::vector<LodgingRoom>& rooms,
                      const std::vector<LodgingTrainee>& trainees, const LodgingPlan& plan) {
  std::unordered_map<int64_t, const LodgingRoom*> room_by_id;
  for (const auto& r : rooms) room_by_id[r.id] = &r;
  std::unordered_map<int64_t, const LodgingTrainee*> by_id;
  for (const auto& t : trainees) by_id[t.id] = &t;

  std::multiset<int64_t> seen;
  std::set<int64_t> used_rooms;
  std::map<int, int> floor_genders;
  int beds_used = 0;
  int colleague_pairs = 0;
  std::tuple<int, int64_t> previous{-1 << 30, 0};
  // Free beds each gender could still use: empty rooms count for both.
  int empty_rooms = static_cast<int>(rooms.size()) - static_cast<int>(plan.rooms.size());
  int open_beds[2] = {0, 0};
  for (const RoomOccupancy& occ : plan.rooms) {
    ASSERT_TRUE(room_by_id.count(occ.room_id));
    const LodgingRoom& room = *room_by_id[occ.room_id];
    EXPECT_TRUE(used_rooms.insert(occ.room_id).second) << "room listed twice";
    const std::tuple<int, int64_t> key{room.floor, room.id};
    EXPECT_LT(previous, key) << "rooms out of (floor, id) order";
    previous = key;
    EXPECT_FALSE(occ.trainee_ids.empty());
    EXPECT_LE(occ.trainee_ids.size(), static_cast<size_t>(room.beds)) << "room over capacity";
    EXPECT_TRUE(std::is_sorted(occ.trainee_ids.begin(), occ.trainee_ids.end()));
    std::map<int64_t, int> units;
    bool has_single = false;
    for (int64_t id : occ.trainee_ids) {
      seen.insert(id);
      ASSERT_TRUE(by_id.count(id));
      EXPECT_EQ(by_id[id]->gender, occ.gender) << "mixed-gender room " << room.name;
      colleague_pairs += units[by_id[id]->unit_id]++;
      has_single = has_single || by_id[id]->needs_single;
    }
    if (has_single) {
      EXPECT_EQ(occ.trainee_ids.size(), 1u) << "a trainee who needs a single room shares";
    } else {
      open_beds[occ.gender == Gender::kFemale] +=
          room.beds - static_cast<int>(occ.trainee_ids.size());
    }
    beds_used += static_cast<int>(occ.trainee_ids.size());
    floor_genders[room.floor] |= 1 << (occ.gender == Gender::kFemale);
  }
  for (const UnplacedTrainee& u : plan.unplaced) {
    seen.insert(u.trainee_id);
    ASSERT_TRUE(by_id.count(u.trainee_id));
    const LodgingTrainee& t = *by_id[u.trainee_id];
    EXPECT_FALSE(u.message.empty());
    EXPECT_FALSE(u.message_en.empty());
    EXPECT_EQ(empty_rooms, 0) << "unplaced while a room stands empty";
    if (t.needs_single) {
      EXPECT_EQ(u.code, "lodging.no_single_room");
    } else {
      EXPECT_EQ(u.code, "lodging.no_bed");
      EXPECT_EQ(open_beds[t.gender == Gender::kFemale], 0) << "unplaced while a bed is free";
    }
  }
  EXPECT_TRUE(
      std::is_sorted(plan.unplaced.begin(), plan.unplaced.end(),
                     [](const auto& a, const auto& b) { return a.trainee_id < b.trainee_id; }));
  std::multiset<int64_t> expected;
  for (const auto& t : trainees) expected.insert(t.id);
  EXPECT_EQ(seen, expected) << "every trainee exactly once";

  int mixed_floors = 0;
  for (const auto& [floor, bits] : floor_genders) mixed_floors += bits == 3;
  EXPECT_EQ(plan.stats.mixed_floors, mixed_floors);
  EXPECT_EQ(plan.stats.beds_used, beds_used);
  EXPECT_EQ(plan.stats.rooms_used, static_cast<int>(plan.rooms.size()));
  EXPECT_EQ(plan.stats.colleague_pairs, colleague_pairs);
}

struct Case {
  int trainees;
  int units;
  int rooms;
};

TEST(RoomAssignmentTest, InvariantsHoldOnGeneratedClasses) {
  const Case cases[] = {{0, 1, 10},        {1, 1, 10},      {1, 1, 0},     {9, 3, 5},
                        {19, 5, 10},       {120, 40, 70},   {120, 40, 40}, {120, 3, 70},
                        {2000, 300, 1100}, {2000, 300, 800}};
  for (const Case& c : cases) {
    for (auto preference : {RoommatePreference::kSameUnitTogether, RoommatePreference::kMixUnits}) {
      for (uint64_t seed : {1u, 2u}) {
        SCOPED_TRACE("n=" + std::to_string(c.trainees) + " rooms=" + std::to_string(c.rooms) +
                     " seed=" + std::to_string(seed) +
                     (preference == RoommatePreference::kMixUnits ? " mix" : " same"));
        const auto rooms = Rooms(c.rooms, 20);
        const auto trainees = Trainees(c.trainees, c.units, seed);
        ExpectInvariants(rooms, trainees, Assign(rooms, trainees, preference));
      }
    }
  }
}

TEST(RoomAssignmentTest, EnoughRoomsPlaceEveryoneOnSingleGenderFloors) {
  const auto rooms = Rooms(1100, 50);
  const auto trainees = Trainees(2000, 300, 4);
  for (auto preference : {RoommatePreference::kSameUnitTogether, RoommatePreference::kMixUnits}) {
    const LodgingPlan plan = Assign(rooms, trainees, preference);
    EXPECT_TRUE(plan.unplaced.empty());
    EXPECT_EQ(plan.stats.beds_used, 2000);
    EXPECT_EQ(plan.stats.mixed_floors, 0);
  }
}

TEST(RoomAssignmentTest, SameInputSameOutputWhateverTheOrder) {
  auto rooms = Rooms(70, 20);
  auto trainees = Trainees(120, 40, 9);
  const LodgingPlan a = Assign(rooms, trainees, RoommatePreference::kMixUnits);
  std::reverse(rooms.begin(), rooms.end());
  std::reverse(trainees.begin(), trainees.end());
  const LodgingPlan b = Assign(rooms, trainees, RoommatePreference::kMixUnits);
  ASSERT_EQ(a.rooms.size(), b.rooms.size());
  for (size_t i = 0; i < a.rooms.size(); ++i) {
    EXPECT_EQ(a.rooms[i].room_id, b.rooms[i].room_id);
    EXPECT_EQ(a.rooms[i].trainee_ids, b.rooms[i].trainee_ids);
  }
}

LodgingRoom Room(int64_t id, int floor, int beds) {
  return {id, std::to_string(floor * 100 + id % 100), floor, beds};
}
LodgingTrainee Man(int64_t id, int64_t unit) { return {id, unit, Gender::kMale, false}; }
LodgingTrainee Woman(int64_t id, int64_t unit) { return {id, unit, Gender::kFemale, false}; }

std::vector<LodgingRoom> TwinFloors(int floors, int rooms_per_floor) {
  std::vector<LodgingRoom> rooms;
  for (int f = 1; f <= floors; ++f) {
    for (int k = 0; k < rooms_per_floor; ++k) rooms.push_back(Room(f * 100 + k, f, 2));
  }
  return rooms;
}

TEST(RoomAssignmentTest, SameUnitTogetherPairsColleagues) {
  std::vector<LodgingTrainee> trainees;
  for (int u = 0; u < 10; ++u) {
    trainees.push_back(Man(u * 2 + 1, u));
    trainees.push_back(Man(u * 2 + 2, u));
  }
  const auto rooms = TwinFloors(1, 10);
  const LodgingPlan together = Assign(rooms, trainees, RoommatePreference::kSameUnitTogether);
  EXPECT_EQ(together.stats.colleague_pairs, 10);
  const LodgingPlan mixed = Assign(rooms, trainees, RoommatePreference::kMixUnits);
  EXPECT_EQ(mixed.stats.colleague_pairs, 0);
  ExpectInvariants(rooms, trainees, together);
  ExpectInvariants(rooms, trainees, mixed);
}

TEST(RoomAssignmentTest, SameUnitTogetherKeepsEvenUnitsWholeAfterAnOddOne) {
  // A unit of 3 then a unit of 2 in twins: the 2 share, the odd one out pairs elsewhere.
  const std::vector<LodgingTrainee> trainees = {Man(1, 1), Man(2, 1), Man(3, 1), Man(4, 2),
                                                Man(5, 2)};
  const LodgingPlan plan =
      Assign(TwinFloors(1, 3), trainees, RoommatePreference::kSameUnitTogether);
  EXPECT_EQ(plan.stats.colleague_pairs, 2);
}

TEST(RoomAssignmentTest, MixUnitsRepeatsOnlyWhenUnavoidable) {
  // 6 from one unit, 2 others, twin rooms: at least 2 colleague pairs are unavoidable.
  std::vector<LodgingTrainee> trainees;
  for (int i = 1; i <= 6; ++i) trainees.push_back(Man(i, 1));
  trainees.push_back(Man(7, 2));
  trainees.push_back(Man(8, 3));
  const LodgingPlan plan = Assign(TwinFloors(1, 4), trainees, RoommatePreference::kMixUnits);
  EXPECT_EQ(plan.stats.colleague_pairs, 2);
}

TEST(RoomAssignmentTest, GendersGetTheirOwnFloors) {
  std::vector<LodgingTrainee> trainees;
  for (int i = 0; i < 30; ++i) trainees.push_back(Man(i + 1, i % 7));
  for (int i = 0; i < 10; ++i) trainees.push_back(Woman(i + 100, i % 3));
  const auto rooms = TwinFloors(3, 10);
  const LodgingPlan plan = Assign(rooms, trainees, RoommatePreference::kMixUnits);
  EXPECT_TRUE(plan.unplaced.empty());
  EXPECT_EQ(plan.stats.mixed_floors, 0);
  std::unordered_map<int64_t, int> floor_of;
  for (const auto& r : rooms) floor_of[r.id] = r.floor;
  for (const auto& occ : plan.rooms) {
    EXPECT_EQ(floor_of[occ.room_id] == 3, occ.gender == Gender::kFemale) << occ.room_id;
  }
  ExpectInvariants(rooms, trainees, plan);
}

TEST(RoomAssignmentTest, MoreWomenTakeTheLowerFloors) {
  std::vector<LodgingTrainee> trainees;
  for (int i = 0; i < 4; ++i) trainees.push_back(Man(i + 1, 1));
  for (int i = 0; i < 12; ++i) trainees.push_back(Woman(i + 100, 2));
  const LodgingPlan plan =
      Assign(TwinFloors(3, 4), trainees, RoommatePreference::kSameUnitTogether);
  EXPECT_EQ(plan.stats.mixed_floors, 0);
  for (const auto& occ : plan.rooms) {
    EXPECT_EQ(occ.gender, occ.room_id < 300 ? Gender::kFemale : Gender::kMale) << occ.room_id;
  }
}

TEST(RoomAssignmentTest, ShortOfFloorsTheBoundaryFloorIsShared) {
  // Men need 2.5 floors; women take the rest of the third.
  std::vector<LodgingTrainee> trainees;
  for (int i = 0; i < 50; ++i) trainees.push_back(Man(i + 1, i));
  for (int i = 0; i < 8; ++i) trainees.push_back(Woman(i + 100, i));
  const auto rooms = TwinFloors(3, 10);
  const LodgingPlan plan = Assign(rooms, trainees, RoommatePreference::kMixUnits);
  EXPECT_TRUE(plan.unplaced.empty());
  EXPECT_EQ(plan.stats.mixed_floors, 1);
  for (const auto& occ : plan.rooms) {
    if (occ.gender == Gender::kFemale) {
      EXPECT_GE(occ.room_id, 300) << occ.room_id;
    }
  }
  ExpectInvariants(rooms, trainees, plan);
}

TEST(RoomAssignmentTest, SinglesGetSingleRoomsFirstThenATwinAlone) {
  std::vector<LodgingRoom> rooms = {Room(1, 1, 2), Room(2, 1, 1), Room(3, 1, 2), Room(4, 1, 3)};
  std::vector<LodgingTrainee> trainees = {{10, 1, Gender::kMale, true},
                                          {11, 2, Gender::kMale, true},
                                          Man(12, 3),
                                          Man(13, 4),
                                          Man(14, 5)};
  const LodgingPlan plan = Assign(rooms, trainees, RoommatePreference::kMixUnits);
  ASSERT_TRUE(plan.unplaced.empty());
  std::map<int64_t, std::vector<int64_t>> by_room;
  for (const auto& occ : plan.rooms) by_room[occ.room_id] = occ.trainee_ids;
  EXPECT_EQ(by_room[2], (std::vector<int64_t>{10}));  // the one-bed room
  EXPECT_EQ(by_room[1], (std::vector<int64_t>{11}));  // then the smallest free room, alone
  EXPECT_EQ(by_room[3].size() + by_room[4].size(), 3u);
  ExpectInvariants(rooms, trainees, plan);
}

TEST(RoomAssignmentTest, ReportsWhoDoesNotFitAndWhy) {
  // Three twins: the men fill two, one woman who needs a single takes the third, the
  // other women have nowhere to go.
  const std::vector<LodgingRoom> rooms = {Room(1, 1, 2), Room(2, 1, 2), Room(3, 2, 2)};
  const std::vector<LodgingTrainee> trainees = {Man(1, 1),
                                                Man(2, 1),
                                                Man(3, 2),
                                                Man(4, 2),
                                                {20, 5, Gender::kFemale, true},
                                                Woman(21, 6),
                                                {22, 7, Gender::kFemale, true}};
  const LodgingPlan plan = Assign(rooms, trainees, RoommatePreference::kSameUnitTogether);
  ASSERT_EQ(plan.unplaced.size(), 2u);
  EXPECT_EQ(plan.unplaced[0].trainee_id, 21);
  EXPECT_EQ(plan.unplaced[0].code, "lodging.no_bed");
  EXPECT_EQ(plan.unplaced[0].message, "女学员床位不足");
  EXPECT_EQ(plan.unplaced[0].message_en, "not enough beds for women");
  EXPECT_EQ(plan.unplaced[1].trainee_id, 22);
  EXPECT_EQ(plan.unplaced[1].code, "lodging.no_single_room");
  ExpectInvariants(rooms, trainees, plan);
}

TEST(RoomAssignmentTest, NoRoomsAtAll) {
  const std::vector<LodgingTrainee> trainees = {Man(1, 1), {2, 1, Gender::kMale, true}};
  const LodgingPlan plan = Assign({}, trainees, RoommatePreference::kMixUnits);
  ASSERT_EQ(plan.unplaced.size(), 2u);
  EXPECT_EQ(plan.unplaced[0].message, "男学员床位不足");
  EXPECT_TRUE(plan.rooms.empty());
}

TEST(RoomAssignmentTest, CapacityExactlyEqualPlacesEveryone) {
  std::vector<LodgingTrainee> trainees;
  for (int i = 0; i < 20; ++i) trainees.push_back(Man(i + 1, i % 4));
  const auto rooms = TwinFloors(1, 10);
  for (auto preference : {RoommatePreference::kSameUnitTogether, RoommatePreference::kMixUnits}) {
    const LodgingPlan plan = Assign(rooms, trainees, preference);
    EXPECT_TRUE(plan.unplaced.empty());
    EXPECT_EQ(plan.stats.rooms_used, 10);
    ExpectInvariants(rooms, trainees, plan);
  }
  trainees.push_back(Man(99, 9));
  EXPECT_EQ(Assign(rooms, trainees, RoommatePreference::kMixUnits).unplaced.size(), 1u);
}

TEST(RoomAssignmentTest, RefusesBadInput) {
  auto dup_room = AssignRooms({Room(1, 1, 2), Room(1, 2, 2)}, {}, RoommatePreference::kMixUnits);
  ASSERT_FALSE(dup_room.ok());
  EXPECT_EQ(dup_room.error().code, "lodging.invalid");
  EXPECT_EQ(dup_room.error().field, "rooms");
  EXPECT_EQ(AssignRooms({Room(1, 1, 0)}, {}, RoommatePreference::kMixUnits).error().field, "rooms");
  auto dup = AssignRooms({}, {Man(1, 1), Woman(1, 2)}, RoommatePreference::kMixUnits);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().field, "trainees");
  EXPECT_EQ(dup.error().kind, ErrorKind::kInvalid);
}

}  // namespace
}  // namespace peixun::core
