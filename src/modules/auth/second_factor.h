// The second factor: TOTP (crypto/totp.h: RFC 6238, SHA-1, 30 s, 6 digits) with ten
// one-time recovery codes.
//
// Enrollment: Begin makes a fresh 160-bit secret, stored sealed with the data key
// (crypto/data_key.h, like ID numbers) and unconfirmed, and hands it back once as an
// otpauth:// URI and a QR image; Confirm takes a first code from the app, marks the
// secret confirmed and makes the recovery codes (shown once, stored as keyed
// fingerprints, so a copy of the database without the key file cannot use them).
//
// Checking a code: six digits are a TOTP code, accepted for the current step or
// one either side (clock drift), and only for a step newer than the last one
// accepted for this user: a code seen once (by anyone looking over a shoulder, or
// sent twice) is refused as replayed. The update is conditional (last_step < step),
// so two instances racing on one PostgreSQL accept it once. Anything else is taken
// as a recovery code, each usable once.
//
// Every function runs in the caller's transaction (the *In convention). Thread-safe:
// holds only immutable configuration.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::auth {

inline constexpr int kRecoveryCodeCount = 10;

struct TotpSetup {
  std::string secret;       // base32, for typing into an app by hand
  std::string otpauth_uri;  // what the QR code holds
  std::string qr_svg;       // inline SVG of the URI
};

struct SecondFactorState {
  bool enabled = false;  // a confirmed secret
  int recovery_codes_left = 0;
};

enum class CodeCheck { kTotp, kRecoveryCode, kWrong, kReplayed };

class SecondFactor {
 public:
  // `key` seals the secrets; without one, enrolling fails with auth.totp.no_key
  // (a server always has one; some tests do not need it).
  SecondFactor(std::optional<crypto::DataKey> key, std::string issuer,
               std::function<int64_t()> now_ms);

  Result<SecondFactorState> StateIn(store::Tx& tx, int64_t user_id) const;
  // A new unconfirmed secret for `user_id`, replacing any unconfirmed one. Conflict
  // auth.totp.enabled when a confirmed one exists (disable it first).
  Result<TotpSetup> BeginIn(store::Tx& tx, int64_t user_id, const std::string& account) const;
  // Confirms the pending secret with a first `code`; returns the recovery codes.
  // 422 auth.totp.wrong_code (field code) on a wrong code, 409 auth.totp.not_started
  // without a pending secret. Writes nothing on error: the caller rolls back.
  Result<std::vector<std::string>> ConfirmIn(store::Tx& tx, int64_t user_id,
                                             const std::string& code) const;
  // Checks a code (TOTP or recovery) against the user's confirmed secret and spends
  // it when good. kWrong also when the user has no confirmed secret.
  Result<CodeCheck> CheckIn(store::Tx& tx, int64_t user_id, const std::string& code) const;
  // New recovery codes in place of the old ones (which stop working).
  Result<std::vector<std::string>> NewRecoveryCodesIn(store::Tx& tx, int64_t user_id) const;
  // Removes the secret and the recovery codes.
  Status DisableIn(store::Tx& tx, int64_t user_id) const;

 private:
  Result<std::string> SecretIn(store::Tx& tx, int64_t user_id, bool confirmed) const;
  std::string CodeHash(const std::string& code) const;

  std::optional<crypto::DataKey> key_;
  std::string issuer_;
  std::function<int64_t()> now_ms_;
};

// Errors shared by the login and the account routes.
Error WrongCode();
Error ReplayedCode();

}  // namespace peixun::auth
