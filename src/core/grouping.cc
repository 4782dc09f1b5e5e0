#include "core/grouping.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace peixun::core {
namespace {

// Above this many (group, value) cells a count table is hashed instead of dense, so
// that a class of 20,000 single-person units in 10,000 groups does not take gigabytes.
constexpr int64_t kDenseCountLimit = int64_t{1} << 20;
// Passes of the swap search; each pass tries every pair of trainees in different
// groups. It usually settles in 2–4.
constexpr int kMaxImprovementRounds = 12;
// With more distinct positions than this, the per-pair precheck would cost more than
// it saves; the search then tries every pair of groups.
constexpr int kMaxPositionsToPrecheck = 64;

// splitmix64 (Steele, Lea & Flood 2014): fully specified, so every platform agrees.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// How many members of each group have each value of one attribute.
class CountTable {
 public:
  CountTable(int groups, int values)
      : values_(values), dense_mode_(int64_t{groups} * values <= kDenseCountLimit) {
    if (dense_mode_) dense_.assign(static_cast<size_t>(groups) * values, 0);
  }
  int Get(int group, int value) const {
    const int64_t key = group * values_ + value;
    if (dense_mode_) return dense_[key];
    auto it = sparse_.find(key);
    return it == sparse_.end() ? 0 : it->second;
  }
  void Add(int group, int value, int delta) {
    const int64_t key = group * values_ + value;
    if (dense_mode_) {
      dense_[key] += delta;
    } else {
      sparse_[key] += delta;
    }
  }

 private:
  int64_t values_;
  bool dense_mode_;
  std::vector<int> dense_;
  std::unordered_map<int64_t, int> sparse_;
};

// Change of Σ count² (over groups A and B) when a member valued `va` moves from A to B
// and one valued `vb` moves from B to A. Negative means the values spread more evenly.
int64_t SwapDelta(const CountTable& t, int a_group, int b_group, int va, int vb) {
  if (va == vb) return 0;
  return 2 * int64_t{t.Get(a_group, vb) - t.Get(a_group, va) + t.Get(b_group, va) -
                     t.Get(b_group, vb)} +
         4;
}

// A trainee with its attributes as dense indexes.
struct Coded {
  int unit = 0;
  int gender = 0;
  int position = 0;
  int candidate = 0;
};

std::string GroupName(const Group& g) {
  return "第 " + std::to_string(g.index) + " 组（" + std::to_string(g.members.size()) + " 人）";
}
std::string GroupNameEn(const Group& g) {
  return "group " + std::to_string(g.index) + " (" + std::to_string(g.members.size()) + ")";
}

std::string JoinNames(const std::vector<const Group*>& groups, bool english) {
  std::string text;
  for (const Group* g : groups) {
    if (!text.empty()) text += english ? ", " : "、";
    text += english ? GroupNameEn(*g) : GroupName(*g);
  }
  return text;
}

}  // namespace

Result<Grouping> SplitIntoGroups(const std::vector<GroupingTrainee>& trainees, int group_count,
                                 uint64_t seed) {
  if (group_count < 1 || group_count > kMaxGroups) {
    return Invalid("grouping.group_count", "分组数须在 1 至 10000 之间",
                   "the number of groups must be between 1 and 10000", "group_count");
  }
  {
    std::unordered_set<int64_t> seen;
    for (const auto& t : trainees) {
      if (!seen.insert(t.id).second) {
        return Invalid("grouping.duplicate_trainee", "学员 " + std::to_string(t.id) + " 重复出现",
                       "trainee " + std::to_string(t.id) + " appears twice", "trainees");
      }
    }
  }
  const int n = static_cast<int>(trainees.size());
  const int g_count = group_count;

  // Dense codes. Positions are numbered in string order, units by first appearance;
  // neither order reaches the output except through the seeded keys below.
  std::vector<Coded> coded(n);
  std::unordered_map<int64_t, int> unit_code;
  std::vector<int> unit_size;
  std::map<std::string, int> position_code;
  for (const auto& t : trainees) position_code.emplace(t.position, 0);
  {
    int next = 0;
    for (auto& [position, code] : position_code) code = next++;
  }
  for (int i = 0; i < n; ++i) {
    const auto& t = trainees[i];
    auto [it, fresh] = unit_code.emplace(t.unit_id, static_cast<int>(unit_size.size()));
    if (fresh) unit_size.push_back(0);
    ++unit_size[it->second];
    coded[i] = {it->second, t.gender == Gender::kFemale ? 1 : 0, position_code[t.position],
                t.is_leader_candidate ? 1 : 0};
  }

  // Deal in an order that keeps each unit contiguous (largest units first): dealing
  // position p to group (offset + p) mod G then gives every unit floor or ceil of c/G
  // members per group, and sizes that differ by at most one. The seed shuffles units of
  // equal size, colleagues of equal gender and position, and the starting group.
  // Unit keys are drawn in unit_id order so that the input's order does not matter.
  SplitMix64 rng(seed);
  std::vector<uint64_t> unit_key(unit_size.size());
  {
    std::vector<std::pair<int64_t, int>> units(unit_code.begin(), unit_code.end());
    std::sort(units.begin(), units.end());
    for (const auto& [unit_id, code] : units) unit_key[code] = rng.Next();
  }
  std::vector<int> by_id(n);
  for (int i = 0; i < n; ++i) by_id[i] = i;
  std::sort(by_id.begin(), by_id.end(),
            [&](int a, int b) { return trainees[a].id < trainees[b].id; });
  std::vector<uint64_t> trainee_key(n);
  for (int i : by_id) trainee_key[i] = rng.Next();
  std::vector<int> deal = by_id;
  std::sort(deal.begin(), deal.end(), [&](int a, int b) {
    const Coded& x = coded[a];
    const Coded& y = coded[b];
    return std::make_tuple(-unit_size[x.unit], unit_key[x.unit], x.unit, x.gender, x.position,
                           trainee_key[a], trainees[a].id) <
           std::make_tuple(-unit_size[y.unit], unit_key[y.unit], y.unit, y.gender, y.position,
                           trainee_key[b], trainees[b].id);
  });
  const int offset = static_cast<int>(rng.Next() % static_cast<uint64_t>(g_count));

  std::vector<std::vector<int>> members(g_count);
  CountTable units(g_count, static_cast<int>(unit_size.size()));
  CountTable genders(g_count, 2);
  CountTable positions(g_count, static_cast<int>(position_code.size()));
  CountTable candidates(g_count, 2);
  auto count = [&](int group, int i, int delta) {
    units.Add(group, coded[i].unit, delta);
    genders.Add(group, coded[i].gender, delta);
    positions.Add(group, coded[i].position, delta);
    candidates.Add(group, coded[i].candidate, delta);
  };
  for (int p = 0; p < n; ++p) {
    const int group = (offset + p) % g_count;
    members[group].push_back(deal[p]);
    count(group, deal[p], +1);
  }

  // Local search: swap two trainees of different groups when that improves (gender,
  // position, candidate) spread lexicographically and keeps the unit spread. Dealing
  // made the unit spread optimal, so no swap can improve it; one that keeps it is
  // enough. Swaps keep sizes.
  const int position_count = static_cast<int>(position_code.size());
  // A necessary condition for any improving swap between two groups, checked before
  // trying all their member pairs: once the search settles, most pairs fail it. For two
  // values x and y of one attribute, an exchange helps only if
  // (count_A(x) - count_B(x)) + (count_B(y) - count_A(y)) >= 3.
  auto may_improve = [&](int ga, int gb) {
    auto apart = [&](const CountTable& t) {
      return std::abs((t.Get(ga, 0) - t.Get(ga, 1)) - (t.Get(gb, 0) - t.Get(gb, 1))) >= 3;
    };
    if (apart(genders) || apart(candidates)) return true;
    if (position_count > kMaxPositionsToPrecheck) return true;
    for (int p = 0; p < position_count; ++p) {
      if (std::abs(positions.Get(ga, p) - positions.Get(gb, p)) >= 2) return true;
    }
    return false;
  };
  for (int round = 0; round < kMaxImprovementRounds; ++round) {
    bool improved = false;
    for (int ga = 0; ga < g_count; ++ga) {
      if (members[ga].empty()) continue;
      for (int gb = ga + 1; gb < g_count; ++gb) {
        if (members[gb].empty() || !may_improve(ga, gb)) continue;
        for (int& a : members[ga]) {
          for (int& b : members[gb]) {
            const Coded& x = coded[a];
            const Coded& y = coded[b];
            if (x.gender == y.gender && x.position == y.position && x.candidate == y.candidate) {
              continue;  // nothing to gain; a same-unit swap would only rename seats
            }
            const int64_t d_gender = SwapDelta(genders, ga, gb, x.gender, y.gender);
            if (d_gender > 0) continue;
            if (d_gender == 0) {
              const int64_t d_position = SwapDelta(positions, ga, gb, x.position, y.position);
              if (d_position > 0) continue;
              if (d_position == 0 && SwapDelta(candidates, ga, gb, x.candidate, y.candidate) >= 0) {
                continue;
              }
            }
            if (SwapDelta(units, ga, gb, x.unit, y.unit) != 0) continue;
            count(ga, a, -1);
            count(gb, b, -1);
            std::swap(a, b);
            count(ga, a, +1);
            count(gb, b, +1);
            improved = true;
          }
        }
      }
    }
    if (!improved) break;
  }

  Grouping result;
  result.groups.resize(g_count);
  for (int g = 0; g < g_count; ++g) {
    Group& group = result.groups[g];
    group.index = g + 1;
    std::optional<int64_t> candidate;
    for (int i : members[g]) {
      group.members.push_back(trainees[i].id);
      if (trainees[i].is_leader_candidate && (!candidate || trainees[i].id < *candidate)) {
        candidate = trainees[i].id;
      }
    }
    std::sort(group.members.begin(), group.members.end());
    if (candidate) {
      group.leader_id = *candidate;
    } else if (!group.members.empty()) {
      group.leader_id = group.members.front();
    }
  }
  result.stats = ComputeGroupingStats(result.groups, trainees);
  return result;
}

GroupingStats ComputeGroupingStats(const std::vector<Group>& groups,
                                   const std::vector<GroupingTrainee>& trainees) {
  GroupingStats stats;
  if (groups.empty()) return stats;
  std::unordered_map<int64_t, const GroupingTrainee*> by_id;
  for (const auto& t : trainees) by_id.emplace(t.id, &t);
  stats.min_size = static_cast<int>(groups.front().members.size());
  int min_men = -1, max_men = 0, min_women = -1, max_women = 0;
  for (const Group& g : groups) {
    const int size = static_cast<int>(g.members.size());
    stats.min_size = std::min(stats.min_size, size);
    stats.max_size = std::max(stats.max_size, size);
    std::unordered_map<int64_t, int> units;
    std::unordered_map<std::string, int> positions;
    int men = 0, women = 0;
    for (int64_t id : g.members) {
      auto it = by_id.find(id);
      if (it == by_id.end()) continue;
      const GroupingTrainee& t = *it->second;
      stats.max_same_unit = std::max(stats.max_same_unit, ++units[t.unit_id]);
      stats.max_same_position = std::max(stats.max_same_position, ++positions[t.position]);
      (t.gender == Gender::kMale ? men : women)++;
    }
    min_men = min_men < 0 ? men : std::min(min_men, men);
    min_women = min_women < 0 ? women : std::min(min_women, women);
    max_men = std::max(max_men, men);
    max_women = std::max(max_women, women);
    auto leader = by_id.find(g.leader_id);
    if (leader != by_id.end() && leader->second->is_leader_candidate &&
        std::find(g.members.begin(), g.members.end(), g.leader_id) != g.members.end()) {
      ++stats.groups_led_by_candidate;
    }
  }
  stats.gender_imbalance = std::max(max_men - min_men, max_women - min_women);
  return stats;
}

Result<VisitPlan> SplitForVisits(const std::vector<Group>& groups,
                                 const std::vector<VisitSite>& sites,
                                 const std::vector<VisitBus>& buses) {
  {
    std::unordered_set<int64_t> ids;
    for (const auto& s : sites) {
      if (s.capacity < 0 || !ids.insert(s.id).second) {
        return Invalid(
            "grouping.visit.invalid", "示范点 " + std::to_string(s.id) + " 重复或容量为负",
            "site " + std::to_string(s.id) + " is repeated or has a negative capacity", "sites");
      }
    }
    ids.clear();
    for (const auto& b : buses) {
      if (b.seats < 0 || !ids.insert(b.id).second) {
        return Invalid(
            "grouping.visit.invalid", "车辆 " + std::to_string(b.id) + " 重复或座位数为负",
            "bus " + std::to_string(b.id) + " is repeated or has negative seats", "buses");
      }
    }
    std::unordered_set<int> indexes;
    for (const auto& g : groups) {
      if (!indexes.insert(g.index).second) {
        return Invalid("grouping.visit.invalid", "第 " + std::to_string(g.index) + " 组重复出现",
                       "group " + std::to_string(g.index) + " appears twice", "groups");
      }
    }
  }

  // Largest groups first; empty ones stay home.
  std::vector<const Group*> order;
  for (const auto& g : groups) {
    if (!g.members.empty()) order.push_back(&g);
  }
  std::sort(order.begin(), order.end(), [](const Group* a, const Group* b) {
    return std::make_pair(-a->members.size(), a->index) <
           std::make_pair(-b->members.size(), b->index);
  });
  auto size_of = [](const Group* g) { return static_cast<int64_t>(g->members.size()); };

  // Sites: worst fit spreads groups over sites; best fit packs tighter when that fails.
  auto place_on_sites = [&](bool worst_fit, std::vector<int>* site_of) {
    std::vector<const Group*> misfits;
    std::vector<int64_t> room(sites.size());
    for (size_t s = 0; s < sites.size(); ++s) room[s] = sites[s].capacity;
    site_of->assign(order.size(), -1);
    for (size_t k = 0; k < order.size(); ++k) {
      int chosen = -1;
      for (size_t s = 0; s < sites.size(); ++s) {
        if (room[s] < size_of(order[k])) continue;
        if (chosen < 0 || (worst_fit ? room[s] > room[chosen] : room[s] < room[chosen])) {
          chosen = static_cast<int>(s);
        }
      }
      if (chosen < 0) {
        misfits.push_back(order[k]);
        continue;
      }
      room[chosen] -= size_of(order[k]);
      (*site_of)[k] = chosen;
    }
    return misfits;
  };
  std::vector<int> site_of;
  std::vector<const Group*> misfits = place_on_sites(true, &site_of);
  if (!misfits.empty()) {
    std::vector<int> tight_site_of;
    std::vector<const Group*> tight_misfits = place_on_sites(false, &tight_site_of);
    if (tight_misfits.size() < misfits.size()) {
      misfits = std::move(tight_misfits);
      site_of = std::move(tight_site_of);
    }
  }
  if (!misfits.empty()) {
    std::sort(misfits.begin(), misfits.end(),
              [](const Group* a, const Group* b) { return a->index < b->index; });
    return Conflict("grouping.visit.site_capacity",
                    "示范点容量不足，以下分组无法安排：" + JoinNames(misfits, false),
                    "no site has room for " + JoinNames(misfits, true), "groups");
  }

  VisitPlan plan;
  for (const auto& s : sites) plan.sites.push_back({s.id, {}, 0});
  for (size_t k = 0; k < order.size(); ++k) {
    auto& load = plan.sites[site_of[k]];
    load.group_indexes.push_back(order[k]->index);
    load.headcount += static_cast<int>(order[k]->members.size());
  }
  for (auto& load : plan.sites) std::sort(load.group_indexes.begin(), load.group_indexes.end());

  // Buses.
  for (const auto& b : buses) plan.buses.push_back({b.id, {}, 0});
  std::vector<int64_t> free_seats(buses.size());
  for (size_t b = 0; b < buses.size(); ++b) free_seats[b] = buses[b].seats;
  auto goes_elsewhere = [&](size_t b, int64_t site_id) {
    for (const auto& ride : plan.buses[b].rides) {
      if (ride.site_id != site_id) return 1;
    }
    return 0;
  };
  for (size_t k = 0; k < order.size(); ++k) {
    const Group& g = *order[k];
    const int64_t site_id = sites[site_of[k]].id;
    // The leader rides in the group's first part.
    std::vector<int64_t> riders;
    const bool has_leader =
        std::find(g.members.begin(), g.members.end(), g.leader_id) != g.members.end();
    if (has_leader) riders.push_back(g.leader_id);
    for (int64_t id : g.members) {
      if (!has_leader || id != g.leader_id) riders.push_back(id);
    }
    const int64_t size = static_cast<int64_t>(riders.size());
    // Whole: the bus going nowhere else with the least room that still fits.
    int chosen = -1;
    for (size_t b = 0; b < buses.size(); ++b) {
      if (free_seats[b] < size) continue;
      if (chosen < 0 || std::make_pair(goes_elsewhere(b, site_id), free_seats[b]) <
                            std::make_pair(goes_elsewhere(chosen, site_id), free_seats[chosen])) {
        chosen = static_cast<int>(b);
      }
    }
    if (chosen >= 0) {
      free_seats[chosen] -= size;
      plan.buses[chosen].occupied += static_cast<int>(size);
      plan.buses[chosen].rides.push_back({g.index, site_id, std::move(riders)});
      continue;
    }
    int64_t total_free = 0;
    for (int64_t f : free_seats) total_free += f;
    if (total_free < size) {
      misfits.push_back(&g);
      continue;
    }
    // Split: buses going nowhere else first, then the emptiest, fewest parts.
    std::vector<size_t> fill;
    for (size_t b = 0; b < buses.size(); ++b) {
      if (free_seats[b] > 0) fill.push_back(b);
    }
    std::sort(fill.begin(), fill.end(), [&](size_t x, size_t y) {
      return std::make_tuple(goes_elsewhere(x, site_id), -free_seats[x], x) <
             std::make_tuple(goes_elsewhere(y, site_id), -free_seats[y], y);
    });
    size_t next = 0;
    for (size_t b : fill) {
      if (next == riders.size()) break;
      const size_t take = std::min<size_t>(free_seats[b], riders.size() - next);
      VisitPlan::Ride ride{g.index, site_id, {riders.begin() + next, riders.begin() + next + take}};
      next += take;
      free_seats[b] -= static_cast<int64_t>(take);
      plan.buses[b].occupied += static_cast<int>(take);
      plan.buses[b].rides.push_back(std::move(ride));
    }
  }
  if (!misfits.empty()) {
    std::sort(misfits.begin(), misfits.end(),
              [](const Group* a, const Group* b) { return a->index < b->index; });
    return Conflict("grouping.visit.bus_seats",
                    "车辆座位不足，以下分组无法乘车：" + JoinNames(misfits, false),
                    "not enough bus seats for " + JoinNames(misfits, true), "groups");
  }
  return plan;
}

}  // namespace peixun::core
