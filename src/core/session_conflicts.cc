#include "core/session_conflicts.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "core/local_time.h"

namespace peixun::core {
namespace {

// Everything the sweeps share: the sessions, their start order, and the output.
class Finder {
 public:
  Finder(const ClassDates& dates, const std::vector<PlannedSession>& sessions)
      : dates_(dates),
        s_(sessions),
        rank_(sessions.size()),
        zh_(sessions.size()),
        en_(sessions.size()) {
    order_.resize(s_.size());
    for (size_t i = 0; i < s_.size(); ++i) order_[i] = static_cast<int>(i);
    std::sort(order_.begin(), order_.end(), [this](int a, int b) {
      return std::tie(s_[a].start_ms, s_[a].end_ms, s_[a].id) <
             std::tie(s_[b].start_ms, s_[b].end_ms, s_[b].id);
    });
    for (size_t r = 0; r < order_.size(); ++r) rank_[order_[r]] = static_cast<int>(r);
    for (int i : order_) {
      if (Valid(i)) valid_order_.push_back(i);
    }
  }

  void CheckDurationsAndDates();
  void CheckRooms();
  void CheckLecturers();
  void CheckGroups();
  void CheckSites(const std::unordered_map<int64_t, int>& site_capacities);

  std::vector<SessionConflict> TakeSorted();

 private:
  bool Valid(int i) const { return s_[i].end_ms > s_[i].start_ms; }

  // "「title」（2020-05-12 09:00–11:00）" and its English twin, built once per session.
  const std::string& Zh(int i) {
    Describe(i);
    return zh_[i];
  }
  const std::string& En(int i) {
    Describe(i);
    return en_[i];
  }
  void Describe(int i) {
    if (!zh_[i].empty()) return;
    const std::string span = Span(i);
    zh_[i] = "「" + s_[i].title + "」（" + span + "）";
    en_[i] = "\"" + s_[i].title + "\" (" + span + ")";
  }
  std::string Span(int i) const {
    std::string from = FormatLocalDateTime(s_[i].start_ms, dates_.utc_offset_minutes, ' ');
    std::string to = FormatLocalDateTime(s_[i].end_ms, dates_.utc_offset_minutes, ' ');
    if (from.compare(0, 10, to, 0, 10) == 0) to = to.substr(11);
    return from + "–" + to;
  }

  void Add(SessionConflictKind kind, std::vector<int> members, std::optional<int64_t> resource,
           std::string zh, std::string en) {
    std::sort(members.begin(), members.end(), [this](int a, int b) { return rank_[a] < rank_[b]; });
    SessionConflict c;
    c.kind = kind;
    for (int m : members) c.session_ids.push_back(s_[m].id);
    c.resource_id = resource;
    c.message = std::move(zh);
    c.message_en = std::move(en);
    out_.push_back({rank_[members.front()], std::move(c)});
  }

  // Sessions (indexes, valid only) that carry a key, grouped by key, each list in start
  // order. `keys_of` returns the keys of one session.
  template <typename KeysOf>
  std::vector<std::pair<int64_t, std::vector<int>>> ByKey(KeysOf keys_of) const {
    std::vector<std::pair<int64_t, int>> tagged;  // (key, rank)
    for (int i : valid_order_) {
      for (int64_t key : keys_of(s_[i])) tagged.emplace_back(key, rank_[i]);
    }
    std::sort(tagged.begin(), tagged.end());
    std::vector<std::pair<int64_t, std::vector<int>>> lists;
    for (size_t k = 0; k < tagged.size(); ++k) {
      if (k == 0 || tagged[k].first != tagged[k - 1].first) lists.push_back({tagged[k].first, {}});
      lists.back().second.push_back(order_[tagged[k].second]);
    }
    return lists;
  }

  // Calls report(a, b) for every overlapping pair of `items` (start order), a first.
  // The active list only ever holds sessions that overlap the newcomer after pruning,
  // so the work is O(n + pairs).
  template <typename Report>
  void SweepPairs(const std::vector<int>& items, Report report) const {
    std::vector<int> active;
    for (int x : items) {
      size_t keep = 0;
      for (int a : active) {
        if (s_[a].end_ms > s_[x].start_ms) active[keep++] = a;
      }
      active.resize(keep);
      for (int a : active) report(a, x);
      active.push_back(x);
    }
  }

  const ClassDates& dates_;
  const std::vector<PlannedSession>& s_;
  std::vector<int> order_;        // all sessions by (start, end, id)
  std::vector<int> rank_;         // index -> position in order_
  std::vector<int> valid_order_;  // order_ without the end <= start sessions
  std::vector<std::string> zh_;   // Describe() caches
  std::vector<std::string> en_;
  std::vector<std::pair<int, SessionConflict>> out_;  // (sort rank, conflict)
};

void Finder::CheckDurationsAndDates() {
  const int64_t window_start = UtcOfLocal(dates_.first_day, 0, dates_.utc_offset_minutes);
  const int64_t window_end = UtcOfLocal(dates_.last_day, 24 * 60, dates_.utc_offset_minutes);
  const std::string range =
      FormatCivilDate(dates_.first_day) + " – " + FormatCivilDate(dates_.last_day);
  for (int i : order_) {
    const PlannedSession& s = s_[i];
    if (!Valid(i)) {
      std::string from = FormatLocalDateTime(s.start_ms, dates_.utc_offset_minutes, ' ');
      std::string to = FormatLocalDateTime(s.end_ms, dates_.utc_offset_minutes, ' ');
      Add(SessionConflictKind::kEndBeforeStart, {i}, std::nullopt,
          "「" + s.title + "」的结束时间（" + to + "）不晚于开始时间（" + from + "）",
          "\"" + s.title + "\" ends (" + to + ") no later than it starts (" + from + ")");
      continue;
    }
    if (s.start_ms < window_start || s.end_ms > window_end) {
      Add(SessionConflictKind::kOutsideClassDates, {i}, std::nullopt,
          Zh(i) + "不在培训班日期 " + range + " 之内",
          En(i) + " falls outside the class dates " + range);
    }
  }
}

void Finder::CheckRooms() {
  auto lists = ByKey([](const PlannedSession& s) {
    return s.room_id ? std::vector<int64_t>{*s.room_id} : std::vector<int64_t>{};
  });
  for (const auto& [room, items] : lists) {
    const std::string& given = s_[items.front()].room_name;
    const std::string name = given.empty() ? std::to_string(room) : given;
    SweepPairs(items, [&, room = room](int a, int b) {
      Add(SessionConflictKind::kRoomDoubleBooked, {a, b}, room,
          "教室 " + name + " 重复安排：" + Zh(a) + "与" + Zh(b) + "时间重叠",
          "Room " + name + " is double-booked: " + En(a) + " overlaps " + En(b));
    });
  }
}

void Finder::CheckLecturers() {
  auto lists = ByKey([](const PlannedSession& s) {
    return s.lecturer_id ? std::vector<int64_t>{*s.lecturer_id} : std::vector<int64_t>{};
  });
  for (const auto& [lecturer, items] : lists) {
    const std::string& given = s_[items.front()].lecturer_name;
    const std::string name = given.empty() ? std::to_string(lecturer) : given;
    SweepPairs(items, [&, lecturer = lecturer](int a, int b) {
      Add(SessionConflictKind::kLecturerDoubleBooked, {a, b}, lecturer,
          "授课老师 " + name + " 时间冲突：" + Zh(a) + "与" + Zh(b) + "时间重叠",
          "Lecturer " + name + " is booked twice: " + En(a) + " overlaps " + En(b));
    });
  }
}

void Finder::CheckGroups() {
  auto whole_class_clash = [&](int a, int b) {
    Add(SessionConflictKind::kGroupDoubleBooked, {a, b}, std::nullopt,
        "学员无法同时参加：" + Zh(a) + "与" + Zh(b) + "时间重叠（含全班活动）",
        "Trainees cannot attend both: " + En(a) + " overlaps " + En(b) +
            " (a whole-class session)");
  };

  // Whole-class sessions against everything. `whole` holds the active whole-class
  // sessions (each survivor of pruning overlaps the newcomer); `parts` is a min-heap by
  // end of the group sessions seen so far, pruned lazily when a whole-class session
  // arrives, so that sweeping many parallel group sessions stays O(n log n).
  std::vector<int> whole;
  std::vector<int> parts;
  auto ends_later = [this](int a, int b) { return s_[a].end_ms > s_[b].end_ms; };
  for (int x : valid_order_) {
    size_t keep = 0;
    for (int w : whole) {
      if (s_[w].end_ms > s_[x].start_ms) whole[keep++] = w;
    }
    whole.resize(keep);
    std::vector<int> partners = whole;
    if (s_[x].group_ids.empty()) {
      while (!parts.empty() && s_[parts.front()].end_ms <= s_[x].start_ms) {
        std::pop_heap(parts.begin(), parts.end(), ends_later);
        parts.pop_back();
      }
      partners.insert(partners.end(), parts.begin(), parts.end());
      whole.push_back(x);
    } else {
      parts.push_back(x);
      std::push_heap(parts.begin(), parts.end(), ends_later);
    }
    for (int p : partners) whole_class_clash(p, x);
  }

  // Group sessions against group sessions, per group. A pair sharing several groups is
  // reported under the smallest one only.
  std::vector<std::vector<int64_t>> groups(s_.size());
  for (int i : valid_order_) {
    groups[i] = s_[i].group_ids;
    std::sort(groups[i].begin(), groups[i].end());
    groups[i].erase(std::unique(groups[i].begin(), groups[i].end()), groups[i].end());
  }
  auto smallest_shared = [&](int a, int b) {
    auto ia = groups[a].begin();
    auto ib = groups[b].begin();
    while (*ia != *ib) {  // both lists contain the group being swept
      if (*ia < *ib) {
        ++ia;
      } else {
        ++ib;
      }
    }
    return *ia;
  };
  auto lists = ByKey([&](const PlannedSession& s) {
    std::vector<int64_t> g = s.group_ids;
    std::sort(g.begin(), g.end());
    g.erase(std::unique(g.begin(), g.end()), g.end());
    return g;
  });
  for (const auto& [group, items] : lists) {
    const std::string name = std::to_string(group);
    SweepPairs(items, [&, group = group](int a, int b) {
      if (smallest_shared(a, b) != group) return;
      Add(SessionConflictKind::kGroupDoubleBooked, {a, b}, group,
          "分组 " + name + " 的学员无法同时参加：" + Zh(a) + "与" + Zh(b) + "时间重叠",
          "Group " + name + " cannot attend both: " + En(a) + " overlaps " + En(b));
    });
  }
}

void Finder::CheckSites(const std::unordered_map<int64_t, int>& site_capacities) {
  auto lists = ByKey([&](const PlannedSession& s) {
    return s.site_id && site_capacities.count(*s.site_id) ? std::vector<int64_t>{*s.site_id}
                                                          : std::vector<int64_t>{};
  });
  for (const auto& [site, items] : lists) {
    const int capacity = site_capacities.at(site);
    // Events (time, 0 = end / 1 = start, rank): ends sort first at equal times, so that
    // touching sessions are never counted together.
    std::vector<std::tuple<int64_t, int, int>> events;
    for (int i : items) {
      events.emplace_back(s_[i].start_ms, 1, rank_[i]);
      events.emplace_back(s_[i].end_ms, 0, rank_[i]);
    }
    std::sort(events.begin(), events.end());
    std::set<int> present;  // ranks
    std::set<int> stretch;  // ranks present during the current over-capacity stretch
    int64_t headcount = 0;
    int64_t peak = 0;
    bool over = false;
    auto emit = [&, site = site] {
      std::vector<int> members;
      std::string zh_titles;
      std::string en_titles;
      for (int r : stretch) {
        members.push_back(order_[r]);
        zh_titles += (zh_titles.empty() ? "" : "、") + Zh(order_[r]);
        en_titles += (en_titles.empty() ? "" : ", ") + En(order_[r]);
      }
      const std::string name = std::to_string(site);
      Add(SessionConflictKind::kSiteOverCapacity, std::move(members), site,
          "示范点 " + name + " 容纳 " + std::to_string(capacity) + " 人，同一时段预计 " +
              std::to_string(peak) + " 人：" + zh_titles,
          "Site " + name + " holds " + std::to_string(capacity) + " but " + std::to_string(peak) +
              " people are expected at once: " + en_titles);
    };
    for (const auto& [time, is_start, r] : events) {
      const int64_t count = std::max(0, s_[order_[r]].expected_headcount);
      if (is_start) {
        present.insert(r);
        headcount += count;
        if (over) {
          stretch.insert(r);
        } else if (headcount > capacity) {
          over = true;
          stretch = present;
          peak = 0;
        }
        peak = std::max(peak, headcount);
      } else {
        present.erase(r);
        headcount -= count;
        if (over && headcount <= capacity) {
          emit();
          over = false;
        }
      }
    }
    if (over) emit();  // only with a negative capacity: never back within it
  }
}

std::vector<SessionConflict> Finder::TakeSorted() {
  std::stable_sort(out_.begin(), out_.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.kind, a.second.session_ids) <
           std::tie(b.first, b.second.kind, b.second.session_ids);
  });
  std::vector<SessionConflict> result;
  result.reserve(out_.size());
  for (auto& [rank, conflict] : out_) result.push_back(std::move(conflict));
  return result;
}

}  // namespace

std::string SessionConflictCode(SessionConflictKind kind) {
  switch (kind) {
    case SessionConflictKind::kRoomDoubleBooked:
      return "timetable.room_double_booked";
    case SessionConflictKind::kLecturerDoubleBooked:
      return "timetable.lecturer_double_booked";
    case SessionConflictKind::kGroupDoubleBooked:
      return "timetable.group_double_booked";
    case SessionConflictKind::kOutsideClassDates:
      return "timetable.outside_class_dates";
    case SessionConflictKind::kSiteOverCapacity:
      return "timetable.site_over_capacity";
    case SessionConflictKind::kEndBeforeStart:
      return "timetable.end_before_start";
  }
  return "timetable.unknown";
}

std::vector<SessionConflict> FindSessionConflicts(
    const ClassDates& dates, const std::vector<PlannedSession>& sessions,
    const std::unordered_map<int64_t, int>& site_capacities) {
  Finder finder(dates, sessions);
  finder.CheckDurationsAndDates();
  finder.CheckRooms();
  finder.CheckLecturers();
  finder.CheckGroups();
  finder.CheckSites(site_capacities);
  return finder.TakeSorted();
}

}  // namespace peixun::core
