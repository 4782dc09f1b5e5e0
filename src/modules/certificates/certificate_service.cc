// CertificateService's construction and the SHA-256 of a PDF; the entry points
// are in certificate_{templates,issue,batch,revoke,downloads,open_badge,verify}.cc.
#include "modules/certificates/certificate_service.h"

#include <sodium.h>

#include <utility>

#include "core/clock.h"

namespace peixun::certificates {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

CertificateService::CertificateService(store::Store& store, Clock now_ms, int lookups_per_minute)
    : store_(store),
      now_ms_(now_ms ? std::move(now_ms) : Clock([] { return NowMillis(); })),
      lookups_per_minute_(lookups_per_minute) {}

CertificateService::~CertificateService() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
}

}  // namespace peixun::certificates
