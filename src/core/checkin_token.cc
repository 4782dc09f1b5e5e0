#include "core/checkin_token.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

namespace peixun::core {
namespace {

constexpr unsigned char kVersion = 0x01;
constexpr size_t kPayloadBytes = 18;  // version, session id, direction, window
constexpr size_t kMacBytes = 16;      // truncated HMAC-SHA256: 128 bits
constexpr size_t kTokenBytes = kPayloadBytes + kMacBytes;
// Longer text cannot be a token; refuse before decoding.
constexpr size_t kMaxTokenChars = 64;
constexpr std::string_view kDomain = "peixun.checkin.v1";

using Payload = std::array<unsigned char, kPayloadBytes>;
using Mac = std::array<unsigned char, kMacBytes>;
using Raw = std::array<unsigned char, kTokenBytes>;

void EnsureSodium() {
  // sodium_init is idempotent and thread-safe; without it libsodium is unusable.
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

unsigned char DirectionByte(CheckinDirection dir) {
  return dir == CheckinDirection::kIn ? 'i' : 'o';
}

void PutInt64(unsigned char* out, int64_t value) {
  const auto bits = static_cast<uint64_t>(value);
  for (int i = 0; i < 8; ++i) out[i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
}

int64_t GetInt64(const unsigned char* in) {
  uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits = (bits << 8) | in[i];
  return static_cast<int64_t>(bits);
}

Payload MakePayload(int64_t session_id, unsigned char dir, int64_t window) {
  Payload payload{};
  payload[0] = kVersion;
  PutInt64(&payload[1], session_id);
  payload[9] = dir;
  PutInt64(&payload[10], window);
  return payload;
}

Mac ComputeMac(std::string_view secret, const Payload& payload) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(kDomain.data()),
                                kDomain.size());
  crypto_auth_hmacsha256_update(&state, payload.data(), payload.size());
  unsigned char full[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, full);
  Mac mac{};
  std::copy(full, full + kMacBytes, mac.begin());
  sodium_memzero(&state, sizeof state);
  return mac;
}

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::optional<CheckinDirection> DirectionOfByte(unsigned char byte) {
  if (byte == 'i') return CheckinDirection::kIn;
  if (byte == 'o') return CheckinDirection::kOut;
  return std::nullopt;
}

// The token's bytes when it is shaped like version 1: at most kMaxTokenChars of
// base64url without padding, all of it decoded, exactly kTokenBytes, the version
// byte and a known direction byte. The MAC is not checked here.
std::optional<Raw> Decode(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenChars) return std::nullopt;
  // libsodium 1.0.18 (Debian 12) decodes every byte >= 0x80 as '_' (63): without this
  // check a token with a non-ASCII byte in place of '_' verified (found by
  // fuzz/fuzz_checkin_token.cc). Only the base64url alphabet is a token.
  for (char c : token) {
    if (!IsBase64UrlChar(c)) return std::nullopt;
  }
  std::array<unsigned char, kTokenBytes + 1> buffer{};  // one spare byte detects overlong input
  size_t raw_len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(buffer.data(), buffer.size(), token.data(), token.size(), nullptr, &raw_len,
                        &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != token.data() + token.size() || raw_len != kTokenBytes || buffer[0] != kVersion ||
      !DirectionOfByte(buffer[9])) {
    return std::nullopt;
  }
  Raw raw{};
  std::copy(buffer.begin(), buffer.begin() + kTokenBytes, raw.begin());
  return raw;
}

CheckinTokenFields FieldsOf(const Raw& raw) {
  return {GetInt64(&raw[1]), *DirectionOfByte(raw[9]), GetInt64(&raw[10])};
}

TokenCheck Refuse(TokenCheck::Outcome outcome, const char* code, std::string zh, std::string en) {
  TokenCheck check;
  check.outcome = outcome;
  check.code = code;
  check.message_zh = std::move(zh);
  check.message_en = std::move(en);
  return check;
}

TokenCheck Forged() {
  return Refuse(TokenCheck::Outcome::kForged, kTokenForged, "二维码无效，请扫描屏幕上的二维码",
                "invalid QR code; scan the code on the screen");
}

}  // namespace

int64_t WindowOf(int64_t now_ms, int period_s) {
  const int64_t period_ms = static_cast<int64_t>(period_s < 1 ? 1 : period_s) * 1000;
  int64_t window = now_ms / period_ms;
  if (now_ms % period_ms != 0 && now_ms < 0) --window;  // floor, not truncation
  return window;
}

std::string MakeCheckinToken(std::string_view secret, int64_t session_id, CheckinDirection dir,
                             int64_t window) {
  EnsureSodium();
  const Payload payload = MakePayload(session_id, DirectionByte(dir), window);
  const Mac mac = ComputeMac(secret, payload);
  std::array<unsigned char, kTokenBytes> raw{};
  std::copy(payload.begin(), payload.end(), raw.begin());
  std::copy(mac.begin(), mac.end(), raw.begin() + kPayloadBytes);
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(raw.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
  out.resize(out.find('\0'));
  return out;
}

std::optional<CheckinTokenFields> PeekCheckinToken(std::string_view token) {
  EnsureSodium();
  const std::optional<Raw> raw = Decode(token);
  if (!raw) return std::nullopt;
  return FieldsOf(*raw);
}

TokenCheck ForgedCheckinToken() { return Forged(); }

Status TokenCheck::ToStatus() const {
  if (ok()) return Ok();
  return Invalid(code, message_zh, message_en);
}

TokenCheck VerifyCheckinToken(std::string_view secret, int64_t session_id, CheckinDirection dir,
                              std::string_view token, int64_t now_ms, int period_s) {
  EnsureSodium();
  const std::optional<Raw> raw = Decode(token);
  if (!raw) return Forged();
  Payload payload{};
  std::copy(raw->begin(), raw->begin() + kPayloadBytes, payload.begin());
  const Mac expected = ComputeMac(secret, payload);
  if (sodium_memcmp(expected.data(), raw->data() + kPayloadBytes, kMacBytes) != 0) {
    return Forged();
  }

  const CheckinTokenFields fields = FieldsOf(*raw);
  const int64_t token_session = fields.session_id;
  const int64_t token_window = fields.window;
  TokenCheck check;
  if (token_session != session_id) {
    check = Refuse(TokenCheck::Outcome::kWrongSession, kTokenWrongSession,
                   "这是其他课程的二维码，请扫描本课程屏幕上的二维码",
                   "this QR code belongs to another session; scan the one for this session");
  } else if (fields.direction != dir) {
    check = dir == CheckinDirection::kIn
                ? Refuse(TokenCheck::Outcome::kWrongDirection, kTokenWrongDirection,
                         "这是签退二维码，请扫描签到二维码",
                         "this is the check-out code; scan the check-in code")
                : Refuse(TokenCheck::Outcome::kWrongDirection, kTokenWrongDirection,
                         "这是签到二维码，请扫描签退二维码",
                         "this is the check-in code; scan the check-out code");
  } else {
    const int64_t current = WindowOf(now_ms, period_s);
    if (token_window == current || token_window == current - 1) {
      check.outcome = TokenCheck::Outcome::kOk;
      check.code = "";
    } else if (token_window < current) {
      check = Refuse(TokenCheck::Outcome::kExpired, kTokenExpired,
                     "二维码已过期，请扫描屏幕上的最新二维码",
                     "this QR code has expired; scan the latest code on the screen");
    } else {
      check = Refuse(TokenCheck::Outcome::kNotYetValid, kTokenNotYetValid,
                     "二维码尚未生效，请稍后重新扫描",
                     "this QR code is not valid yet; scan again in a moment");
    }
  }
  check.token_session_id = token_session;
  check.token_window = token_window;
  return check;
}

}  // namespace peixun::core
