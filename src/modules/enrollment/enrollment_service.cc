#include "modules/enrollment/enrollment_service.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/actor.h"
#include "core/clock.h"
#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/internal/enrollment_json.h"
#include "modules/org/org_scope.h"
#include "modules/org/org_service.h"
#include "modules/people/people_service.h"
#include "store/key_lock.h"

namespace peixun::enrollment {
namespace {

using store::Int;
using store::IntOrNull;
using store::Text;
using store::TextOrNull;

constexpr char kSelect[] =
    "SELECT id, class_id, person_id, quota_unit_id, status, nominated_by, decided_by, "
    "decision_reason, replaces_id, substitution_reason, waitlist_position, created_at, "
    "updated_at FROM enrollments ";
constexpr char kSeatHolding[] = "('nominated', 'approved')";
constexpr char kLive[] = "('nominated', 'approved', 'waitlisted')";
constexpr int64_t kMaxPageSize = 1000;

Enrollment FromRow(const store::Row& r) {
  Enrollment e;
  e.id = r.Int(0);
  e.class_id = r.Int(1);
  e.person_id = r.Int(2);
  e.quota_unit_id = r.Int(3);
  e.status = ParseEnrollmentStatus(r.Str(4)).value_or(EnrollmentStatus::kNominated);
  e.nominated_by = r.OptInt(5);
  e.decided_by = r.OptInt(6);
  e.decision_reason = r.Str(7);
  e.replaces_id = r.OptInt(8);
  e.substitution_reason = r.Str(9);
  if (!r.IsNull(10)) e.waitlist_position = static_cast<int>(r.Int(10));
  e.created_at = r.Int(11);
  e.updated_at = r.Int(12);
  return e;
}

Error EnrollmentNotFound(int64_t id) {
  return NotFound("enrollment.not_found", "报名记录不存在：" + std::to_string(id),
                  "enrollment not found: " + std::to_string(id), "id");
}

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "enrollment.forbidden", "您无权办理该培训班的调训",
                   "you may not handle enrollment for this class");
}

Error StatusError(const Enrollment& e, const std::string& what_zh, const std::string& what_en) {
  return Conflict(
      "enrollment.status",
      "该报名当前为“" + std::string(EnrollmentStatusLabel(e.status)) + "”，不能" + what_zh,
      "the enrollment is " + std::string(EnrollmentStatusCode(e.status)) + " and cannot be " +
          what_en,
      "status");
}

// What a caller wants to do; decides who may.
enum class Act { kRead, kNominate, kDecide };

bool Manages(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kOrganizer || who.role == Role::kHeadTeacher;
}

Status CheckAccessIn(store::Tx& tx, const Principal& who, int64_t class_id, Act act) {
  if (Manages(who)) {
    return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage);
  }
  if (who.role == Role::kLiaison && act != Act::kDecide) {
    return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kRead);
  }
  return Forbidden();
}

Status CheckChangeable(const classes::TrainingClass& c) {
  if (classes::CanChangeEnrollment(c.status)) return Ok();
  return Conflict("enrollment.class_closed",
                  "培训班" + std::string(classes::ClassStatusLabel(c.status)) + "，调训不能再变动",
                  "the class is " + std::string(classes::ClassStatusCode(c.status)) +
                      ": enrollment can no longer change",
                  "class_id");
}

Result<std::string> RequireReason(const std::string& reason) {
  std::string r = core::NormalizeField(reason);
  if (r.empty()) {
    return Invalid("enrollment.reason_required", "请填写原因", "a reason is required", "reason");
  }
  return r;
}

// The units a liaison sees (their subtree); nullopt for callers who see every unit.
Result<std::optional<std::set<int64_t>>> VisibleUnitsIn(store::Tx& tx, const Principal& who) {
  const auto root = org::ScopeRoot(who);
  if (!root) return std::optional<std::set<int64_t>>();
  std::set<int64_t> ids;
  if (*root > 0) {
    auto subtree = org::OrgService::SubtreeIn(tx, *root);
    if (subtree) {
      for (const auto& u : *subtree) ids.insert(u.id);
    } else if (subtree.error().kind != ErrorKind::kNotFound) {
      return std::move(subtree).error();
    }
  }
  return std::optional<std::set<int64_t>>(std::move(ids));
}

bool IsVisible(const std::optional<std::set<int64_t>>& units, const Enrollment& e) {
  return !units || (e.unit_id && units->count(*e.unit_id) > 0);
}

// Fills names (people and units) and replaced_by_id; sorts `items` by 姓氏笔画 of
// the person's name, then id.
Status FillIn(store::Tx& tx, std::vector<Enrollment>& items) {
  std::vector<int64_t> person_ids;
  std::set<int64_t> class_ids;
  std::set<int64_t> unit_ids;
  for (const auto& e : items) {
    person_ids.push_back(e.person_id);
    class_ids.insert(e.class_id);
    unit_ids.insert(e.quota_unit_id);
  }
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                          people::PeopleService::GetManyIn(tx, person_ids));
  std::map<int64_t, size_t> rank;
  for (size_t i = 0; i < people.size(); ++i) rank[people[i].id] = i;
  std::map<int64_t, std::string> unit_names;
  for (int64_t id : unit_ids) {
    auto unit = org::OrgService::GetIn(tx, id);
    if (unit) unit_names[id] = unit->name;
  }
  std::map<int64_t, int64_t> replaced_by;
  for (int64_t class_id : class_ids) {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                            tx.Query("SELECT id, replaces_id FROM enrollments WHERE class_id = ? "
                                     "AND replaces_id IS NOT NULL",
                                     {Int(class_id)}));
    for (const auto& r : rows) replaced_by[r.Int(1)] = r.Int(0);
  }
  for (auto& e : items) {
    if (auto it = rank.find(e.person_id); it != rank.end()) {
      const people::Person& p = people[it->second];
      e.person_name = p.name;
      e.gender = p.gender;
      e.unit_id = p.unit_id;
      e.unit_name = p.unit_name;
      e.position = p.position;
    }
    e.quota_unit_name = unit_names[e.quota_unit_id];
    if (auto it = replaced_by.find(e.id); it != replaced_by.end()) e.replaced_by_id = it->second;
  }
  std::stable_sort(items.begin(), items.end(), [&](const Enrollment& a, const Enrollment& b) {
    const size_t ra = rank.count(a.person_id) ? rank[a.person_id] : people.size();
    const size_t rb = rank.count(b.person_id) ? rank[b.person_id] : people.size();
    return ra != rb ? ra < rb : a.id < b.id;
  });
  return Ok();
}

Result<std::vector<Enrollment>> LoadClassIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(std::string(kSelect) + "WHERE class_id = ?", {Int(class_id)}));
  std::vector<Enrollment> items;
  for (const auto& r : rows) items.push_back(FromRow(r));
  PEIXUN_RETURN_IF_ERROR(FillIn(tx, items));
  return items;
}

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

Status AuditIn(store::Tx& tx, const Actor& actor, const char* action, int64_t id,
               const Enrollment* before, const Enrollment* after) {
  return audit::AppendIn(
      tx, actor,
      audit::AuditEntry{action, "enrollment", id, before ? EnrollmentToJson(*before) : nullptr,
                        after ? EnrollmentToJson(*after) : nullptr});
}

// Closes the gap a waitlisted enrollment at `position` leaves.
Status CloseWaitlistGapIn(store::Tx& tx, int64_t class_id, int position) {
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE enrollments SET waitlist_position = waitlist_position - 1 "
              "WHERE class_id = ? AND status = 'waitlisted' AND waitlist_position > ?",
              {Int(class_id), Int(position)}));
  return Ok();
}

// Moves `e` to `status`, recording the decision; leaves the waiting list if on it.
Status ChangeStatusIn(store::Tx& tx, const Enrollment& e, EnrollmentStatus status,
                      std::optional<int64_t> decided_by, const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE enrollments SET status = ?, decided_by = ?, decision_reason = ?, "
              "waitlist_position = NULL, updated_at = ? WHERE id = ?",
              {Text(EnrollmentStatusCode(status)), IntOrNull(decided_by), TextOrNull(reason),
               Int(NowMillis()), Int(e.id)}));
  if (e.waitlist_position) return CloseWaitlistGapIn(tx, e.class_id, *e.waitlist_position);
  return Ok();
}

// Promotes waitlisted enrollments, in position order, while their quota unit and the
// class have a free seat.
Status PromoteWaitlistIn(store::Tx& tx, const classes::TrainingClass& c, const Actor& actor) {
  for (;;) {
    PEIXUN_ASSIGN_OR_RETURN(int class_taken, SeatsTakenIn(tx, c.id, std::nullopt));
    if (class_taken >= c.capacity) return Ok();
    PEIXUN_ASSIGN_OR_RETURN(auto seats, QuotaSeatsIn(tx, c.id));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows waiting,
        tx.Query(std::string(kSelect) +
                     "WHERE class_id = ? AND status = 'waitlisted' ORDER BY waitlist_position, id",
                 {Int(c.id)}));
    bool promoted = false;
    for (const auto& row : waiting) {
      Enrollment before = FromRow(row);
      PEIXUN_ASSIGN_OR_RETURN(int unit_taken, SeatsTakenIn(tx, c.id, before.quota_unit_id));
      if (unit_taken >= seats[before.quota_unit_id]) continue;
      PEIXUN_RETURN_IF_ERROR(ChangeStatusIn(tx, before, EnrollmentStatus::kNominated,
                                            before.decided_by, before.decision_reason));
      PEIXUN_ASSIGN_OR_RETURN(Enrollment after, EnrollmentService::GetIn(tx, before.id));
      PEIXUN_RETURN_IF_ERROR(AuditIn(tx, actor, "enrollment.promote", before.id, nullptr, &after));
      promoted = true;
      break;  // positions changed: read the list again
    }
    if (!promoted) return Ok();
  }
}

// Checks that `person_id` may take a seat in the class now and returns their quota
// unit: the person exists and belongs to a unit in `who`'s scope, holds no live
// enrollment in the class, and a quota covers their unit.
Result<int64_t> CandidateQuotaUnitIn(store::Tx& tx, const Principal& who, int64_t class_id,
                                     int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(people::Person person, people::PeopleService::GetIn(tx, person_id));
  if (!person.unit_id) {
    return Invalid("enrollment.person.no_unit", person.name + " 未登记所在单位，不能调训",
                   person.name + " belongs to no unit and cannot be nominated", "person_id");
  }
  PEIXUN_RETURN_IF_ERROR(org::CheckUnitInScopeIn(tx, who, *person.unit_id));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows live,
      tx.Query(
          std::string(
              "SELECT id FROM enrollments WHERE class_id = ? AND person_id = ? AND status IN ") +
              kLive,
          {Int(class_id), Int(person_id)}));
  if (!live.empty()) {
    return Conflict("enrollment.duplicate", person.name + " 已在本班报名",
                    person.name + " is already enrolled in this class", "person_id");
  }
  PEIXUN_ASSIGN_OR_RETURN(auto quota_unit, QuotaUnitForIn(tx, class_id, *person.unit_id));
  if (!quota_unit) {
    return Conflict("enrollment.no_quota", person.unit_name + " 没有本班名额",
                    "no quota of this class covers " + person.unit_name, "person_id");
  }
  return *quota_unit;
}

Result<int64_t> InsertIn(store::Tx& tx, const Enrollment& e) {
  const int64_t now = NowMillis();
  auto inserted = tx.Query(
      "INSERT INTO enrollments (class_id, person_id, quota_unit_id, status, nominated_by, "
      "decided_by, decision_reason, replaces_id, substitution_reason, waitlist_position, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(e.class_id), Int(e.person_id), Int(e.quota_unit_id),
       Text(EnrollmentStatusCode(e.status)), IntOrNull(e.nominated_by), IntOrNull(e.decided_by),
       TextOrNull(e.decision_reason), IntOrNull(e.replaces_id), TextOrNull(e.substitution_reason),
       e.waitlist_position ? Int(*e.waitlist_position) : store::Null(), Int(now), Int(now)});
  if (!inserted) {
    if (inserted.error().code == store::kUniqueViolation) {
      return Conflict("enrollment.duplicate", "该人员已在本班报名",
                      "the person is already enrolled in this class", "person_id");
    }
    return std::move(inserted).error();
  }
  return (*inserted)[0].Int(0);
}

std::optional<int64_t> UserOf(const Principal& who) {
  return who.user_id > 0 ? std::optional<int64_t>(who.user_id) : std::nullopt;
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

// Takes the class's enrollment lock (store/key_lock.h) for the rest of the
// transaction: quotas per unit, the class's capacity and the waiting list's
// positions are counts over the class's enrollments, so every change to them
// runs one at a time per class (on PostgreSQL; SQLite serializes all writers).
Status LockClassIn(store::Tx& tx, int64_t class_id) {
  return store::LockKeyIn(tx, "enrollment.class:" + std::to_string(class_id));
}

// LockClassIn for the class of enrollment `id` (none when there is no such
// enrollment: the load that follows answers 404).
Status LockClassOfIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT class_id FROM enrollments WHERE id = ?", {Int(id)}));
  if (rows.empty()) return Ok();
  return LockClassIn(tx, rows[0].Int(0));
}

// Loads an enrollment `who` may act on with `act`: 404 when missing or outside a
// liaison's subtree, 403 when the role may not.
Result<Enrollment> LoadForIn(store::Tx& tx, const Principal& who, int64_t id, Act act) {
  PEIXUN_ASSIGN_OR_RETURN(Enrollment e, EnrollmentService::GetIn(tx, id));
  Status access = CheckAccessIn(tx, who, e.class_id, act);
  PEIXUN_ASSIGN_OR_RETURN(auto units, VisibleUnitsIn(tx, who));
  if (!IsVisible(units, e)) return EnrollmentNotFound(id);
  PEIXUN_RETURN_IF_ERROR(access);
  return e;
}

// One decision on enrollment `id`, in one transaction: load it with `act`'s
// access, check that its class still takes changes, `change` it, read it back and
// audit `action` with before and after; when a seat may have come free, move the
// waiting list up.
using Change =
    std::function<Status(store::Tx&, const Enrollment& before, const classes::TrainingClass& c)>;
enum class Seat { kKept, kMayFree };

Result<Enrollment> DecideIn(store::Tx& tx, const Principal& who, int64_t id, Act act,
                            const char* action, Seat seat, const Change& change) {
  const Actor actor = Actor::Of(who);
  PEIXUN_RETURN_IF_ERROR(LockClassOfIn(tx, id));
  PEIXUN_ASSIGN_OR_RETURN(Enrollment before, LoadForIn(tx, who, id, act));
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c,
                          classes::ClassService::GetIn(tx, before.class_id));
  PEIXUN_RETURN_IF_ERROR(CheckChangeable(c));
  PEIXUN_RETURN_IF_ERROR(change(tx, before, c));
  PEIXUN_ASSIGN_OR_RETURN(Enrollment after, EnrollmentService::GetIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(AuditIn(tx, actor, action, id, &before, &after));
  if (seat == Seat::kMayFree) PEIXUN_RETURN_IF_ERROR(PromoteWaitlistIn(tx, c, actor));
  return after;
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

// Approves a nominated or waitlisted enrollment (the latter needs a free seat).
Status ApproveIn(store::Tx& tx, const Principal& who, const Enrollment& before,
                 const classes::TrainingClass& c, const std::string& note) {
  if (before.status == EnrollmentStatus::kWaitlisted) {
    PEIXUN_RETURN_IF_ERROR(CheckFreeSeatIn(tx, before, c));
  } else if (before.status != EnrollmentStatus::kNominated) {
    return StatusError(before, "批准", "approved");
  }
  PEIXUN_ASSIGN_OR_RETURN(int approved, ApprovedCountIn(tx, c.id));
  if (approved >= c.capacity) {
    return Conflict("enrollment.capacity_exceeded",
                    "培训班 " + std::to_string(c.capacity) + " 个座位已满",
                    "the class's " + std::to_string(c.capacity) + " seats are taken", "id");
  }
  return ChangeStatusIn(tx, before, EnrollmentStatus::kApproved, UserOf(who),
                        core::NormalizeField(note));
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

}  // namespace

Result<Enrollment> EnrollmentService::GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(std::string(kSelect) + "WHERE id = ?", {Int(id)}));
  if (rows.empty()) return EnrollmentNotFound(id);
  std::vector<Enrollment> one = {FromRow(rows[0])};
  PEIXUN_RETURN_IF_ERROR(FillIn(tx, one));
  return one[0];
}

Result<std::vector<int64_t>> EnrollmentService::ApprovedPersonIdsIn(store::Tx& tx,
                                                                    int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT person_id FROM enrollments WHERE class_id = ? AND status = 'approved' "
               "ORDER BY person_id",
               {Int(class_id)}));
  std::vector<int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.Int(0));
  return ids;
}

Result<bool> EnrollmentService::IsApprovedIn(store::Tx& tx, int64_t class_id, int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(
          "SELECT 1 FROM enrollments WHERE class_id = ? AND person_id = ? AND status = 'approved'",
          {Int(class_id), Int(person_id)}));
  return !rows.empty();
}

Result<std::vector<std::pair<int64_t, int64_t>>> EnrollmentService::ApprovedClassesOfPeopleIn(
    store::Tx& tx, const std::vector<int64_t>& person_ids) {
  std::vector<std::pair<int64_t, int64_t>> out;
  constexpr size_t kChunk = 500;
  for (size_t at = 0; at < person_ids.size(); at += kChunk) {
    std::string list;
    for (size_t i = at; i < std::min(person_ids.size(), at + kChunk); ++i) {
      list += (list.empty() ? "" : ", ") + std::to_string(person_ids[i]);
    }
    // Ids written as integers (no bound parameters); index enrollments_person.
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT DISTINCT person_id, class_id FROM enrollments WHERE person_id IN (" +
                     list + ") AND status = 'approved' ORDER BY person_id, class_id",
                 {}));
    for (const auto& r : rows) out.emplace_back(r.Int(0), r.Int(1));
  }
  return out;
}

Result<std::vector<int64_t>> EnrollmentService::ClassesOfPersonIn(store::Tx& tx,
                                                                  int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(
          "SELECT DISTINCT class_id FROM enrollments WHERE person_id = ? AND status = 'approved' "
          "ORDER BY class_id",
          {Int(person_id)}));
  std::vector<int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.Int(0));
  return ids;
}

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

Result<EnrollmentPage> EnrollmentService::List(const Principal& who, int64_t class_id,
                                               const EnrollmentQuery& query) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison}));
  if (query.limit < 1 || query.limit > kMaxPageSize || query.offset < 0) {
    return Invalid("enrollment.list.paging", "分页参数无效", "invalid paging", "page_size");
  }
  if (query.name.size() > 200) {
    return Invalid("enrollment.list.name", "姓名检索词过长", "the name search is too long", "q");
  }
  const std::string name = core::NormalizeField(query.name);
  return store::ReadValue<EnrollmentPage>(store_, [&](store::Tx& tx) -> Result<EnrollmentPage> {
    PEIXUN_RETURN_IF_ERROR(CheckAccessIn(tx, who, class_id, Act::kRead));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<Enrollment> all, LoadClassIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(auto units, VisibleUnitsIn(tx, who));
    std::vector<Enrollment> matches;
    for (auto& e : all) {
      if (!IsVisible(units, e)) continue;
      if (query.status && e.status != *query.status) continue;
      if (!name.empty() && e.person_name.find(name) == std::string::npos) continue;
      matches.push_back(std::move(e));
    }
    if (query.order == EnrollmentOrder::kCreated) {
      std::stable_sort(matches.begin(), matches.end(),
                       [](const Enrollment& a, const Enrollment& b) { return a.id < b.id; });
    } else if (query.order == EnrollmentOrder::kWaitlist) {
      std::stable_sort(matches.begin(), matches.end(),
                       [](const Enrollment& a, const Enrollment& b) {
                         const int pa = a.waitlist_position.value_or(INT32_MAX);
                         const int pb = b.waitlist_position.value_or(INT32_MAX);
                         return pa != pb ? pa < pb : a.id < b.id;
                       });
    }
    EnrollmentPage page;
    page.total = static_cast<int64_t>(matches.size());
    for (int64_t i = query.offset; i < page.total && i < query.offset + query.limit; ++i) {
      page.items.push_back(std::move(matches[i]));
    }
    return page;
  });
}

Result<Enrollment> EnrollmentService::Get(const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison}));
  return store::ReadValue<Enrollment>(
      store_, [&](store::Tx& tx) { return LoadForIn(tx, who, id, Act::kRead); });
}

Result<Enrollment> EnrollmentService::Nominate(const Principal& who, int64_t class_id,
                                               int64_t person_id, bool waitlist) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) -> Result<Enrollment> {
    PEIXUN_RETURN_IF_ERROR(LockClassIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(CheckAccessIn(tx, who, class_id, Act::kNominate));
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(CheckChangeable(c));
    PEIXUN_ASSIGN_OR_RETURN(int64_t quota_unit, CandidateQuotaUnitIn(tx, who, class_id, person_id));
    // Those already waiting go first when a seat has freed since (a larger capacity).
    PEIXUN_RETURN_IF_ERROR(PromoteWaitlistIn(tx, c, actor));
    PEIXUN_ASSIGN_OR_RETURN(auto seats, QuotaSeatsIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(int unit_taken, SeatsTakenIn(tx, class_id, quota_unit));
    PEIXUN_ASSIGN_OR_RETURN(int class_taken, SeatsTakenIn(tx, class_id, std::nullopt));
    std::optional<Error> full;
    if (unit_taken >= seats[quota_unit]) {
      const std::string name = UnitNameIn(tx, quota_unit);
      full =
          Conflict("enrollment.quota_exceeded",
                   name + " 的 " + std::to_string(seats[quota_unit]) + " 个名额已满",
                   "the " + std::to_string(seats[quota_unit]) + " seats of " + name + " are taken",
                   "person_id");
    } else if (class_taken >= c.capacity) {
      full = Conflict(
          "enrollment.capacity_exceeded", "培训班 " + std::to_string(c.capacity) + " 个座位已满",
          "the class's " + std::to_string(c.capacity) + " seats are taken", "person_id");
    }
    if (full && !waitlist) return *full;
    Enrollment e;
    e.class_id = class_id;
    e.person_id = person_id;
    e.quota_unit_id = quota_unit;
    e.nominated_by = UserOf(who);
    e.status = full ? EnrollmentStatus::kWaitlisted : EnrollmentStatus::kNominated;
    if (full) {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows last, tx.Query("SELECT COALESCE(MAX(waitlist_position), 0) FROM enrollments "
                                     "WHERE class_id = ? AND status = 'waitlisted'",
                                     {Int(class_id)}));
      e.waitlist_position = static_cast<int>(last[0].Int(0)) + 1;
    }
    PEIXUN_ASSIGN_OR_RETURN(int64_t id, InsertIn(tx, e));
    PEIXUN_ASSIGN_OR_RETURN(Enrollment stored, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(AuditIn(tx, actor, "enrollment.nominate", id, nullptr, &stored));
    return stored;
  });
}

Result<Enrollment> EnrollmentService::Approve(const Principal& who, int64_t id,
                                              const std::string& note) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) {
    return DecideIn(tx, who, id, Act::kDecide, "enrollment.approve", Seat::kKept,
                    [&](store::Tx& tx, const Enrollment& before, const classes::TrainingClass& c) {
                      return ApproveIn(tx, who, before, c, note);
                    });
  });
}

Result<Enrollment> EnrollmentService::RaiseQuotaAndApprove(const Principal& who, int64_t id,
                                                           int seats, const std::string& note) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) {
    return DecideIn(
        tx, who, id, Act::kDecide, "enrollment.approve", Seat::kMayFree,
        [&](store::Tx& tx, const Enrollment& before, const classes::TrainingClass& c) -> Status {
          if (before.status != EnrollmentStatus::kWaitlisted) {
            return StatusError(before, "提高名额后批准", "approved with a raised quota");
          }
          PEIXUN_RETURN_IF_ERROR(RaiseQuotaIn(tx, actor, c, before.quota_unit_id, seats));
          return ApproveIn(tx, who, before, c, note);
        });
  });
}

Result<Enrollment> EnrollmentService::Reject(const Principal& who, int64_t id,
                                             const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) {
    return DecideIn(
        tx, who, id, Act::kDecide, "enrollment.reject", Seat::kMayFree,
        [&](store::Tx& tx, const Enrollment& before, const classes::TrainingClass&) -> Status {
          PEIXUN_ASSIGN_OR_RETURN(std::string why, RequireReason(reason));
          if (before.status != EnrollmentStatus::kNominated &&
              before.status != EnrollmentStatus::kWaitlisted) {
            return StatusError(before, "退回", "rejected");
          }
          return ChangeStatusIn(tx, before, EnrollmentStatus::kRejected, UserOf(who), why);
        });
  });
}

Result<Enrollment> EnrollmentService::Withdraw(const Principal& who, int64_t id,
                                               const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison}));
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) {
    return DecideIn(
        tx, who, id, Act::kNominate, "enrollment.withdraw", Seat::kMayFree,
        [&](store::Tx& tx, const Enrollment& before, const classes::TrainingClass&) -> Status {
          PEIXUN_ASSIGN_OR_RETURN(std::string why, RequireReason(reason));
          if (!IsLive(before.status)) return StatusError(before, "退训", "withdrawn");
          return ChangeStatusIn(tx, before, EnrollmentStatus::kWithdrawn, UserOf(who), why);
        });
  });
}

Result<Enrollment> EnrollmentService::Substitute(const Principal& who, int64_t id,
                                                 int64_t person_id, const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) -> Result<Enrollment> {
    PEIXUN_RETURN_IF_ERROR(LockClassOfIn(tx, id));
    PEIXUN_ASSIGN_OR_RETURN(Enrollment before, LoadForIn(tx, who, id, Act::kNominate));
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c,
                            classes::ClassService::GetIn(tx, before.class_id));
    PEIXUN_RETURN_IF_ERROR(CheckChangeable(c));
    PEIXUN_ASSIGN_OR_RETURN(std::string why, RequireReason(reason));
    if (!HoldsSeat(before.status)) return StatusError(before, "替训", "substituted");
    // A substitute waiting for a seat of the same class leaves the waiting list: the
    // seat they take is this one (when a unit's quota is full, 替训 from the list).
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows waiting,
        tx.Query(
            std::string(kSelect) + "WHERE class_id = ? AND person_id = ? AND status = 'waitlisted'",
            {Int(before.class_id), Int(person_id)}));
    if (!waiting.empty()) {
      PEIXUN_ASSIGN_OR_RETURN(Enrollment queued, GetIn(tx, waiting[0].Int(0)));
      PEIXUN_RETURN_IF_ERROR(ChangeStatusIn(tx, queued, EnrollmentStatus::kWithdrawn, UserOf(who),
                                            "替训入班：" + why));
      PEIXUN_ASSIGN_OR_RETURN(Enrollment left, GetIn(tx, queued.id));
      PEIXUN_RETURN_IF_ERROR(AuditIn(tx, actor, "enrollment.withdraw", queued.id, &queued, &left));
    }
    PEIXUN_ASSIGN_OR_RETURN(int64_t quota_unit,
                            CandidateQuotaUnitIn(tx, who, before.class_id, person_id));
    if (quota_unit != before.quota_unit_id) {
      return Invalid(
          "enrollment.substitute.other_unit",
          "替训人员应与原学员使用同一单位（" + before.quota_unit_name + "）的名额",
          "the substitute must come from the same quota unit (" + before.quota_unit_name + ")",
          "person_id");
    }
    PEIXUN_RETURN_IF_ERROR(ChangeStatusIn(tx, before, EnrollmentStatus::kReplaced, UserOf(who),
                                          before.decision_reason));
    Enrollment next;
    next.class_id = before.class_id;
    next.person_id = person_id;
    next.quota_unit_id = before.quota_unit_id;
    next.nominated_by = UserOf(who);
    next.replaces_id = before.id;
    next.substitution_reason = why;
    if (Manages(who)) {
      next.status = before.status;
      if (next.status == EnrollmentStatus::kApproved) next.decided_by = UserOf(who);
    } else {
      next.status = EnrollmentStatus::kNominated;
    }
    PEIXUN_ASSIGN_OR_RETURN(int64_t new_id, InsertIn(tx, next));
    PEIXUN_ASSIGN_OR_RETURN(Enrollment after, GetIn(tx, new_id));
    PEIXUN_RETURN_IF_ERROR(AuditIn(tx, actor, "enrollment.substitute", new_id, &before, &after));
    return after;
  });
}

}  // namespace peixun::enrollment
