// A trainee's programme (core/programme_hours.h): whole-class sessions plus their own
// group's; parallel group sessions count once per trainee (issue 9, item 9).
#include "core/programme_hours.h"

#include <gtest/gtest.h>

#include <vector>

namespace peixun::core {
namespace {

// The seed class's timetable in tenths: nine whole-class sessions and, for each of
// eight groups, a 1-学时 discussion on day 1 and a 2.5-学时 one on day 3.
std::vector<ProgrammeSession> SeedTimetable(std::vector<ProgrammeSession>* day1 = nullptr) {
  std::vector<ProgrammeSession> whole_day1 = {{{}, 10}, {{}, 25}, {{}, 25}};
  std::vector<ProgrammeSession> all = whole_day1;
  for (int64_t g = 1; g <= 8; ++g) all.push_back({{g}, 10});
  if (day1) {
    *day1 = all;
  }
  for (int t : {40, 40, 25, 10, 20, 10}) all.push_back({{}, t});
  for (int64_t g = 1; g <= 8; ++g) all.push_back({{g}, 25});
  return all;
}

const std::vector<int64_t> kEightGroups = {1, 2, 3, 4, 5, 6, 7, 8};

TEST(ProgrammeHoursTest, ATraineeIsExpectedAtWholeClassSessionsAndTheirGroupsOnly) {
  EXPECT_TRUE(InProgramme({}, std::nullopt));
  EXPECT_TRUE(InProgramme({}, 3));
  EXPECT_TRUE(InProgramme({2, 3}, 3));
  EXPECT_FALSE(InProgramme({2, 4}, 3));
  EXPECT_FALSE(InProgramme({2}, std::nullopt));
}

TEST(ProgrammeHoursTest, ParallelGroupSessionsCountOncePerTrainee) {
  std::vector<ProgrammeSession> day1;
  const std::vector<ProgrammeSession> all = SeedTimetable(&day1);
  int summed = 0;
  for (const auto& s : all) summed += s.hours_tenths;
  EXPECT_EQ(summed, 485);  // what the timetable used to show: 48.5 学时
  for (int64_t g : kEightGroups) {
    EXPECT_EQ(ProgrammeTenths(all, g), 240) << "group " << g;
    EXPECT_EQ(ProgrammeTenths(day1, g), 70) << "group " << g;
  }
  EXPECT_EQ(ProgrammeTenths(all, std::nullopt), 205);  // in no group: whole-class only

  const ProgrammeHours h = ProgrammeHoursOf(all, kEightGroups);
  EXPECT_EQ(h.min_tenths, 240);
  EXPECT_EQ(h.max_tenths, 240);
  EXPECT_TRUE(h.Uniform());
  ASSERT_EQ(h.by_group.size(), 8u);
  EXPECT_EQ(h.by_group[0].group_id, 1);
  EXPECT_EQ(h.by_group[7].tenths, 240);
  const ProgrammeHours d = ProgrammeHoursOf(day1, kEightGroups);
  EXPECT_EQ(d.min_tenths, 70);
  EXPECT_EQ(d.max_tenths, 70);
}

TEST(ProgrammeHoursTest, GroupsWhoseProgrammesDifferGiveARange) {
  // Group 1 discusses for 2 学时, group 2 for 1.5; group 3 has no session of its own.
  const std::vector<ProgrammeSession> sessions = {{{}, 30}, {{1}, 20}, {{2}, 15}, {{1, 2}, 5}};
  const ProgrammeHours h = ProgrammeHoursOf(sessions, {1, 2, 3, 2});
  EXPECT_FALSE(h.Uniform());
  EXPECT_EQ(h.min_tenths, 30);       // group 3
  EXPECT_EQ(h.max_tenths, 55);       // group 1
  ASSERT_EQ(h.by_group.size(), 3u);  // the duplicate 2 counts once
  EXPECT_EQ(h.by_group[0].tenths, 55);
  EXPECT_EQ(h.by_group[1].tenths, 50);
  EXPECT_EQ(h.by_group[2].tenths, 30);
}

TEST(ProgrammeHoursTest, WithoutGroupsOnlyWholeClassSessionsCount) {
  const ProgrammeHours h = ProgrammeHoursOf({{{}, 20}, {{}, -5}, {{9}, 10}}, {});
  EXPECT_TRUE(h.by_group.empty());
  EXPECT_EQ(h.min_tenths, 20);  // negative hours count as 0; group 9 is not the class's
  EXPECT_EQ(h.max_tenths, 20);
  EXPECT_EQ(ProgrammeHoursOf({}, {}).max_tenths, 0);
}

}  // namespace
}  // namespace peixun::core
