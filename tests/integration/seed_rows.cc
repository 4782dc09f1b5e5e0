#include "seed_rows.h"

#include "core/actor.h"
#include "modules/people/people_service.h"
#include "modules/people/person_validation.h"

namespace peixun::test {

Result<std::vector<int64_t>> AddPeopleIn(store::Tx& tx, const crypto::DataKey& key, int64_t unit_id,
                                         const std::vector<std::string>& names,
                                         const std::string& gender) {
  std::vector<int64_t> ids;
  ids.reserve(names.size());
  for (const std::string& name : names) {
    people::PersonInput in;
    in.name = name;
    in.gender = gender;
    in.unit_id = unit_id;
    people::ValidatedPerson v;
    std::vector<Error> errors = people::ValidatePerson(in, &v);
    if (!errors.empty()) return errors.front();
    PEIXUN_ASSIGN_OR_RETURN(people::Person p,
                            people::PeopleService::InsertIn(tx, key, v, Actor::System()));
    ids.push_back(p.id);
  }
  return ids;
}

Status AddApprovedEnrollmentsIn(store::Tx& tx, int64_t class_id, int64_t quota_unit_id,
                                const std::vector<int64_t>& person_ids,
                                std::optional<int64_t> decided_by, int64_t at_ms) {
  for (int64_t id : person_ids) {
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO enrollments (class_id, person_id, quota_unit_id, status, "
                "nominated_by, decided_by, created_at, updated_at) "
                "VALUES (?, ?, ?, 'approved', ?, ?, ?, ?)",
                {store::Int(class_id), store::Int(id), store::Int(quota_unit_id),
                 store::IntOrNull(decided_by), store::IntOrNull(decided_by), store::Int(at_ms),
                 store::Int(at_ms)}));
  }
  return Ok();
}

Result<int64_t> AddLectureIn(store::Tx& tx, int64_t class_id, const std::string& title,
                             int64_t start_ms, int64_t end_ms, int64_t now_ms) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows s,
      tx.Query("INSERT INTO class_sessions (class_id, kind, title, start_ms, end_ms, "
               "requires_checkout, created_at, updated_at) VALUES (?, 'lecture', ?, ?, ?, 0, ?, ?) "
               "RETURNING id",
               {store::Int(class_id), store::Text(title), store::Int(start_ms), store::Int(end_ms),
                store::Int(now_ms), store::Int(now_ms)}));
  return s[0].Int(0);
}

}  // namespace peixun::test
