// A lecturer (授课老师): a registry shared by every class. A lecturer with a
// login (user_id, a user with the lecturer role) sees their own sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace peixun::timetable {

struct Lecturer {
  int64_t id = 0;
  std::string name;
  std::string title;         // 教授, 副教授, 主任, …
  std::string organization;  // 单位: ×大学马克思主义学院
  std::string topics;        // 擅长专题, free text
  std::string phone;
  std::optional<int64_t> user_id;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// What a caller supplies; the service normalizes and validates it.
struct LecturerInput {
  std::string name;
  std::string title;
  std::string organization;
  std::string topics;
  std::string phone;
  std::optional<int64_t> user_id;
};

}  // namespace peixun::timetable
