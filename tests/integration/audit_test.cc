// The audit log on a real database (both backends): appends inside the caller's
// transaction, the hash chain and its verification against raw-SQL tampering,
// masking of ID numbers, concurrent writers, queries and the HTTP routes.
#include <thread>
#include <vector>

#include "api/router.h"
#include "modules/audit/audit_log.h"
#include "modules/audit/audit_query.h"
#include "modules/audit/audit_record.h"
#include "modules/audit/audit_routes.h"
#include "modules/audit/audit_verify.h"
#include "modules/schema.h"
#include "store/migration.h"
#include "test_db.h"

namespace peixun::test {
namespace {

using nlohmann::json;

constexpr char kClearId[] = "110105198001010016";
constexpr char kClearId2[] = "110105199003070025";

class AuditTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    ASSERT_TRUE(store::Migrate(db(), modules::AllMigrations()).ok());
  }

  void Append(const audit::AuditEntry& e, const Actor& actor = Actor{7, "admin", "10.0.0.7"}) {
    Status st = db().Transact([&](store::Tx& tx) { return audit::AppendIn(tx, actor, e); });
    ASSERT_TRUE(st.ok()) << st.error().message;
  }

  // Five entries of varied shape: null before/after, no entity id, non-ASCII text.
  void AppendFive() {
    Append({"people.create", "person", 1, nullptr, {{"name", "张三"}, {"unit_id", 3}}});
    Append({"people.update", "person", 1, {{"name", "张三"}}, {{"name", "张三丰"}}});
    Append({"org.move", "unit", 3, {{"parent_id", nullptr}}, {{"parent_id", 2}}}, Actor::Cli());
    Append({"people.import", "person", std::nullopt, nullptr, {{"imported", 120}}});
    Append(
        {"people.delete", "person", 1, {{"name", "张三丰"}, {"tags", {"书记", "委员"}}}, nullptr});
  }

  void RawExec(const std::string& sql, const std::vector<store::Value>& params = {}) {
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(tx.Exec(sql, params));
      return Ok();
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
  }

  audit::VerifyReport Verify(int64_t page_size = audit::kVerifyPageSize) {
    auto report = audit::VerifyChain(db(), page_size);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : audit::VerifyReport{};
  }

  std::vector<audit::AuditRecord> All() {
    audit::AuditQuery q;
    q.limit = audit::kMaxQueryLimit;
    auto page = audit::ListEntries(db(), q);
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? page->items : std::vector<audit::AuditRecord>{};
  }
};

TEST_F(AuditTest, EmptyLogIsIntact) {
  audit::VerifyReport r = Verify();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.entries, 0);
  EXPECT_EQ(r.last_hash, audit::kGenesisHash);
}

TEST_F(AuditTest, AppendedEntriesFormAVerifiableChain) {
  AppendFive();
  std::vector<audit::AuditRecord> all = All();  // newest first
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all.back().id, 1);
  EXPECT_EQ(all.back().prev_hash, audit::kGenesisHash);
  for (size_t i = 0; i + 1 < all.size(); ++i) {
    EXPECT_EQ(all[i].id, all[i + 1].id + 1);
    EXPECT_EQ(all[i].prev_hash, all[i + 1].hash);
  }
  const audit::AuditRecord& move = all[2];
  EXPECT_EQ(move.action, "org.move");
  EXPECT_EQ(move.actor_user_id, 0);
  EXPECT_EQ(move.actor_name, "cli");
  EXPECT_EQ(move.remote_address, "");
  EXPECT_EQ(all[1].entity_id, std::nullopt);
  EXPECT_EQ(all[1].before_json, std::nullopt);
  EXPECT_EQ(all[0].after_json, std::nullopt);
  EXPECT_EQ(all[0].actor_name, "admin");
  EXPECT_EQ(all[0].remote_address, "10.0.0.7");
  EXPECT_EQ(audit::ParseStoredJson(all[0].before_json)["tags"][1], "委员");

  for (int64_t page_size : {audit::kVerifyPageSize, int64_t{1}, int64_t{2}, int64_t{5}}) {
    audit::VerifyReport r = Verify(page_size);
    EXPECT_TRUE(r.ok) << page_size << ": " << r.message_en;
    EXPECT_EQ(r.entries, 5) << page_size;
    EXPECT_EQ(r.last_hash, all[0].hash);
  }
}

TEST_F(AuditTest, EditedEntryIsReported) {
  AppendFive();
  RawExec("UPDATE audit_log SET after_json = ? WHERE id = 3", {store::Text(R"({"parent_id":9})")});
  audit::VerifyReport r = Verify(2);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 3);
  EXPECT_EQ(r.reason, audit::kReasonEdited);
  EXPECT_EQ(r.entries, 2);
}

TEST_F(AuditTest, EditedMetadataIsReported) {
  AppendFive();
  RawExec("UPDATE audit_log SET actor_name = 'someone', at = at + 1 WHERE id = 2");
  audit::VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 2);
  EXPECT_EQ(r.reason, audit::kReasonEdited);
}

TEST_F(AuditTest, EditedAndRehashedEntryBreaksTheNextLink) {
  AppendFive();
  audit::AuditRecord third = All()[2];
  ASSERT_EQ(third.id, 3);
  third.after_json = R"({"parent_id":9})";
  RawExec("UPDATE audit_log SET after_json = ?, hash = ? WHERE id = 3",
          {store::Text(*third.after_json), store::Text(audit::ComputeHash(third))});
  audit::VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 4);
  EXPECT_EQ(r.reason, audit::kReasonDeleted);
  EXPECT_EQ(r.entries, 3);
}

TEST_F(AuditTest, DeletedMiddleEntryIsReported) {
  AppendFive();
  RawExec("DELETE FROM audit_log WHERE id = 3");
  for (int64_t page_size : {audit::kVerifyPageSize, int64_t{2}, int64_t{3}}) {
    audit::VerifyReport r = Verify(page_size);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, 4) << page_size;
    EXPECT_EQ(r.reason, audit::kReasonDeleted);
    EXPECT_EQ(r.entries, 2);
    EXPECT_NE(r.message_en.find("3"), std::string::npos) << r.message_en;
  }
}

TEST_F(AuditTest, DeletedFirstEntryIsReported) {
  AppendFive();
  RawExec("DELETE FROM audit_log WHERE id = 1");
  audit::VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 2);
  EXPECT_EQ(r.reason, audit::kReasonDeleted);
  EXPECT_EQ(r.entries, 0);
}

TEST_F(AuditTest, DeletedAndRenumberedEntryIsReported) {
  AppendFive();
  RawExec("DELETE FROM audit_log WHERE id = 3");
  RawExec("UPDATE audit_log SET id = 3 WHERE id = 4");
  audit::VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 3);
}

TEST_F(AuditTest, RolledBackAppendLeavesNoTrace) {
  Append({"people.create", "person", 1, nullptr, {{"name", "甲"}}});
  Status st = db().Transact([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::System(), {"people.update", "person", 1, nullptr, nullptr}));
    return Conflict("test.rollback", "回滚", "roll back");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(All().size(), 1u);
  Append({"people.delete", "person", 1, nullptr, nullptr});
  std::vector<audit::AuditRecord> all = All();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, 2);  // no gap where the rolled-back entry was
  EXPECT_EQ(all[0].action, "people.delete");
  audit::VerifyReport r = Verify();
  EXPECT_TRUE(r.ok) << r.message_en;
  EXPECT_EQ(r.entries, 2);
}

TEST_F(AuditTest, IdNumbersAreNeverStoredInClear) {
  json person = {{"name", "张三"},
                 {"id_number", kClearId},
                 {"spouse", {{"id_number", kClearId2}, {"name", "李四"}}},
                 {"children", json::array({{{"id_number", kClearId2}}})},
                 {"id_number_masked", "1*************0016"}};
  json after = person;
  after["history"] = {{"previous", {{"id_number", kClearId}}}};
  Append({"people.update", "person", 1, person, after});

  Status st = db().Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                            tx.Query("SELECT before_json, after_json FROM audit_log"));
    EXPECT_EQ(rows.size(), 1u);
    for (const store::Row& row : rows) {
      for (size_t i = 0; i < 2; ++i) {
        const std::string text = row.Str(i);
        EXPECT_EQ(text.find(kClearId), std::string::npos) << text;
        EXPECT_EQ(text.find(kClearId2), std::string::npos) << text;
        EXPECT_EQ(text.find("198001"), std::string::npos) << text;  // no birth date either
      }
      json before = json::parse(row.Str(0));
      EXPECT_EQ(before["id_number"], "1*************0016");
      EXPECT_EQ(before["spouse"]["id_number"], "1*************0025");
      EXPECT_EQ(before["children"][0]["id_number"], "1*************0025");
      EXPECT_EQ(before["spouse"]["name"], "李四");
      json stored_after = json::parse(row.Str(1));
      EXPECT_EQ(stored_after["history"]["previous"]["id_number"], "1*************0016");
    }
    return Ok();
  });
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_TRUE(Verify().ok);
}

TEST_F(AuditTest, ConcurrentAppendsFromEightThreadsKeepOneChain) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Actor actor{t + 1, "user" + std::to_string(t), ""};
        Status st = db().Transact([&](store::Tx& tx) {
          return audit::AppendIn(
              tx, actor, {"people.update", "person", t * 1000 + i, {{"i", i}}, {{"i", i + 1}}});
        });
        if (!st.ok()) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
  audit::VerifyReport r = Verify(7);
  EXPECT_TRUE(r.ok) << r.message_en;
  EXPECT_EQ(r.entries, kThreads * kPerThread);
}

TEST_F(AuditTest, QueryFiltersAndPagesNewestFirst) {
  AppendFive();
  Append({"people.reveal_id_number", "person", 2, nullptr, nullptr}, Actor{9, "organizer", ""});
  Append({"peoplex.other", "thing", 2, nullptr, nullptr});

  auto ids = [&](audit::AuditQuery q) {
    std::vector<int64_t> out;
    auto page = audit::ListEntries(db(), q);
    EXPECT_TRUE(page.ok()) << page.error().message;
    if (page.ok())
      for (const auto& r : page->items) out.push_back(r.id);
    return out;
  };
  audit::AuditQuery q;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{7, 6, 5, 4, 3, 2, 1}));
  q.entity = "person";
  EXPECT_EQ(ids(q), (std::vector<int64_t>{6, 5, 4, 2, 1}));
  q.entity_id = 1;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{5, 2, 1}));
  q = {};
  q.action_prefix = "people.";
  EXPECT_EQ(ids(q), (std::vector<int64_t>{6, 5, 4, 2, 1}));
  q.action_prefix = "people.update";
  EXPECT_EQ(ids(q), (std::vector<int64_t>{2}));
  q.action_prefix = "people";
  EXPECT_EQ(ids(q).size(), 6u);
  q = {};
  q.actor = "cli";
  EXPECT_EQ(ids(q), (std::vector<int64_t>{3}));
  q = {};
  q.actor_user_id = 9;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{6}));
  q = {};
  q.limit = 2;
  q.offset = 2;
  auto page = audit::ListEntries(db(), q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 7);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, 5);

  q = {};
  q.action_prefix = "人员";
  auto bad = audit::ListEntries(db(), q);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "audit.query");
  q = {};
  q.limit = 0;
  EXPECT_FALSE(audit::ListEntries(db(), q).ok());
}

TEST_F(AuditTest, EmptyActionIsRefused) {
  Status st = db().Transact([&](store::Tx& tx) {
    return audit::AppendIn(tx, Actor::System(), {"", "person", 1, nullptr, nullptr});
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "audit.entry");
}

class AuditRoutesTest : public AuditTest {
 protected:
  Result<api::Response> Call(const std::string& path,
                             std::multimap<std::string, std::string> query = {}) {
    api::Request request;
    request.method = api::Method::kGet;
    request.path = path;
    request.query = std::move(query);
    api::Router::Match match = router_.Find(api::Method::kGet, path, &request.path_params);
    EXPECT_NE(match.route, nullptr) << path;
    if (!match.route) return Internal("test", "no route");
    EXPECT_TRUE(match.route->access.Allows(Role::kAdmin));
    EXPECT_FALSE(match.route->access.Allows(Role::kOrganizer));
    EXPECT_FALSE(match.route->access.is_public);
    EXPECT_EQ(match.route->doc["tags"], json::array({"audit"}));
    Principal admin;
    admin.user_id = 1;
    admin.username = "admin";
    admin.role = Role::kAdmin;
    api::Call call{request, &admin, lang_};
    return match.route->handler(call);
  }

  api::Router router_;
  std::string lang_ = "en";
};

TEST_F(AuditRoutesTest, ListAndVerifyFollowTheContract) {
  audit::RegisterAuditRoutes(router_, db());
  AppendFive();

  auto list = Call("/api/v1/audit", {{"page", "1"}, {"page_size", "2"}, {"entity", "person"}});
  ASSERT_TRUE(list.ok()) << list.error().message;
  json body = json::parse(list->body);
  EXPECT_EQ(body["total"], 4);
  EXPECT_EQ(body["page"], 1);
  EXPECT_EQ(body["page_size"], 2);
  ASSERT_EQ(body["items"].size(), 2u);
  const json& newest = body["items"][0];
  for (const char* key :
       {"id", "at", "actor", "action", "entity", "entity_id", "before", "after"}) {
    EXPECT_TRUE(newest.contains(key)) << key;
  }
  EXPECT_EQ(newest["id"], 5);
  EXPECT_EQ(newest["action"], "people.delete");
  EXPECT_EQ(newest["actor"], "admin");
  EXPECT_EQ(newest["after"], nullptr);
  EXPECT_EQ(newest["before"]["name"], "张三丰");
  EXPECT_EQ(body["items"][1]["entity_id"], nullptr);

  auto filtered = Call("/api/v1/audit", {{"action", "org."}});
  ASSERT_TRUE(filtered.ok());
  EXPECT_EQ(json::parse(filtered->body)["total"], 1);
  EXPECT_FALSE(Call("/api/v1/audit", {{"entity_id", "x"}}).ok());

  auto ok = Call("/api/v1/audit/verify");
  ASSERT_TRUE(ok.ok());
  json verified = json::parse(ok->body);
  EXPECT_EQ(verified["ok"], true);
  EXPECT_EQ(verified["entries"], 5);

  RawExec("DELETE FROM audit_log WHERE id = 2");
  auto broken = Call("/api/v1/audit/verify");
  ASSERT_TRUE(broken.ok());
  json report = json::parse(broken->body);
  EXPECT_EQ(report["ok"], false);
  EXPECT_EQ(report["first_bad_id"], 3);
  EXPECT_EQ(report["reason"], "deleted");
  EXPECT_TRUE(report.contains("message"));
}

}  // namespace
}  // namespace peixun::test
