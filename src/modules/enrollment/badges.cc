#include "modules/enrollment/badges.h"

#include "modules/enrollment/internal/badge_token.h"

namespace peixun::enrollment {

std::string BadgeTokenOf(int64_t class_id, int64_t person_id, std::string_view checkin_secret) {
  return BadgeToken(class_id, person_id, checkin_secret);
}

std::string BadgeUrlOf(int64_t class_id, std::string_view token) {
  return BadgeUrl(class_id, token);
}

std::optional<int64_t> BadgeHolder(int64_t class_id, std::string_view token,
                                   std::string_view checkin_secret) {
  return VerifyBadgeToken(class_id, token, checkin_secret);
}

}  // namespace peixun::enrollment
