#ifndef PEIXUN_MODULE_TIMETABLE_INTERNALS
#error "modules/timetable/internal is private to the timetable module"
#endif
// The programme 学时 of a timetable (core/programme_hours.h): what one trainee is
// expected at, over the whole class and per day, for the timetable's totals — on the
// page (GET /classes/{id}/sessions "programme") and under the printed 日程表. Parallel
// group sessions count once per trainee; when groups' programmes differ the figure is
// a range, with the figure of each group beside it.
//
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/programme_hours.h"
#include "modules/timetable/class_session.h"

namespace peixun::timetable {

// The programme hours of `sessions` for the class's groups (timetable_hooks.h
// ClassGroupIds; empty: the whole-class sessions are the one programme).
core::ProgrammeHours ProgrammeOf(const std::vector<ClassSession>& sessions,
                                 const std::vector<int64_t>& class_group_ids);

// {"min_hours":24,"max_hours":24,"by_group":[{"group_id":1,"hours":24},…],
//  "by_day":[{"date":"2020-06-02","min_hours":7,"max_hours":7,"by_group":[…]},…]}
// Days in the class's zone, in date order.
nlohmann::json ProgrammeJson(const std::vector<ClassSession>& sessions,
                             const std::vector<int64_t>& class_group_ids);
nlohmann::json ProgrammeSchema();

// The line under the printed 日程表: "每名学员合计 24 学时", or with differing groups
// "每名学员合计 22–24 学时（因分组而异）"; "" when the programme has no hours.
std::string ProgrammeTotalLine(const core::ProgrammeHours& hours);

}  // namespace peixun::timetable
