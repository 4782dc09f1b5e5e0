// A migrated database with the auth module on a clock the test moves.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "modules/auth/auth_services.h"
#include "registry_fixture.h"

namespace peixun::test {

class AuthTest : public RegistryTest {
 protected:
  static constexpr int64_t kMinute = 60 * 1000;
  static constexpr int64_t kHour = 60 * kMinute;
  static constexpr int64_t kDay = 24 * kHour;

  void SetUp() override {
    RegistryTest::SetUp();
    auth::AuthOptions options;
    options.now_ms = [this] { return now_; };
    options.data_key = key_;
    options.second_factor_roles = SecondFactorRoles();
    services_ = std::make_unique<auth::AuthServices>(db(), options);
  }
  void TearDown() override {
    services_.reset();
    RegistryTest::TearDown();
  }

  auth::AuthServices& auth() { return *services_; }
  // Roles that must pass TOTP; none here (second_factor_test.cc sets them).
  virtual std::vector<Role> SecondFactorRoles() const { return {}; }

  // A user of `role` with its generated password.
  auth::CreatedUser MakeUser(const std::string& username, Role role,
                             std::optional<int64_t> unit_id = {},
                             std::optional<int64_t> person_id = {}) {
    auth::NewUser in{username, username + " 老师", role, unit_id, person_id};
    auto created = auth().users.Create(in);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().code);
    return created.ok() ? *created : auth::CreatedUser{};
  }

  int64_t MakePerson(const std::string& name) {
    people::PersonInput in;
    in.name = name;
    in.gender = "男";
    if (!person_unit_) person_unit_ = MakeUnit("幸福社区", std::nullopt);
    in.unit_id = person_unit_;
    auto person = people_->Create(in);
    EXPECT_TRUE(person.ok()) << (person.ok() ? "" : person.error().code);
    return person.ok() ? person->id : 0;
  }

  std::optional<int64_t> person_unit_;
  int64_t now_ = 1'700'000'000'000;
  std::unique_ptr<auth::AuthServices> services_;
};

}  // namespace peixun::test
