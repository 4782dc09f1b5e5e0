// Check-in direction: in (签到) or out (签退), and its one text code, "in" / "out",
// as the API, the stored rows (attendance_events.direction), the live feed and the
// idempotency keys write it. (The check-in token carries its own one-byte form, a
// detail of core/checkin_token.cc.)
//
// Pure and thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace peixun::core {

enum class CheckinDirection { kIn, kOut };

// "in" or "out".
const char* CheckinDirectionCode(CheckinDirection dir);

// The direction `code` names: exactly "in" or "out" (case-sensitive, no spaces);
// nullopt for anything else.
std::optional<CheckinDirection> ParseCheckinDirection(std::string_view code);

}  // namespace peixun::core
