// A session (one entry of the 课程表): a ceremony, a lecture, on-site teaching
// at demonstration sites, a group discussion, an exam or self-study, with its
// time, place (a room, or sites), lecturer, 学时 and the groups that attend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peixun::timetable {

enum class SessionKind { kCeremony, kLecture, kOnsite, kDiscussion, kExam, kSelfStudy };

// "ceremony", "lecture", "onsite", "discussion", "exam", "self_study".
std::string_view SessionKindCode(SessionKind kind);
// 仪式, 专题讲座, 现场教学, 分组讨论, 考试, 自学.
std::string_view SessionKindLabel(SessionKind kind);
std::optional<SessionKind> ParseSessionKind(std::string_view code);  // code or label

struct SessionSite {
  int64_t id = 0;
  std::string name;
};

struct ClassSession {
  int64_t id = 0;
  int64_t class_id = 0;
  SessionKind kind = SessionKind::kLecture;
  std::string title;     // 基础党务工作者管理沟通艺术
  int64_t start_ms = 0;  // UTC
  int64_t end_ms = 0;    // UTC, after start
  std::optional<int64_t> room_id;
  std::string room_name;
  std::vector<SessionSite> sites;  // by id
  std::optional<int64_t> lecturer_id;
  std::string lecturer_name;
  std::string lecturer_title;
  std::optional<int> explicit_tenths;  // 学时 × 10 as set; nullopt: from duration
  int credit_tenths = 0;               // what counts: explicit or from duration (class rules)
  std::vector<int64_t> group_ids;      // ascending; empty: the whole class
  bool requires_checkout = false;
  std::string description;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  // Of the class, for showing times: minutes ahead of UTC.
  int utc_offset_minutes = 480;

  std::vector<int64_t> SiteIds() const;
};

// A write: on create, kind, title, start and end are required and the rest
// default (no room, sites, lecturer or groups; 学时 from duration; no check-out);
// on update, only the fields set change. Times are local to the class's zone
// ("2020-06-02T08:30", local_time.h). Nullable fields use set_* flags.
struct SessionFields {
  std::optional<std::string> kind;
  std::optional<std::string> title;
  std::optional<std::string> start;
  std::optional<std::string> end;
  bool set_room = false;
  std::optional<int64_t> room_id;
  std::optional<std::vector<int64_t>> site_ids;
  bool set_lecturer = false;
  std::optional<int64_t> lecturer_id;
  bool set_hours = false;
  std::optional<int> hours_tenths;  // when set_hours; nullopt: from duration
  std::optional<std::vector<int64_t>> group_ids;
  std::optional<bool> requires_checkout;
  std::optional<std::string> description;
};

}  // namespace peixun::timetable
