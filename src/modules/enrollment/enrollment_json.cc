#include "modules/enrollment/internal/enrollment_json.h"
#include "api/openapi.h"

namespace peixun::enrollment {
namespace {

using nlohmann::json;

json OptId(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json EnrollmentToJson(const Enrollment& e) {
  return {{"id", e.id},
          {"class_id", e.class_id},
          {"person_id", e.person_id},
          {"person_name", e.person_name},
          {"gender", e.gender},
          {"unit_id", OptId(e.unit_id)},
          {"unit_name", e.unit_name},
          {"position", e.position},
          {"quota_unit_id", e.quota_unit_id},
          {"quota_unit_name", e.quota_unit_name},
          {"status", EnrollmentStatusCode(e.status)},
          {"status_label", EnrollmentStatusLabel(e.status)},
          {"nominated_by", OptId(e.nominated_by)},
          {"decided_by", OptId(e.decided_by)},
          {"decision_reason", e.decision_reason},
          {"replaces_id", OptId(e.replaces_id)},
          {"replaced_by_id", OptId(e.replaced_by_id)},
          {"substitution_reason", e.substitution_reason},
          {"waitlist_position", e.waitlist_position ? json(*e.waitlist_position) : json(nullptr)},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at}};
}

json EnrollmentSchema() {
  const json str = {{"type", "string"}};
  const json integer = {{"type", "integer"}};
  const json nullable_int = {{"type", "integer"}, {"nullable", true}};
  return api::Output(
      "Enrollment",
      {{"type", "object"},
       {"properties",
        {{"id", integer},
         {"class_id", integer},
         {"person_id", integer},
         {"person_name", str},
         {"gender", str},
         {"unit_id", nullable_int},
         {"unit_name", str},
         {"position", str},
         {"quota_unit_id", integer},
         {"quota_unit_name", str},
         {"status",
          {{"type", "string"},
           {"enum", {"nominated", "approved", "rejected", "waitlisted", "withdrawn", "replaced"}}}},
         {"status_label", str},
         {"nominated_by", nullable_int},
         {"decided_by", nullable_int},
         {"decision_reason", str},
         {"replaces_id", nullable_int},
         {"replaced_by_id", nullable_int},
         {"substitution_reason", str},
         {"waitlist_position", nullable_int},
         {"created_at", integer},
         {"updated_at", integer}}}});
}

json QuotaToJson(const Quota& q) {
  return {{"unit_id", q.unit_id}, {"unit_name", q.unit_name}, {"seats", q.seats},
          {"used", q.used},       {"approved", q.approved},   {"waitlisted", q.waitlisted}};
}

json QuotaSchema() {
  const json integer = {{"type", "integer"}};
  return api::Output("Quota", {{"type", "object"},
                               {"properties",
                                {{"unit_id", integer},
                                 {"unit_name", {{"type", "string"}}},
                                 {"seats", integer},
                                 {"used", integer},
                                 {"approved", integer},
                                 {"waitlisted", integer}}}});
}

}  // namespace peixun::enrollment
