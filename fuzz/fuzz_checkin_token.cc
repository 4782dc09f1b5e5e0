// libFuzzer target: scanned check-in QR tokens (core::PeekCheckinToken,
// core::VerifyCheckinToken). A token only a forger could make must never verify.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/checkin_token.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace peixun::core;
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kSecret = "fuzz-secret-0123456789abcdef0123456789";
  auto fields = PeekCheckinToken(token);
  const int64_t session = fields ? fields->session_id : 7;
  const CheckinDirection dir = fields ? fields->direction : CheckinDirection::kIn;
  // The token's own window as "now", when it is one an int64 clock can show.
  int64_t now_ms = 1'700'000'000'000;
  if (fields && __builtin_mul_overflow(fields->window, int64_t{20'000}, &now_ms)) now_ms = 0;
  TokenCheck check = VerifyCheckinToken(kSecret, session, dir, token, now_ms);
  // The fuzzer cannot know the secret: only the token the server would mint verifies.
  if (check.ok() && token != MakeCheckinToken(kSecret, session, dir, check.token_window)) {
    std::abort();
  }
  (void)check.ToStatus();
  (void)VerifyCheckinToken(kSecret, -1, CheckinDirection::kOut, token, INT64_MIN, 0);
  (void)VerifyCheckinToken(kSecret, INT64_MAX, CheckinDirection::kIn, token, INT64_MAX, 1);
  return 0;
}
