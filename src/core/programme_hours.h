// A trainee's programme and its 学时 (DESIGN.md "Domain rules"): the sessions a
// trainee is expected at are the whole-class sessions plus those of their own group.
// Parallel group sessions (eight groups discussing at the same time in eight rooms)
// count once per trainee, never summed: the class's programme hours are the hours of
// one trainee, per group when groups' programmes differ.
//
// Hours are in tenths of a 学时 (core/credit_hours.h). Pure and thread-safe; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace peixun::core {

// One session as the programme sees it. An empty group_ids means the whole class
// attends; otherwise only the listed groups do (any order).
struct ProgrammeSession {
  std::vector<int64_t> group_ids;
  int hours_tenths = 0;  // negative counts as 0
};

// Whether a trainee of group `group_id` (nullopt: in no group) is expected at a
// session for `session_group_ids`: a whole-class session, or one of their group's.
bool InProgramme(const std::vector<int64_t>& session_group_ids, std::optional<int64_t> group_id);

// The 学时 of the programme of a trainee of group `group_id` (nullopt: in no group):
// the sum over the sessions they are expected at.
int ProgrammeTenths(const std::vector<ProgrammeSession>& sessions, std::optional<int64_t> group_id);

// The programme 学时 of one trainee, for a whole timetable or one day of it.
struct ProgrammeHours {
  struct Group {
    int64_t group_id = 0;
    int tenths = 0;
  };
  int min_tenths = 0;           // the smallest programme over the groups
  int max_tenths = 0;           // the largest; equal to min_tenths when every group has the same
  std::vector<Group> by_group;  // in the order of `class_group_ids`; empty without groups

  bool Uniform() const { return min_tenths == max_tenths; }
};

// The programme hours of `sessions` for the class's groups `class_group_ids` (every
// group of the class, also those with no session of their own). Without groups, one
// programme: the whole-class sessions (a session naming groups the class does not
// list counts for nobody). Duplicate group ids count once.
ProgrammeHours ProgrammeHoursOf(const std::vector<ProgrammeSession>& sessions,
                                const std::vector<int64_t>& class_group_ids);

}  // namespace peixun::core
