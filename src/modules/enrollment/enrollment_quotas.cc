// A class's quotas per unit (名额): read (a liaison: their units) and set.
#include "modules/enrollment/internal/enrollment_common.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/role_guard.h"
#include "modules/audit/audit_log.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/enrollment/internal/enrollment_json.h"
#include "modules/org/org_scope.h"
#include "modules/org/org_service.h"

namespace peixun::enrollment {

using store::Int;

Result<std::vector<Quota>> EnrollmentService::Quotas(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison}));
  return store::ReadValue<std::vector<Quota>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Quota>> {
        PEIXUN_RETURN_IF_ERROR(CheckAccessIn(tx, who, class_id, Act::kRead));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<Quota> all, QuotasIn(tx, class_id));
        const auto root = org::ScopeRoot(who);
        if (!root) return all;
        std::vector<Quota> mine;
        for (auto& q : all) {
          auto below = org::OrgService::IsWithinIn(tx, q.unit_id, *root);
          auto above =
              *root > 0 ? org::OrgService::IsWithinIn(tx, *root, q.unit_id) : Result<bool>(false);
          if ((below && *below) || (above && *above)) mine.push_back(std::move(q));
        }
        return mine;
      });
}

Result<std::vector<Quota>> EnrollmentService::SetQuotas(const Principal& who, int64_t class_id,
                                                        const std::vector<QuotaInput>& quotas) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<std::vector<Quota>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Quota>> {
        PEIXUN_RETURN_IF_ERROR(LockClassIn(tx, class_id));
        PEIXUN_RETURN_IF_ERROR(CheckAccessIn(tx, who, class_id, Act::kDecide));
        PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c,
                                classes::ClassService::GetIn(tx, class_id));
        PEIXUN_RETURN_IF_ERROR(CheckChangeable(c));
        std::map<int64_t, org::Unit> units;
        int total = 0;
        for (const auto& q : quotas) {
          if (units.count(q.unit_id)) {
            return Invalid("enrollment.quota.duplicate_unit",
                           "单位重复出现：" + units[q.unit_id].name,
                           "unit listed twice: " + std::to_string(q.unit_id), "unit_id");
          }
          PEIXUN_ASSIGN_OR_RETURN(org::Unit unit, org::OrgService::GetIn(tx, q.unit_id));
          if (q.seats < 0 || q.seats > c.capacity) {
            return Invalid(
                "enrollment.quota.seats",
                unit.name + " 的名额应在 0 到 " + std::to_string(c.capacity) + " 之间",
                "seats of " + unit.name + " must be between 0 and " + std::to_string(c.capacity),
                "seats");
          }
          total += q.seats;
          units.emplace(q.unit_id, std::move(unit));
        }
        if (total > c.capacity) {
          return Invalid(
              "enrollment.quota.over_capacity",
              "名额合计 " + std::to_string(total) + " 超过培训班容量 " + std::to_string(c.capacity),
              "quotas add up to " + std::to_string(total) + ", above the capacity " +
                  std::to_string(c.capacity),
              "seats");
        }
        for (const auto& [a_id, a] : units) {
          for (const auto& [b_id, b] : units) {
            if (a_id != b_id && org::IsWithin(a, b_id)) {
              return Invalid("enrollment.quota.nested",
                             a.name + " 属于 " + b.name + "，两者不能同时分配名额",
                             a.name + " lies within " + b.name + ": quotas cannot nest", "unit_id");
            }
          }
        }
        PEIXUN_ASSIGN_OR_RETURN(std::vector<Quota> before, QuotasIn(tx, class_id));
        for (const auto& old : before) {
          auto it = std::find_if(quotas.begin(), quotas.end(),
                                 [&](const QuotaInput& q) { return q.unit_id == old.unit_id; });
          if (it == quotas.end() && old.used + old.waitlisted > 0) {
            return Conflict(
                "enrollment.quota.in_use", old.unit_name + " 已有人员报名，不能取消其名额",
                old.unit_name + " has enrollments: its quota cannot be removed", "unit_id");
          }
          if (it != quotas.end() && it->seats < old.used) {
            return Conflict("enrollment.quota.below_used",
                            old.unit_name + " 已占用 " + std::to_string(old.used) +
                                " 个名额，不能减到 " + std::to_string(it->seats),
                            old.unit_name + " already takes " + std::to_string(old.used) +
                                " seats; cannot lower its quota to " + std::to_string(it->seats),
                            "seats");
          }
        }
        PEIXUN_RETURN_IF_ERROR(
            tx.Exec("DELETE FROM class_quotas WHERE class_id = ?", {Int(class_id)}));
        for (const auto& q : quotas) {
          PEIXUN_RETURN_IF_ERROR(
              tx.Exec("INSERT INTO class_quotas (class_id, unit_id, seats) VALUES (?, ?, ?)",
                      {Int(class_id), Int(q.unit_id), Int(q.seats)}));
        }
        PEIXUN_ASSIGN_OR_RETURN(std::vector<Quota> after, QuotasIn(tx, class_id));
        nlohmann::json before_json = nlohmann::json::array();
        nlohmann::json after_json = nlohmann::json::array();
        for (const auto& q : before) before_json.push_back(QuotaToJson(q));
        for (const auto& q : after) after_json.push_back(QuotaToJson(q));
        PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
            tx, actor,
            audit::AuditEntry{"enrollment.quotas", "class", class_id, before_json, after_json}));
        PEIXUN_RETURN_IF_ERROR(PromoteWaitlistIn(tx, c, actor));
        return QuotasIn(tx, class_id);
      });
}

}  // namespace peixun::enrollment
