#include "modules/privacy/privacy_service.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "core/clock.h"
#include "core/role_guard.h"
#include "modules/assessment/assessment_personal_data.h"
#include "modules/attendance/attendance_personal_data.h"
#include "modules/audit/audit_log.h"
#include "modules/audit/audit_redaction.h"
#include "modules/auth/auth_personal_data.h"
#include "modules/certificates/certificates_personal_data.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_personal_data.h"
#include "modules/enrollment/enrollment_personal_data.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/evaluation/evaluation_personal_data.h"
#include "modules/groups/groups_personal_data.h"
#include "modules/logistics/logistics_personal_data.h"
#include "modules/people/people_personal_data.h"
#include "modules/records/records_personal_data.h"
#include "modules/reflection/reflection_personal_data.h"
#include "modules/settings/settings.h"

namespace peixun::privacy {
namespace {

using nlohmann::json;

bool IsStaffReader(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kOrganizer;
}

Status CollectIn(store::Tx& tx, const crypto::DataKey& key, int64_t id, bool clear,
                 store::PersonalData* out) {
  PEIXUN_RETURN_IF_ERROR(people::PersonalDataIn(tx, key, id, clear, out));
  PEIXUN_RETURN_IF_ERROR(auth::PersonalDataIn(tx, id, out));
  PEIXUN_RETURN_IF_ERROR(enrollment::PersonalDataIn(tx, id, out));
  PEIXUN_RETURN_IF_ERROR(groups::PersonalDataIn(tx, id, out));
  PEIXUN_RETURN_IF_ERROR(logistics::PersonalDataIn(tx, id, out));
  PEIXUN_RETURN_IF_ERROR(attendance::PersonalDataIn(tx, id, out));
  PEIXUN_RETURN_IF_ERROR(assessment::PersonalDataIn(tx, id, out));
  PEIXUN_RETURN_IF_ERROR(evaluation::PersonalDataIn(tx, id, out));
  PEIXUN_RETURN_IF_ERROR(reflection::PersonalDataIn(tx, id, out));
  PEIXUN_RETURN_IF_ERROR(completion::PersonalDataIn(tx, id, out));
  PEIXUN_RETURN_IF_ERROR(certificates::PersonalDataIn(tx, id, out));
  return records::PersonalDataIn(tx, id, out);
}

// 409 while the person is enrolled (approved) in a running class.
Status CheckNotInRunningClassIn(store::Tx& tx, int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> classes,
                          enrollment::EnrollmentService::ClassesOfPersonIn(tx, person_id));
  for (int64_t class_id : classes) {
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
    if (c.status == classes::ClassStatus::kRunning) {
      return Conflict("privacy.erase.running_class",
                      "该人员正在参加培训班「" + c.name + "」，结业后才能删除其个人信息",
                      "this person is a trainee of the running class \"" + c.name +
                          "\"; their personal information can be erased once it has finished",
                      "person_id");
    }
  }
  return Ok();
}

Result<ErasureResult> EraseIn(store::Tx& tx, const crypto::DataKey& key, int64_t id,
                              const Actor& actor, const std::string& reason) {
  PEIXUN_ASSIGN_OR_RETURN(people::ErasableValues values, people::ErasableValuesIn(tx, key, id));
  if (values.erased) {
    return Conflict("privacy.erase.already", "该人员的个人信息已删除",
                    "this person's personal information was already erased", "person_id");
  }
  PEIXUN_RETURN_IF_ERROR(CheckNotInRunningClassIn(tx, id));
  PEIXUN_ASSIGN_OR_RETURN(std::optional<auth::PersonLogin> login, auth::LoginOfPersonIn(tx, id));

  std::vector<std::string> scrub = {values.name, values.phone, values.id_number, values.id_masked};
  if (login) scrub.push_back(login->username);
  scrub.erase(
      std::remove_if(scrub.begin(), scrub.end(), [](const std::string& s) { return s.size() < 2; }),
      scrub.end());
  const int64_t now = NowMillis();
  PEIXUN_RETURN_IF_ERROR(enrollment::ErasePersonalDataIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(groups::ErasePersonalDataIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(logistics::ErasePersonalDataIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(attendance::ErasePersonalDataIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(assessment::ErasePersonalDataIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(evaluation::ErasePersonalDataIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(reflection::ErasePersonalDataIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(completion::ErasePersonalDataIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(certificates::ErasePersonalDataIn(tx, id, scrub));
  PEIXUN_RETURN_IF_ERROR(records::ErasePersonalDataIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(auth::ErasePersonalDataIn(tx, id, now));
  PEIXUN_RETURN_IF_ERROR(people::ErasePersonalDataIn(tx, id, now));

  audit::Redaction r;
  if (login) {
    r.actor_user_ids.insert(login->user_id);
    r.entities.emplace_back("user", login->user_id);
  }
  r.values = scrub;
  r.entities.emplace_back("person", id);
  r.keys = {"name",         "phone",     "ethnicity",       "birth_date",
            "id_number",    "id_masked", "party_join_date", "tags",
            "display_name", "username",  "position",        "id_number_masked"};
  r.replacement = store::ErasedName(id);
  PEIXUN_ASSIGN_OR_RETURN(
      audit::RedactionResult redacted,
      audit::RedactIn(
          tx, actor, r,
          audit::AuditEntry{"privacy.erase", "person", id, nullptr,
                            json{{"person_id", id}, {"name", r.replacement}, {"reason", reason}}}));
  ErasureResult result;
  result.person_id = id;
  result.name = r.replacement;
  result.audit_entries_redacted = redacted.redacted_entries;
  result.erase_entry_id = redacted.erase_entry_id;
  return result;
}

core::CivilDate YearsBefore(core::CivilDate d, int years) {
  d.year -= years;
  d.day = std::min(d.day, core::DaysInMonth(d.year, d.month));
  return d;
}

}  // namespace

Result<PersonExport> PrivacyService::Export(const Principal& who, int64_t person_id) {
  if (!IsStaffReader(who)) return RoleForbidden();
  return ExportUnchecked(who, person_id, true);
}

Result<PersonExport> PrivacyService::ExportOwn(const Principal& who) {
  if (!who.person_id) {
    return NotFound("people.not_found", "该账号未关联人员",
                    "this account is not linked to a person", "person_id");
  }
  // Staff linked to a person see their own ID number in clear, as before.
  return ExportUnchecked(who, *who.person_id, IsStaffReader(who));
}

Result<PersonExport> PrivacyService::ExportUnchecked(const Principal& who, int64_t person_id,
                                                     bool clear) {
  PersonExport e;
  e.person_id = person_id;
  e.clear_id_number = clear;
  e.exported_at = NowMillis();
  // A write transaction: the export itself is audited.
  PEIXUN_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
    e.parts.clear();
    PEIXUN_ASSIGN_OR_RETURN(bool erased, people::IsErasedIn(tx, person_id));  // 404 first
    (void)erased;
    PEIXUN_RETURN_IF_ERROR(CollectIn(tx, key_, person_id, e.clear_id_number, &e.parts));
    return audit::RecordIn(tx, Actor::Of(who), "privacy.export", "person", person_id, nullptr,
                           json{{"id_number_in_clear", e.clear_id_number}});
  }));
  return e;
}

Result<ErasureResult> PrivacyService::Erase(const Principal& who, int64_t person_id,
                                            const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  if (reason.empty()) {
    return Invalid("privacy.erase.reason", "请填写删除原因", "a reason is required", "reason");
  }
  return Erase(person_id, Actor::Of(who), reason);
}

Result<ErasureResult> PrivacyService::Erase(int64_t person_id, const Actor& actor,
                                            const std::string& reason) {
  return store::TransactValue<ErasureResult>(
      store_, [&](store::Tx& tx) { return EraseIn(tx, key_, person_id, actor, reason); });
}

Result<std::vector<RetentionCandidate>> PrivacyService::RetentionCandidates(int years,
                                                                            core::CivilDate today) {
  const core::CivilDate cutoff = YearsBefore(today, years);
  return store::ReadValue<std::vector<RetentionCandidate>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<RetentionCandidate>> {
        PEIXUN_ASSIGN_OR_RETURN(auto pairs, enrollment::AllPersonClassPairsIn(tx));
        std::map<int64_t, classes::TrainingClass> class_cache;
        std::map<int64_t, std::optional<core::CivilDate>> latest;  // nullopt: not left
        for (const auto& [person_id, class_id] : pairs) {
          auto it = class_cache.find(class_id);
          if (it == class_cache.end()) {
            PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c,
                                    classes::ClassService::GetIn(tx, class_id));
            it = class_cache.emplace(class_id, std::move(c)).first;
          }
          const classes::TrainingClass& c = it->second;
          const bool left = (c.status == classes::ClassStatus::kFinished ||
                             c.status == classes::ClassStatus::kArchived) &&
                            c.end_date < cutoff;
          auto [slot, fresh] = latest.try_emplace(person_id, c.end_date);
          if (!left) {
            slot->second.reset();
          } else if (!fresh && slot->second && *slot->second < c.end_date) {
            slot->second = c.end_date;
          }
        }
        std::vector<RetentionCandidate> out;
        for (const auto& [person_id, end] : latest) {
          if (!end) continue;
          PEIXUN_ASSIGN_OR_RETURN(people::ErasableValues v,
                                  people::ErasableValuesIn(tx, key_, person_id));
          if (v.erased) continue;
          out.push_back(RetentionCandidate{person_id, v.name, *end});
        }
        return out;
      });
}

Result<int> PrivacyService::RetentionYears(const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  return RetentionYears();
}

Result<RetentionPreview> PrivacyService::PreviewRetention(const Principal& who, int years,
                                                          core::CivilDate today) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  if (years < 1 || years > 100) {
    return Invalid("privacy.retention.years", "保存年限应在 1 到 100 之间",
                   "the retention period must be between 1 and 100 years", "years");
  }
  RetentionPreview out;
  out.years = years;
  out.cutoff = YearsBefore(today, years);
  PEIXUN_ASSIGN_OR_RETURN(out.people, RetentionCandidates(years, today));
  return out;
}

Result<int> PrivacyService::RetentionYears() {
  return store::ReadValue<int>(store_, [&](store::Tx& tx) -> Result<int> {
    PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> v,
                            settings::GetIn(tx, kRetentionYearsSetting));
    int years = 0;
    if (v) std::from_chars(v->data(), v->data() + v->size(), years);
    return std::max(years, 0);
  });
}

Status PrivacyService::SetRetentionYears(int years, const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  if (years < 0 || years > 100) {
    return Invalid("privacy.retention.years", "保存年限应在 0（不自动删除）到 100 之间",
                   "the retention period must be between 0 (off) and 100 years", "years");
  }
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> before,
                            settings::GetIn(tx, kRetentionYearsSetting));
    PEIXUN_RETURN_IF_ERROR(settings::SetIn(tx, kRetentionYearsSetting, std::to_string(years)));
    return audit::RecordIn(tx, Actor::Of(who), "privacy.retention.update", "setting", std::nullopt,
                           json{{"years", before ? json(*before) : json(nullptr)}},
                           json{{"years", years}});
  });
}

}  // namespace peixun::privacy
