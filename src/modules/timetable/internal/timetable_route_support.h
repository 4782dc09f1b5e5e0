#ifndef PEIXUN_MODULE_TIMETABLE_INTERNALS
#error "modules/timetable/internal is private to the timetable module"
#endif
// Small helpers shared by the timetable module's route files.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/json_input.h"
#include "api/router.h"
#include "core/result.h"

namespace peixun::timetable {

// An OpenAPI operation with `summary`, tag "timetable" and `extra` merged in.
nlohmann::json RouteDoc(const std::string& summary,
                        nlohmann::json extra = nlohmann::json::object());

// The {id} path parameter (400 request.param).
Result<int64_t> IdParam(api::Call& c);

// Parses `body` and takes the fields `keys` out of it (JsonInput reads scalars
// and string lists only); `taken` receives those present (null values included).
Result<api::JsonInput> ParseTaking(const std::string& body, const std::vector<std::string>& keys,
                                   std::map<std::string, nlohmann::json>* taken);

// An array of positive integers (400 request.type naming `field`), at most `max_items`.
Result<std::vector<int64_t>> IdArray(const nlohmann::json& value, const std::string& field,
                                     size_t max_items = 100);

// Staff who read the shared registries and every class.
api::Access StaffReaders();

}  // namespace peixun::timetable
