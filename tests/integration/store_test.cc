// The Store contract (store/store.h), run on both backends: whatever passes here
// holds for SQLite and PostgreSQL alike, so modules may rely on it.
#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/admin.h"
#include "store/key_lock.h"
#include "store/migration.h"
#include "store/store.h"
#include "test_db.h"

namespace peixun::store {
namespace {

class StoreTest : public test::DbTest {
 protected:
  // Runs `ddl` (with the tokens of store/migration.h) in its own transaction.
  void CreateTables(const std::string& ddl) {
    Status st =
        db().Transact([&](Tx& tx) { return tx.ExecScript(TranslateDdl(db().dialect(), ddl)); });
    ASSERT_TRUE(st) << st.error().message_en;
  }

  int64_t CountRows(const std::string& table) {
    Result<int64_t> n = ReadValue<int64_t>(db(), [&](Tx& tx) -> Result<int64_t> {
      PEIXUN_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT COUNT(*) FROM " + table));
      return rows[0].Int(0);
    });
    EXPECT_TRUE(n) << n.error().message_en;
    return n ? *n : -1;
  }

  static constexpr char kItemsDdl[] =
      "CREATE TABLE item (id @ID@, name TEXT, n BIGINT, x DOUBLE PRECISION);";
};

TEST_F(StoreTest, QueryAndExecBindQuestionMarksOutsideLiteralsAndComments) {
  CreateTables(kItemsDdl);
  Result<int64_t> inserted = TransactValue<int64_t>(db(), [](Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(
        int64_t a, tx.Exec("INSERT INTO item (name, n) VALUES (?, ?)", {Text("why?"), Int(1)}));
    PEIXUN_ASSIGN_OR_RETURN(
        int64_t b, tx.Exec("INSERT INTO item (name, n) VALUES (?, ?)", {Text("plain"), Int(2)}));
    return a + b;
  });
  ASSERT_TRUE(inserted) << inserted.error().message_en;
  EXPECT_EQ(*inserted, 2);

  Result<Rows> rows = ReadValue<Rows>(db(), [](Tx& tx) {
    return tx.Query(
        "SELECT name AS \"is it?\", 'it''s ?' AS literal, ? AS bound -- a ? in a comment\n"
        "FROM item WHERE name = ? AND n = ?",
        {Text("b?"), Text("why?"), Int(1)});
  });
  ASSERT_TRUE(rows) << rows.error().message_en;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->columns, (std::vector<std::string>{"is it?", "literal", "bound"}));
  EXPECT_EQ((*rows)[0].Str(0), "why?");
  EXPECT_EQ((*rows)[0].Str(1), "it's ?");
  EXPECT_EQ((*rows)[0].Str(2), "b?");

  Result<int64_t> changed = TransactValue<int64_t>(
      db(), [](Tx& tx) { return tx.Exec("UPDATE item SET n = n + ? WHERE n > 0", {Int(10)}); });
  ASSERT_TRUE(changed) << changed.error().message_en;
  EXPECT_EQ(*changed, 2);
}

TEST_F(StoreTest, WrongParameterCountIsAnError) {
  CreateTables(kItemsDdl);
  Status st = db().Transact([](Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO item (name, n) VALUES (?, ?)", {Text("a")}));
    return Ok();
  });
  EXPECT_FALSE(st);
  EXPECT_EQ(CountRows("item"), 0);
}

TEST_F(StoreTest, NullRoundTrips) {
  CreateTables(kItemsDdl);
  Result<Rows> rows = TransactValue<Rows>(db(), [](Tx& tx) -> Result<Rows> {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO item (name, n, x) VALUES (?, ?, ?)",
                                   {TextOrNull(""), IntOrNull(std::nullopt), Null()}));
    return tx.Query("SELECT name, n, x, NULL AS absent FROM item");
  });
  ASSERT_TRUE(rows) << rows.error().message_en;
  ASSERT_EQ(rows->size(), 1u);
  const Row& row = (*rows)[0];
  for (size_t i = 0; i < 4; ++i) EXPECT_TRUE(row.IsNull(i)) << "column " << i;
  EXPECT_EQ(row.Str(0), "");
  EXPECT_EQ(row.OptInt(1), std::nullopt);

  Result<int64_t> nulls = ReadValue<int64_t>(db(), [](Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(Rows r, tx.Query("SELECT COUNT(*) FROM item WHERE name IS NULL"));
    return r[0].Int(0);
  });
  ASSERT_TRUE(nulls);
  EXPECT_EQ(*nulls, 1);
}

TEST_F(StoreTest, Int64ExtremesAndDoublesRoundTrip) {
  CreateTables(kItemsDdl);
  const std::vector<int64_t> values = {std::numeric_limits<int64_t>::min(),
                                       std::numeric_limits<int64_t>::max(), 0, -1};
  Status st = db().Transact([&](Tx& tx) -> Status {
    for (int64_t v : values) {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO item (n, x) VALUES (?, ?)", {Int(v), Value{0.1 * 3}}));
    }
    return Ok();
  });
  ASSERT_TRUE(st) << st.error().message_en;
  for (int64_t v : values) {
    Result<Rows> rows = ReadValue<Rows>(
        db(), [&](Tx& tx) { return tx.Query("SELECT n, x FROM item WHERE n = ?", {Int(v)}); });
    ASSERT_TRUE(rows) << rows.error().message_en;
    ASSERT_EQ(rows->size(), 1u) << v;
    EXPECT_EQ((*rows)[0].Int(0), v);
    EXPECT_EQ((*rows)[0].Double(1), 0.1 * 3);  // exact: %.17g round-trips a double
  }
}

TEST_F(StoreTest, Utf8TextRoundTripsByteExact) {
  CreateTables(kItemsDdl);
  // 𠮷 is outside the BMP (4 bytes in UTF-8), 䶮 is CJK Extension A.
  const std::string text = "𠮷野家 䶮 培训班「两新」 é ' \" \\ ? \t 😀";
  Result<Rows> rows = TransactValue<Rows>(db(), [&](Tx& tx) -> Result<Rows> {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO item (name) VALUES (?)", {Text(text)}));
    return tx.Query("SELECT name, ? AS echo FROM item WHERE name = ?", {Text(text), Text(text)});
  });
  ASSERT_TRUE(rows) << rows.error().message_en;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Str(0), text);
  EXPECT_EQ((*rows)[0].Str(1), text);
}

TEST_F(StoreTest, InsertReturningGivesNewIds) {
  CreateTables(kItemsDdl);
  std::vector<int64_t> ids;
  Status st = db().Transact([&](Tx& tx) -> Status {
    for (const char* name : {"a", "b", "c"}) {
      PEIXUN_ASSIGN_OR_RETURN(
          Rows rows, tx.Query("INSERT INTO item (name) VALUES (?) RETURNING id", {Text(name)}));
      if (rows.size() != 1 || rows.columns != std::vector<std::string>{"id"}) {
        return Internal("test.returning", "RETURNING id gave no single id");
      }
      ids.push_back(rows[0].Int(0));
    }
    return Ok();
  });
  ASSERT_TRUE(st) << st.error().message_en;
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_GT(ids[0], 0);
  EXPECT_LT(ids[0], ids[1]);
  EXPECT_LT(ids[1], ids[2]);
}

TEST_F(StoreTest, UniqueViolationHasItsCode) {
  CreateTables("CREATE TABLE person (id @ID@, id_number @KEY@ NOT NULL UNIQUE);");
  auto insert = [&] {
    return db().Transact([](Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO person (id_number) VALUES (?)", {Text("11010519491231002X")}));
      return Ok();
    });
  };
  ASSERT_TRUE(insert());
  Status again = insert();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, kUniqueViolation);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(CountRows("person"), 1);
}

TEST_F(StoreTest, ForeignKeyViolationHasItsCode) {
  CreateTables(
      "CREATE TABLE unit (id @ID@, name TEXT NOT NULL);\n"
      "CREATE TABLE member (id @ID@, unit_id BIGINT NOT NULL REFERENCES unit (id));");
  Status orphan = db().Transact([](Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO member (unit_id) VALUES (?)", {Int(42)}));
    return Ok();
  });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, kForeignKeyViolation);
  EXPECT_EQ(orphan.error().kind, ErrorKind::kConflict);

  Status parent_with_child = db().Transact([](Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(
        Rows unit, tx.Query("INSERT INTO unit (name) VALUES (?) RETURNING id", {Text("街道")}));
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO member (unit_id) VALUES (?)", {Int(unit[0].Int(0))}));
    return Ok();
  });
  ASSERT_TRUE(parent_with_child) << parent_with_child.error().message_en;
  Status delete_parent = db().Transact([](Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM unit"));
    return Ok();
  });
  ASSERT_FALSE(delete_parent);
  EXPECT_EQ(delete_parent.error().code, kForeignKeyViolation);
  EXPECT_EQ(CountRows("unit"), 1);
}

TEST_F(StoreTest, ErrorFromCallbackRollsBack) {
  CreateTables(kItemsDdl);
  Status st = db().Transact([](Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO item (name) VALUES (?)", {Text("gone")}));
    return Invalid("test.refused", "拒绝", "refused");
  });
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, "test.refused");
  EXPECT_EQ(CountRows("item"), 0);
}

TEST_F(StoreTest, ExceptionFromCallbackRollsBackAndPropagates) {
  CreateTables(kItemsDdl);
  EXPECT_THROW((void)db().Transact([](Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO item (name) VALUES (?)", {Text("gone")}));
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(CountRows("item"), 0);
  // The connection went back to the pool in a usable state.
  Status after = db().Transact([](Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO item (name) VALUES (?)", {Text("kept")}));
    return Ok();
  });
  ASSERT_TRUE(after) << after.error().message_en;
  EXPECT_EQ(CountRows("item"), 1);
}

TEST_F(StoreTest, ReadCannotWrite) {
  CreateTables(kItemsDdl);
  Status st = db().Read([](Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO item (name) VALUES (?)", {Text("nope")}));
    return Ok();
  });
  EXPECT_FALSE(st);
  EXPECT_EQ(CountRows("item"), 0);
}

TEST_F(StoreTest, ExecScriptRunsSeveralStatements) {
  Status st = db().Transact([&](Tx& tx) {
    return tx.ExecScript(TranslateDdl(tx.dialect(),
                                      "CREATE TABLE a (id @ID@, k @KEY@);\n"
                                      "INSERT INTO a (k) VALUES ('x');\n"
                                      "INSERT INTO a (k) VALUES ('y');\n"));
  });
  ASSERT_TRUE(st) << st.error().message_en;
  EXPECT_EQ(CountRows("a"), 2);
}

// Writers run concurrently on PostgreSQL (no global lock): a read-then-write keeps
// every increment when it reads the row it owns with ForUpdate (key_lock.h).
TEST_F(StoreTest, ConcurrentReadModifyWritesUnderARowLockLoseNothing) {
  CreateTables("CREATE TABLE counter (id @ID@, n BIGINT NOT NULL);");
  ASSERT_TRUE(db().Transact([](Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO counter (n) VALUES (0)"));
    return Ok();
  }));
  constexpr int kThreads = 8;
  constexpr int kIncrements = 100;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        // Read, then write what was read plus one: only writers serialized on the
        // row keep every increment.
        Status st = db().Transact([](Tx& tx) -> Status {
          PEIXUN_ASSIGN_OR_RETURN(Rows rows,
                                  tx.Query("SELECT n FROM counter" + std::string(ForUpdate(tx))));
          PEIXUN_RETURN_IF_ERROR(tx.Exec("UPDATE counter SET n = ?", {Int(rows[0].Int(0) + 1)}));
          return Ok();
        });
        if (!st) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  Result<int64_t> n = ReadValue<int64_t>(db(), [](Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT n FROM counter"));
    return rows[0].Int(0);
  });
  ASSERT_TRUE(n) << n.error().message_en;
  EXPECT_EQ(*n, kThreads * kIncrements);
}

TEST_F(StoreTest, IntegrityCheckPassesAndUrlHidesPassword) {
  EXPECT_TRUE(db().CheckIntegrity());
  EXPECT_EQ(db().DisplayUrl().find("password"), std::string::npos);
}

TEST(StoreAdminTest, WithDatabaseSwapsOnlyTheDatabaseName) {
  EXPECT_EQ(WithDatabase("postgresql://postgres@127.0.0.1:5432/postgres", "peixun_t_1"),
            "postgresql://postgres@127.0.0.1:5432/peixun_t_1");
  EXPECT_EQ(WithDatabase("postgresql://u:p%2Fw@db.example:5433/old?sslmode=disable", "new"),
            "postgresql://u:p%2Fw@db.example:5433/new?sslmode=disable");
  EXPECT_EQ(WithDatabase("postgres://localhost", "x"), "postgres://localhost/x");
  EXPECT_EQ(WithDatabase("postgresql://[::1]:5432?connect_timeout=3", "x"),
            "postgresql://[::1]:5432/x?connect_timeout=3");
}

}  // namespace
}  // namespace peixun::store
