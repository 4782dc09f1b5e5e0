// Use cases of enrollment (调训): quotas (名额) per unit, nominations, approval,
// substitution (替训), withdrawal (退训) and the waiting list (候补). Each public call
// is one transaction, access checks included; the static *In variants run inside a
// caller's transaction.
//
// Who (classes/class_access.h, org/org_scope.h):
//   admin, organizer, the class's head teachers  everything of the class;
//   unit liaison  reads the quotas of their units and the enrollments of people of
//                 their unit's subtree; nominates, substitutes and withdraws those
//                 people; never approves, rejects or sets quotas;
//   other roles   403 enrollment.forbidden.
// An enrollment outside a liaison's subtree is "not found" (404 enrollment.not_found);
// nominating a person outside it is 403 org.out_of_scope.
//
// Rules:
//   - A quota belongs to a unit and covers its whole subtree; quota units of one class
//     never nest (422 enrollment.quota.nested), so a person's quota unit is the one
//     quota unit at or above their unit (none: 409 enrollment.no_quota).
//   - Seats: nominated and approved enrollments hold one seat of their quota unit and
//     of the class's capacity. A nomination over either limit is refused (409
//     enrollment.quota_exceeded / enrollment.capacity_exceeded) or, when the caller
//     asks, waitlisted at the end of the class's waiting list.
//   - When a seat frees (rejection, withdrawal, a larger quota) the waiting list is
//     promoted in order: each waitlisted enrollment whose quota unit and class have a
//     seat becomes nominated again (audited as enrollment.promote). Positions stay
//     1..n without gaps.
//   - A person holds at most one live enrollment (enrollment.h IsLive) per class (409
//     enrollment.duplicate).
//   - Reject, withdraw and substitute need a reason (422 enrollment.reason_required).
//   - Status changes: approve nominated → approved; reject nominated or waitlisted →
//     rejected; withdraw nominated, approved or waitlisted → withdrawn; substitute
//     nominated or approved → replaced, and a new enrollment of a person of the same
//     quota unit (422 enrollment.substitute.other_unit) takes the seat with
//     replaces_id set. It keeps the old status when an organizer or head teacher
//     substitutes, and is nominated (awaiting approval) when a liaison does. Any
//     other change: 409 enrollment.status.
//   - Nothing changes once the class is finished (classes/class_status.h
//     CanChangeEnrollment): 409 enrollment.class_closed.
//
// Every write is audited in its transaction: enrollment.quotas (entity "class"),
// enrollment.nominate / .approve / .reject / .withdraw / .substitute / .promote
// (entity "enrollment").
//
// Thread-safe: no mutable state; concurrency is the database's (writers serialize).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "modules/enrollment/enrollment.h"
#include "store/store.h"

namespace peixun::enrollment {

struct QuotaInput {
  int64_t unit_id = 0;
  int seats = 0;  // 0..class capacity
};

enum class EnrollmentOrder {
  kStroke,    // 姓氏笔画 of the person's name, then id
  kCreated,   // oldest first
  kWaitlist,  // waiting-list position first, then the rest oldest first
};

struct EnrollmentQuery {
  std::optional<EnrollmentStatus> status;  // nullopt: every status
  EnrollmentOrder order = EnrollmentOrder::kStroke;
  int64_t offset = 0;
  int64_t limit = 20;  // 1..1000
  std::string name;    // part of the person's name; empty: everyone
};

struct EnrollmentPage {
  std::vector<Enrollment> items;
  int64_t total = 0;  // matches before paging
};

inline constexpr int kMaxReasonChars = 500;

class EnrollmentService {
 public:
  explicit EnrollmentService(store::Store& store) : store_(store) {}

  // The class's quotas by unit name; a liaison sees those of units in their subtree
  // and those above their unit (whose seats their people take).
  Result<std::vector<Quota>> Quotas(const Principal& who, int64_t class_id);
  // Replaces the class's quotas with `quotas`. Each unit must exist (404
  // org.not_found) and appear once (422 enrollment.quota.duplicate_unit); seats
  // 0..capacity (422 enrollment.quota.seats) adding up to at most the capacity (422
  // enrollment.quota.over_capacity); never below the seats taken (409
  // enrollment.quota.below_used); a unit left out must have no live enrollment (409
  // enrollment.quota.in_use). Then promotes the waiting list. Returns Quotas().
  Result<std::vector<Quota>> SetQuotas(const Principal& who, int64_t class_id,
                                       const std::vector<QuotaInput>& quotas);

  // The enrollments `who` may see, filtered and paged.
  Result<EnrollmentPage> List(const Principal& who, int64_t class_id, const EnrollmentQuery& query);
  Result<Enrollment> Get(const Principal& who, int64_t id);
  // Nominates `person_id` (404 people.not_found; 422 enrollment.person.no_unit when
  // they belong to no unit). `waitlist`: when the quota or the class is full, join
  // the waiting list instead of failing.
  Result<Enrollment> Nominate(const Principal& who, int64_t class_id, int64_t person_id,
                              bool waitlist);
  // `note` is optional. Approves a nominated enrollment, or a waitlisted one when its
  // quota unit and the class have a free seat (409 enrollment.quota_exceeded naming
  // the unit, enrollment.capacity_exceeded).
  Result<Enrollment> Approve(const Principal& who, int64_t id, const std::string& note);
  // For a waitlisted enrollment whose unit's quota is full: raises that quota to
  // `seats` (422 enrollment.quota.not_raised unless larger than now;
  // enrollment.quota.over_capacity) and approves it, in one transaction audited as
  // enrollment.quotas then enrollment.approve; seats left over promote the waiting
  // list. Any other status: 409 enrollment.status.
  Result<Enrollment> RaiseQuotaAndApprove(const Principal& who, int64_t id, int seats,
                                          const std::string& note);
  Result<Enrollment> Reject(const Principal& who, int64_t id, const std::string& reason);
  Result<Enrollment> Withdraw(const Principal& who, int64_t id, const std::string& reason);
  // Returns the new enrollment (its replaces_id is `id`). A substitute on the class's
  // waiting list leaves it (withdrawn, audited) to take this seat.
  Result<Enrollment> Substitute(const Principal& who, int64_t id, int64_t person_id,
                                const std::string& reason);

  // 404 enrollment.not_found. Names filled; no access check.
  static Result<Enrollment> GetIn(store::Tx& tx, int64_t id);
  // Approved trainees of the class, ascending ids.
  static Result<std::vector<int64_t>> ApprovedPersonIdsIn(store::Tx& tx, int64_t class_id);
  static Result<bool> IsApprovedIn(store::Tx& tx, int64_t class_id, int64_t person_id);
  // Classes in which `person_id` is an approved trainee, ascending.
  static Result<std::vector<int64_t>> ClassesOfPersonIn(store::Tx& tx, int64_t person_id);
  // (person id, class id) of every approved enrollment of `person_ids`, by person then
  // class: the training record and the hours ledger. One query per 500 ids.
  static Result<std::vector<std::pair<int64_t, int64_t>>> ApprovedClassesOfPeopleIn(
      store::Tx& tx, const std::vector<int64_t>& person_ids);

 private:
  store::Store& store_;
};

}  // namespace peixun::enrollment
