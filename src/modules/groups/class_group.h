// Discussion groups (分组讨论) of a class: numbered groups of approved trainees,
// each with a leader (组长). A trainee is in at most one group of a class.
//
// Plain data; thread-safe as values are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/grouping.h"

namespace peixun::groups {

struct GroupMember {
  int64_t person_id = 0;
  std::string name;
  std::string gender;  // 男 / 女
  std::optional<int64_t> unit_id;
  std::string unit_name;
  std::string position;
};

struct ClassGroup {
  int64_t id = 0;
  int64_t class_id = 0;
  int number = 0;    // 1..n
  std::string name;  // 第一组
  std::optional<int64_t> leader_person_id;
  std::string leader_name;
  std::vector<GroupMember> members;  // approved trainees only, 姓氏笔画 order
};

// A class's groups, by number, and the approved trainees in none of them (joined
// after the groups were made).
struct ClassGroups {
  int64_t class_id = 0;
  std::vector<ClassGroup> groups;
  std::vector<GroupMember> unassigned;  // 姓氏笔画 order
  core::GroupingStats stats;            // of the groups as they are now
};

// "第一组" … "第九十九组", then "第100组".
std::string GroupName(int number);

}  // namespace peixun::groups
