// Lodging (住宿): putting a class's trainees into the host venue's rooms.
//
// Pure, deterministic and thread-safe: the same rooms and trainees, in any order, give
// the same plan.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/gender.h"
#include "core/result.h"

namespace peixun::core {

struct LodgingRoom {
  int64_t id = 0;
  std::string name;  // "301"; for messages and print only
  int floor = 0;
  int beds = 1;  // 1 single, 2 twin, …
};

struct LodgingTrainee {
  int64_t id = 0;
  int64_t unit_id = 0;
  Gender gender = Gender::kMale;
  bool needs_single = false;  // stays alone, e.g. a 县处级 leader
};

enum class RoommatePreference {
  kSameUnitTogether,  // colleagues share rooms where possible
  kMixUnits,          // colleagues do not share rooms where avoidable
};

struct RoomOccupancy {
  int64_t room_id = 0;
  Gender gender = Gender::kMale;
  std::vector<int64_t> trainee_ids;  // ascending; never more than the room's beds
};

struct UnplacedTrainee {
  int64_t trainee_id = 0;
  std::string code;        // lodging.no_bed or lodging.no_single_room
  std::string message;     // zh-CN
  std::string message_en;  // en
};

struct LodgingStats {
  int rooms_used = 0;
  int beds_used = 0;        // trainees placed
  int mixed_floors = 0;     // floors where both men and women sleep (never one room)
  int colleague_pairs = 0;  // pairs of roommates from the same unit
};

struct LodgingPlan {
  std::vector<RoomOccupancy> rooms;       // occupied rooms only, by (floor, room id)
  std::vector<UnplacedTrainee> unplaced;  // by trainee id
  LodgingStats stats;
};

// Assigns every trainee to one room, or lists them in `unplaced` with the reason.
// Guarantees: no room holds both genders; no room holds more than its beds; every
// trainee appears exactly once, in a room or in `unplaced`.
// How (rooms are taken in (floor, id) order):
//   1. Floors: the gender with more trainees gets the lowest floors, as many as its
//      head count needs in beds; the other gender starts on the next floor up. A gender
//      that runs out of its floors continues in the free rooms nearest its own, so one
//      floor holds both genders only when the beds demand it.
//   2. Trainees who need a single room come first (by id): each takes the first free
//      one-bed room on its gender's floors, else the smallest free room there (alone),
//      then the same beyond its floors. None left: lodging.no_single_room.
//   3. The others fill free rooms one after the other. kSameUnitTogether fills each room
//      from the unit whose remaining colleagues best fill it; kMixUnits fills it with one
//      member each of the units with the most people still to place. No bed left for
//      that gender: lodging.no_bed.
// Errors (ErrorKind::kInvalid): lodging.invalid for a repeated room id or one with
// fewer than 1 bed (field "rooms"), or a repeated trainee id (field "trainees").
Result<LodgingPlan> AssignRooms(const std::vector<LodgingRoom>& rooms,
                                const std::vector<LodgingTrainee>& trainees,
                                RoommatePreference preference);

}  // namespace peixun::core
