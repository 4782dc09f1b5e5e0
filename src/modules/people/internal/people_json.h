// JSON forms of people entities for the API (docs/api.md "Person").
#pragma once

#include <nlohmann/json.hpp>

#include "modules/people/person.h"

namespace peixun::people {

nlohmann::json PersonToJson(const Person& person);
nlohmann::json PersonSchema();

}  // namespace peixun::people
