// A migrated database with a small org tree, for the registry tests.
#pragma once

#include "crypto/data_key.h"
#include "modules/org/org_service.h"
#include "modules/people/people_service.h"
#include "modules/schema.h"
#include "test_db.h"

namespace peixun::test {

class RegistryTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    ASSERT_TRUE(store::Migrate(db(), modules::AllMigrations()).ok());
    org_ = std::make_unique<org::OrgService>(db());
    people_ = std::make_unique<people::PeopleService>(db(), key_);
  }

  int64_t MakeUnit(const std::string& name, std::optional<int64_t> parent,
                   org::UnitKind kind = org::UnitKind::kCommunity) {
    org::UnitInput in;
    in.name = name;
    in.parent_id = parent;
    in.kind = kind;
    auto unit = org_->Create(in);
    EXPECT_TRUE(unit.ok()) << (unit.ok() ? "" : unit.error().message);
    return unit.ok() ? unit->id : 0;
  }

  crypto::DataKey key_ = crypto::DataKey::FromSeed("registry-test");
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<people::PeopleService> people_;
};

// Valid ID numbers (check digits per GB 11643).
inline constexpr char kIdMale1980[] = "110105198001010016";
inline constexpr char kIdFemale1990[] = "110105199003070025";

}  // namespace peixun::test
