// libFuzzer target: badge tokens scanned at a kiosk, "/k/<class_id>/<person_id>.<mac>"
// (enrollment::VerifyBadgeToken). A forged token must never name a person.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "modules/enrollment/internal/badge_token.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace peixun::enrollment;
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kSecret = "fuzz-secret-0123456789abcdef0123456789";
  for (int64_t class_id : {int64_t{1}, int64_t{42}, INT64_MAX}) {
    auto person = VerifyBadgeToken(class_id, token, kSecret);
    if (person && BadgeToken(class_id, *person, kSecret) != token) std::abort();
  }
  return 0;
}
