// Use cases of discussion groups (分组讨论). Each public call is one transaction,
// access checks included; the static *In variants run inside a caller's.
//
// Who: admin, organizer and the class's head teachers read and change the groups;
// logistics reads them (buses go by group); others 403 groups.forbidden. An unknown
// class is 404 classes.not_found, an unknown group 404 groups.not_found. Groups of
// an archived class do not change (409 classes.archived).
//
// Rules:
//   - Generate splits the class's approved trainees (enrollment) into `count` groups
//     (1..kMaxGroupCount; 422 groups.count) with core/grouping.h SplitIntoGroups:
//     sizes within 1, units spread, genders and positions balanced, a leader each
//     (a 书记 where there is one). The same trainees and seed give the same groups;
//     the default seed is kDefaultGroupingSeed. No approved trainee: 409
//     groups.no_trainees. Regenerating replaces every membership and leader; groups
//     keep their ids by number (sessions of the timetable refer to them), and
//     dropping a group a session refers to is refused (409 groups.in_use).
//   - Move puts an approved trainee (422 groups.not_trainee) into another group; when
//     they led their old group, its leader becomes its 书记 with the smallest person
//     id, else its member with the smallest id (none when it is empty).
//   - SetLeader names a member of the group (422 groups.leader.not_member).
//
// Writes are audited: groups.generate (entity "class"), groups.move and
// groups.leader (entity "group").
// Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "io/pdf_layouts.h"
#include "modules/groups/class_group.h"
#include "store/store.h"

namespace peixun::groups {

inline constexpr uint64_t kDefaultGroupingSeed = 2020;
inline constexpr int kMaxGroupCount = 200;

class GroupsService {
 public:
  explicit GroupsService(store::Store& store) : store_(store) {}

  Result<ClassGroups> List(const Principal& who, int64_t class_id);
  Result<ClassGroups> Generate(const Principal& who, int64_t class_id, int count,
                               std::optional<uint64_t> seed = std::nullopt);
  // Moves `person_id` into group `group_id`; returns the class's groups.
  Result<ClassGroups> Move(const Principal& who, int64_t group_id, int64_t person_id);
  Result<ClassGroup> SetLeader(const Principal& who, int64_t group_id, int64_t person_id);
  // 分组名单 PDF (io/pdf_layouts.h GroupListPdf): one row per member, by group.
  Result<std::string> ListPdf(const Principal& who, int64_t class_id,
                              const io::PdfProgress& progress = {});

  // No access check.
  static Result<ClassGroups> LoadIn(store::Tx& tx, int64_t class_id);
  // The ids of the class's groups the person belongs to (zero or one).
  static Result<std::vector<int64_t>> GroupIdsOfIn(store::Tx& tx, int64_t class_id,
                                                   int64_t person_id);
  // The approved trainees in `group_ids` (every approved trainee when empty), in
  // 姓氏笔画 order; ids of other classes' groups match nobody.
  static Result<std::vector<GroupMember>> MembersIn(store::Tx& tx, int64_t class_id,
                                                    const std::vector<int64_t>& group_ids);

 private:
  store::Store& store_;
};

}  // namespace peixun::groups
