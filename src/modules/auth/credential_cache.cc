#include "modules/auth/internal/credential_cache.h"

#include <algorithm>

namespace peixun::auth {
namespace {

std::atomic<uint64_t> g_epoch{1};

}  // namespace

uint64_t CredentialCache::Epoch() { return g_epoch.load(std::memory_order_acquire); }

void NoteCredentialChange() { g_epoch.fetch_add(1, std::memory_order_acq_rel); }

std::optional<Principal> CredentialCache::Find(const std::string& key, int64_t now_ms) {
  const uint64_t epoch = Epoch();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.epoch != epoch || now_ms >= it->second.valid_until_ms) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.principal;
}

void CredentialCache::Put(const std::string& key, const Principal& principal, int64_t now_ms,
                          int64_t valid_until_ms, uint64_t epoch) {
  Entry e{principal, std::min(valid_until_ms, now_ms + kFreshMs), epoch};
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = std::move(e);
}

}  // namespace peixun::auth
