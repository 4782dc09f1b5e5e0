// Badges (胸牌) for kiosk check-in, as other modules and tools see them: a badge's
// QR code carries a token that names one trainee of one class and cannot be forged
// without the class's check-in secret (classes::ClassService::CheckinSecretIn).
// How the token is made is private to this module (internal/badge_token.h).
//
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peixun::enrollment {

// The token on `person_id`'s badge for `class_id` (what a kiosk reads); the same
// every time for the same secret.
std::string BadgeTokenOf(int64_t class_id, int64_t person_id, std::string_view checkin_secret);

// The path printed as the badge's QR code: "/k/<class_id>/<token>".
std::string BadgeUrlOf(int64_t class_id, std::string_view token);

// Whom a scanned badge names: the person id when `token` is a valid badge token of
// `class_id` under the secret; nullopt for anything else (another class, an
// altered id or mac, garbage). Whether that person attends is the caller's rule.
std::optional<int64_t> BadgeHolder(int64_t class_id, std::string_view token,
                                   std::string_view checkin_secret);

}  // namespace peixun::enrollment
