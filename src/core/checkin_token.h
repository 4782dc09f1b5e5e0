// Rotating check-in QR tokens (DESIGN.md "Check-in by rotating QR"): the projector
// page shows a code that changes every period (default 20 s); the server accepts
// the current and the previous window, so a photo forwarded to an absent colleague
// goes stale within a minute.
//
// Token format (version 1): base64url without padding of 34 bytes
//   [0]      version, 0x01
//   [1..8]   session id, int64 big-endian         (in clear)
//   [9]      direction, 'i' check-in / 'o' check-out  (in clear)
//   [10..17] window, int64 big-endian              (in clear)
//   [18..33] HMAC-SHA256 under the class secret over "peixun.checkin.v1" followed by
//            bytes [0..17], truncated to its first 16 bytes
// = 46 characters of [A-Za-z0-9_-]. Because the fields are in clear and covered by
// the MAC, a genuine token for another session, direction or window of the same
// class is recognised as such; a token minted under another class's secret (or
// altered) is "forged".
//
// Pure and thread-safe (libsodium is initialised once, thread-safely, on first use).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/checkin_direction.h"
#include "core/result.h"

namespace peixun::core {

// The default rotation period, in seconds.
inline constexpr int kCheckinTokenPeriodSeconds = 20;

// The window containing now_ms: floor(now_ms / (period_s × 1000)); negative instants
// floor too. A period_s < 1 is treated as 1.
int64_t WindowOf(int64_t now_ms, int period_s = kCheckinTokenPeriodSeconds);

// The token for (session, direction, window) under `secret` (the class's check-in
// secret, any length; give it at least 32 random bytes). Deterministic.
std::string MakeCheckinToken(std::string_view secret, int64_t session_id, CheckinDirection dir,
                             int64_t window);

// Stable codes of TokenCheck::code.
inline constexpr const char kTokenExpired[] = "checkin.token.expired";
inline constexpr const char kTokenNotYetValid[] = "checkin.token.not_yet_valid";
inline constexpr const char kTokenWrongSession[] = "checkin.token.wrong_session";
inline constexpr const char kTokenWrongDirection[] = "checkin.token.wrong_direction";
inline constexpr const char kTokenForged[] = "checkin.token.forged";

// The verdict on a scanned token. ToStatus() gives a refusal as an Error of kind
// kInvalid with `code` and the zh/en messages ("二维码已过期，请扫描屏幕上的最新二维码").
struct TokenCheck {
  enum class Outcome {
    kOk,              // current or previous window, this session, this direction
    kExpired,         // genuine, but for a window older than the previous one
    kNotYetValid,     // genuine, but for a window after the current one (clock skew)
    kWrongSession,    // genuine, but for another session of the class
    kWrongDirection,  // genuine, but a check-out code used to check in, or the reverse
    kForged,          // not decodable, wrong length/version, or the MAC does not match
  };
  Outcome outcome = Outcome::kForged;
  const char* code = kTokenForged;  // "" when ok
  std::string message_zh;           // "" when ok
  std::string message_en;
  // The fields the token carries, set unless kForged.
  int64_t token_session_id = 0;
  int64_t token_window = 0;

  bool ok() const { return outcome == Outcome::kOk; }
  explicit operator bool() const { return ok(); }
  Status ToStatus() const;
};

// The fields a token carries in clear.
struct CheckinTokenFields {
  int64_t session_id = 0;
  CheckinDirection direction = CheckinDirection::kIn;
  int64_t window = 0;
};

// The fields of a token shaped like version 1 (length, alphabet, version byte,
// direction byte), WITHOUT checking its MAC: for a scan that names no session,
// to know whose secret to verify it under. Nothing read here may be trusted
// before VerifyCheckinToken says ok. nullopt for anything else (empty, overlong,
// not base64url, wrong length or version, an unknown direction byte).
std::optional<CheckinTokenFields> PeekCheckinToken(std::string_view token);

// The refusal of a token that is not one (outcome kForged, with its messages),
// for a caller that refuses before it can verify (PeekCheckinToken said nullopt).
TokenCheck ForgedCheckinToken();

// Checks `token` for a scan of `session_id`, `dir` at now_ms. Decides in this order:
// forged (MAC compared in constant time with sodium_memcmp) → wrong session → wrong
// direction → window: WindowOf(now_ms, period_s) or the one before is ok; older is
// expired; newer is not yet valid.
TokenCheck VerifyCheckinToken(std::string_view secret, int64_t session_id, CheckinDirection dir,
                              std::string_view token, int64_t now_ms,
                              int period_s = kCheckinTokenPeriodSeconds);

}  // namespace peixun::core
