// One sign-in per role for the demo: an organizer at the 组织部, the class's head
// teacher (班主任), a liaison of one street office, and an invite link for one
// trainee, so a new user can walk the product as each of the people it serves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::demo {

struct DemoLogin {
  std::string role_zh;   // 组织部
  std::string role_en;   // organizer
  std::string username;  // zuzhibu
  std::string password;  // generated; printed once by `peixun demo`
};

struct DemoLogins {
  std::vector<DemoLogin> users;
  Principal head_teacher;  // the class's head teacher, for the history they record
};

struct DemoInvite {
  std::string trainee_name;
  std::string url;  // "/invite/<token>", valid auth::kDefaultInviteDays
};

struct DemoRoleUnits {
  int64_t class_id = 0;
  int64_t organizer_unit_id = 0;  // ×区委组织部
  int64_t liaison_unit_id = 0;    // a street office with trainees in the class
};

// Creates the three accounts (passwords generated) and makes the head teacher head
// the class. One transaction per account.
Result<DemoLogins> CreateDemoUsers(store::Store& store, const DemoRoleUnits& units);

// A sign-in link for one trainee of the class (no scope check: the system makes it).
Result<DemoInvite> InviteDemoTrainee(store::Store& store, int64_t person_id);

}  // namespace peixun::demo
