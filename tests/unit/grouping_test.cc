#include "core/grouping.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace peixun::core {
namespace {

uint64_t Mix(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

const char* const kPositions[] = {"书记", "党务干事", "分管党建工作领导", "副书记"};

// `n` trainees from `units` units of uneven size (unit ids 1000+), about 60 % men;
// a quarter are 书记, the leader candidates.
std::vector<GroupingTrainee> Trainees(int n, int units, uint64_t seed) {
  std::vector<GroupingTrainee> out;
  uint64_t state = seed;
  for (int i = 0; i < n; ++i) {
    GroupingTrainee t;
    t.id = 1 + i * 7;  // not dense, not the input position
    // Half a square skews unit sizes: the first units are larger than the last ones.
    const uint64_t r = Mix(&state) % 1000;
    t.unit_id = 1000 + static_cast<int64_t>((r * r / 1000 + r) / 2 * units / 1000);
    t.gender = Mix(&state) % 10 < 6 ? Gender::kMale : Gender::kFemale;
    t.position = kPositions[Mix(&state) % 4];
    t.is_leader_candidate = t.position == std::string("书记");
    out.push_back(t);
  }
  return out;
}

Grouping Split(const std::vector<GroupingTrainee>& trainees, int groups, uint64_t seed) {
  auto result = SplitIntoGroups(trainees, groups, seed);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? *result : Grouping{};
}

// The promises of SplitIntoGroups that hold for every input.
void ExpectInvariants(const std::vector<GroupingTrainee>& trainees, int g_count,
                      const Grouping& grouping) {
  ASSERT_EQ(grouping.groups.size(), static_cast<size_t>(g_count));
  std::unordered_map<int64_t, const GroupingTrainee*> by_id;
  std::map<int64_t, int> unit_size;
  for (const auto& t : trainees) {
    by_id[t.id] = &t;
    ++unit_size[t.unit_id];
  }
  std::multiset<int64_t> placed;
  size_t min_size = trainees.size() + 1, max_size = 0;
  for (int g = 0; g < g_count; ++g) {
    const Group& group = grouping.groups[g];
    EXPECT_EQ(group.index, g + 1);
    EXPECT_TRUE(std::is_sorted(group.members.begin(), group.members.end()));
    min_size = std::min(min_size, group.members.size());
    max_size = std::max(max_size, group.members.size());
    std::map<int64_t, int> units;
    int64_t best_candidate = 0;
    for (int64_t id : group.members) {
      placed.insert(id);
      ASSERT_TRUE(by_id.count(id)) << id;
      ++units[by_id[id]->unit_id];
      if (by_id[id]->is_leader_candidate && best_candidate == 0) best_candidate = id;
    }
    for (const auto& [unit, count] : units) {
      const int c = unit_size[unit];
      EXPECT_GE(count, c / g_count) << "unit " << unit << " in group " << group.index;
      EXPECT_LE(count, (c + g_count - 1) / g_count) << "unit " << unit;
    }
    for (const auto& [unit, c] : unit_size) {
      if (c >= g_count) {
        EXPECT_GE(units[unit], c / g_count) << "unit " << unit;
      }
    }
    if (group.members.empty()) {
      EXPECT_EQ(group.leader_id, 0);
    } else if (best_candidate != 0) {
      EXPECT_EQ(group.leader_id, best_candidate);
    } else {
      EXPECT_EQ(group.leader_id, group.members.front());
    }
  }
  std::multiset<int64_t> expected;
  for (const auto& t : trainees) expected.insert(t.id);
  EXPECT_EQ(placed, expected) << "every trainee exactly once";
  EXPECT_LE(max_size - min_size, 1u);

  const GroupingStats stats = grouping.stats;
  EXPECT_EQ(stats.min_size, static_cast<int>(min_size));
  EXPECT_EQ(stats.max_size, static_cast<int>(max_size));
  int largest_unit = 0;
  for (const auto& [unit, c] : unit_size) largest_unit = std::max(largest_unit, c);
  EXPECT_EQ(stats.max_same_unit, trainees.empty() ? 0 : (largest_unit + g_count - 1) / g_count);
  if (largest_unit <= g_count) {
    EXPECT_LE(stats.max_same_unit, 1);
  }
  const GroupingStats again = ComputeGroupingStats(grouping.groups, trainees);
  EXPECT_EQ(again.gender_imbalance, stats.gender_imbalance);
  EXPECT_EQ(again.max_same_position, stats.max_same_position);
  EXPECT_EQ(again.groups_led_by_candidate, stats.groups_led_by_candidate);
}

struct Case {
  int n;
  int units;
  int groups;
};

TEST(GroupingTest, InvariantsHoldOnGeneratedClasses) {
  const Case cases[] = {{0, 1, 5},     {1, 1, 5},        {9, 9, 10},        {9, 3, 10},
                        {120, 40, 10}, {120, 12, 10},    {120, 3, 10},      {120, 40, 1},
                        {121, 40, 8},  {2000, 300, 100}, {2000, 2000, 1000}};
  for (const Case& c : cases) {
    for (uint64_t seed : {1u, 7u, 2020u}) {
      SCOPED_TRACE("n=" + std::to_string(c.n) + " units=" + std::to_string(c.units) +
                   " groups=" + std::to_string(c.groups) + " seed=" + std::to_string(seed));
      const auto trainees = Trainees(c.n, c.units, seed * 31 + c.n);
      ExpectInvariants(trainees, c.groups, Split(trainees, c.groups, seed));
    }
  }
}

TEST(GroupingTest, SeedClassIsWellBalanced) {
  // 120 trainees from 40 units (no unit larger than 10) into 10 groups, like the seed class.
  for (uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const auto trainees = Trainees(120, 40, seed);
    const Grouping grouping = Split(trainees, 10, seed);
    std::map<int64_t, int> unit_size;
    for (const auto& t : trainees) ++unit_size[t.unit_id];
    int largest = 0;
    for (const auto& [unit, c] : unit_size) largest = std::max(largest, c);
    ASSERT_LE(largest, 10) << "the generator should make no unit larger than G";
    EXPECT_EQ(grouping.stats.max_same_unit, 1);
    EXPECT_LE(grouping.stats.gender_imbalance, 2) << "seed " << seed;
    EXPECT_LE(grouping.stats.max_same_position, 5) << "seed " << seed;  // ~3 of each of 4 in 12
    EXPECT_EQ(grouping.stats.groups_led_by_candidate, 10) << "seed " << seed;
  }
}

TEST(GroupingTest, LargeClassIsWellBalanced) {
  const auto trainees = Trainees(2000, 300, 99);
  const Grouping grouping = Split(trainees, 100, 99);
  EXPECT_LE(grouping.stats.gender_imbalance, 2);
  EXPECT_EQ(grouping.stats.groups_led_by_candidate, 100);
}

TEST(GroupingTest, SameSeedSameGroupsDifferentSeedDifferentGroups) {
  const auto trainees = Trainees(120, 40, 5);
  const Grouping a = Split(trainees, 10, 42);
  const Grouping b = Split(trainees, 10, 42);
  for (int g = 0; g < 10; ++g) {
    EXPECT_EQ(a.groups[g].members, b.groups[g].members);
    EXPECT_EQ(a.groups[g].leader_id, b.groups[g].leader_id);
  }
  int different = 0;
  for (uint64_t seed = 43; seed < 48; ++seed) {
    const Grouping c = Split(trainees, 10, seed);
    bool same = true;
    for (int g = 0; g < 10; ++g) same = same && c.groups[g].members == a.groups[g].members;
    different += same ? 0 : 1;
  }
  EXPECT_GE(different, 4);
}

TEST(GroupingTest, InputOrderDoesNotMatter) {
  auto trainees = Trainees(120, 40, 8);
  const Grouping forward = Split(trainees, 10, 3);
  std::reverse(trainees.begin(), trainees.end());
  const Grouping backward = Split(trainees, 10, 3);
  for (int g = 0; g < 10; ++g) EXPECT_EQ(forward.groups[g].members, backward.groups[g].members);
}

GroupingTrainee T(int64_t id, int64_t unit, Gender gender, std::string position = "党务干事",
                  bool candidate = false) {
  return {id, unit, gender, std::move(position), candidate};
}

TEST(GroupingTest, LargeUnitsSpreadAsEvenlyAsPossible) {
  std::vector<GroupingTrainee> trainees;
  for (int i = 0; i < 7; ++i) trainees.push_back(T(i + 1, 1, Gender::kMale));
  for (int i = 0; i < 5; ++i) trainees.push_back(T(i + 100, 100 + i, Gender::kFemale));
  const Grouping grouping = Split(trainees, 3, 1);
  for (const Group& g : grouping.groups) {
    const auto colleagues =
        std::count_if(g.members.begin(), g.members.end(), [](int64_t id) { return id <= 7; });
    EXPECT_TRUE(colleagues == 2 || colleagues == 3) << colleagues;
  }
  EXPECT_EQ(grouping.stats.max_same_unit, 3);
  ExpectInvariants(trainees, 3, grouping);
}

TEST(GroupingTest, GendersBalance) {
  // Every unit has one member, so dealing puts people in a random order: only the
  // swap search can balance the genders.
  std::vector<GroupingTrainee> trainees;
  for (int i = 0; i < 12; ++i) trainees.push_back(T(i + 1, i + 1, Gender::kFemale));
  for (int i = 0; i < 12; ++i) trainees.push_back(T(i + 100, 100 + i, Gender::kMale));
  for (uint64_t seed : {1u, 2u, 3u}) {
    const Grouping grouping = Split(trainees, 4, seed);
    EXPECT_EQ(grouping.stats.gender_imbalance, 0) << "seed " << seed;
    EXPECT_EQ(grouping.stats.max_same_unit, 1);
  }
}

TEST(GroupingTest, PositionsSpread) {
  std::vector<GroupingTrainee> trainees;
  for (int i = 0; i < 8; ++i) trainees.push_back(T(i + 1, i + 1, Gender::kMale, "书记"));
  for (int i = 0; i < 8; ++i) trainees.push_back(T(i + 20, i + 20, Gender::kMale, "党务干事"));
  const Grouping grouping = Split(trainees, 4, 11);
  EXPECT_EQ(grouping.stats.max_same_position, 2);
}

TEST(GroupingTest, LeaderCandidatesSpreadAndLead) {
  std::vector<GroupingTrainee> trainees;
  for (int i = 0; i < 16; ++i) trainees.push_back(T(i + 1, i + 1, Gender::kMale));
  for (int i = 0; i < 4; ++i) {
    trainees.push_back(T(i + 50, i + 50, Gender::kMale, "党务干事", /*candidate=*/true));
  }
  const Grouping grouping = Split(trainees, 4, 5);
  EXPECT_EQ(grouping.stats.groups_led_by_candidate, 4);
  for (const Group& g : grouping.groups) EXPECT_GE(g.leader_id, 50);
}

TEST(GroupingTest, WithoutCandidatesTheSmallestIdLeads) {
  std::vector<GroupingTrainee> trainees;
  for (int i = 0; i < 6; ++i) trainees.push_back(T(60 - i, i, Gender::kMale));
  const Grouping grouping = Split(trainees, 2, 1);
  for (const Group& g : grouping.groups) EXPECT_EQ(g.leader_id, g.members.front());
  EXPECT_EQ(grouping.stats.groups_led_by_candidate, 0);
}

TEST(GroupingTest, MoreGroupsThanTrainees) {
  const std::vector<GroupingTrainee> trainees = {T(1, 1, Gender::kMale), T(2, 1, Gender::kFemale)};
  const Grouping grouping = Split(trainees, 5, 0);
  ASSERT_EQ(grouping.groups.size(), 5u);
  int empty = 0;
  for (const Group& g : grouping.groups) empty += g.members.empty() ? 1 : 0;
  EXPECT_EQ(empty, 3);
  EXPECT_EQ(grouping.stats.min_size, 0);
  EXPECT_EQ(grouping.stats.max_size, 1);
}

TEST(GroupingTest, RefusesBadInput) {
  auto r = SplitIntoGroups({}, 0, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "grouping.group_count");
  EXPECT_EQ(r.error().field, "group_count");
  EXPECT_FALSE(SplitIntoGroups({}, kMaxGroups + 1, 1).ok());
  EXPECT_TRUE(SplitIntoGroups({}, kMaxGroups, 1).ok());
  auto dup = SplitIntoGroups({T(1, 1, Gender::kMale), T(1, 2, Gender::kMale)}, 2, 1);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "grouping.duplicate_trainee");
  EXPECT_EQ(dup.error().kind, ErrorKind::kInvalid);
}

TEST(GroupingTest, StatsOfAHandMadeSplit) {
  const std::vector<GroupingTrainee> trainees = {
      T(1, 1, Gender::kMale, "书记", true), T(2, 1, Gender::kMale), T(3, 2, Gender::kFemale),
      T(4, 3, Gender::kFemale), T(5, 4, Gender::kFemale)};
  const std::vector<Group> groups = {{1, {1, 2, 3}, 1}, {2, {4, 5, 99}, 4}};
  const GroupingStats stats = ComputeGroupingStats(groups, trainees);
  EXPECT_EQ(stats.min_size, 3);
  EXPECT_EQ(stats.max_size, 3);
  EXPECT_EQ(stats.max_same_unit, 2);
  EXPECT_EQ(stats.gender_imbalance, 2);  // men 2 vs 0
  EXPECT_EQ(stats.max_same_position, 2);
  EXPECT_EQ(stats.groups_led_by_candidate, 1);
  EXPECT_EQ(ComputeGroupingStats({}, trainees).max_size, 0);
}

// --- SplitForVisits ---

Group G(int index, int size, int64_t first_id) {
  Group g;
  g.index = index;
  for (int i = 0; i < size; ++i) g.members.push_back(first_id + i);
  g.leader_id = size > 0 ? first_id + size - 1 : 0;  // the last member leads
  return g;
}

// Every member rides exactly once, no bus over its seats, no site over capacity, and a
// group that fits one bus rides in one.
void ExpectVisitInvariants(const std::vector<Group>& groups, const std::vector<VisitSite>& sites,
                           const std::vector<VisitBus>& buses, const VisitPlan& plan) {
  ASSERT_EQ(plan.sites.size(), sites.size());
  ASSERT_EQ(plan.buses.size(), buses.size());
  int largest_bus = 0;
  for (const auto& b : buses) largest_bus = std::max(largest_bus, b.seats);
  std::map<int, int64_t> site_of_group;
  for (size_t s = 0; s < sites.size(); ++s) {
    EXPECT_EQ(plan.sites[s].site_id, sites[s].id);
    EXPECT_LE(plan.sites[s].headcount, sites[s].capacity);
    for (int index : plan.sites[s].group_indexes) {
      EXPECT_FALSE(site_of_group.count(index)) << "group " << index << " at two sites";
      site_of_group[index] = sites[s].id;
    }
  }
  std::multiset<int64_t> riders;
  std::map<int, std::set<int64_t>> buses_of_group;
  for (size_t b = 0; b < buses.size(); ++b) {
    EXPECT_EQ(plan.buses[b].bus_id, buses[b].id);
    int occupied = 0;
    for (const auto& ride : plan.buses[b].rides) {
      occupied += static_cast<int>(ride.members.size());
      riders.insert(ride.members.begin(), ride.members.end());
      buses_of_group[ride.group_index].insert(buses[b].id);
      EXPECT_EQ(ride.site_id, site_of_group[ride.group_index]);
    }
    EXPECT_EQ(occupied, plan.buses[b].occupied);
    EXPECT_LE(occupied, buses[b].seats);
  }
  std::multiset<int64_t> expected;
  for (const Group& g : groups) {
    expected.insert(g.members.begin(), g.members.end());
    if (g.members.empty()) {
      EXPECT_FALSE(site_of_group.count(g.index));
      continue;
    }
    EXPECT_TRUE(site_of_group.count(g.index)) << "group " << g.index << " has no site";
  }
  EXPECT_EQ(riders, expected);
}

TEST(VisitSplitTest, SpreadsGroupsOverSites) {
  const std::vector<Group> groups = {G(1, 30, 100), G(2, 25, 200), G(3, 20, 300)};
  const std::vector<VisitSite> sites = {{7, 50}, {8, 30}};
  const std::vector<VisitBus> buses = {{1, 45}, {2, 45}};
  auto plan = SplitForVisits(groups, sites, buses);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->sites[0].group_indexes, (std::vector<int>{1, 3}));
  EXPECT_EQ(plan->sites[0].headcount, 50);  // exactly the capacity
  EXPECT_EQ(plan->sites[1].group_indexes, (std::vector<int>{2}));
  ExpectVisitInvariants(groups, sites, buses, *plan);
  for (const auto& bus : plan->buses) {
    for (const auto& ride : bus.rides) {
      EXPECT_EQ(ride.members.size(), groups[ride.group_index - 1].members.size())
          << "group " << ride.group_index << " fits a bus and must not be split";
    }
  }
}

TEST(VisitSplitTest, TriesATighterPackingWhenSpreadingFails) {
  // Worst fit puts 30 at the 50 site and leaves a 25 out; best fit finds room for all.
  const std::vector<Group> groups = {G(1, 25, 100), G(2, 25, 200), G(3, 30, 300)};
  const std::vector<VisitSite> sites = {{7, 50}, {8, 30}};
  auto plan = SplitForVisits(groups, sites, {{1, 80}});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->sites[0].group_indexes, (std::vector<int>{1, 2}));
  EXPECT_EQ(plan->sites[1].group_indexes, (std::vector<int>{3}));
}

TEST(VisitSplitTest, NamesGroupsThatFitNoSite) {
  const std::vector<Group> groups = {G(1, 60, 100), G(2, 20, 200), G(3, 55, 300)};
  auto plan = SplitForVisits(groups, {{7, 50}}, {{1, 100}});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, "grouping.visit.site_capacity");
  EXPECT_EQ(plan.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(plan.error().field, "groups");
  EXPECT_NE(plan.error().message.find("第 1 组（60 人）、第 3 组（55 人）"), std::string::npos)
      << plan.error().message;
  EXPECT_NE(plan.error().message_en.find("group 1 (60), group 3 (55)"), std::string::npos);
}

TEST(VisitSplitTest, GroupLargerThanABusSpansBusesLeaderFirst) {
  const std::vector<Group> groups = {G(1, 60, 100)};
  const std::vector<VisitBus> buses = {{1, 45}, {2, 45}};
  auto plan = SplitForVisits(groups, {{7, 60}}, buses);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->buses[0].rides.size(), 1u);
  ASSERT_EQ(plan->buses[1].rides.size(), 1u);
  EXPECT_EQ(plan->buses[0].occupied, 45);
  EXPECT_EQ(plan->buses[1].occupied, 15);
  EXPECT_EQ(plan->buses[0].rides[0].members.front(), 159);  // the leader
  ExpectVisitInvariants(groups, {{7, 60}}, buses, *plan);
}

TEST(VisitSplitTest, BusesPreferOneSite) {
  // Two groups of 20 to each of two sites, two 40-seat buses: each bus serves one site.
  const std::vector<Group> groups = {G(1, 20, 100), G(2, 20, 200), G(3, 20, 300), G(4, 20, 400)};
  const std::vector<VisitSite> sites = {{7, 40}, {8, 40}};
  auto plan = SplitForVisits(groups, sites, {{1, 40}, {2, 40}});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  for (const auto& bus : plan->buses) {
    ASSERT_EQ(bus.rides.size(), 2u);
    EXPECT_EQ(bus.rides[0].site_id, bus.rides[1].site_id);
  }
}

TEST(VisitSplitTest, NamesGroupsThatCannotBeSeated) {
  const std::vector<Group> groups = {G(1, 30, 100), G(2, 30, 200), G(3, 10, 300)};
  auto plan = SplitForVisits(groups, {{7, 100}}, {{1, 35}, {2, 30}});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, "grouping.visit.bus_seats");
  EXPECT_EQ(plan.error().field, "groups");
  EXPECT_NE(plan.error().message.find("第 3 组（10 人）"), std::string::npos)
      << plan.error().message;
}

TEST(VisitSplitTest, EmptyGroupsStayHomeAndNoGroupsIsFine) {
  const std::vector<Group> groups = {G(1, 0, 0), G(2, 5, 10)};
  auto plan = SplitForVisits(groups, {{7, 5}}, {{1, 5}});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->sites[0].group_indexes, (std::vector<int>{2}));
  ExpectVisitInvariants(groups, {{7, 5}}, {{1, 5}}, *plan);
  auto none = SplitForVisits({}, {}, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->sites.empty());
}

TEST(VisitSplitTest, RefusesBadInput) {
  const std::vector<Group> groups = {G(1, 5, 10)};
  EXPECT_EQ(SplitForVisits(groups, {{7, 5}, {7, 9}}, {{1, 5}}).error().field, "sites");
  EXPECT_EQ(SplitForVisits(groups, {{7, -1}}, {{1, 5}}).error().code, "grouping.visit.invalid");
  EXPECT_EQ(SplitForVisits(groups, {{7, 5}}, {{1, 5}, {1, 5}}).error().field, "buses");
  EXPECT_EQ(SplitForVisits({G(1, 1, 1), G(1, 1, 2)}, {{7, 5}}, {{1, 5}}).error().field, "groups");
}

TEST(VisitSplitTest, SeedClassOnAFieldDay) {
  const auto trainees = Trainees(120, 40, 3);
  const Grouping grouping = Split(trainees, 10, 3);
  const std::vector<VisitSite> sites = {{1, 40}, {2, 36}, {3, 30}, {4, 25}};
  const std::vector<VisitBus> buses = {{1, 45}, {2, 45}, {3, 33}};
  auto plan = SplitForVisits(grouping.groups, sites, buses);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ExpectVisitInvariants(grouping.groups, sites, buses, *plan);
}

}  // namespace
}  // namespace peixun::core
