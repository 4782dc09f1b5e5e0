#include "modules/enrollment/enrollment_queries.h"

#include "modules/enrollment/enrollment_service.h"

namespace peixun::enrollment {

int ApprovedCount(store::Store& store, int64_t class_id) {
  auto ids = store::ReadValue<std::vector<int64_t>>(
      store, [&](store::Tx& tx) { return EnrollmentService::ApprovedPersonIdsIn(tx, class_id); });
  return ids ? static_cast<int>(ids->size()) : 0;
}

std::vector<int64_t> ClassesOfPerson(store::Store& store, int64_t person_id) {
  auto ids = store::ReadValue<std::vector<int64_t>>(
      store, [&](store::Tx& tx) { return EnrollmentService::ClassesOfPersonIn(tx, person_id); });
  return ids ? *ids : std::vector<int64_t>();
}

}  // namespace peixun::enrollment
