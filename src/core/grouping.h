// Discussion groups (分组讨论): splitting a class's trainees into groups that mix units,
// genders and positions, each with a leader; and, for an on-site teaching day
// (现场教学), sending whole groups to demonstration sites and seating them on buses.
//
// All functions are pure, deterministic and thread-safe. The same input and seed give
// the same groups on every machine: the only randomness is a splitmix64 stream of our
// own, never a std distribution (their output differs between standard libraries).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/gender.h"
#include "core/result.h"

namespace peixun::core {

struct GroupingTrainee {
  int64_t id = 0;
  int64_t unit_id = 0;
  Gender gender = Gender::kMale;
  std::string position;              // 书记, 党务干事, …; compared as written
  bool is_leader_candidate = false;  // e.g. a 书记, preferred as group leader
};

struct Group {
  int index = 0;                 // 1..G, the number people see (第 1 组)
  std::vector<int64_t> members;  // trainee ids, ascending
  int64_t leader_id = 0;         // a member; 0 only when the group is empty
};

// How well a split meets its goals; computed, not promised.
struct GroupingStats {
  int min_size = 0;
  int max_size = 0;
  int max_same_unit = 0;      // the most members one unit has in one group
  int gender_imbalance = 0;   // the largest difference between two groups in their number
                              // of men, or in their number of women
  int max_same_position = 0;  // the most members one position has in one group
  int groups_led_by_candidate = 0;
};

struct Grouping {
  std::vector<Group> groups;  // exactly G, by index
  GroupingStats stats;
};

// The most groups SplitIntoGroups makes.
inline constexpr int kMaxGroups = 10'000;

// Splits `trainees` into `group_count` groups. Goals, each one absolute before the next:
//   1. sizes differ by at most 1 (always met; with fewer trainees than groups some
//      groups are empty);
//   2. units spread: every unit has floor(c/G) or ceil(c/G) members in each group, where
//      c is its size (always met; so with every unit no larger than G, no two
//      colleagues share a group);
//   3. genders balanced across groups;
//   4. positions spread across groups;
//   5. leader candidates spread, so that as many groups as possible have one.
// Goals 3–5 are pursued by a bounded local search (swaps), not proven optimal.
// Each group's leader is its leader candidate with the smallest id, else its member
// with the smallest id. `seed` changes the split (different seeds usually give
// different groups), never its quality guarantees.
// Errors (ErrorKind::kInvalid):
//   grouping.group_count        group_count outside 1..kMaxGroups (field "group_count")
//   grouping.duplicate_trainee  a trainee id appears twice (field "trainees")
Result<Grouping> SplitIntoGroups(const std::vector<GroupingTrainee>& trainees, int group_count,
                                 uint64_t seed);

// The stats of any split, e.g. after a head teacher moved people by hand. Members not
// found in `trainees` count toward sizes only.
GroupingStats ComputeGroupingStats(const std::vector<Group>& groups,
                                   const std::vector<GroupingTrainee>& trainees);

struct VisitSite {
  int64_t id = 0;
  int capacity = 0;  // people it can receive at once
};

struct VisitBus {
  int64_t id = 0;
  int seats = 0;  // passengers, the driver not counted
};

// One visit slot: every group is at one site at the same time. Run once per slot when
// groups rotate between sites.
struct VisitPlan {
  struct SiteLoad {
    int64_t site_id = 0;
    std::vector<int> group_indexes;  // ascending
    int headcount = 0;
  };
  // Part or all of one group on one bus.
  struct Ride {
    int group_index = 0;
    int64_t site_id = 0;
    std::vector<int64_t> members;  // the leader rides in the group's first part
  };
  struct BusLoad {
    int64_t bus_id = 0;
    std::vector<Ride> rides;
    int occupied = 0;
  };
  std::vector<SiteLoad> sites;  // one per input site, in input order
  std::vector<BusLoad> buses;   // one per input bus, in input order (unused: no rides)
};

// Sends whole groups to sites without exceeding any site's capacity (largest groups
// first, each to the site with the most room left, so that sites fill evenly; if that
// leaves a group out, a tighter best-fit packing is tried), then seats the groups:
// a group that fits in one bus rides in one bus, preferring buses already going to its
// site; a group larger than the room left in any bus is split across buses, fullest
// remaining bus first. No bus carries more than its seats. Empty groups are ignored.
// Packing is a heuristic: it may report a misfit in rare cases a cleverer packing avoids.
// Errors:
//   grouping.visit.invalid        duplicate or negative site/bus/group figures (kInvalid;
//                                 field "sites", "buses" or "groups")
//   grouping.visit.site_capacity  groups that fit no site, each named with its size
//                                 (kConflict, field "groups")
//   grouping.visit.bus_seats      groups that cannot all be seated (kConflict, field
//                                 "groups")
Result<VisitPlan> SplitForVisits(const std::vector<Group>& groups,
                                 const std::vector<VisitSite>& sites,
                                 const std::vector<VisitBus>& buses);

}  // namespace peixun::core
