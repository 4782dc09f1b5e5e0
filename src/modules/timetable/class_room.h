// A room of a class's venue used for teaching: a lecture hall or a discussion
// room (lodging rooms are the logistics module's). Its seat grid, when known,
// lays out the seating chart (座次表).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace peixun::timetable {

// The seating chart prints grids up to io::kMaxSeatGrid (100 × 100) on as many pages as
// they need.
inline constexpr int kMaxSeatRows = 100;
inline constexpr int kMaxSeatsPerRow = 100;

struct ClassRoom {
  int64_t id = 0;
  int64_t class_id = 0;
  std::string name;  // unique within the class: 第一教室
  int capacity = 0;
  std::optional<int> seat_rows;      // 1..kMaxSeatRows; set together with seats_per_row
  std::optional<int> seats_per_row;  // 1..kMaxSeatsPerRow
};

struct ClassRoomInput {
  std::string name;
  // 0: rows × seats per row when the grid is given (else an error).
  int capacity = 0;
  std::optional<int> seat_rows;
  std::optional<int> seats_per_row;
};

}  // namespace peixun::timetable
