#include "modules/groups/groups_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/actor.h"
#include "core/gender.h"
#include "core/grouping.h"
#include "core/role_guard.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/people/people_service.h"
#include "modules/timetable/session_service.h"
#include "store/key_lock.h"

namespace peixun::groups {
namespace {

using nlohmann::json;
using store::Int;
using store::IntOrNull;
using store::Text;

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "groups.forbidden", "您无权管理该培训班的分组",
                   "you may not manage this class's groups");
}

Error GroupNotFound(int64_t id) {
  return NotFound("groups.not_found", "分组不存在：" + std::to_string(id),
                  "group not found: " + std::to_string(id), "id");
}

Status CheckAccessIn(store::Tx& tx, const Principal& who, int64_t class_id, bool write) {
  switch (who.role) {
    case Role::kAdmin:
    case Role::kOrganizer:
    case Role::kHeadTeacher:
      return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage);
    case Role::kLogistics:
      if (write) return Forbidden();
      return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kRead);
    default:
      return Forbidden();
  }
}

bool IsLeaderCandidate(const std::string& position) {
  return position.find("书记") != std::string::npos && position.find("副书记") == std::string::npos;
}

GroupMember MemberOf(const people::Person& p) {
  return GroupMember{p.id, p.name, p.gender, p.unit_id, p.unit_name, p.position};
}

core::GroupingTrainee TraineeOf(const people::Person& p) {
  core::GroupingTrainee t;
  t.id = p.id;
  t.unit_id = p.unit_id.value_or(0);
  auto gender = core::ParseGender(p.gender);
  t.gender = gender ? *gender : core::Gender::kMale;
  t.position = p.position;
  t.is_leader_candidate = IsLeaderCandidate(p.position);
  return t;
}

Result<std::vector<people::Person>> ApprovedIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                          enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
  return people::PeopleService::GetManyIn(tx, ids);
}

struct GroupRow {
  int64_t id = 0;
  int64_t class_id = 0;
  int number = 0;
  std::optional<int64_t> leader;
};

Result<GroupRow> GroupRowIn(store::Tx& tx, int64_t group_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id, class_id, number, leader_person_id FROM class_groups WHERE id = ?",
               {Int(group_id)}));
  if (rows.empty()) return GroupNotFound(group_id);
  return GroupRow{rows[0].Int(0), rows[0].Int(1), static_cast<int>(rows[0].Int(2)),
                  rows[0].OptInt(3)};
}

// The leader a group gets when it has to pick one: its 书记 with the smallest id,
// else its member with the smallest id; nullopt when empty.
std::optional<int64_t> PickLeader(const std::vector<people::Person>& members) {
  std::optional<int64_t> any;
  std::optional<int64_t> candidate;
  for (const auto& p : members) {
    if (!any || p.id < *any) any = p.id;
    if (IsLeaderCandidate(p.position) && (!candidate || p.id < *candidate)) candidate = p.id;
  }
  return candidate ? candidate : any;
}

json GroupsAuditJson(const ClassGroups& g) {
  json groups = json::array();
  for (const auto& group : g.groups) {
    json members = json::array();
    for (const auto& m : group.members) members.push_back(m.person_id);
    groups.push_back({{"number", group.number},
                      {"leader_person_id",
                       group.leader_person_id ? json(*group.leader_person_id) : json(nullptr)},
                      {"members", members}});
  }
  return groups;
}

// The class's groups lock (store/key_lock.h) until the transaction ends: one
// group per trainee and the groups' numbering are rewritten from what is read, so
// regrouping and moves in one class run one at a time.
Status LockGroupsIn(store::Tx& tx, int64_t class_id) {
  return store::LockKeyIn(tx, "groups.class:" + std::to_string(class_id));
}

}  // namespace

Result<ClassGroups> GroupsService::LoadIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> approved, ApprovedIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows groups,
      tx.Query("SELECT id, number, name, leader_person_id FROM class_groups WHERE class_id = ? "
               "ORDER BY number",
               {Int(class_id)}));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows members,
      tx.Query("SELECT group_id, person_id FROM group_members WHERE class_id = ?",
               {Int(class_id)}));
  std::map<int64_t, int64_t> group_of;  // person → group
  for (const auto& r : members) group_of[r.Int(1)] = r.Int(0);

  ClassGroups out;
  out.class_id = class_id;
  std::map<int64_t, size_t> index;  // group id → position in out.groups
  for (const auto& r : groups) {
    ClassGroup g;
    g.id = r.Int(0);
    g.class_id = class_id;
    g.number = static_cast<int>(r.Int(1));
    g.name = r.Str(2);
    g.leader_person_id = r.OptInt(3);
    index[g.id] = out.groups.size();
    out.groups.push_back(std::move(g));
  }
  std::vector<core::GroupingTrainee> trainees;
  std::vector<core::Group> shape(out.groups.size());
  for (const auto& p : approved) {  // stroke order, so members come out in it
    trainees.push_back(TraineeOf(p));
    auto it = group_of.find(p.id);
    if (it == group_of.end() || !index.count(it->second)) {
      out.unassigned.push_back(MemberOf(p));
      continue;
    }
    const size_t at = index[it->second];
    out.groups[at].members.push_back(MemberOf(p));
    shape[at].members.push_back(p.id);
    if (out.groups[at].leader_person_id == p.id) out.groups[at].leader_name = p.name;
  }
  for (size_t i = 0; i < shape.size(); ++i) {
    shape[i].index = out.groups[i].number;
    std::sort(shape[i].members.begin(), shape[i].members.end());
    shape[i].leader_id = out.groups[i].leader_person_id.value_or(0);
  }
  out.stats = core::ComputeGroupingStats(shape, trainees);
  return out;
}

Result<std::vector<int64_t>> GroupsService::GroupIdsOfIn(store::Tx& tx, int64_t class_id,
                                                         int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT group_id FROM group_members WHERE class_id = ? AND person_id = ?",
               {Int(class_id), Int(person_id)}));
  std::vector<int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.Int(0));
  return ids;
}

Result<std::vector<GroupMember>> GroupsService::MembersIn(store::Tx& tx, int64_t class_id,
                                                          const std::vector<int64_t>& group_ids) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> approved, ApprovedIn(tx, class_id));
  std::vector<GroupMember> out;
  if (group_ids.empty()) {
    for (const auto& p : approved) out.push_back(MemberOf(p));
    return out;
  }
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows, tx.Query("SELECT group_id, person_id FROM group_members WHERE class_id = ?",
                                 {Int(class_id)}));
  const std::set<int64_t> wanted(group_ids.begin(), group_ids.end());
  std::set<int64_t> in_wanted;
  for (const auto& r : rows) {
    if (wanted.count(r.Int(0))) in_wanted.insert(r.Int(1));
  }
  for (const auto& p : approved) {
    if (in_wanted.count(p.id)) out.push_back(MemberOf(p));
  }
  return out;
}

Result<ClassGroups> GroupsService::List(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  return store::ReadValue<ClassGroups>(store_, [&](store::Tx& tx) -> Result<ClassGroups> {
    PEIXUN_RETURN_IF_ERROR(CheckAccessIn(tx, who, class_id, false));
    return LoadIn(tx, class_id);
  });
}

Result<ClassGroups> GroupsService::Generate(const Principal& who, int64_t class_id, int count,
                                            std::optional<uint64_t> seed) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<ClassGroups>(store_, [&](store::Tx& tx) -> Result<ClassGroups> {
    PEIXUN_RETURN_IF_ERROR(LockGroupsIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(CheckAccessIn(tx, who, class_id, true));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, class_id));
    if (count < 1 || count > kMaxGroupCount) {
      return Invalid("groups.count", "组数应在 1 到 " + std::to_string(kMaxGroupCount) + " 之间",
                     "the number of groups must be between 1 and " + std::to_string(kMaxGroupCount),
                     "count");
    }
    PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> approved, ApprovedIn(tx, class_id));
    if (approved.empty()) {
      return Conflict("groups.no_trainees", "本班还没有已批准的学员，无法分组",
                      "the class has no approved trainees to group", "class_id");
    }
    std::vector<core::GroupingTrainee> trainees;
    for (const auto& p : approved) trainees.push_back(TraineeOf(p));
    const uint64_t used_seed = seed.value_or(kDefaultGroupingSeed);
    PEIXUN_ASSIGN_OR_RETURN(core::Grouping grouping,
                            core::SplitIntoGroups(trainees, count, used_seed));

    PEIXUN_ASSIGN_OR_RETURN(ClassGroups before, LoadIn(tx, class_id));
    std::map<int, int64_t> id_of_number;
    for (const auto& g : before.groups) id_of_number[g.number] = g.id;
    PEIXUN_ASSIGN_OR_RETURN(std::vector<timetable::ClassSession> sessions,
                            timetable::SessionService::ListForClassIn(tx, class_id));
    for (const auto& g : before.groups) {
      if (g.number <= count) continue;
      for (const auto& s : sessions) {
        if (std::find(s.group_ids.begin(), s.group_ids.end(), g.id) != s.group_ids.end()) {
          return Conflict(
              "groups.in_use",
              g.name + "已排入课程“" + s.title + "”，不能减少到 " + std::to_string(count) + " 个组",
              "group " + std::to_string(g.number) + " is scheduled in session \"" + s.title +
                  "\"; cannot reduce to " + std::to_string(count) + " groups",
              "count");
        }
      }
    }

    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM group_members WHERE class_id = ?", {Int(class_id)}));
    PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM class_groups WHERE class_id = ? AND number > ?",
                                   {Int(class_id), Int(count)}));
    for (const core::Group& g : grouping.groups) {
      const std::optional<int64_t> leader =
          g.leader_id ? std::optional<int64_t>(g.leader_id) : std::nullopt;
      int64_t group_id = 0;
      if (auto it = id_of_number.find(g.index); it != id_of_number.end()) {
        group_id = it->second;
        PEIXUN_RETURN_IF_ERROR(
            tx.Exec("UPDATE class_groups SET name = ?, leader_person_id = ? WHERE id = ?",
                    {Text(GroupName(g.index)), IntOrNull(leader), Int(group_id)}));
      } else {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows inserted,
            tx.Query("INSERT INTO class_groups (class_id, number, name, leader_person_id) "
                     "VALUES (?, ?, ?, ?) RETURNING id",
                     {Int(class_id), Int(g.index), Text(GroupName(g.index)), IntOrNull(leader)}));
        group_id = inserted[0].Int(0);
      }
      for (int64_t person_id : g.members) {
        PEIXUN_RETURN_IF_ERROR(
            tx.Exec("INSERT INTO group_members (group_id, class_id, person_id) VALUES (?, ?, ?)",
                    {Int(group_id), Int(class_id), Int(person_id)}));
      }
    }
    PEIXUN_ASSIGN_OR_RETURN(ClassGroups after, LoadIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, actor,
        audit::AuditEntry{
            "groups.generate",
            "class",
            class_id,
            before.groups.empty() ? json(nullptr) : GroupsAuditJson(before),
            {{"count", count}, {"seed", used_seed}, {"groups", GroupsAuditJson(after)}}}));
    return after;
  });
}

Result<ClassGroups> GroupsService::Move(const Principal& who, int64_t group_id, int64_t person_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<ClassGroups>(store_, [&](store::Tx& tx) -> Result<ClassGroups> {
    PEIXUN_ASSIGN_OR_RETURN(GroupRow target, GroupRowIn(tx, group_id));
    PEIXUN_RETURN_IF_ERROR(LockGroupsIn(tx, target.class_id));
    PEIXUN_RETURN_IF_ERROR(CheckAccessIn(tx, who, target.class_id, true));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, target.class_id));
    PEIXUN_ASSIGN_OR_RETURN(
        bool approved, enrollment::EnrollmentService::IsApprovedIn(tx, target.class_id, person_id));
    if (!approved) {
      return Invalid("groups.not_trainee", "该人员不是本班已批准的学员",
                     "the person is not an approved trainee of this class", "person_id");
    }
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> old_ids,
                            GroupIdsOfIn(tx, target.class_id, person_id));
    if (!old_ids.empty() && old_ids[0] == group_id) return LoadIn(tx, target.class_id);
    PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM group_members WHERE class_id = ? AND person_id = ?",
                                   {Int(target.class_id), Int(person_id)}));
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO group_members (group_id, class_id, person_id) VALUES (?, ?, ?)",
                {Int(group_id), Int(target.class_id), Int(person_id)}));
    json before = {{"person_id", person_id}, {"group_id", nullptr}};
    if (!old_ids.empty()) {
      before["group_id"] = old_ids[0];
      PEIXUN_ASSIGN_OR_RETURN(GroupRow old, GroupRowIn(tx, old_ids[0]));
      if (old.leader == person_id) {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rest,
            tx.Query("SELECT person_id FROM group_members WHERE group_id = ?", {Int(old.id)}));
        std::vector<int64_t> ids;
        for (const auto& r : rest) ids.push_back(r.Int(0));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> members,
                                people::PeopleService::GetManyIn(tx, ids));
        PEIXUN_RETURN_IF_ERROR(tx.Exec("UPDATE class_groups SET leader_person_id = ? WHERE id = ?",
                                       {IntOrNull(PickLeader(members)), Int(old.id)}));
      }
    }
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, actor,
                        audit::AuditEntry{"groups.move",
                                          "group",
                                          group_id,
                                          before,
                                          {{"person_id", person_id}, {"group_id", group_id}}}));
    return LoadIn(tx, target.class_id);
  });
}

Result<ClassGroup> GroupsService::SetLeader(const Principal& who, int64_t group_id,
                                            int64_t person_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<ClassGroup>(store_, [&](store::Tx& tx) -> Result<ClassGroup> {
    PEIXUN_ASSIGN_OR_RETURN(GroupRow group, GroupRowIn(tx, group_id));
    PEIXUN_RETURN_IF_ERROR(LockGroupsIn(tx, group.class_id));
    PEIXUN_RETURN_IF_ERROR(CheckAccessIn(tx, who, group.class_id, true));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, group.class_id));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> of, GroupIdsOfIn(tx, group.class_id, person_id));
    if (of.empty() || of[0] != group_id) {
      return Invalid("groups.leader.not_member", "组长应为本组成员",
                     "the leader must be a member of the group", "person_id");
    }
    PEIXUN_RETURN_IF_ERROR(tx.Exec("UPDATE class_groups SET leader_person_id = ? WHERE id = ?",
                                   {Int(person_id), Int(group_id)}));
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, actor,
        audit::AuditEntry{
            "groups.leader",
            "group",
            group_id,
            {{"leader_person_id", group.leader ? json(*group.leader) : json(nullptr)}},
            {{"leader_person_id", person_id}}}));
    PEIXUN_ASSIGN_OR_RETURN(ClassGroups all, LoadIn(tx, group.class_id));
    for (auto& g : all.groups) {
      if (g.id == group_id) return std::move(g);
    }
    return GroupNotFound(group_id);
  });
}

Result<std::string> GroupsService::ListPdf(const Principal& who, int64_t class_id,
                                           const io::PdfProgress& progress) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  struct Loaded {
    std::string class_name;
    ClassGroups groups;
  };
  PEIXUN_ASSIGN_OR_RETURN(Loaded loaded,
                          store::ReadValue<Loaded>(store_, [&](store::Tx& tx) -> Result<Loaded> {
                            PEIXUN_RETURN_IF_ERROR(CheckAccessIn(tx, who, class_id, false));
                            PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c,
                                                    classes::ClassService::GetIn(tx, class_id));
                            PEIXUN_ASSIGN_OR_RETURN(ClassGroups groups, LoadIn(tx, class_id));
                            return Loaded{c.name, std::move(groups)};
                          }));
  io::ListDoc doc;
  doc.title = loaded.class_name + "分组名单";
  doc.columns = {{"组别", 22, io::Align::kCenter, true},
                 {"序号", 12, io::Align::kCenter},
                 {"姓名", 30, io::Align::kLeft, false, io::CellFit::kOneLine},
                 {"性别", 12, io::Align::kCenter},
                 {"单位", 0},
                 {"职务", 30},
                 {"备注", 16, io::Align::kCenter}};
  size_t total = 0;
  for (const auto& g : loaded.groups.groups) {
    int n = 0;
    for (const auto& m : g.members) {
      doc.rows.push_back({g.name, std::to_string(++n), m.name, m.gender, m.unit_name, m.position,
                          g.leader_person_id == m.person_id ? "组长" : ""});
    }
    total += g.members.size();
  }
  doc.subtitle = "共 " + std::to_string(loaded.groups.groups.size()) + " 个组，" +
                 std::to_string(total) + " 人";
  if (!loaded.groups.unassigned.empty()) {
    doc.note = "未分组：" + std::to_string(loaded.groups.unassigned.size()) + " 人";
  }
  return io::GroupListPdf(doc, progress);
}

}  // namespace peixun::groups
