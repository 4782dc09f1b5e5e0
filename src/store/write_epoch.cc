#include "store/write_epoch.h"

#include <atomic>
#include <utility>

namespace peixun::store {
namespace {

std::atomic<uint64_t> g_epoch{1};
// Set by MarkTransactionQuiet inside the callback; Transact runs its callback on the
// calling thread.
thread_local bool t_quiet = false;

class CountingStore : public Store {
 public:
  explicit CountingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

  Dialect dialect() const override { return inner_->dialect(); }
  std::string DisplayUrl() const override { return inner_->DisplayUrl(); }
  Status Transact(const std::function<Status(Tx&)>& fn) override {
    const bool outer_quiet = t_quiet;  // a Transact nested in another's callback
    Status st = inner_->Transact([&](Tx& tx) -> Status {
      t_quiet = false;  // afresh on each try
      return fn(tx);
    });
    const bool quiet = t_quiet;
    t_quiet = outer_quiet;
    // After the commit: a cache that reads the epoch now reads the committed rows.
    if (st && !quiet) g_epoch.fetch_add(1, std::memory_order_acq_rel);
    return st;
  }
  Status Read(const std::function<Status(Tx&)>& fn) override { return inner_->Read(fn); }
  Status CheckIntegrity() override { return inner_->CheckIntegrity(); }
  Status Notify(const std::string& channel, const std::string& payload) override {
    return inner_->Notify(channel, payload);
  }
  Result<std::unique_ptr<Subscription>> Listen(const std::string& channel,
                                               NotifyCallback callback) override {
    return inner_->Listen(channel, std::move(callback));
  }

 private:
  std::unique_ptr<Store> inner_;
};

}  // namespace

uint64_t WriteEpoch() { return g_epoch.load(std::memory_order_acquire); }

void MarkTransactionQuiet() { t_quiet = true; }

std::unique_ptr<Store> CountingWrites(std::unique_ptr<Store> inner) {
  return std::make_unique<CountingStore>(std::move(inner));
}

}  // namespace peixun::store
