// The access checks live in the service entry points (issue 14): each entry
// point a route calls, called directly with the Principal of every caller of
// the authorization matrix, answers as that route's row says (the one table in
// authz_matrix_test.cc, through authz_rules.h, so the two walks cannot drift): an
// allowed caller gets past (neither 401 nor 403, never a 5xx), a refused one gets
// the status the route gives. A second transport (the CLI, a job runner)
// therefore cannot skip a check. Both databases.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app_fixture.h"
#include "authz_fixture.h"
#include "authz_rules.h"
#include "core/role_guard.h"
#include "io/table.h"
#include "modules/assessment/attempt_service.h"
#include "modules/assessment/exam_service.h"
#include "modules/attendance/attendance_service.h"
#include "modules/attendance/checkin_service.h"
#include "modules/attendance/leave_service.h"
#include "modules/attendance/my_attendance.h"
#include "modules/attendance/venue_service.h"
#include "modules/audit/audit_query.h"
#include "modules/audit/audit_verify.h"
#include "modules/auth/login_log.h"
#include "modules/auth/login_log_retention.h"
#include "modules/auth/session_list.h"
#include "modules/auth/user_admin.h"
#include "modules/certificates/certificate_service.h"
#include "modules/classes/class_admin.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_service.h"
#include "modules/enrollment/enrollment_queries.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/evaluation/evaluation_service.h"
#include "modules/groups/groups_service.h"
#include "modules/invites/class_invites.h"
#include "modules/logistics/bus_service.h"
#include "modules/logistics/lodging_service.h"
#include "modules/logistics/meal_service.h"
#include "modules/org/org_for_user.h"
#include "modules/people/people_service.h"
#include "modules/people/roster_export.h"
#include "modules/people/roster_import.h"
#include "modules/privacy/privacy_service.h"
#include "modules/records/outside_import.h"
#include "modules/records/record_service.h"
#include "modules/reflection/reflection_service.h"
#include "modules/timetable/lecturer_service.h"
#include "modules/timetable/registry_for_user.h"
#include "modules/timetable/room_service.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/site_service.h"
#include "modules/timetable/timetable_prints.h"

namespace peixun::test {
namespace {

using authz::kAllowed;
using nlohmann::json;

// The matrix's fixture (authz_fixture.h): the same users and targets as the routes.
class ServiceAuthzTest : public AuthzFixture {};

template <typename T>
Status StatusOf(const Result<T>& r) {
  if (r.ok()) return Ok();
  return r.error();
}

TEST_F(ServiceAuthzTest, EntryPointsAnswerAsTheirRoutes) {
  const auto rules = authz::Rules();
  people::PeopleService people(app().store(), key_);
  attendance::CheckinService checkins(app().store(), key_);
  const classes::EnrolledClassIds enrolled = [this](int64_t person_id) {
    return enrollment::ClassesOfPerson(app().store(), person_id);
  };
  classes::ClassService classes_service(app().store(), key_, classes::ClassHooks{enrolled, {}});
  timetable::SessionService sessions(app().store(), {}, enrolled);
  timetable::RoomService rooms(app().store(), enrolled);
  timetable::TimetablePrints prints(app().store(), enrolled, {});
  // Throwaway targets of the deletes.
  const std::string c = "/api/v1/classes/" + std::to_string(class_);
  const int64_t spare_room =
      Made(api::Method::kPost, c + "/rooms", {{"name", "待删教室"}, {"capacity", 30}}, admin_);
  const int64_t spare_session = Made(api::Method::kPost, c + "/sessions",
                                     {{"kind", "lecture"},
                                      {"title", "待删课程"},
                                      {"start", "2030-06-05T14:30"},
                                      {"end", "2030-06-05T17:30"}},
                                     admin_);
  ASSERT_GT(spare_room, 0);
  ASSERT_GT(spare_session, 0);
  people::PersonInput empty;  // invalid: an allowed caller gets 422, nothing is written
  const io::Table no_rows;
  certificates::CertificateService certificates_service(app().store());
  timetable::LecturerService lecturers(app().store());
  timetable::SiteService sites(app().store());
  privacy::PrivacyService privacy_service(app().store(), key_);
  auth::UserService& users = app().auth().users;
  const int64_t spare_unit =
      Made(api::Method::kPost, "/api/v1/orgs",
           {{"name", "待删单位"}, {"kind", "community"}, {"parent_id", street_a_}}, admin_);
  const int64_t spare_lecturer =
      Made(api::Method::kPost, "/api/v1/lecturers", {{"name", "待删讲师二"}}, admin_);
  const int64_t spare_site = Made(
      api::Method::kPost, "/api/v1/sites",
      {{"name", "待删示范点二"}, {"kind", "community"}, {"unit_id", street_a_}, {"capacity", 10}},
      admin_);
  ASSERT_GT(spare_unit, 0);
  ASSERT_GT(spare_lecturer, 0);
  ASSERT_GT(spare_site, 0);
  // Invalid inputs: an allowed caller gets 4xx past the check, nothing is written.
  const org::UnitInput no_unit;
  const timetable::LecturerInput no_lecturer;
  const timetable::SiteInput no_site;
  const classes::ClassInput no_class;
  const auth::NewUser no_user;
  assessment::ExamService exams(app().store());
  assessment::AttemptService attempts(app().store());
  attendance::AttendanceService attendance_service(app().store());
  attendance::LeaveService leave(app().store());
  attendance::VenueService venue(app().store());
  enrollment::EnrollmentService enrollments(app().store());
  evaluation::EvaluationService evaluations(app().store());
  groups::GroupsService groups_service(app().store());
  logistics::BusService buses(app().store());
  logistics::LodgingService lodging(app().store());
  logistics::MealService meals(app().store());
  reflection::ReflectionService reflections(app().store());
  const int64_t unknown = 987654321;  // the matrix's id for kinds it does not seed
  records::RecordService records_service(app().store());
  completion::CompletionService completion_service(app().store());
  invites::ClassInviteService class_invites(app().store(), app().auth().invites, key_);
  const certificates::TemplateInput no_template;  // no title: 422 past the check
  const std::string too_long(501, 'x');
  const enrollment::GroupLabels no_groups = [](int64_t) {
    return std::map<int64_t, std::string>();
  };
  struct Entry {
    std::string route;
    std::function<Status(const Principal&)> call;
  };
  const std::vector<Entry> entries = {
      {"DELETE /api/v1/users/{id}/totp",
       [&](const Principal& who) {
         return app().auth().auth.ResetSecondFactor(who, principals_.at("lecturer").user_id);
       }},
      {"GET /api/v1/people", [&](const Principal& who) { return StatusOf(people.List(who, {})); }},
      {"GET /api/v1/people/{id}",
       [&](const Principal& who) { return StatusOf(people.Get(who, person_x_)); }},
      {"GET /api/v1/people/{id}/id-number",
       [&](const Principal& who) { return StatusOf(people.RevealIdNumber(person_x_, who)); }},
      {"POST /api/v1/people",
       [&](const Principal& who) { return StatusOf(people.Create(empty, who)); }},
      {"PUT /api/v1/people/{id}",
       [&](const Principal& who) { return StatusOf(people.Update(person_x_, empty, who)); }},
      {"DELETE /api/v1/people/{id}",
       [&](const Principal& who) {
         // A person nobody may delete twice: an allowed caller gets 404 after the
         // first, which still counts as allowed.
         return people.Delete(victim_person_, who);
       }},
      {"GET /api/v1/people/export",
       [&](const Principal& who) {
         return StatusOf(
             people::ExportRoster(app().store(), key_, who, people::NameOrder::kStroke));
       }},
      {"GET /api/v1/me/certificates",
       [&](const Principal& who) { return StatusOf(certificates_service.Mine(who)); }},
      {"POST /api/v1/records/outside-hours/import",
       [&](const Principal& who) {
         return StatusOf(records::ImportOutsideHours(app().store(), key_, who, no_rows, {}, 0));
       }},
      {"POST /api/v1/people/import",
       [&](const Principal& who) {
         return StatusOf(people::ImportRoster(app().store(), key_, no_rows, {}, who));
       }},
      {"GET /api/v1/sessions/{id}/qr",
       [&](const Principal& who) {
         return StatusOf(checkins.Projector(who, session_, core::CheckinDirection::kIn));
       }},
      {"GET /api/v1/sessions/{id}/live",
       [&](const Principal& who) { return StatusOf(checkins.CountsOf(who, session_)); }},
      {"GET /api/v1/classes/{id}",
       [&](const Principal& who) { return StatusOf(classes_service.Get(who, class_)); }},
      {"PATCH /api/v1/classes/{id}",
       [&](const Principal& who) {
         return StatusOf(classes_service.Update(who, class_, classes::ClassPatch{}));
       }},
      {"POST /api/v1/classes/{id}/status",
       [&](const Principal& who) {
         // Already enrolling: an allowed caller gets past the check to 409.
         return StatusOf(
             classes_service.ChangeStatus(who, class_, classes::ClassStatus::kEnrolling));
       }},
      {"POST /api/v1/classes/{id}/checkin-secret/rotate",
       [&](const Principal& who) {
         return StatusOf(classes_service.RotateCheckinSecret(who, class_));
       }},
      {"GET /api/v1/classes/{id}/sessions",
       [&](const Principal& who) { return StatusOf(sessions.ListForClass(who, class_)); }},
      {"POST /api/v1/classes/{id}/sessions",
       [&](const Principal& who) {
         return StatusOf(sessions.Create(who, class_, timetable::SessionFields{}, false));
       }},
      {"GET /api/v1/sessions/{id}",
       [&](const Principal& who) { return StatusOf(sessions.Get(who, session_)); }},
      {"PATCH /api/v1/sessions/{id}",
       [&](const Principal& who) {
         return StatusOf(sessions.Update(who, session_, timetable::SessionFields{}, false));
       }},
      {"DELETE /api/v1/sessions/{id}",
       [&](const Principal& who) { return sessions.Delete(who, spare_session); }},
      {"GET /api/v1/classes/{id}/timetable/conflicts",
       [&](const Principal& who) { return StatusOf(sessions.Conflicts(who, class_)); }},
      {"GET /api/v1/classes/{id}/rooms",
       [&](const Principal& who) { return StatusOf(rooms.ListForClass(who, class_)); }},
      {"POST /api/v1/classes/{id}/rooms",
       [&](const Principal& who) {
         return StatusOf(rooms.Create(who, class_, timetable::ClassRoomInput{}));
       }},
      {"GET /api/v1/rooms/{id}",
       [&](const Principal& who) { return StatusOf(rooms.Get(who, room_)); }},
      {"PATCH /api/v1/rooms/{id}",
       [&](const Principal& who) {
         return StatusOf(rooms.Update(who, room_, [](const timetable::ClassRoom& r) {
           return Result<timetable::ClassRoomInput>(
               timetable::ClassRoomInput{r.name, r.capacity, r.seat_rows, r.seats_per_row});
         }));
       }},
      {"DELETE /api/v1/rooms/{id}",
       [&](const Principal& who) { return rooms.Delete(who, spare_room); }},
      {"GET /api/v1/classes/{id}/timetable.pdf",
       [&](const Principal& who) { return StatusOf(prints.TimetablePdf(who, class_)); }},
      {"GET /api/v1/classes/{id}/timetable.xlsx",
       [&](const Principal& who) { return StatusOf(prints.TimetableXlsx(who, class_)); }},
      {"GET /api/v1/sessions/{id}/sign-in-sheet.pdf",
       [&](const Principal& who) { return StatusOf(prints.SignInSheetPdf(who, session_)); }},
      {"GET /api/v1/sessions/{id}/seating.pdf",
       [&](const Principal& who) {
         // The room has no seat grid: an allowed caller gets past the check to 409.
         return StatusOf(prints.SeatingChartPdf(who, session_));
       }},
      // audit (admin)
      {"GET /api/v1/audit",
       [&](const Principal& who) {
         return StatusOf(audit::ListEntries(app().store(), who, audit::AuditQuery{}));
       }},
      {"GET /api/v1/audit/verify",
       [&](const Principal& who) { return StatusOf(audit::VerifyChain(app().store(), who)); }},
      // users (admin); the victim's password is reset by each allowed caller
      {"GET /api/v1/users",
       [&](const Principal& who) {
         return StatusOf(auth::ListUsers(users, who, auth::UserQuery{}));
       }},
      {"GET /api/v1/users/{id}",
       [&](const Principal& who) { return StatusOf(auth::GetUser(users, who, victim_user_)); }},
      {"POST /api/v1/users",
       [&](const Principal& who) { return StatusOf(auth::CreateUser(users, who, no_user)); }},
      {"PATCH /api/v1/users/{id}",
       [&](const Principal& who) {
         return StatusOf(auth::UpdateUser(users, who, victim_user_, auth::UserChange{}));
       }},
      {"POST /api/v1/users/{id}/reset-password",
       [&](const Principal& who) {
         return StatusOf(auth::ResetUserPassword(users, who, victim_user_));
       }},
      // units
      {"GET /api/v1/orgs",
       [&](const Principal& who) { return StatusOf(org::ListUnits(app().store(), who)); }},
      {"GET /api/v1/orgs/export",
       [&](const Principal& who) { return StatusOf(org::ExportOrgs(app().store(), who)); }},
      {"GET /api/v1/orgs/{id}",
       [&](const Principal& who) {
         return StatusOf(org::GetUnit(app().store(), who, victim_unit_));
       }},
      {"GET /api/v1/orgs/{id}/subtree",
       [&](const Principal& who) {
         return StatusOf(org::UnitSubtree(app().store(), who, victim_unit_));
       }},
      {"POST /api/v1/orgs",
       [&](const Principal& who) {
         return StatusOf(org::CreateUnit(app().store(), who, no_unit));
       }},
      {"PATCH /api/v1/orgs/{id}",
       [&](const Principal& who) {
         return StatusOf(org::UpdateUnit(app().store(), who, victim_unit_, no_unit));
       }},
      {"POST /api/v1/orgs/{id}/move",
       [&](const Principal& who) {
         // Under its own parent again: an allowed caller changes nothing.
         return StatusOf(org::MoveUnit(app().store(), who, victim_unit_, street_a_));
       }},
      {"DELETE /api/v1/orgs/{id}",
       [&](const Principal& who) { return org::DeleteUnit(app().store(), who, spare_unit); }},
      {"POST /api/v1/orgs/import",
       [&](const Principal& who) {
         return StatusOf(org::ImportOrgs(app().store(), no_rows, {}, who));
       }},
      // classes: create, copy and head teachers (admin, organizer)
      {"POST /api/v1/classes",
       [&](const Principal& who) {
         return StatusOf(classes::CreateClass(classes_service, who, no_class));
       }},
      {"POST /api/v1/classes/{id}/copy",
       [&](const Principal& who) {
         return StatusOf(
             classes::CopyClass(classes_service, who, class_, classes::ClassCopyInput{}));
       }},
      {"PUT /api/v1/classes/{id}/head-teachers",
       [&](const Principal& who) {
         return StatusOf(
             classes::SetClassHeadTeachers(classes_service, who, class_, {head_teacher_user_}));
       }},
      // lecturers and sites: staff read, admin and organizer write
      {"GET /api/v1/lecturers",
       [&](const Principal& who) {
         return StatusOf(timetable::ListLecturers(lecturers, who, ""));
       }},
      {"GET /api/v1/lecturers/{id}",
       [&](const Principal& who) {
         return StatusOf(timetable::GetLecturer(lecturers, who, lecturer_));
       }},
      {"POST /api/v1/lecturers",
       [&](const Principal& who) {
         return StatusOf(timetable::CreateLecturer(lecturers, who, no_lecturer));
       }},
      {"PATCH /api/v1/lecturers/{id}",
       [&](const Principal& who) {
         return StatusOf(timetable::UpdateLecturer(lecturers, who, lecturer_, no_lecturer));
       }},
      {"DELETE /api/v1/lecturers/{id}",
       [&](const Principal& who) {
         return timetable::DeleteLecturer(lecturers, who, spare_lecturer);
       }},
      {"GET /api/v1/sites",
       [&](const Principal& who) {
         return StatusOf(timetable::ListSites(sites, who, std::nullopt));
       }},
      {"GET /api/v1/sites/{id}",
       [&](const Principal& who) { return StatusOf(timetable::GetSite(sites, who, site_)); }},
      {"POST /api/v1/sites",
       [&](const Principal& who) { return StatusOf(timetable::CreateSite(sites, who, no_site)); }},
      {"PATCH /api/v1/sites/{id}",
       [&](const Principal& who) {
         return StatusOf(timetable::UpdateSite(sites, who, site_, no_site));
       }},
      {"DELETE /api/v1/sites/{id}",
       [&](const Principal& who) { return timetable::DeleteSite(sites, who, spare_site); }},
      {"GET /api/v1/me/sessions",
       [&](const Principal& who) { return StatusOf(timetable::MySessions(sessions, who)); }},
      // PIPL: another person's data for admin and organizer, one's own for anyone
      {"GET /api/v1/people/{id}/personal-data",
       [&](const Principal& who) { return StatusOf(privacy_service.Export(who, person_x_)); }},
      {"GET /api/v1/me/personal-data",
       [&](const Principal& who) { return StatusOf(privacy_service.ExportOwn(who)); }},
      {"POST /api/v1/people/{id}/erase",
       [&](const Principal& who) {
         // No reason: an allowed caller gets 422 past the check.
         return StatusOf(privacy_service.Erase(who, person_x_, ""));
       }},
      {"GET /api/v1/settings/privacy-retention",
       [&](const Principal& who) { return StatusOf(privacy_service.RetentionYears(who)); }},
      {"PUT /api/v1/settings/privacy-retention",
       [&](const Principal& who) { return privacy_service.SetRetentionYears(-1, who); }},
      // assessment: exams for class staff, attempts for trainees (no attempt
      // exists: an allowed trainee gets 404)
      {"GET /api/v1/classes/{id}/exams",
       [&](const Principal& who) { return StatusOf(exams.ListForClass(who, class_)); }},
      {"GET /api/v1/exams/{id}",
       [&](const Principal& who) { return StatusOf(exams.Get(who, exam_)); }},
      {"PUT /api/v1/exams/{id}/extra-time",
       [&](const Principal& who) { return exams.SetExtraTime(who, exam_, person_x_, -1); }},
      {"GET /api/v1/exams/{id}/results",
       [&](const Principal& who) { return StatusOf(exams.Results(who, exam_)); }},
      {"GET /api/v1/classes/{id}/my-exams",
       [&](const Principal& who) { return StatusOf(attempts.MyExams(who, class_)); }},
      {"GET /api/v1/exams/{id}/my-result",
       [&](const Principal& who) { return StatusOf(attempts.MyResult(who, exam_)); }},
      {"GET /api/v1/attempts/{id}",
       [&](const Principal& who) { return StatusOf(attempts.View(who, unknown)); }},
      {"POST /api/v1/attempts/{id}/submit",
       [&](const Principal& who) { return StatusOf(attempts.Submit(who, unknown)); }},
      // attendance and leave
      {"GET /api/v1/sessions/{id}/attendance",
       [&](const Principal& who) {
         return StatusOf(attendance_service.ForSession(who, session_));
       }},
      {"GET /api/v1/classes/{id}/attendance/summary",
       [&](const Principal& who) { return StatusOf(attendance_service.ForClass(who, class_)); }},
      {"GET /api/v1/classes/{id}/attendance.xlsx",
       [&](const Principal& who) { return StatusOf(attendance_service.ReportTable(who, class_)); }},
      {"GET /api/v1/sessions/{id}/spot-checks",
       [&](const Principal& who) {
         return StatusOf(attendance_service.SpotChecks(who, session_));
       }},
      {"POST /api/v1/checkin",
       [&](const Principal& who) {
         // A forged code: an allowed trainee gets past the check to its refusal.
         attendance::CheckinRequest req;
         req.token = "forged";
         req.idempotency_key = "authz-check-" + who.username;
         req.trainee = &who;
         return StatusOf(checkins.CheckIn(req));
       }},
      {"POST /api/v1/kiosk/scan",
       [&](const Principal& who) {
         attendance::CheckinRequest req;
         req.source = attendance::CheckinSource::kKiosk;
         req.session_id = session_;
         req.badge_token = "forged";
         req.idempotency_key = "authz-kiosk-" + who.username;
         req.manager = &who;
         return StatusOf(checkins.CheckIn(req));
       }},
      {"GET /api/v1/me/attendance",
       [&](const Principal& who) {
         return StatusOf(attendance::MyAttendance(attendance_service, who, class_));
       }},
      {"GET /api/v1/me/spot-checks",
       [&](const Principal& who) { return StatusOf(attendance_service.OpenSpotChecksFor(who)); }},
      {"POST /api/v1/spot-checks/{id}/confirm",
       [&](const Principal& who) {
         return StatusOf(attendance_service.ConfirmSpotCheck(who, unknown));
       }},
      {"GET /api/v1/classes/{id}/venue",
       [&](const Principal& who) { return StatusOf(venue.Get(who, class_)); }},
      {"GET /api/v1/classes/{id}/leave",
       [&](const Principal& who) { return StatusOf(leave.List(who, class_, "")); }},
      {"GET /api/v1/leave/{id}",
       [&](const Principal& who) { return StatusOf(leave.Get(who, leave_x_)); }},
      {"POST /api/v1/leave/{id}/approve",
       [&](const Principal& who) {
         // No reason needed to approve; the first allowed caller approves, the
         // next ones get past the check to 409.
         return StatusOf(leave.Approve(who, leave_x_, ""));
       }},
      // enrollment
      {"GET /api/v1/classes/{id}/quotas",
       [&](const Principal& who) { return StatusOf(enrollments.Quotas(who, class_)); }},
      {"GET /api/v1/classes/{id}/enrollments",
       [&](const Principal& who) {
         return StatusOf(enrollments.List(who, class_, enrollment::EnrollmentQuery{}));
       }},
      {"GET /api/v1/enrollments/{id}",
       [&](const Principal& who) { return StatusOf(enrollments.Get(who, enrollment_x_)); }},
      {"POST /api/v1/enrollments/{id}/reject",
       [&](const Principal& who) {
         // Approved already: an allowed caller gets past the check to 409/422.
         return StatusOf(enrollments.Reject(who, enrollment_x_, ""));
       }},
      // course evaluation and reflection papers
      {"GET /api/v1/classes/{id}/evaluations",
       [&](const Principal& who) { return StatusOf(evaluations.List(who, class_)); }},
      {"GET /api/v1/classes/{id}/evaluations/results",
       [&](const Principal& who) { return StatusOf(evaluations.ResultsOfClass(who, class_)); }},
      {"GET /api/v1/evaluations/{id}",
       [&](const Principal& who) { return StatusOf(evaluations.Get(who, unknown)); }},
      {"GET /api/v1/evaluations/{id}/pending",
       [&](const Principal& who) { return StatusOf(evaluations.Pending(who, unknown)); }},
      {"GET /api/v1/evaluations/{id}/results",
       [&](const Principal& who) { return StatusOf(evaluations.Results(who, unknown)); }},
      {"GET /api/v1/classes/{id}/reflection",
       [&](const Principal& who) { return StatusOf(reflections.GetRequirement(who, class_)); }},
      {"GET /api/v1/classes/{id}/reflections",
       [&](const Principal& who) { return StatusOf(reflections.List(who, class_)); }},
      {"GET /api/v1/classes/{id}/reflections/mine",
       [&](const Principal& who) { return StatusOf(reflections.Mine(who, class_)); }},
      {"GET /api/v1/reflections/{id}",
       [&](const Principal& who) { return StatusOf(reflections.Get(who, unknown)); }},
      // groups and logistics
      {"GET /api/v1/classes/{id}/groups",
       [&](const Principal& who) { return StatusOf(groups_service.List(who, class_)); }},
      {"PUT /api/v1/groups/{id}/leader",
       [&](const Principal& who) {
         return StatusOf(groups_service.SetLeader(who, unknown, person_x_));
       }},
      {"GET /api/v1/classes/{id}/lodging-rooms",
       [&](const Principal& who) { return StatusOf(lodging.Rooms(who, class_)); }},
      {"GET /api/v1/classes/{id}/rooms.xlsx",
       [&](const Principal& who) { return StatusOf(lodging.RoomTable(who, class_)); }},
      {"DELETE /api/v1/lodging-rooms/{id}",
       [&](const Principal& who) { return lodging.DeleteRoom(who, unknown); }},
      {"GET /api/v1/classes/{id}/diets",
       [&](const Principal& who) { return StatusOf(meals.Diets(who, class_)); }},
      {"GET /api/v1/classes/{id}/meals",
       [&](const Principal& who) { return StatusOf(meals.Counts(who, class_)); }},
      {"GET /api/v1/sessions/{id}/buses",
       [&](const Principal& who) { return StatusOf(buses.List(who, session_)); }},
      {"DELETE /api/v1/buses/{id}",
       [&](const Principal& who) { return buses.Delete(who, unknown); }},
      // auth: the login log and another user's sessions (admin)
      {"GET /api/v1/auth/login-log",
       [&](const Principal& who) {
         return StatusOf(auth::ListLoginLog(app().store(), who, auth::LoginLogQuery{}));
       }},
      {"GET /api/v1/auth/login-log/retention",
       [&](const Principal& who) {
         return StatusOf(auth::GetLoginLogRetention(app().store(), who));
       }},
      {"PUT /api/v1/auth/login-log/retention",
       [&](const Principal& who) { return auth::SetLoginLogRetention(app().store(), who, 365); }},
      {"GET /api/v1/users/{id}/sessions",
       [&](const Principal& who) {
         return StatusOf(
             auth::SessionList(app().store(), app().auth().sessions).OfUser(who, victim_user_));
       }},
      {"DELETE /api/v1/users/{id}/sessions",
       [&](const Principal& who) {
         return StatusOf(
             auth::SessionList(app().store(), app().auth().sessions).EndAll(who, victim_user_));
       }},
      {"GET /api/v1/settings/privacy-retention/preview",
       [&](const Principal& who) {
         return StatusOf(privacy_service.PreviewRetention(who, 1, core::TodayInChina()));
       }},
      // training record: the role first, then the person (a lecturer gets 403, not
      // the 404 of a person out of sight); one's own record for any account
      {"GET /api/v1/people/{id}/record",
       [&](const Principal& who) { return StatusOf(records_service.Record(who, person_x_)); }},
      {"GET /api/v1/me/record",
       [&](const Principal& who) { return StatusOf(records_service.MyRecord(who)); }},
      {"POST /api/v1/people/{id}/outside-hours",
       [&](const Principal& who) {
         records::OutsideInput no_entry;  // no title, dates or proof: 422 past the check
         no_entry.person_id = person_x_;
         return StatusOf(records_service.AddOutside(who, no_entry));
       }},
      {"GET /api/v1/records/outside-hours/pending",
       [&](const Principal& who) { return StatusOf(records_service.PendingOutside(who)); }},
      {"POST /api/v1/records/outside-hours/{id}/approve",
       [&](const Principal& who) {
         return StatusOf(records_service.DecideOutside(who, unknown, true, ""));
       }},
      {"POST /api/v1/records/outside-hours/{id}/reject",
       [&](const Principal& who) {
         return StatusOf(records_service.DecideOutside(who, unknown, false, "证明不清"));
       }},
      {"GET /api/v1/records/outside-hours/{id}/proof",
       [&](const Principal& who) { return StatusOf(records_service.OutsideProof(who, unknown)); }},
      {"PUT /api/v1/people/{id}/promotion",
       [&](const Principal& who) {
         return records_service.SetPromotion(who, person_x_, "not a date");
       }},
      {"GET /api/v1/records/targets",
       [&](const Principal& who) { return StatusOf(records_service.Targets(who)); }},
      {"PUT /api/v1/records/targets",
       [&](const Principal& who) {
         core::HoursTargetRules out_of_range;
         out_of_range.county_window_years = 0;
         return StatusOf(records_service.SetTargets(who, out_of_range));
       }},
      // certificates: the role first, then the class, the serial or the input
      // (unknown serial "1": an allowed caller gets 404)
      {"GET /api/v1/classes/{id}/certificate-template",
       [&](const Principal& who) {
         return StatusOf(certificates_service.TemplateForClass(who, class_));
       }},
      {"PUT /api/v1/classes/{id}/certificate-template",
       [&](const Principal& who) {
         return StatusOf(certificates_service.SetTemplateForClass(who, class_, no_template));
       }},
      {"POST /api/v1/classes/{id}/certificate-template/preview",
       [&](const Principal& who) {
         return StatusOf(certificates_service.PreviewTemplate(who, class_, no_template));
       }},
      {"GET /api/v1/classes/{id}/certificates",
       [&](const Principal& who) { return StatusOf(certificates_service.ListForClass(who, class_)); }},
      {"POST /api/v1/classes/{id}/certificates",
       [&](const Principal& who) {
         // Not decided as completed: an allowed caller gets past the check to 409.
         return StatusOf(certificates_service.Issue(who, class_, person_x_));
       }},
      {"POST /api/v1/classes/{id}/certificates/batch",
       [&](const Principal& who) {
         return StatusOf(certificates_service.StartIssueClass(who, class_));
       }},
      {"GET /api/v1/certificate-jobs/{id}",
       [&](const Principal& who) { return StatusOf(certificates_service.Job(who, unknown)); }},
      {"GET /api/v1/classes/{id}/certificates.pdf",
       [&](const Principal& who) { return StatusOf(certificates_service.ClassPdf(who, class_)); }},
      {"GET /api/v1/classes/{id}/certificates.zip",
       [&](const Principal& who) { return StatusOf(certificates_service.ClassZip(who, class_)); }},
      {"POST /api/v1/certificates/{serial}/reissue",
       [&](const Principal& who) { return StatusOf(certificates_service.Reissue(who, "1", "")); }},
      {"POST /api/v1/certificates/{serial}/revoke",
       [&](const Principal& who) { return StatusOf(certificates_service.Revoke(who, "1", "")); }},
      {"GET /api/v1/certificates/{serial}/pdf",
       [&](const Principal& who) { return StatusOf(certificates_service.Pdf(who, "1")); }},
      {"GET /api/v1/certificates/{serial}/badge",
       [&](const Principal& who) { return StatusOf(certificates_service.OpenBadge(who, "1")); }},
      // completion (结业) and 优秀学员 ({person_id}: the class id, nobody)
      {"GET /api/v1/classes/{id}/completion",
       [&](const Principal& who) { return StatusOf(completion_service.Status(who, class_)); }},
      {"PUT /api/v1/classes/{id}/completion/settings",
       [&](const Principal& who) {
         completion::CompletionSettings out_of_range;
         out_of_range.excellent_percent = -1;
         return StatusOf(completion_service.SetSettings(who, class_, out_of_range));
       }},
      {"POST /api/v1/classes/{id}/completion/decision",
       [&](const Principal& who) {
         // The class has not finished: an allowed caller gets past the check to 409.
         return StatusOf(completion_service.Decide(who, class_));
       }},
      {"PUT /api/v1/classes/{id}/completion/decision/{person_id}",
       [&](const Principal& who) {
         return StatusOf(completion_service.Override(who, class_, class_, "passed", ""));
       }},
      {"POST /api/v1/classes/{id}/excellent",
       [&](const Principal& who) {
         // A reason over 500 characters: 422 for every allowed role, a trainee too.
         return StatusOf(completion_service.Nominate(who, class_, person_x_, too_long));
       }},
      {"POST /api/v1/classes/{id}/excellent/{person_id}/approve",
       [&](const Principal& who) {
         return StatusOf(completion_service.Approve(who, class_, class_));
       }},
      // a class's trainee invites ({person_id}: the class id, not a trainee: 422)
      {"POST /api/v1/classes/{id}/invites",
       [&](const Principal& who) {
         return StatusOf(class_invites.Issue(who, class_, std::vector<int64_t>{class_}, {}));
       }},
      {"POST /api/v1/classes/{id}/invites.pdf",
       [&](const Principal& who) {
         return StatusOf(class_invites.SheetPdf(who, class_, std::vector<int64_t>{class_}, {},
                                                "https://peixun.example"));
       }},
      {"POST /api/v1/classes/{id}/badges-invites.pdf",
       [&](const Principal& who) {
         // Valid for 0 days: an allowed caller gets past the check to 422.
         return StatusOf(
             class_invites.BadgesPdf(who, class_, 0, "https://peixun.example", no_groups));
       }},
      {"DELETE /api/v1/classes/{id}/invites/{person_id}",
       [&](const Principal& who) { return StatusOf(class_invites.Revoke(who, class_, class_)); }},
  };
  int checked = 0;
  for (const Entry& e : entries) {
    ASSERT_TRUE(rules.count(e.route)) << e.route << " has no row in the matrix";
    // Refused callers first: once an allowed caller has deleted the target, the
    // rest would meet "not found" before their refusal.
    std::vector<std::pair<std::string, int>> callers(rules.at(e.route).begin(),
                                                     rules.at(e.route).end());
    std::stable_partition(callers.begin(), callers.end(),
                          [](const auto& c) { return c.second != kAllowed; });
    for (const auto& [caller, expected] : callers) {
      if (caller == "anonymous") continue;  // a service is never called without a Principal
      const Status st = e.call(principals_.at(caller));
      const int got = st.ok() ? 200 : api::StatusFor(st.error());
      if (expected == kAllowed) {
        EXPECT_TRUE(got != 401 && got != 403 && got < 500)
            << e.route << " as " << caller << ": expected allowed, got " << got << " "
            << (st.ok() ? "" : st.error().code);
      } else {
        EXPECT_EQ(got, expected) << e.route << " as " << caller << ": "
                                 << (st.ok() ? "ok" : st.error().code);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked,
            static_cast<int>(entries.size()) * (static_cast<int>(kAuthzCallers.size()) - 1));
}

}  // namespace
}  // namespace peixun::test
