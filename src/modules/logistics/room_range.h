// Bulk creation of lodging rooms from one line as a venue writes it: "3F 301–320
// twin", "5层 501-512 单人间", "201~210 3床". Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace peixun::logistics {

struct RoomInput {
  std::string name;  // "301"
  int floor = 0;
  int beds = 2;
};

inline constexpr int kMaxRoomsPerRange = 500;
inline constexpr int kMaxBedsPerRoom = 20;

// Parses `spec`, whitespace-separated parts in any order:
//   floor   "3F", "3f", "3层", "3楼" (optional: the first room number's hundreds,
//           301 → 3, when it has three or more digits);
//   rooms   "301-320" (also –, —, ~, ～, 至, 到 between, spaces around allowed), a
//           letter prefix on both ends kept ("A301-A320"), or one room "301";
//           numbers keep the first one's width ("0301-0310");
//   beds    single/单人间/单间 1, twin/double/双人间/标间/标准间 2, triple/三人间 3,
//           "N床", "N beds", "N人间" N; optional, default 2.
// Returns the rooms in order. Errors (ErrorKind::kInvalid, field "spec"):
// logistics.room_range.format for anything else, .order when the range runs
// backwards, .too_many beyond kMaxRoomsPerRange rooms, .beds outside
// 1..kMaxBedsPerRoom.
Result<std::vector<RoomInput>> ParseRoomRange(std::string_view spec);

}  // namespace peixun::logistics
