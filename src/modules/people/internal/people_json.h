#ifndef PEIXUN_MODULE_PEOPLE_INTERNALS
#error "modules/people/internal is private to the people module"
#endif
// JSON forms of people entities for the API (docs/api.md "Person").
#pragma once

#include <nlohmann/json.hpp>

#include "modules/people/person.h"

namespace peixun::people {

nlohmann::json PersonToJson(const Person& person);
nlohmann::json PersonSchema();

}  // namespace peixun::people
