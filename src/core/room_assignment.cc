#include "core/room_assignment.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace peixun::core {
namespace {

int GenderIndex(Gender g) { return g == Gender::kFemale ? 1 : 0; }

// The colleagues of one unit still to be placed, by id.
struct UnitQueue {
  std::vector<int64_t> ids;
  size_t next = 0;
  int Remaining() const { return static_cast<int>(ids.size() - next); }
};

class Planner {
 public:
  Planner(const std::vector<LodgingRoom>& rooms, RoommatePreference preference)
      : preference_(preference) {
    for (const auto& r : rooms) rooms_.push_back(&r);
    std::sort(rooms_.begin(), rooms_.end(), [](const LodgingRoom* a, const LodgingRoom* b) {
      return std::tie(a->floor, a->id) < std::tie(b->floor, b->id);
    });
    occupants_.resize(rooms_.size());
    gender_.resize(rooms_.size(), Gender::kMale);
    for (size_t i = 0; i < rooms_.size(); ++i) {
      if (i == 0 || rooms_[i]->floor != rooms_[i - 1]->floor) floor_begin_.push_back(i);
    }
    floor_begin_.push_back(rooms_.size());
  }

  size_t FloorCount() const { return floor_begin_.size() - 1; }
  int64_t FloorBeds(size_t f) const {
    int64_t beds = 0;
    for (size_t i = floor_begin_[f]; i < floor_begin_[f + 1]; ++i) beds += rooms_[i]->beds;
    return beds;
  }
  // Appends the rooms of floor f, in id order, to `list`.
  void AppendFloor(size_t f, std::vector<size_t>* list) const {
    for (size_t i = floor_begin_[f]; i < floor_begin_[f + 1]; ++i) list->push_back(i);
  }

  // Places one gender: `rooms` lists the room indexes it may use, its own floors'
  // first (the first `own` entries), then the others nearest first.
  void Place(Gender gender, const std::vector<int64_t>& singles,
             const std::vector<UnitQueue>& units, const std::vector<size_t>& rooms, size_t own);

  LodgingPlan Finish(const std::vector<LodgingTrainee>& trainees);

 private:
  bool Free(size_t room) const { return occupants_[room].empty(); }
  void Unplaced(int64_t id, Gender gender, bool single);
  void FillSameUnit(std::vector<UnitQueue> units, const std::vector<size_t>& free, Gender gender);
  void FillMixed(std::vector<UnitQueue> units, const std::vector<size_t>& free, Gender gender);

  RoommatePreference preference_;
  std::vector<const LodgingRoom*> rooms_;  // by (floor, id)
  std::vector<size_t> floor_begin_;        // first room of each floor, then rooms_.size()
  std::vector<std::vector<int64_t>> occupants_;
  std::vector<Gender> gender_;
  std::vector<UnplacedTrainee> unplaced_;
};

void Planner::Unplaced(int64_t id, Gender gender, bool single) {
  const bool woman = gender == Gender::kFemale;
  if (single) {
    unplaced_.push_back({id, "lodging.no_single_room", "没有可供单独入住的空房间",
                         "no free room left for a trainee who stays alone"});
  } else {
    unplaced_.push_back({id, "lodging.no_bed", woman ? "女学员床位不足" : "男学员床位不足",
                         woman ? "not enough beds for women" : "not enough beds for men"});
  }
}

void Planner::Place(Gender gender, const std::vector<int64_t>& singles,
                    const std::vector<UnitQueue>& units, const std::vector<size_t>& rooms,
                    size_t own) {
  // A single room in [from, to) of `rooms`: a one-bed room, else the smallest free one.
  auto find_single = [&](size_t from, size_t to) -> std::optional<size_t> {
    std::optional<size_t> best;
    for (size_t k = from; k < to; ++k) {
      const size_t r = rooms[k];
      if (!Free(r)) continue;
      if (!best || rooms_[r]->beds < rooms_[*best]->beds) best = r;
      if (rooms_[r]->beds == 1) break;
    }
    return best;
  };
  for (int64_t id : singles) {
    std::optional<size_t> room = find_single(0, own);
    if (!room) room = find_single(own, rooms.size());
    if (!room) {
      Unplaced(id, gender, true);
      continue;
    }
    occupants_[*room].push_back(id);
    gender_[*room] = gender;
  }
  std::vector<size_t> free;
  for (size_t r : rooms) {
    if (Free(r)) free.push_back(r);
  }
  if (preference_ == RoommatePreference::kSameUnitTogether) {
    FillSameUnit(units, free, gender);
  } else {
    FillMixed(units, free, gender);
  }
}

void Planner::FillSameUnit(std::vector<UnitQueue> units, const std::vector<size_t>& free,
                           Gender gender) {
  // (remaining, unit order): the best fit for a room of `space` beds is the smallest
  // unit that fills it; failing that, the largest, and then fill what is left again.
  std::set<std::pair<int, size_t>> pending;
  for (size_t u = 0; u < units.size(); ++u) {
    if (units[u].Remaining() > 0) pending.emplace(units[u].Remaining(), u);
  }
  for (size_t room : free) {
    int space = rooms_[room]->beds;
    while (space > 0 && !pending.empty()) {
      auto it = pending.lower_bound({space, 0});
      if (it == pending.end()) it = std::prev(pending.end());
      const size_t u = it->second;
      pending.erase(it);
      const int take = std::min(space, units[u].Remaining());
      for (int k = 0; k < take; ++k) occupants_[room].push_back(units[u].ids[units[u].next++]);
      space -= take;
      if (units[u].Remaining() > 0) pending.emplace(units[u].Remaining(), u);
    }
    if (!occupants_[room].empty()) gender_[room] = gender;
  }
  for (const auto& [remaining, u] : pending) {
    for (size_t k = units[u].next; k < units[u].ids.size(); ++k) {
      Unplaced(units[u].ids[k], gender, false);
    }
  }
}

void Planner::FillMixed(std::vector<UnitQueue> units, const std::vector<size_t>& free,
                        Gender gender) {
  // (-remaining, unit order): the units with the most people left give one each, so
  // that the large units do not end up needing rooms of their own.
  std::set<std::pair<int, size_t>> pending;
  for (size_t u = 0; u < units.size(); ++u) {
    if (units[u].Remaining() > 0) pending.emplace(-units[u].Remaining(), u);
  }
  for (size_t room : free) {
    int space = rooms_[room]->beds;
    while (space > 0 && !pending.empty()) {
      std::vector<size_t> picked;
      while (space > 0 && !pending.empty()) {
        picked.push_back(pending.begin()->second);
        pending.erase(pending.begin());
        --space;
      }
      for (size_t u : picked) {
        occupants_[room].push_back(units[u].ids[units[u].next++]);
        if (units[u].Remaining() > 0) pending.emplace(-units[u].Remaining(), u);
      }
    }
    if (!occupants_[room].empty()) gender_[room] = gender;
  }
  for (const auto& [remaining, u] : pending) {
    for (size_t k = units[u].next; k < units[u].ids.size(); ++k) {
      Unplaced(units[u].ids[k], gender, false);
    }
  }
}

LodgingPlan Planner::Finish(const std::vector<LodgingTrainee>& trainees) {
  std::unordered_map<int64_t, int64_t> unit_of;
  for (const auto& t : trainees) unit_of.emplace(t.id, t.unit_id);
  LodgingPlan plan;
  std::map<int, int> floor_genders;  // floor -> bit 1 men, bit 2 women
  for (size_t r = 0; r < rooms_.size(); ++r) {
    if (occupants_[r].empty()) continue;
    RoomOccupancy room{rooms_[r]->id, gender_[r], occupants_[r]};
    std::sort(room.trainee_ids.begin(), room.trainee_ids.end());
    std::unordered_map<int64_t, int> per_unit;
    for (int64_t id : room.trainee_ids) plan.stats.colleague_pairs += per_unit[unit_of[id]]++;
    plan.stats.beds_used += static_cast<int>(room.trainee_ids.size());
    ++plan.stats.rooms_used;
    floor_genders[rooms_[r]->floor] |= 1 << GenderIndex(gender_[r]);
    plan.rooms.push_back(std::move(room));
  }
  for (const auto& [floor, bits] : floor_genders) plan.stats.mixed_floors += bits == 3;
  plan.unplaced = std::move(unplaced_);
  std::sort(plan.unplaced.begin(), plan.unplaced.end(),
            [](const auto& a, const auto& b) { return a.trainee_id < b.trainee_id; });
  return plan;
}

}  // namespace

Result<LodgingPlan> AssignRooms(const std::vector<LodgingRoom>& rooms,
                                const std::vector<LodgingTrainee>& trainees,
                                RoommatePreference preference) {
  {
    std::unordered_set<int64_t> ids;
    for (const auto& r : rooms) {
      if (r.beds < 1 || !ids.insert(r.id).second) {
        return Invalid(
            "lodging.invalid", "房间 " + r.name + "（" + std::to_string(r.id) + "）重复或没有床位",
            "room " + r.name + " (" + std::to_string(r.id) + ") is repeated or has no bed",
            "rooms");
      }
    }
    ids.clear();
    for (const auto& t : trainees) {
      if (!ids.insert(t.id).second) {
        return Invalid("lodging.invalid", "学员 " + std::to_string(t.id) + " 重复出现",
                       "trainee " + std::to_string(t.id) + " appears twice", "trainees");
      }
    }
  }

  // Per gender: singles by id, and the others as unit queues in unit id order.
  std::vector<int64_t> singles[2];
  std::vector<UnitQueue> units[2];
  int64_t head_count[2] = {0, 0};
  {
    std::map<int64_t, std::vector<int64_t>> by_unit[2];
    for (const auto& t : trainees) {
      const int g = GenderIndex(t.gender);
      ++head_count[g];
      if (t.needs_single) {
        singles[g].push_back(t.id);
      } else {
        by_unit[g][t.unit_id].push_back(t.id);
      }
    }
    for (int g = 0; g < 2; ++g) {
      std::sort(singles[g].begin(), singles[g].end());
      for (auto& [unit, ids] : by_unit[g]) {
        std::sort(ids.begin(), ids.end());
        units[g].push_back({std::move(ids), 0});
      }
    }
  }

  Planner planner(rooms, preference);
  const int first = head_count[1] > head_count[0] ? 1 : 0;
  const int second = 1 - first;
  const size_t floors = planner.FloorCount();
  size_t split = 0;  // floors [0, split) belong to `first`
  for (int64_t beds = 0; split < floors && beds < head_count[first]; ++split) {
    beds += planner.FloorBeds(split);
  }
  // `first` continues upward past its floors; `second` continues downward from the
  // shared boundary, so that any floor holding both genders is the boundary floor.
  std::vector<size_t> first_rooms;
  for (size_t f = 0; f < split; ++f) planner.AppendFloor(f, &first_rooms);
  const size_t first_own = first_rooms.size();
  for (size_t f = split; f < floors; ++f) planner.AppendFloor(f, &first_rooms);
  std::vector<size_t> second_rooms;
  for (size_t f = split; f < floors; ++f) planner.AppendFloor(f, &second_rooms);
  const size_t second_own = second_rooms.size();
  for (size_t f = split; f-- > 0;) planner.AppendFloor(f, &second_rooms);

  const Gender genders[2] = {Gender::kMale, Gender::kFemale};
  planner.Place(genders[first], singles[first], units[first], first_rooms, first_own);
  planner.Place(genders[second], singles[second], units[second], second_rooms, second_own);
  return planner.Finish(trainees);
}

}  // namespace peixun::core
