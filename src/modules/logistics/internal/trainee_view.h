#ifndef PEIXUN_MODULE_LOGISTICS_INTERNALS
#error "modules/logistics/internal is private to the logistics module"
#endif
// What a trainee sees of their own class on the phone page (/me/class/{id}): their
// discussion group (with its leader and members' names), their room and roommates,
// their diet, and for each on-site teaching session the site and bus they go with.
// Nothing of anyone else's but names and units.
//
// Access: the caller must be linked to a person (Principal::person_id) who is an
// approved trainee of the class; otherwise 404 logistics.not_enrolled (as if the
// class were not theirs to know). An unknown class is 404 classes.not_found.
// Thread-safe: one read transaction per call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "modules/groups/class_group.h"
#include "modules/logistics/bus_service.h"
#include "modules/logistics/lodging_service.h"
#include "modules/logistics/meal_service.h"
#include "store/store.h"

namespace peixun::logistics {

struct TraineeClassView {
  int64_t class_id = 0;
  std::string class_name;
  int utc_offset_minutes = 480;  // the class's zone, for showing times
  int64_t person_id = 0;
  std::optional<groups::ClassGroup> group;
  std::optional<LodgingRoomView> room;
  Diet diet = Diet::kRegular;
  std::vector<Visit> visits;  // on-site sessions in time order
};

Result<TraineeClassView> TraineeClass(store::Store& store, const Principal& who, int64_t class_id);

}  // namespace peixun::logistics
