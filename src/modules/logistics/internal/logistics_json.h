#ifndef PEIXUN_MODULE_LOGISTICS_INTERNALS
#error "modules/logistics/internal is private to the logistics module"
#endif
// JSON forms of lodging, meals, buses and the trainee's own view for the API
// (docs/api.md "Enrollment, groups and logistics").
#pragma once

#include <nlohmann/json.hpp>

#include "modules/logistics/bus_service.h"
#include "modules/logistics/internal/trainee_view.h"
#include "modules/logistics/lodging_service.h"
#include "modules/logistics/meal_service.h"

namespace peixun::logistics {

nlohmann::json RoomToJson(const LodgingRoomView& room);
nlohmann::json RoomSchema();
nlohmann::json LodgingAssignmentToJson(const LodgingAssignment& a);
nlohmann::json LodgingAssignmentSchema();
nlohmann::json TraineeDietToJson(const TraineeDiet& d);
nlohmann::json TraineeDietSchema();
nlohmann::json MealPlanToJson(const MealPlan& plan);
nlohmann::json MealPlanSchema();
nlohmann::json BusToJson(const Bus& bus);
nlohmann::json BusSchema();
nlohmann::json TraineeClassToJson(const TraineeClassView& view);
nlohmann::json TraineeClassSchema();

}  // namespace peixun::logistics
