#include "test_db.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>

#include "store/admin.h"
#include "store/open_store.h"

namespace peixun::test {
namespace {

// Deletes its database after the store on it is closed. Forwards everything else;
// a new virtual in store::Store must be forwarded here too.
class FreshStore final : public store::Store {
 public:
  FreshStore(std::unique_ptr<store::Store> inner, std::function<void()> cleanup)
      : inner_(std::move(inner)), cleanup_(std::move(cleanup)) {}
  ~FreshStore() override {
    inner_.reset();  // close every connection before the database goes
    cleanup_();
  }

  store::Dialect dialect() const override { return inner_->dialect(); }
  std::string DisplayUrl() const override { return inner_->DisplayUrl(); }
  Status Transact(const std::function<Status(store::Tx&)>& fn) override {
    return inner_->Transact(fn);
  }
  Status Read(const std::function<Status(store::Tx&)>& fn) override { return inner_->Read(fn); }
  Status CheckIntegrity() override { return inner_->CheckIntegrity(); }
  Status Notify(const std::string& channel, const std::string& payload) override {
    return inner_->Notify(channel, payload);
  }
  Result<std::unique_ptr<store::Subscription>> Listen(const std::string& channel,
                                                      store::NotifyCallback callback) override {
    return inner_->Listen(channel, std::move(callback));
  }

 private:
  std::unique_ptr<store::Store> inner_;
  std::function<void()> cleanup_;
};

[[noreturn]] void Fail(const std::string& why) { throw std::runtime_error(why); }

std::unique_ptr<store::Store> OpenOrFail(const std::string& url) {
  Result<std::unique_ptr<store::Store>> opened = store::OpenStore(url);
  if (!opened) Fail("cannot open test database " + url + ": " + opened.error().message_en);
  return std::move(opened).value();
}

std::unique_ptr<store::Store> OpenFreshSqlite() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/peixun-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) Fail("cannot create a temporary directory " + pattern);
  const std::filesystem::path dir = pattern;
  std::unique_ptr<store::Store> inner;
  try {
    inner = OpenOrFail("sqlite:" + (dir / "test.db").string());
  } catch (...) {
    std::filesystem::remove_all(dir);
    throw;
  }
  return std::make_unique<FreshStore>(std::move(inner), [dir] {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  });
}

std::unique_ptr<store::Store> OpenFreshPostgres() {
  const char* admin = std::getenv("PEIXUN_TEST_PG_URL");
  if (admin == nullptr || *admin == '\0') {
    Fail(
        "PEIXUN_TEST_DB=postgres needs PEIXUN_TEST_PG_URL, an admin URL such as "
        "postgresql://postgres@127.0.0.1:55432/postgres (scripts/pg-test-cluster.sh start "
        "DIR PORT prints one)");
  }
  static std::atomic<int> counter{0};
  const std::string admin_url = admin;
  const std::string name = "peixun_t_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  if (Status created = store::CreateDatabase(admin_url, name); !created) {
    Fail("cannot create test database " + name + ": " + created.error().message_en);
  }
  std::unique_ptr<store::Store> inner;
  try {
    inner = OpenOrFail(store::WithDatabase(admin_url, name));
  } catch (...) {
    (void)store::DropDatabase(admin_url, name);
    throw;
  }
  return std::make_unique<FreshStore>(std::move(inner), [admin_url, name] {
    if (Status dropped = store::DropDatabase(admin_url, name); !dropped) {
      std::cerr << "warning: cannot drop test database " << name << ": "
                << dropped.error().message_en << "\n";
    }
  });
}

}  // namespace

std::string CurrentBackend() {
  const char* env = std::getenv("PEIXUN_TEST_DB");
  const std::string backend = env && *env ? env : "sqlite";
  if (backend != "sqlite" && backend != "postgres") {
    Fail("PEIXUN_TEST_DB must be sqlite or postgres, not " + backend);
  }
  return backend;
}

std::unique_ptr<store::Store> OpenFreshTestStore() {
  return CurrentBackend() == "postgres" ? OpenFreshPostgres() : OpenFreshSqlite();
}

void DbTest::SetUp() { store_ = OpenFreshTestStore(); }

void DbTest::TearDown() { store_.reset(); }

}  // namespace peixun::test
