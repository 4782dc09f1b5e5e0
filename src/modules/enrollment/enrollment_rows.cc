// The enrollments table's rows, errors and locks, for the enrollment service's files.
#include "modules/enrollment/internal/enrollment_common.h"

#include "core/clock.h"
#include "core/text_normalize.h"
#include "modules/audit/audit_log.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/enrollment/internal/enrollment_json.h"
#include "modules/org/org_service.h"
#include "modules/people/people_service.h"
#include "store/key_lock.h"

namespace peixun::enrollment {

using store::Int;
using store::IntOrNull;
using store::Text;
using store::TextOrNull;

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

Status AuditIn(store::Tx& tx, const Actor& actor, const char* action, int64_t id,
               const Enrollment* before, const Enrollment* after) {
  return audit::AppendIn(
      tx, actor,
      audit::AuditEntry{action, "enrollment", id, before ? EnrollmentToJson(*before) : nullptr,
                        after ? EnrollmentToJson(*after) : nullptr});
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

}  // namespace peixun::enrollment
