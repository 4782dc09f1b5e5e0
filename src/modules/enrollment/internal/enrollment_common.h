#ifndef PEIXUN_MODULE_ENROLLMENT_INTERNALS
#error "modules/enrollment/internal is private to the enrollment module"
#endif
// The enrollment service's shared pieces, one file each: the enrollments table's
// rows and the access rules (enrollment_rows.cc, enrollment_access.cc), seats and
// quotas (enrollment_seats.cc), the waiting list (enrollment_waitlist.cc) and the
// candidate check of a nomination (enrollment_nominate.cc). No access check unless
// named; each runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment.h"
#include "store/store.h"

namespace peixun::enrollment {

// ---- rows (enrollment_rows.cc) ----
inline constexpr char kSelect[] =
    "SELECT id, class_id, person_id, quota_unit_id, status, nominated_by, decided_by, "
    "decision_reason, replaces_id, substitution_reason, waitlist_position, created_at, "
    "updated_at FROM enrollments ";
inline constexpr char kSeatHolding[] = "('nominated', 'approved')";
inline constexpr char kLive[] = "('nominated', 'approved', 'waitlisted')";

Enrollment FromRow(const store::Row& r);
Error EnrollmentNotFound(int64_t id);
Error Forbidden();
Error StatusError(const Enrollment& e, const std::string& what_zh, const std::string& what_en);
Status CheckChangeable(const classes::TrainingClass& c);
Result<std::string> RequireReason(const std::string& reason);
// Fills names (people and units) and replaced_by_id; sorts `items` by 姓氏笔画 of
// the person's name, then id.
Status FillIn(store::Tx& tx, std::vector<Enrollment>& items);
Result<std::vector<Enrollment>> LoadClassIn(store::Tx& tx, int64_t class_id);
Result<int64_t> InsertIn(store::Tx& tx, const Enrollment& e);
std::optional<int64_t> UserOf(const Principal& who);
Status AuditIn(store::Tx& tx, const Actor& actor, const char* action, int64_t id,
               const Enrollment* before, const Enrollment* after);
// The class's enrollment lock (store/key_lock.h), and the lock of enrollment `id`'s
// class (none when there is no such enrollment: the load that follows answers 404).
Status LockClassIn(store::Tx& tx, int64_t class_id);
Status LockClassOfIn(store::Tx& tx, int64_t id);

// ---- access (enrollment_access.cc) ----
// What a caller wants to do; decides who may.
enum class Act { kRead, kNominate, kDecide };
bool Manages(const Principal& who);
Status CheckAccessIn(store::Tx& tx, const Principal& who, int64_t class_id, Act act);
// The units a liaison sees (their subtree); nullopt for callers who see every unit.
Result<std::optional<std::set<int64_t>>> VisibleUnitsIn(store::Tx& tx, const Principal& who);
bool IsVisible(const std::optional<std::set<int64_t>>& units, const Enrollment& e);
// An enrollment `who` may act on with `act`: 404 when missing or outside a
// liaison's subtree, 403 when the role may not.
Result<Enrollment> LoadForIn(store::Tx& tx, const Principal& who, int64_t id, Act act);

// ---- seats and quotas (enrollment_seats.cc) ----
Result<int> SeatsTakenIn(store::Tx& tx, int64_t class_id, std::optional<int64_t> quota_unit);
Result<int> ApprovedCountIn(store::Tx& tx, int64_t class_id);
// unit id → seats of the class's quotas.
Result<std::map<int64_t, int>> QuotaSeatsIn(store::Tx& tx, int64_t class_id);
Result<std::optional<int64_t>> QuotaUnitForIn(store::Tx& tx, int64_t class_id, int64_t unit_id);
std::string UnitNameIn(store::Tx& tx, int64_t unit_id);
Result<std::vector<Quota>> QuotasIn(store::Tx& tx, int64_t class_id);
// 409 enrollment.quota_exceeded / capacity_exceeded unless `e` (waitlisted) has a seat.
Status CheckFreeSeatIn(store::Tx& tx, const Enrollment& e, const classes::TrainingClass& c);
// Raises the quota of `unit_id` in class `c` to `seats`, audited as enrollment.quotas.
Status RaiseQuotaIn(store::Tx& tx, const Actor& actor, const classes::TrainingClass& c,
                    int64_t unit_id, int seats);

// ---- the waiting list (enrollment_waitlist.cc) ----
// Moves `e` to `status`, recording the decision; leaves the waiting list if on it.
Status ChangeStatusIn(store::Tx& tx, const Enrollment& e, EnrollmentStatus status,
                      std::optional<int64_t> decided_by, const std::string& reason);
// Promotes waitlisted enrollments, in position order, while their quota unit and the
// class have a free seat.
Status PromoteWaitlistIn(store::Tx& tx, const classes::TrainingClass& c, const Actor& actor);

// ---- nominations (enrollment_nominate.cc) ----
// The quota unit of `person_id` when they may take a seat in the class now.
Result<int64_t> CandidateQuotaUnitIn(store::Tx& tx, const Principal& who, int64_t class_id,
                                     int64_t person_id);

}  // namespace peixun::enrollment
