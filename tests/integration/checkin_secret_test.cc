// The classes' check-in secrets at rest (classes/checkin_secret.h), on both
// databases: the raw column (and, on SQLite, a copy of the database file) holds
// no secret in clear; a secret left in clear by an older database is sealed by
// SealCheckinSecrets and keeps its value (printed badges keep working); rotation
// through its route is for the class's managers only, audited, and changes the
// secret.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "classes_fixture.h"
#include "modules/audit/audit_query.h"
#include "modules/audit/audit_verify.h"
#include "modules/classes/checkin_secret.h"
#include "store/backup.h"

namespace peixun::test {
namespace {

class CheckinSecretTest : public ClassesTest {
 protected:
  std::string RawSecret(int64_t class_id) {
    auto raw = store::ReadValue<std::string>(db(), [&](store::Tx& tx) -> Result<std::string> {
      PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                              tx.Query("SELECT checkin_secret FROM training_classes WHERE id = ?",
                                       {store::Int(class_id)}));
      if (rows.empty()) return std::string();
      return rows[0].Str(0);
    });
    EXPECT_TRUE(raw.ok());
    return raw.ok() ? *raw : "";
  }
  std::string Secret(int64_t class_id) {
    auto secret = store::ReadValue<std::string>(db(), [&](store::Tx& tx) {
      return classes::ClassService::CheckinSecretIn(tx, key_, class_id);
    });
    EXPECT_TRUE(secret.ok()) << (secret.ok() ? "" : secret.error().code);
    return secret.ok() ? *secret : "";
  }
};

TEST_F(CheckinSecretTest, TheColumnHoldsTheSecretSealedNeverInClear) {
  const auto c = MakeClass();
  const std::string secret = Secret(c.id);
  ASSERT_EQ(secret.size(), 44u);  // base64 of 32 bytes
  const std::string raw = RawSecret(c.id);
  EXPECT_EQ(raw.rfind("sealed1:", 0), 0u) << raw;
  EXPECT_EQ(raw.find(secret), std::string::npos);
  // Another key does not open it.
  const crypto::DataKey other = crypto::DataKey::FromSeed("a stolen laptop");
  auto stolen = store::ReadValue<std::string>(
      db(), [&](store::Tx& tx) { return classes::ClassService::CheckinSecretIn(tx, other, c.id); });
  ASSERT_FALSE(stolen.ok());
  EXPECT_EQ(stolen.error().code, "crypto.decrypt");
}

TEST_F(CheckinSecretTest, ACopyOfTheSqliteFileHoldsNoSecretInClear) {
  if (CurrentBackend() != "sqlite") {
    GTEST_SKIP() << "the PostgreSQL copy is pg_dump's; the raw column test covers the value";
  }
  const auto a = MakeClass("甲班");
  const auto b = MakeClass("乙班");
  const std::string copy =
      (std::filesystem::temp_directory_path() / ("peixun-secret-copy-" + std::to_string(getpid())))
          .string();
  ASSERT_TRUE(store::BackupDatabase(db().DisplayUrl(), copy).ok()) << db().DisplayUrl();
  std::ifstream in(copy, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(copy);
  ASSERT_GT(bytes.str().size(), 4096u);
  EXPECT_NE(bytes.str().find("sealed1:"), std::string::npos);
  for (int64_t id : {a.id, b.id}) {
    EXPECT_EQ(bytes.str().find(Secret(id)), std::string::npos) << "class " << id;
  }
}

TEST_F(CheckinSecretTest, SecretsLeftInClearAreSealedWithTheirValueKept) {
  const auto c = MakeClass();
  const std::string legacy = "bGVnYWN5LXNlY3JldC1mcm9tLWJlZm9yZS0xMzctLS0=";
  // What a database from before migration 139 holds.
  ASSERT_TRUE(db().Transact([&](store::Tx& tx) -> Status {
                    PEIXUN_RETURN_IF_ERROR(
                        tx.Exec("UPDATE training_classes SET checkin_secret = ? WHERE id = ?",
                                {store::Text(legacy), store::Int(c.id)}));
                    return Ok();
                  })
                  .ok());
  auto unsealed = store::ReadValue<std::string>(
      db(), [&](store::Tx& tx) { return classes::ClassService::CheckinSecretIn(tx, key_, c.id); });
  ASSERT_FALSE(unsealed.ok());
  EXPECT_EQ(unsealed.error().code, "classes.checkin_secret.unsealed");

  auto sealed = classes::SealCheckinSecrets(db(), key_);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(*sealed, 1);
  EXPECT_EQ(RawSecret(c.id).find(legacy), std::string::npos);
  EXPECT_EQ(Secret(c.id), legacy);  // badges printed before keep working
  auto again = classes::SealCheckinSecrets(db(), key_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

TEST_F(CheckinSecretTest, RotationIsForTheClassManagersAndAudited) {
  const auto c = MakeClass();
  const std::string before = Secret(c.id);
  const auto organizer = MakeUser("rot_organizer", Role::kOrganizer);
  const auto head = MakeUser("rot_head", Role::kHeadTeacher);
  const auto other_head = MakeUser("rot_other_head", Role::kHeadTeacher);
  const auto lecturer = MakeUser("rot_lecturer", Role::kLecturer);
  ASSERT_TRUE(classes_->SetHeadTeachers(c.id, {head.user.id}).ok());
  const std::string path = "/api/v1/classes/" + std::to_string(c.id) + "/checkin-secret/rotate";

  EXPECT_EQ(Post(path, As(other_head), json::object()).status, 403);
  EXPECT_EQ(Post(path, As(lecturer), json::object()).status, 403);
  EXPECT_EQ(Secret(c.id), before);
  EXPECT_EQ(
      Post("/api/v1/classes/999999/checkin-secret/rotate", As(organizer), json::object()).status,
      404);

  auto r = Post(path, As(head), json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["class_id"], c.id);
  EXPECT_GT(Body(r)["rotated_at"].get<int64_t>(), 0);
  const std::string after_head = Secret(c.id);
  EXPECT_NE(after_head, before);
  EXPECT_EQ(RawSecret(c.id).find(after_head), std::string::npos);
  EXPECT_EQ(r.body.find(after_head), std::string::npos);  // never leaves the server

  ASSERT_EQ(Post(path, As(organizer), json::object()).status, 200);
  EXPECT_NE(Secret(c.id), after_head);

  audit::AuditQuery q;
  q.action_prefix = "classes.checkin_secret.rotate";
  auto page = audit::ListEntries(db(), q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 2);
  for (const auto& e : page->items) {
    EXPECT_EQ(e.entity_id, c.id);
    EXPECT_EQ(e.after_json.value_or("").find(before), std::string::npos);
  }
  auto chain = audit::VerifyChain(db());
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->ok);

  // An archived class keeps its secret.
  for (auto to : {classes::ClassStatus::kEnrolling, classes::ClassStatus::kRunning,
                  classes::ClassStatus::kFinished, classes::ClassStatus::kArchived}) {
    ASSERT_TRUE(classes_->ChangeStatus(c.id, to).ok());
  }
  auto archived = Post(path, As(organizer), json::object());
  EXPECT_EQ(archived.status, 409);
  EXPECT_EQ(ErrorCode(archived), "classes.archived");
}

}  // namespace
}  // namespace peixun::test
