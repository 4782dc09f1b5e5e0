#ifndef PEIXUN_MODULE_LOGISTICS_INTERNALS
#error "modules/logistics/internal is private to the logistics module"
#endif
// Who may see and change a class's food and lodging (食宿) and buses: admin and
// organizer every class, head teachers their classes, logistics (后勤) every class.
// Trainees see only their own group, room and bus (trainee_view.h).
#pragma once

#include <cstdint>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::logistics {

// Ok; 404 classes.not_found; 403 classes.forbidden (a head teacher of other
// classes) or logistics.forbidden (any other role). `write` additionally refuses
// an archived class (409 classes.archived).
Status CheckLogisticsAccessIn(store::Tx& tx, const Principal& who, int64_t class_id, bool write);

}  // namespace peixun::logistics
