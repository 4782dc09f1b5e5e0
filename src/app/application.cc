#include "app/application.h"

#include "app/assessment_source.h"
#include "app/summary_routes.h"
#include "app/system_routes.h"
#include "core/clock.h"
#include "modules/assessment/assessment_routes.h"
#include "modules/attendance/attendance_routes.h"
#include "modules/audit/audit_routes.h"
#include "modules/auth/auth_routes.h"
#include "modules/certificates/certificates_routes.h"
#include "modules/classes/classes_routes.h"
#include "modules/completion/completion_routes.h"
#include "modules/enrollment/enrollment_queries.h"
#include "modules/enrollment/enrollment_routes.h"
#include "modules/evaluation/evaluation_routes.h"
#include "modules/groups/groups_queries.h"
#include "modules/groups/groups_routes.h"
#include "modules/invites/invites_routes.h"
#include "modules/logistics/logistics_routes.h"
#include "modules/org/org_routes.h"
#include "modules/people/people_routes.h"
#include "modules/privacy/privacy_routes.h"
#include "modules/records/outside_import_routes.h"
#include "modules/records/records_routes.h"
#include "modules/reflection/reflection_routes.h"
#include "modules/settings/settings_routes.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/timetable_routes.h"
#include "modules/workbench/workbench_routes.h"
#include "store/timed_store.h"

namespace peixun::app {

Application::Application(std::unique_ptr<store::Store> store, crypto::DataKey key, Log log,
                         bool second_factor_required)
    : store_(std::make_unique<store::TimedStore>(
          std::move(store),
          [this](const std::string& kind, double seconds) { metrics_.ObserveDb(kind, seconds); })),
      key_(std::move(key)) {
  auth::AuthOptions auth_options;
  auth_options.data_key = key_;
  if (!second_factor_required) auth_options.second_factor_roles.clear();
  auth_ = std::make_unique<auth::AuthServices>(*store_, auth_options);
  // Invites log a person in: only for approved trainees of classes the caller manages.
  auth_->invites.SetScope(enrollment::MayInviteIn);
  RegisterSystemRoutes(router_, metrics_);
  auth::RegisterAuthRoutes(router_, *auth_);
  org::RegisterOrgRoutes(router_, *store_);
  people::RegisterPeopleRoutes(router_, *store_, key_);
  audit::RegisterAuditRoutes(router_, *store_);
  settings::RegisterSettingsRoutes(router_, *store_);
  // Classes and timetable learn who is enrolled and in which group through
  // hooks, so they never read the enrollment or groups tables themselves.
  store::Store& db = *store_;
  classes::ClassHooks class_hooks;
  class_hooks.on_copy.push_back(timetable::CopyTimetableIn);
  class_hooks.enrolled_class_ids = [&db](int64_t person_id) {
    return enrollment::ClassesOfPerson(db, person_id);
  };
  timetable::TimetableHooks timetable_hooks;
  timetable_hooks.trainee_count = [&db](int64_t class_id) {
    return enrollment::ApprovedCount(db, class_id);
  };
  timetable_hooks.person_group_ids = [&db](int64_t class_id, int64_t person_id) {
    return groups::GroupIdsOf(db, class_id, person_id);
  };
  timetable_hooks.class_group_ids = [&db](int64_t class_id) {
    return groups::GroupIdsOfClass(db, class_id);
  };
  timetable_hooks.sheet_rows = [&db](int64_t class_id, std::vector<int64_t> group_ids) {
    return groups::SheetRows(db, class_id, group_ids);
  };
  classes::RegisterClassesRoutes(router_, db, key_, class_hooks);
  timetable::RegisterTimetableRoutes(router_, db, class_hooks, timetable_hooks);
  // Attendance and leave: the routes own the services (and the check-in writer's
  // thread), so they live exactly as long as router_. The live feed joins the other
  // instances on the same database (PostgreSQL LISTEN/NOTIFY; SQLite: in-process).
  attendance::AttendanceServices attendance_services(*store_, key_);
  if (Status joined = attendance_services.live->Connect(*store_); !joined && log) {
    log("live feed: cannot listen for other instances: " + joined.error().message_en);
  }
  attendance::RegisterAttendanceRoutes(router_, attendance_services);
  // Enrollment, groups and logistics. Badges print each trainee's group; meal
  // counts leave out trainees on approved leave at the meal's time.
  enrollment::EnrollmentRouteHooks enrollment_hooks;
  enrollment_hooks.group_labels = [this](int64_t class_id) {
    return groups::GroupLabels(*store_, class_id);
  };
  enrollment::RegisterEnrollmentRoutes(router_, *store_, key_, enrollment_hooks);
  groups::RegisterGroupsRoutes(router_, *store_);
  // A class's trainee invites in bulk, made by auth's InviteService (scope above).
  invites::RegisterInvitesRoutes(router_, *store_, auth_->invites, key_,
                                 enrollment_hooks.group_labels);
  logistics::LogisticsHooks logistics_hooks;
  logistics_hooks.leave_of_class = [this](int64_t class_id) {
    return attendance::LeaveCheckForClass(*store_, class_id);
  };
  logistics::RegisterLogisticsRoutes(router_, *store_, logistics_hooks);
  // Question bank, exams and attempts: the routes hold the services. Expired
  // attempts are submitted by the server whenever anything reads them.
  assessment::RegisterAssessmentRoutes(router_, assessment::AssessmentServices(*store_));
  // Course evaluation (教学评估), anonymous by construction.
  evaluation::RegisterEvaluationRoutes(router_, *store_);
  // Reflection papers (心得体会).
  reflection::RegisterReflectionRoutes(router_, *store_);
  // Completion reads exams, reflection papers and evaluations through the source
  // composed here (assessment_source.h).
  auto completion_service = std::make_shared<completion::CompletionService>(*store_);
  completion_service->SetAssessmentSource(MakeAssessmentSource());
  completion::RegisterCompletionRoutes(router_, completion_service);
  // Each role's start page (工作台), read-only, composed from the modules above.
  workbench::RegisterWorkbenchRoutes(
      router_,
      std::make_shared<workbench::WorkbenchService>(
          *store_, completion_service, workbench::ServerFacts{PEIXUN_VERSION, NowMillis()}));
  certificates::RegisterCertificatesRoutes(
      router_, std::make_shared<certificates::CertificateService>(*store_));
  // The class summary report (培训总结) composes many modules' public services.
  RegisterSummaryRoutes(router_, std::make_shared<ClassSummaryService>(*store_));
  // The training record (培训档案) and the hours ledger (学时台账).
  privacy::RegisterPrivacyRoutes(router_, std::make_shared<privacy::PrivacyService>(*store_, key_));
  records::RegisterRecordsRoutes(router_, std::make_shared<records::RecordService>(*store_),
                                 std::make_shared<records::LedgerService>(*store_, key_));
  records::RegisterOutsideImportRoutes(router_, *store_, key_);
  dispatcher_ =
      std::make_unique<api::Dispatcher>(router_, auth_->authenticator, metrics_, std::move(log));
}

}  // namespace peixun::app
