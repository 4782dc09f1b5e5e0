#include "modules/enrollment/enrollment_service.h"

#include <algorithm>

#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "modules/enrollment/internal/enrollment_common.h"

namespace peixun::enrollment {
namespace {

using store::Int;

constexpr int64_t kMaxPageSize = 1000;

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

}  // namespace peixun::enrollment
