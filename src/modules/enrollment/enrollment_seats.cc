// Seats of a class: taken per quota unit and in all, the quotas, and raising one.
#include "modules/enrollment/internal/enrollment_common.h"

#include <nlohmann/json.hpp>

#include "modules/audit/audit_log.h"
#include "modules/enrollment/internal/enrollment_json.h"
#include "modules/org/org_scope.h"
#include "modules/org/org_service.h"

namespace peixun::enrollment {

using store::Int;

Result<int> SeatsTakenIn(store::Tx& tx, int64_t class_id, std::optional<int64_t> quota_unit) {
  std::string sql =
      std::string("SELECT count(*) FROM enrollments WHERE class_id = ? AND status IN ") +
      kSeatHolding;
  std::vector<store::Value> params = {Int(class_id)};
  if (quota_unit) {
    sql += " AND quota_unit_id = ?";
    params.push_back(Int(*quota_unit));
  }
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql, params));
  return static_cast<int>(rows[0].Int(0));
}

Result<int> ApprovedCountIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT count(*) FROM enrollments WHERE class_id = ? AND status = 'approved'",
               {Int(class_id)}));
  return static_cast<int>(rows[0].Int(0));
}

// unit id → seats of the class's quotas.
Result<std::map<int64_t, int>> QuotaSeatsIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT unit_id, seats FROM class_quotas WHERE class_id = ?", {Int(class_id)}));
  std::map<int64_t, int> seats;
  for (const auto& r : rows) seats[r.Int(0)] = static_cast<int>(r.Int(1));
  return seats;
}

// The quota unit at or above `unit_id`: the deepest of the class's quota units on
// its path (quota units do not nest, so there is at most one).
Result<std::optional<int64_t>> QuotaUnitForIn(store::Tx& tx, int64_t class_id, int64_t unit_id) {
  PEIXUN_ASSIGN_OR_RETURN(org::Unit unit, org::OrgService::GetIn(tx, unit_id));
  PEIXUN_ASSIGN_OR_RETURN(auto seats, QuotaSeatsIn(tx, class_id));
  const std::vector<int64_t> path = org::AncestorIds(unit);
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    if (seats.count(*it)) return std::optional<int64_t>(*it);
  }
  return std::optional<int64_t>();
}

std::string UnitNameIn(store::Tx& tx, int64_t unit_id) {
  auto unit = org::OrgService::GetIn(tx, unit_id);
  return unit ? unit->name : std::to_string(unit_id);
}

Result<std::vector<Quota>> QuotasIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(auto seats, QuotaSeatsIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows counts,
      tx.Query("SELECT quota_unit_id, status, count(*) FROM enrollments WHERE class_id = ? "
               "GROUP BY quota_unit_id, status",
               {Int(class_id)}));
  std::vector<Quota> out;
  for (const auto& [unit_id, n] : seats) {
    Quota q;
    q.unit_id = unit_id;
    q.unit_name = UnitNameIn(tx, unit_id);
    q.seats = n;
    for (const auto& r : counts) {
      if (r.Int(0) != unit_id) continue;
      const auto status = ParseEnrollmentStatus(r.Str(1));
      const int count = static_cast<int>(r.Int(2));
      if (status && HoldsSeat(*status)) q.used += count;
      if (status == EnrollmentStatus::kApproved) q.approved += count;
      if (status == EnrollmentStatus::kWaitlisted) q.waitlisted += count;
    }
    out.push_back(std::move(q));
  }
  return out;
}

// A waitlisted enrollment takes a seat only when its quota unit and the class have
// one free: 409 enrollment.quota_exceeded (naming the unit, so the organizer can
// raise its quota or substitute) or enrollment.capacity_exceeded.
Status CheckFreeSeatIn(store::Tx& tx, const Enrollment& e, const classes::TrainingClass& c) {
  PEIXUN_ASSIGN_OR_RETURN(auto seats, QuotaSeatsIn(tx, c.id));
  PEIXUN_ASSIGN_OR_RETURN(int unit_taken, SeatsTakenIn(tx, c.id, e.quota_unit_id));
  if (unit_taken >= seats[e.quota_unit_id]) {
    const std::string name = UnitNameIn(tx, e.quota_unit_id);
    const std::string n = std::to_string(seats[e.quota_unit_id]);
    return Conflict(
        "enrollment.quota_exceeded",
        name + " 的 " + n + " 个名额已满：可提高该单位名额后批准，或办理替训",
        "the " + n + " seats of " + name + " are taken: raise its quota to approve, or substitute",
        "quota");
  }
  PEIXUN_ASSIGN_OR_RETURN(int class_taken, SeatsTakenIn(tx, c.id, std::nullopt));
  if (class_taken >= c.capacity) {
    return Conflict("enrollment.capacity_exceeded",
                    "培训班 " + std::to_string(c.capacity) + " 个座位已满",
                    "the class's " + std::to_string(c.capacity) + " seats are taken", "capacity");
  }
  return Ok();
}

// Raises the quota of `unit_id` in class `c` to `seats` (more than now, quotas adding
// up to at most the capacity) and audits it as enrollment.quotas.
Status RaiseQuotaIn(store::Tx& tx, const Actor& actor, const classes::TrainingClass& c,
                    int64_t unit_id, int seats) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<Quota> before, QuotasIn(tx, c.id));
  int total = 0;
  int current = 0;
  for (const auto& q : before) {
    if (q.unit_id == unit_id)
      current = q.seats;
    else
      total += q.seats;
  }
  const std::string name = UnitNameIn(tx, unit_id);
  if (seats <= current) {
    return Invalid(
        "enrollment.quota.not_raised",
        name + " 现有 " + std::to_string(current) + " 个名额，新名额应更多",
        name + " has " + std::to_string(current) + " seats: the new quota must be larger", "seats");
  }
  if (total + seats > c.capacity) {
    return Invalid("enrollment.quota.over_capacity",
                   "名额合计 " + std::to_string(total + seats) + " 超过培训班容量 " +
                       std::to_string(c.capacity),
                   "quotas add up to " + std::to_string(total + seats) + ", above the capacity " +
                       std::to_string(c.capacity),
                   "seats");
  }
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE class_quotas SET seats = ? WHERE class_id = ? AND unit_id = ?",
              {Int(seats), Int(c.id), Int(unit_id)}));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<Quota> after, QuotasIn(tx, c.id));
  nlohmann::json before_json = nlohmann::json::array();
  nlohmann::json after_json = nlohmann::json::array();
  for (const auto& q : before) before_json.push_back(QuotaToJson(q));
  for (const auto& q : after) after_json.push_back(QuotaToJson(q));
  return audit::AppendIn(
      tx, actor, audit::AuditEntry{"enrollment.quotas", "class", c.id, before_json, after_json});
}

}  // namespace peixun::enrollment
