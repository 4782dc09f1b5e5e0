#ifndef PEIXUN_MODULE_CLASSES_INTERNALS
#error "modules/classes/internal is private to the classes module"
#endif
// The time zones a class may be held in, as a small fixed table (no tz
// database): each maps to one UTC offset all year round, which holds for China
// since 1991. A class stores its zone name and that offset; instants are UTC
// and shown in the class's zone (DESIGN.md "Time").
//
//   Asia/Shanghai  +480  Beijing time, the default
//   Asia/Urumqi    +360  the tz database's zone (Xinjiang time, UTC+6). Many
//                        Xinjiang institutions keep Beijing time instead: such a
//                        class should pick Asia/Shanghai.
//   UTC            +0
//
// Pure and thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace peixun::classes {

inline constexpr char kDefaultTimeZone[] = "Asia/Shanghai";

// Minutes ahead of UTC for a known zone name (exact, case-sensitive); nullopt otherwise.
std::optional<int> UtcOffsetOfZone(std::string_view zone);

// The known zone names, default first (for error messages and the OpenAPI enum).
std::vector<std::string_view> KnownTimeZones();

}  // namespace peixun::classes
