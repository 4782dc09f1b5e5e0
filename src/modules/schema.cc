#include "modules/schema.h"

#include "modules/assessment/assessment_schema.h"
#include "modules/attendance/attendance_schema.h"
#include "modules/audit/audit_schema.h"
#include "modules/auth/auth_schema.h"
#include "modules/certificates/certificates_schema.h"
#include "modules/classes/classes_schema.h"
#include "modules/completion/completion_schema.h"
#include "modules/enrollment/enrollment_schema.h"
#include "modules/evaluation/evaluation_schema.h"
#include "modules/groups/groups_schema.h"
#include "modules/logistics/logistics_schema.h"
#include "modules/org/org_schema.h"
#include "modules/people/people_schema.h"
#include "modules/records/records_schema.h"
#include "modules/reflection/reflection_schema.h"
#include "modules/settings/settings_schema.h"
#include "modules/timetable/timetable_schema.h"

namespace peixun::modules {

std::vector<store::Migration> AllMigrations() {
  std::vector<store::Migration> all;
  for (auto part : {settings::SettingsMigrations(), org::OrgMigrations(),
                    people::PeopleMigrations(), auth::AuthMigrations(), audit::AuditMigrations(),
                    classes::ClassesMigrations(), timetable::TimetableMigrations(),
                    enrollment::EnrollmentMigrations(), groups::GroupsMigrations(),
                    logistics::LogisticsMigrations(), attendance::AttendanceMigrations(),
                    assessment::AssessmentMigrations(), evaluation::EvaluationMigrations(),
                    reflection::ReflectionMigrations(), completion::CompletionMigrations(),
                    certificates::CertificatesMigrations(), records::RecordsMigrations()}) {
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

}  // namespace peixun::modules
