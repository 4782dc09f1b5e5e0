#include "modules/demo/demo_users.h"

#include "modules/auth/invite_service.h"
#include "modules/auth/session_store.h"
#include "modules/auth/user_service.h"
#include "modules/classes/class_service.h"
#include "modules/people/people_service.h"

namespace peixun::demo {

Result<DemoLogins> CreateDemoUsers(store::Store& store, const DemoRoleUnits& units) {
  DemoLogins out;
  auth::UserService users(store);
  struct Account {
    const char* role_zh;
    const char* role_en;
    const char* username;
    const char* display_name;
    Role role;
    std::optional<int64_t> unit;
  };
  const Account accounts[] = {
      {"组织部", "organizer", "zuzhibu", "组织科 刘洋", Role::kOrganizer, units.organizer_unit_id},
      {"班主任", "head teacher", "banzhuren", "班主任 孙丽", Role::kHeadTeacher, std::nullopt},
      {"联络员", "liaison", "lianluoyuan", "街道联络员 周强", Role::kLiaison,
       units.liaison_unit_id},
  };
  for (const Account& a : accounts) {
    PEIXUN_ASSIGN_OR_RETURN(auth::CreatedUser made,
                            users.Create({a.username, a.display_name, a.role, a.unit, {}}));
    out.users.push_back({a.role_zh, a.role_en, made.user.username, made.password});
    if (a.role == Role::kHeadTeacher) {
      out.head_teacher.user_id = made.user.id;
      out.head_teacher.username = made.user.username;
      out.head_teacher.display_name = made.user.display_name;
      out.head_teacher.role = Role::kHeadTeacher;
    }
  }
  classes::ClassService classes(store);
  PEIXUN_RETURN_IF_ERROR(classes.SetHeadTeachers(units.class_id, {out.head_teacher.user_id}));

  return out;
}

Result<DemoInvite> InviteDemoTrainee(store::Store& store, int64_t person_id) {
  auth::SessionStore sessions(store);
  auth::InviteService invites(store, sessions);
  PEIXUN_ASSIGN_OR_RETURN(auth::CreatedInvite invite,
                          invites.CreateForSystem(person_id, std::nullopt));
  PEIXUN_ASSIGN_OR_RETURN(people::Person trainee,
                          store::ReadValue<people::Person>(store, [&](store::Tx& tx) {
                            return people::PeopleService::GetIn(tx, person_id);
                          }));
  return DemoInvite{trainee.name, invite.url};
}

}  // namespace peixun::demo
