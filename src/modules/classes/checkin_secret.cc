#include "modules/classes/checkin_secret.h"

#include <sodium.h>

#include "modules/classes/internal/checkin_secret_box.h"

namespace peixun::classes {
namespace {

constexpr size_t kCheckinSecretBytes = 32;

}  // namespace

std::string NewCheckinSecret() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  unsigned char raw[kCheckinSecretBytes];
  randombytes_buf(raw, sizeof raw);
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_encoded_len(sizeof raw, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw, sizeof raw, variant);
  sodium_memzero(raw, sizeof raw);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string SealCheckinSecret(const crypto::DataKey& key, std::string_view secret) {
  return kSealedSecretPrefix + key.Encrypt(secret);
}

bool IsSealedCheckinSecret(std::string_view stored) {
  return stored.rfind(kSealedSecretPrefix, 0) == 0;
}

Result<std::string> OpenCheckinSecret(const crypto::DataKey& key, std::string_view stored) {
  if (!IsSealedCheckinSecret(stored)) {
    return Internal("classes.checkin_secret.unsealed",
                    "a check-in secret is still stored in clear: run `peixun init`");
  }
  return key.Decrypt(stored.substr(sizeof kSealedSecretPrefix - 1));
}

Result<int> SealCheckinSecrets(store::Store& store, const crypto::DataKey& key) {
  return store::TransactValue<int>(store, [&](store::Tx& tx) -> Result<int> {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT id, checkin_secret FROM training_classes WHERE checkin_secret NOT LIKE ?",
                 {store::Text(std::string(kSealedSecretPrefix) + "%")}));
    for (const auto& r : rows) {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("UPDATE training_classes SET checkin_secret = ? WHERE id = ?",
                  {store::Text(SealCheckinSecret(key, r.Str(1))), store::Int(r.Int(0))}));
    }
    return static_cast<int>(rows.size());
  });
}

}  // namespace peixun::classes
