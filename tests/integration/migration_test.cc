#include <set>

#include "modules/schema.h"
#include "store/migration.h"
#include "test_db.h"

namespace peixun::test {
namespace {

class MigrationTest : public DbTest {};

TEST_F(MigrationTest, MigrateCreatesCurrentSchemaAndIsIdempotent) {
  auto all = modules::AllMigrations();
  EXPECT_EQ(store::SchemaVersion(db()).value(), 0);
  EXPECT_FALSE(store::CheckSchema(db(), all).ok());
  ASSERT_TRUE(store::Migrate(db(), all).ok());
  const int top = store::SchemaVersion(db()).value();
  EXPECT_GE(top, 3);
  EXPECT_TRUE(store::CheckSchema(db(), all).ok());
  ASSERT_TRUE(store::Migrate(db(), all).ok());
  EXPECT_EQ(store::SchemaVersion(db()).value(), top);
}

TEST_F(MigrationTest, VersionsAreUniqueAndIncreasing) {
  auto all = modules::AllMigrations();
  std::set<int> seen;
  for (const auto& m : all) EXPECT_TRUE(seen.insert(m.version).second) << m.version;
  EXPECT_EQ(*seen.begin(), 1);
}

TEST_F(MigrationTest, UpgradeAppliesOnlyNewerMigrations) {
  auto all = modules::AllMigrations();
  std::vector<store::Migration> older(all.begin(), all.end() - 1);
  ASSERT_TRUE(store::Migrate(db(), older).ok());
  auto outdated = store::CheckSchema(db(), all);
  ASSERT_FALSE(outdated.ok());
  EXPECT_EQ(outdated.error().code, "store.schema_outdated");
  ASSERT_TRUE(store::Migrate(db(), all).ok());
  EXPECT_TRUE(store::CheckSchema(db(), all).ok());
}

TEST_F(MigrationTest, DatabaseFromNewerPeixunIsRefusedClearly) {
  auto all = modules::AllMigrations();
  auto newer = all;
  newer.push_back({999, "from_the_future", "CREATE TABLE future_things (id @ID@);"});
  ASSERT_TRUE(store::Migrate(db(), newer).ok());
  auto check = store::CheckSchema(db(), all);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().code, "store.schema_too_new");
  EXPECT_NE(check.error().message.find("999"), std::string::npos);
  auto migrate = store::Migrate(db(), all);
  ASSERT_FALSE(migrate.ok());
  EXPECT_EQ(migrate.error().code, "store.schema_too_new");
}

TEST_F(MigrationTest, MigrationNumberedBelowTheHighestIsStillApplied) {
  auto all = modules::AllMigrations();
  // Apply everything but migration 1, then the full list: 1 must be applied then.
  std::vector<store::Migration> partial;
  for (const auto& m : all)
    if (m.version != 1) partial.push_back(m);
  store::Migration settings = all.front();
  ASSERT_EQ(settings.version, 1);
  ASSERT_TRUE(store::Migrate(db(), partial).ok());
  EXPECT_FALSE(store::CheckSchema(db(), all).ok());
  ASSERT_TRUE(store::Migrate(db(), all).ok());
  EXPECT_TRUE(store::CheckSchema(db(), all).ok());
}

TEST_F(MigrationTest, FailingMigrationLeavesSchemaUntouched) {
  auto all = modules::AllMigrations();
  ASSERT_TRUE(store::Migrate(db(), all).ok());
  const int top = store::SchemaVersion(db()).value();
  auto broken = all;
  broken.push_back({top + 1, "good_part", "CREATE TABLE half_done (id @ID@);"});
  broken.push_back({top + 2, "bad_part", "CREATE TABLE oops (id @ID@,, );"});
  EXPECT_FALSE(store::Migrate(db(), broken).ok());
  EXPECT_EQ(store::SchemaVersion(db()).value(), top);
  // The good part before the bad one was rolled back with it.
  auto probe = db().Read([](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Query("SELECT count(*) FROM half_done"));
    return Ok();
  });
  EXPECT_FALSE(probe.ok());
}

}  // namespace
}  // namespace peixun::test
