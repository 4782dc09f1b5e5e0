// The integration tests' database fixture. The integration binary runs twice
// (tests/CMakeLists.txt): with PEIXUN_TEST_DB=sqlite on a temporary SQLite file,
// and with PEIXUN_TEST_DB=postgres on a fresh database of the server named by
// PEIXUN_TEST_PG_URL (an admin URL, e.g. postgresql://postgres@127.0.0.1:55432/postgres,
// as printed by scripts/pg-test-cluster.sh). Without that URL the PostgreSQL run
// fails; it is never skipped.
//
//   class LeaveServiceTest : public peixun::test::DbTest {};
//   TEST_F(LeaveServiceTest, Works) { store::Migrate(db(), …); … }
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/store.h"

namespace peixun::test {

// "sqlite" or "postgres", from PEIXUN_TEST_DB ("sqlite" when unset). Any other
// value throws std::runtime_error.
std::string CurrentBackend();

// A new, empty database of the current backend (no schema). The database is
// deleted (SQLite: its temporary directory; PostgreSQL: DROP DATABASE … WITH
// (FORCE)) when the returned store is destroyed. Throws std::runtime_error with
// the reason when it cannot be made; inside a test gtest reports that as a failure.
// Thread-safe.
std::unique_ptr<store::Store> OpenFreshTestStore();

// A fresh database per test, opened in SetUp and deleted in TearDown.
class DbTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  store::Store& db() { return *store_; }

  std::unique_ptr<store::Store> store_;
};

}  // namespace peixun::test
