// A training class (培训班) and what callers supply to create or change one.
//
// Plain data; thread-safe as values are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/civil_date.h"
#include "modules/classes/class_rules.h"
#include "modules/classes/class_status.h"

namespace peixun::classes {

struct TrainingClass {
  int64_t id = 0;
  std::string name;  // ×区2020年社区和“两新”党组织书记培训班
  std::optional<int64_t> organizer_unit_id;  // 主办单位 in the org tree, if it is there
  std::string organizer_name;                // 主办单位 as printed: 中共×区委组织部
  std::string host_venue;                    // 承办单位: ×大学干部培训中心
  core::CivilDate start_date;                // first day
  core::CivilDate end_date;                  // last day (inclusive)
  std::string time_zone;                     // class_time_zone.h
  int utc_offset_minutes = 480;
  int capacity = 0;             // seats planned
  std::string target_trainees;  // 培训对象, free text
  std::string description;
  ClassStatus status = ClassStatus::kPlanning;
  ClassRules rules;
  std::optional<int64_t> copied_from;     // the class this one was copied from
  std::vector<int64_t> head_teacher_ids;  // user ids, ascending
  int64_t created_at = 0;
  int64_t updated_at = 0;

  // end_date − start_date + 1.
  int Days() const;
};

// Create: every field as typed; dates in any form core::ParseCivilDate takes.
struct ClassInput {
  std::string name;
  std::optional<int64_t> organizer_unit_id;
  std::string organizer_name;
  std::string host_venue;
  std::string start_date;
  std::string end_date;
  std::string time_zone;  // empty: kDefaultTimeZone
  int capacity = 0;
  std::string target_trainees;
  std::string description;
  nlohmann::json rules;  // null or an object (class_rules.h); missing keys: defaults
};

// Update: only the fields set change. `rules` is merged into the stored rules
// (RFC 7386 merge patch: a key set to null returns to its default).
struct ClassPatch {
  std::optional<std::string> name;
  bool set_organizer_unit = false;
  std::optional<int64_t> organizer_unit_id;  // when set_organizer_unit; nullopt clears
  std::optional<std::string> organizer_name;
  std::optional<std::string> host_venue;
  std::optional<std::string> start_date;
  std::optional<std::string> end_date;
  std::optional<std::string> time_zone;
  std::optional<int> capacity;
  std::optional<std::string> target_trainees;
  std::optional<std::string> description;
  std::optional<nlohmann::json> rules;
};

// Copy: "last year's class as a template".
struct ClassCopyInput {
  std::string name;
  std::string start_date;  // the copy's first day; its length is the original's
};

// What a copy hook (ClassHooks::on_copy) is told: the new class exists, and
// everything dated moves by shift_days.
struct ClassCopy {
  int64_t from_class_id = 0;
  int64_t to_class_id = 0;
  int shift_days = 0;
};

}  // namespace peixun::classes
