// Planning benchmark: the pure planning algorithms of src/core at the scale of a large
// training base, on generated data. Prints the best of five runs of each, in ms, and
// what the result looked like. The goal is "well under a second" for each.
//
//   grouping     2,000 trainees from 300 units into 100 discussion groups
//   lodging      2,000 trainees into 1,100 rooms (both preferences)
//   conflicts    2,000 sessions over a five-day class
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/grouping.h"
#include "core/room_assignment.h"
#include "core/session_conflicts.h"

namespace peixun::core {
namespace {

constexpr int kRuns = 5;

uint64_t Mix(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Best of kRuns, in milliseconds.
double BestMs(const std::function<void()>& run) {
  double best = 1e300;
  for (int i = 0; i < kRuns; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return best;
}

std::vector<GroupingTrainee> GroupingInput() {
  const char* const positions[] = {"书记", "副书记", "党务干事", "分管党建工作领导"};
  std::vector<GroupingTrainee> out;
  uint64_t state = 1;
  for (int i = 0; i < 2000; ++i) {
    const uint64_t r = Mix(&state) % 1000;
    GroupingTrainee t;
    t.id = 100000 + i;
    t.unit_id = 1 + static_cast<int64_t>((r * r / 1000 + r) / 2 * 300 / 1000);
    t.gender = Mix(&state) % 10 < 6 ? Gender::kMale : Gender::kFemale;
    t.position = positions[Mix(&state) % 4];
    t.is_leader_candidate = t.position == std::string("书记");
    out.push_back(t);
  }
  return out;
}

void BenchGrouping() {
  const auto trainees = GroupingInput();
  Grouping grouping;
  const double ms = BestMs([&] { grouping = *SplitIntoGroups(trainees, 100, 2020); });
  const GroupingStats& s = grouping.stats;
  std::printf(
      "grouping   2000 trainees / 300 units -> 100 groups   %8.2f ms   sizes %d-%d, "
      "max same unit %d, gender imbalance %d, max same position %d, led by candidate %d\n",
      ms, s.min_size, s.max_size, s.max_same_unit, s.gender_imbalance, s.max_same_position,
      s.groups_led_by_candidate);
}

void BenchLodging() {
  std::vector<LodgingRoom> rooms;
  for (int i = 0; i < 1100; ++i) {
    const int floor = 1 + i / 50;
    // Mostly twins; some singles for leaders, some triples.
    const int beds = i % 10 == 0 ? 1 : (i % 25 == 7 ? 3 : 2);
    rooms.push_back({5000 + i, std::to_string(floor * 100 + i % 50 + 1), floor, beds});
  }
  std::vector<LodgingTrainee> trainees;
  uint64_t state = 2;
  for (int i = 0; i < 2000; ++i) {
    trainees.push_back({100000 + i, 1 + static_cast<int64_t>(Mix(&state) % 300),
                        Mix(&state) % 10 < 6 ? Gender::kMale : Gender::kFemale,
                        Mix(&state) % 40 == 0});
  }
  for (auto preference : {RoommatePreference::kSameUnitTogether, RoommatePreference::kMixUnits}) {
    LodgingPlan plan;
    const double ms = BestMs([&] { plan = *AssignRooms(rooms, trainees, preference); });
    std::printf(
        "lodging    2000 trainees -> 1100 rooms (%s)   %8.2f ms   rooms used %d, unplaced %zu, "
        "mixed floors %d, colleague pairs %d\n",
        preference == RoommatePreference::kMixUnits ? "mix units " : "same unit ", ms,
        plan.stats.rooms_used, plan.unplaced.size(), plan.stats.mixed_floors,
        plan.stats.colleague_pairs);
  }
}

void BenchConflicts() {
  // A messy draft: five days (and a stray sixth) 08:00–21:00 Beijing in 15-minute slots;
  // 40 rooms, 60 lecturers, 100 groups, one session in 25 for the whole class, 20 sites
  // of 40 places visited by groups of 20.
  const ClassDates dates{{2020, 5, 11}, {2020, 5, 15}, 480};
  const int64_t day0 = DaysSinceEpoch(dates.first_day) * 86'400'000LL - 480 * 60'000LL;
  std::vector<PlannedSession> sessions;
  std::unordered_map<int64_t, int> sites;
  for (int s = 0; s < 20; ++s) sites[s] = 40;
  uint64_t state = 3;
  for (int i = 0; i < 2000; ++i) {
    PlannedSession s;
    s.id = i + 1;
    s.title = "课程" + std::to_string(i + 1);
    const int64_t day = static_cast<int64_t>(Mix(&state) % 6);  // a sixth day: outside
    const int64_t slot = static_cast<int64_t>(Mix(&state) % 52);
    s.start_ms = day0 + day * 86'400'000LL + (8 * 60 + slot * 15) * 60'000LL;
    s.end_ms = s.start_ms + static_cast<int64_t>(1 + Mix(&state) % 8) * 15 * 60'000LL;
    if (Mix(&state) % 10 < 7) s.room_id = static_cast<int64_t>(Mix(&state) % 40);
    if (Mix(&state) % 10 < 6) s.lecturer_id = static_cast<int64_t>(Mix(&state) % 60);
    if (Mix(&state) % 25 != 0) s.group_ids.push_back(static_cast<int64_t>(Mix(&state) % 100));
    if (Mix(&state) % 10 < 2) {
      s.site_id = static_cast<int64_t>(Mix(&state) % 20);
      s.expected_headcount = 20;
    }
    sessions.push_back(s);
  }
  std::vector<SessionConflict> conflicts;
  const double ms = BestMs([&] { conflicts = FindSessionConflicts(dates, sessions, sites); });
  int per_kind[6] = {0, 0, 0, 0, 0, 0};
  for (const auto& c : conflicts) ++per_kind[static_cast<int>(c.kind)];
  std::printf(
      "conflicts  2000 sessions                          %8.2f ms   %zu conflicts "
      "(room %d, lecturer %d, group %d, outside %d, site %d, end<=start %d)\n",
      ms, conflicts.size(), per_kind[0], per_kind[1], per_kind[2], per_kind[3], per_kind[4],
      per_kind[5]);
}

}  // namespace
}  // namespace peixun::core

int main() {
  std::printf("peixun planning benchmark (best of %d)\n", peixun::core::kRuns);
  peixun::core::BenchGrouping();
  peixun::core::BenchLodging();
  peixun::core::BenchConflicts();
  return 0;
}
