#include "core/session_conflicts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <tuple>

namespace peixun::core {
namespace {

constexpr int kBeijing = 480;

// UTC milliseconds of a Beijing (or `offset`) wall-clock time.
int64_t At(int year, int month, int day, int hour, int minute, int offset = kBeijing) {
  const int64_t days = DaysSinceEpoch({year, month, day});
  return ((days * 1440) + hour * 60 + minute - offset) * 60'000;
}

// 2020-05-12 at hh:mm, Beijing time.
int64_t May12(int hour, int minute = 0) { return At(2020, 5, 12, hour, minute); }

const ClassDates kClass{{2020, 5, 11}, {2020, 5, 15}, kBeijing};

PlannedSession Session(int64_t id, int64_t start, int64_t end) {
  PlannedSession s;
  s.id = id;
  s.title = "课程" + std::to_string(id);
  s.start_ms = start;
  s.end_ms = end;
  return s;
}

PlannedSession InRoom(int64_t id, int64_t start, int64_t end, int64_t room) {
  PlannedSession s = Session(id, start, end);
  s.room_id = room;
  return s;
}

PlannedSession ForGroups(int64_t id, int64_t start, int64_t end, std::vector<int64_t> groups) {
  PlannedSession s = Session(id, start, end);
  s.group_ids = std::move(groups);
  return s;
}

PlannedSession AtSite(int64_t id, int64_t start, int64_t end, int64_t site, int headcount,
                      std::vector<int64_t> groups) {
  PlannedSession s = ForGroups(id, start, end, std::move(groups));
  s.site_id = site;
  s.expected_headcount = headcount;
  return s;
}

std::vector<SessionConflict> Find(const std::vector<PlannedSession>& sessions,
                                  const std::unordered_map<int64_t, int>& sites = {},
                                  const ClassDates& dates = kClass) {
  return FindSessionConflicts(dates, sessions, sites);
}

std::vector<SessionConflict> OfKind(const std::vector<SessionConflict>& all,
                                    SessionConflictKind kind) {
  std::vector<SessionConflict> out;
  for (const auto& c : all) {
    if (c.kind == kind) out.push_back(c);
  }
  return out;
}

using Ids = std::vector<int64_t>;

TEST(SessionConflictsTest, EmptyTimetableHasNoConflicts) { EXPECT_TRUE(Find({}).empty()); }

TEST(SessionConflictsTest, CleanDayHasNoConflicts) {
  std::vector<PlannedSession> day = {
      InRoom(1, May12(8, 30), May12(10), 1), InRoom(2, May12(10, 15), May12(11, 45), 1),
      ForGroups(3, May12(14), May12(16), {1}), ForGroups(4, May12(14), May12(16), {2})};
  EXPECT_TRUE(Find(day).empty());
}

TEST(SessionConflictsTest, TouchingSessionsDoNotConflict) {
  PlannedSession a = InRoom(1, May12(9), May12(10), 7);
  PlannedSession b = InRoom(2, May12(10), May12(11), 7);
  a.lecturer_id = b.lecturer_id = 42;  // same lecturer, same room, both whole class
  EXPECT_TRUE(Find({a, b}).empty());

  PlannedSession g1 = ForGroups(3, May12(11), May12(12), {5});
  PlannedSession g2 = ForGroups(4, May12(12), May12(13), {5});
  EXPECT_TRUE(Find({a, b, g1, g2}).empty());
}

TEST(SessionConflictsTest, OneMinuteOverlapConflicts) {
  auto conflicts = Find({InRoom(1, May12(9), May12(10, 1), 7), InRoom(2, May12(10), May12(11), 8)});
  ASSERT_EQ(conflicts.size(), 1u);  // different rooms, but the whole class twice
  EXPECT_EQ(conflicts[0].kind, SessionConflictKind::kGroupDoubleBooked);
  EXPECT_EQ(conflicts[0].session_ids, (Ids{1, 2}));
  EXPECT_FALSE(conflicts[0].resource_id.has_value());
}

TEST(SessionConflictsTest, RoomDoubleBookedNamesBothSessions) {
  PlannedSession a = ForGroups(10, May12(9), May12(11), {1});
  PlannedSession b = ForGroups(20, May12(10), May12(12), {2});
  a.room_id = b.room_id = 301;
  a.title = "管理沟通艺术";
  b.title = "分组讨论";
  auto conflicts = Find({b, a});
  ASSERT_EQ(conflicts.size(), 1u);
  const SessionConflict& c = conflicts[0];
  EXPECT_EQ(c.kind, SessionConflictKind::kRoomDoubleBooked);
  EXPECT_EQ(SessionConflictCode(c.kind), "timetable.room_double_booked");
  EXPECT_EQ(c.session_ids, (Ids{10, 20}));  // earlier start first, whatever the input order
  EXPECT_EQ(c.resource_id, 301);
  EXPECT_NE(c.message.find("「管理沟通艺术」（2020-05-12 09:00–11:00）"), std::string::npos)
      << c.message;
  EXPECT_NE(c.message.find("301"), std::string::npos);
  EXPECT_NE(c.message_en.find("\"分组讨论\" (2020-05-12 10:00–12:00)"), std::string::npos)
      << c.message_en;

  // With names the messages use them, not the ids.
  a.room_name = b.room_name = "第一教室";
  a.lecturer_id = b.lecturer_id = 7;
  a.lecturer_name = b.lecturer_name = "欧阳䶮";
  auto named = Find({a, b});
  ASSERT_EQ(named.size(), 2u);
  for (const auto& n : named) {
    if (n.kind == SessionConflictKind::kRoomDoubleBooked) {
      EXPECT_NE(n.message.find("教室 第一教室 重复安排"), std::string::npos) << n.message;
    } else {
      EXPECT_EQ(n.kind, SessionConflictKind::kLecturerDoubleBooked);
      EXPECT_NE(n.message.find("授课老师 欧阳䶮 时间冲突"), std::string::npos) << n.message;
    }
  }
}

TEST(SessionConflictsTest, LecturerDoubleBooked) {
  PlannedSession a = ForGroups(1, May12(9), May12(11), {1});
  PlannedSession b = ForGroups(2, May12(9), May12(11), {2});
  a.lecturer_id = b.lecturer_id = 9;
  auto conflicts = Find({a, b});
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, SessionConflictKind::kLecturerDoubleBooked);
  EXPECT_EQ(conflicts[0].resource_id, 9);
  EXPECT_EQ(conflicts[0].session_ids, (Ids{1, 2}));
}

TEST(SessionConflictsTest, OnePairCanClashInSeveralWays) {
  PlannedSession a = InRoom(1, May12(9), May12(11), 5);
  PlannedSession b = InRoom(2, May12(10), May12(12), 5);
  a.lecturer_id = b.lecturer_id = 3;
  auto conflicts = Find({a, b});
  ASSERT_EQ(conflicts.size(), 3u);
  // Same first session: ordered by kind.
  EXPECT_EQ(conflicts[0].kind, SessionConflictKind::kRoomDoubleBooked);
  EXPECT_EQ(conflicts[1].kind, SessionConflictKind::kLecturerDoubleBooked);
  EXPECT_EQ(conflicts[2].kind, SessionConflictKind::kGroupDoubleBooked);
}

TEST(SessionConflictsTest, WholeClassConflictsWithEveryOverlappingGroupSession) {
  std::vector<PlannedSession> sessions = {
      Session(1, May12(9), May12(11)),              // whole class
      ForGroups(2, May12(8), May12(9), {1}),        // touches: fine
      ForGroups(3, May12(9), May12(10), {1}),       // overlaps
      ForGroups(4, May12(10), May12(11), {2}),      // overlaps
      ForGroups(5, May12(10, 59), May12(12), {3}),  // overlaps by a minute
      ForGroups(6, May12(11), May12(12), {4}),      // touches: fine
  };
  auto conflicts = OfKind(Find(sessions), SessionConflictKind::kGroupDoubleBooked);
  std::set<Ids> pairs;
  for (const auto& c : conflicts) {
    pairs.insert(c.session_ids);
    EXPECT_FALSE(c.resource_id.has_value());
  }
  EXPECT_EQ(pairs, (std::set<Ids>{{3, 1}, {1, 4}, {1, 5}}));  // 3 ends first: listed first
  EXPECT_EQ(conflicts.size(), 3u);
}

TEST(SessionConflictsTest, WholeClassSessionThatStartsLaterStillClashesWithLongGroupSession) {
  // The group session is already running when the whole-class one starts.
  auto conflicts = Find({ForGroups(1, May12(8), May12(12), {7}), Session(2, May12(9), May12(10))});
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].session_ids, (Ids{1, 2}));
}

TEST(SessionConflictsTest, TwoWholeClassSessionsConflict) {
  auto conflicts = Find({Session(1, May12(9), May12(11)), Session(2, May12(10), May12(12))});
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, SessionConflictKind::kGroupDoubleBooked);
}

TEST(SessionConflictsTest, ParallelSessionsOfDifferentGroupsAreFine) {
  std::vector<PlannedSession> sessions;
  for (int g = 1; g <= 10; ++g) sessions.push_back(ForGroups(g, May12(14), May12(16), {g}));
  EXPECT_TRUE(Find(sessions).empty());
}

TEST(SessionConflictsTest, SharedGroupsReportedOnceUnderTheSmallestGroup) {
  auto conflicts = Find({ForGroups(1, May12(14), May12(16), {4, 2, 9}),
                         ForGroups(2, May12(15), May12(17), {9, 4, 4})});
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, SessionConflictKind::kGroupDoubleBooked);
  EXPECT_EQ(conflicts[0].resource_id, 4);
  EXPECT_NE(conflicts[0].message.find("分组 4"), std::string::npos);
}

TEST(SessionConflictsTest, EveryOverlappingPairIsReported) {
  // Three sessions in one room, all overlapping: three pairs.
  auto conflicts =
      OfKind(Find({InRoom(1, May12(9), May12(12), 1), InRoom(2, May12(10), May12(12), 1),
                   InRoom(3, May12(11), May12(12), 1)}),
             SessionConflictKind::kRoomDoubleBooked);
  ASSERT_EQ(conflicts.size(), 3u);
  EXPECT_EQ(conflicts[0].session_ids, (Ids{1, 2}));
  EXPECT_EQ(conflicts[1].session_ids, (Ids{1, 3}));
  EXPECT_EQ(conflicts[2].session_ids, (Ids{2, 3}));
}

TEST(SessionConflictsTest, InsideClassDatesAtTheEdgesOfBeijingDays) {
  // 2020-05-11 00:00 Beijing is 2020-05-10 16:00 UTC: a UTC-date check would refuse it.
  EXPECT_TRUE(Find({Session(1, At(2020, 5, 11, 0, 0), At(2020, 5, 11, 1, 0))}).empty());
  // 07:00 Beijing on the first day is still the previous day in UTC.
  EXPECT_TRUE(Find({Session(1, At(2020, 5, 11, 7, 0), At(2020, 5, 11, 9, 0))}).empty());
  // Ending exactly at midnight after the last day is inside.
  EXPECT_TRUE(Find({Session(1, At(2020, 5, 15, 22, 0), At(2020, 5, 16, 0, 0))}).empty());
}

TEST(SessionConflictsTest, OutsideClassDatesAtTheEdgesOfBeijingDays) {
  auto before = Find({Session(1, At(2020, 5, 10, 23, 59), At(2020, 5, 11, 1, 0))});
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].kind, SessionConflictKind::kOutsideClassDates);
  EXPECT_EQ(before[0].session_ids, (Ids{1}));
  EXPECT_NE(before[0].message.find("2020-05-11 – 2020-05-15"), std::string::npos);
  EXPECT_NE(before[0].message.find("2020-05-10 23:59–2020-05-11 01:00"), std::string::npos)
      << before[0].message;

  auto after = Find({Session(2, At(2020, 5, 15, 23, 0), At(2020, 5, 16, 0, 1))});
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].kind, SessionConflictKind::kOutsideClassDates);

  // 2020-05-15 20:00 UTC is 2020-05-16 04:00 in Beijing: outside, though UTC says the 15th.
  auto late = Find({Session(3, At(2020, 5, 15, 20, 0, 0), At(2020, 5, 15, 21, 0, 0))});
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].kind, SessionConflictKind::kOutsideClassDates);
}

TEST(SessionConflictsTest, OtherUtcOffsets) {
  const ClassDates utc{{2020, 5, 11}, {2020, 5, 11}, 0};
  EXPECT_TRUE(
      Find({Session(1, At(2020, 5, 11, 0, 0, 0), At(2020, 5, 12, 0, 0, 0))}, {}, utc).empty());
  EXPECT_EQ(Find({Session(1, At(2020, 5, 11, 7, 0), At(2020, 5, 11, 9, 0))}, {}, utc).size(),
            1u);  // 07:00 Beijing is 23:00 UTC the day before
  const ClassDates west{{2020, 5, 11}, {2020, 5, 11}, -300};
  EXPECT_TRUE(
      Find({Session(1, At(2020, 5, 11, 23, 0, -300), At(2020, 5, 12, 0, 0, -300))}, {}, west)
          .empty());
}

TEST(SessionConflictsTest, LastDayBeforeFirstMakesEverySessionOutside) {
  const ClassDates backwards{{2020, 5, 15}, {2020, 5, 11}, kBeijing};
  auto conflicts = Find({Session(1, May12(9), May12(10))}, {}, backwards);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, SessionConflictKind::kOutsideClassDates);
}

TEST(SessionConflictsTest, EndNotAfterStartIsReportedAloneAndSkipsOtherChecks) {
  PlannedSession zero = InRoom(1, May12(9), May12(9), 5);
  PlannedSession backwards = InRoom(2, May12(10), May12(9), 5);
  PlannedSession ok = InRoom(3, May12(8), May12(11), 5);
  backwards.start_ms = At(2020, 6, 1, 10, 0);  // also outside the dates: still one conflict
  auto conflicts = Find({zero, backwards, ok});
  ASSERT_EQ(conflicts.size(), 2u);
  EXPECT_EQ(conflicts[0].kind, SessionConflictKind::kEndBeforeStart);
  EXPECT_EQ(conflicts[0].session_ids, (Ids{1}));
  EXPECT_EQ(conflicts[1].kind, SessionConflictKind::kEndBeforeStart);
  EXPECT_EQ(conflicts[1].session_ids, (Ids{2}));
  EXPECT_EQ(SessionConflictCode(conflicts[1].kind), "timetable.end_before_start");
  EXPECT_FALSE(conflicts[1].message_en.empty());
}

TEST(SessionConflictsTest, SiteCapacityExactlyEqualIsFine) {
  EXPECT_TRUE(Find({AtSite(1, May12(9), May12(11), 70, 50, {1})}, {{70, 50}}).empty());
  // Two groups at once summing exactly to the capacity.
  EXPECT_TRUE(Find({AtSite(1, May12(9), May12(11), 70, 20, {1}),
                    AtSite(2, May12(9), May12(11), 70, 30, {2})},
                   {{70, 50}})
                  .empty());
}

TEST(SessionConflictsTest, SiteOverCapacityBySingleSession) {
  auto conflicts = Find({AtSite(1, May12(9), May12(11), 70, 51, {1})}, {{70, 50}});
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, SessionConflictKind::kSiteOverCapacity);
  EXPECT_EQ(conflicts[0].resource_id, 70);
  EXPECT_EQ(conflicts[0].session_ids, (Ids{1}));
  EXPECT_NE(conflicts[0].message.find("51"), std::string::npos);
  EXPECT_NE(conflicts[0].message_en.find("holds 50"), std::string::npos);
}

TEST(SessionConflictsTest, SiteOverCapacityBySimultaneousGroups) {
  std::vector<PlannedSession> sessions = {
      AtSite(1, May12(9), May12(11), 70, 30, {1}),
      AtSite(2, May12(10), May12(12), 70, 30, {2}),      // 60 from 10:00 to 11:00
      AtSite(3, May12(10, 30), May12(11), 70, 10, {3}),  // 70 at the peak
      AtSite(4, May12(12), May12(13), 70, 30, {4}),      // touches 2: never with it
      AtSite(5, May12(14), May12(15), 80, 99, {5}),      // unknown site: not checked
  };
  auto conflicts = Find(sessions, {{70, 50}});
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, SessionConflictKind::kSiteOverCapacity);
  EXPECT_EQ(conflicts[0].session_ids, (Ids{1, 2, 3}));
  EXPECT_NE(conflicts[0].message.find("预计 70 人"), std::string::npos) << conflicts[0].message;
}

TEST(SessionConflictsTest, SiteTouchingSessionsDoNotAddUp) {
  EXPECT_TRUE(Find({AtSite(1, May12(9), May12(10), 70, 40, {1}),
                    AtSite(2, May12(10), May12(11), 70, 40, {2})},
                   {{70, 50}})
                  .empty());
}

TEST(SessionConflictsTest, SiteTwoSeparateOverloadsAreTwoConflicts) {
  auto conflicts = Find(
      {AtSite(1, May12(9), May12(10), 70, 40, {1}), AtSite(2, May12(9), May12(10), 70, 40, {2}),
       AtSite(3, May12(14), May12(15), 70, 40, {1}), AtSite(4, May12(14), May12(15), 70, 40, {2})},
      {{70, 50}});
  ASSERT_EQ(conflicts.size(), 2u);
  EXPECT_EQ(conflicts[0].session_ids, (Ids{1, 2}));
  EXPECT_EQ(conflicts[1].session_ids, (Ids{3, 4}));
}

TEST(SessionConflictsTest, OutputIsOrderedByTimeAndIndependentOfInputOrder) {
  std::vector<PlannedSession> sessions = {
      InRoom(1, May12(14), May12(16), 1), InRoom(2, May12(15), May12(17), 1),
      InRoom(3, May12(8), May12(10), 2), InRoom(4, May12(9), May12(11), 2),
      Session(5, At(2020, 5, 20, 9, 0), At(2020, 5, 20, 10, 0))};
  auto forward = Find(sessions);
  std::reverse(sessions.begin(), sessions.end());
  auto backward = Find(sessions);
  ASSERT_EQ(forward.size(), backward.size());
  for (size_t i = 0; i < forward.size(); ++i) {
    EXPECT_EQ(forward[i].kind, backward[i].kind);
    EXPECT_EQ(forward[i].session_ids, backward[i].session_ids);
    EXPECT_EQ(forward[i].message, backward[i].message);
  }
  ASSERT_GE(forward.size(), 3u);
  EXPECT_EQ(forward.front().session_ids.front(), 3);
  EXPECT_EQ(forward.back().session_ids, (Ids{5}));
}

TEST(SessionConflictsTest, CodesAreStable) {
  EXPECT_EQ(SessionConflictCode(SessionConflictKind::kLecturerDoubleBooked),
            "timetable.lecturer_double_booked");
  EXPECT_EQ(SessionConflictCode(SessionConflictKind::kGroupDoubleBooked),
            "timetable.group_double_booked");
  EXPECT_EQ(SessionConflictCode(SessionConflictKind::kOutsideClassDates),
            "timetable.outside_class_dates");
  EXPECT_EQ(SessionConflictCode(SessionConflictKind::kSiteOverCapacity),
            "timetable.site_over_capacity");
}

// A deterministic stream for generated timetables.
uint64_t Mix(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<PlannedSession> Generated(int n, uint64_t seed) {
  std::vector<PlannedSession> sessions;
  uint64_t state = seed;
  const int64_t base = At(2020, 5, 11, 8, 0);
  for (int i = 0; i < n; ++i) {
    const int64_t start = base + int64_t(Mix(&state) % (5 * 24 * 4)) * 15 * 60'000;
    const int64_t length = int64_t(Mix(&state) % 12) * 15 * 60'000;  // 0..165 min
    PlannedSession s = Session(i + 1, start, start + length);
    if (Mix(&state) % 2) s.room_id = int64_t(Mix(&state) % 20);
    if (Mix(&state) % 2) s.lecturer_id = int64_t(Mix(&state) % 30);
    if (Mix(&state) % 5 != 0) {
      const int k = 1 + int(Mix(&state) % 3);
      for (int j = 0; j < k; ++j) s.group_ids.push_back(int64_t(Mix(&state) % 12));
    }
    sessions.push_back(s);
  }
  return sessions;
}

// The pairs an O(n²) scan finds, as (kind, ids).
std::set<std::tuple<SessionConflictKind, Ids>> BrutePairs(const std::vector<PlannedSession>& s) {
  std::set<std::tuple<SessionConflictKind, Ids>> out;
  for (size_t i = 0; i < s.size(); ++i) {
    for (size_t j = 0; j < s.size(); ++j) {
      const auto& a = s[i];
      const auto& b = s[j];
      if (i == j || a.end_ms <= a.start_ms || b.end_ms <= b.start_ms) continue;
      if (!(a.start_ms < b.end_ms && b.start_ms < a.end_ms)) continue;
      // The finder orders a pair by (start, end, id).
      if (std::tie(a.start_ms, a.end_ms, a.id) > std::tie(b.start_ms, b.end_ms, b.id)) continue;
      const Ids ids{a.id, b.id};
      if (a.room_id && a.room_id == b.room_id) {
        out.emplace(SessionConflictKind::kRoomDoubleBooked, ids);
      }
      if (a.lecturer_id && a.lecturer_id == b.lecturer_id) {
        out.emplace(SessionConflictKind::kLecturerDoubleBooked, ids);
      }
      bool shared = a.group_ids.empty() || b.group_ids.empty();
      for (int64_t g : a.group_ids) {
        shared = shared || std::count(b.group_ids.begin(), b.group_ids.end(), g) > 0;
      }
      if (shared) out.emplace(SessionConflictKind::kGroupDoubleBooked, ids);
    }
  }
  return out;
}

TEST(SessionConflictsTest, MatchesBruteForceOnGeneratedTimetables) {
  for (uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const auto sessions = Generated(300, seed);
    std::set<std::tuple<SessionConflictKind, Ids>> found;
    size_t pair_count = 0;
    for (const auto& c : Find(sessions)) {
      if (c.kind == SessionConflictKind::kEndBeforeStart ||
          c.kind == SessionConflictKind::kOutsideClassDates) {
        continue;
      }
      ++pair_count;
      found.emplace(c.kind, c.session_ids);
    }
    EXPECT_EQ(pair_count, found.size()) << "a pair was reported twice, seed " << seed;
    EXPECT_EQ(found, BrutePairs(sessions)) << "seed " << seed;
  }
}

TEST(SessionConflictsTest, TwoThousandSessionsOfACleanTimetable) {
  // 100 groups, each with 20 back-to-back sessions in its own room: no conflict, and
  // the sweep must not degrade to comparing every pair.
  std::vector<PlannedSession> sessions;
  for (int g = 0; g < 100; ++g) {
    for (int k = 0; k < 20; ++k) {
      PlannedSession s = ForGroups(g * 100 + k, May12(8) + k * 3'600'000LL / 4,
                                   May12(8) + (k + 1) * 3'600'000LL / 4, {g});
      s.room_id = g;
      s.lecturer_id = 1000 + g;
      sessions.push_back(s);
    }
  }
  EXPECT_TRUE(Find(sessions).empty());
  sessions.push_back(Session(999'999, May12(9), May12(10)));  // whole class: 4 × 100 clashes
  EXPECT_EQ(Find(sessions).size(), 400u);
}

}  // namespace
}  // namespace peixun::core
