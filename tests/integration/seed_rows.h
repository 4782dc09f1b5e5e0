// The one place where tests write another module's rows directly (issue 10):
// setups that an owner's service would refuse or make too slow. Every other test
// setup goes through the owners' services.
//
// Each function runs in the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::test {

// One person per name in unit `unit_id`, through PeopleService::InsertIn
// (validated, with name keys and an audit entry). Ids in the order of `names`.
Result<std::vector<int64_t>> AddPeopleIn(store::Tx& tx, const crypto::DataKey& key, int64_t unit_id,
                                         const std::vector<std::string>& names,
                                         const std::string& gender = "男");

// Approved enrollments of `person_ids` in the class, stored as
// EnrollmentService::Approve leaves them (quota unit, who nominated and decided,
// when): for classes of hundreds of trainees, where nominating and approving one
// by one costs two transactions each, and for tests that are not about enrolling.
Status AddApprovedEnrollmentsIn(store::Tx& tx, int64_t class_id, int64_t quota_unit_id,
                                const std::vector<int64_t>& person_ids,
                                std::optional<int64_t> decided_by = std::nullopt,
                                int64_t at_ms = 0);

// A lecture of the class from `start_ms` to `end_ms`, also outside the class's
// dates (the timetable service keeps sessions within them): for tests that run
// a real server on the wall clock. Returns the session id.
Result<int64_t> AddLectureIn(store::Tx& tx, int64_t class_id, const std::string& title,
                             int64_t start_ms, int64_t end_ms, int64_t now_ms);

}  // namespace peixun::test
