// The authorization matrix: every route of the real Application, called by every
// kind of caller, against an explicit table of who may do what.
//
// A route in the router without a row here fails the test ("route added without
// an authorization rule"), and so does a row without a route: adding an endpoint
// means writing down who may call it. Expectations: kAllowed (the call got past
// authentication and authorization: neither 401 nor 403, and never a 5xx), or an
// exact status (401 not logged in, 403 role, 404 outside the caller's scope).
//
// Requests carry `{}` as the body of writes (an allowed caller then gets 400/422,
// which still counts as allowed), so the walk changes little; the few writes that
// do change data get throwaway targets (a unit, a person and a user made for the
// test) and run after every read; DELETEs run after that, and logout last.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app_fixture.h"
#include "authz_fixture.h"

namespace peixun::test {
namespace {

using nlohmann::json;

constexpr int kAllowed = 0;

std::string RoleOf(const std::string& caller) {
  if (caller.rfind("liaison", 0) == 0) return "liaison";
  if (caller.rfind("trainee", 0) == 0) return "trainee";
  return caller;
}

using Expect = std::map<std::string, int>;  // caller → kAllowed or a status

// Everybody, logged in or not.
Expect Public() {
  Expect e;
  for (const auto& c : kAuthzCallers) e[c] = kAllowed;
  return e;
}
// Any logged-in user.
Expect AnyUser() {
  Expect e = Public();
  e["anonymous"] = 401;
  return e;
}
// Only these roles (role codes: "liaison" covers both liaisons); others 403.
Expect Roles(std::initializer_list<const char*> roles) {
  std::set<std::string> allowed(roles.begin(), roles.end());
  Expect e;
  for (const auto& c : kAuthzCallers) {
    e[c] = c == "anonymous" ? 401 : allowed.count(RoleOf(c)) ? kAllowed : 403;
  }
  return e;
}
// Scope: the route's role lets these callers in, but the target is not theirs.
Expect Hidden(Expect e, std::initializer_list<const char*> callers, int status = 404) {
  for (const char* c : callers) e[c] = status;
  return e;
}

// Who reads units: every staff role.
Expect OrgReaders() {
  return Roles({"admin", "organizer", "head_teacher", "liaison", "lecturer", "logistics"});
}
// Staff: everyone but trainees.
Expect Staff() { return OrgReaders(); }
// Who runs a class: admin, organizer and its head teachers.
Expect ClassStaff() { return Roles({"admin", "organizer", "head_teacher"}); }
// Leave: class staff, and trainees for their own requests.
Expect LeaveRoles() { return Roles({"admin", "organizer", "head_teacher", "trainee"}); }
// Lodging, meals, buses (and reading groups): class staff and logistics.
Expect Logistics() { return Roles({"admin", "organizer", "head_teacher", "logistics"}); }

// THE TABLE. One row per route ("METHOD pattern"). Path parameters are filled by
// PathFor below: {id} of /orgs is a unit under street office A; of /people, the
// person of trainee X (street A) for reads and a throwaway person of street A for
// writes; of /users, a throwaway user; of /auth/tokens, a token nobody has.
std::map<std::string, Expect> Rules() {
  return {
      // system
      {"GET /healthz", Public()},
      {"GET /metrics", Public()},
      {"GET /api/v1/openapi.json", Public()},
      // auth
      {"POST /api/v1/auth/login", Public()},
      {"POST /api/v1/auth/logout", AnyUser()},
      {"GET /api/v1/auth/me", AnyUser()},
      {"PUT /api/v1/auth/password", AnyUser()},
      {"POST /api/v1/auth/invites", Roles({"admin", "organizer", "head_teacher"})},
      {"POST /api/v1/auth/invite/{token}", Public()},
      {"GET /api/v1/auth/tokens", AnyUser()},
      {"POST /api/v1/auth/tokens", AnyUser()},
      {"DELETE /api/v1/auth/tokens/{id}", AnyUser()},
      // the second factor: the login's second step is public (the challenge is the
      // credential); one's own TOTP settings for anyone signed in.
      {"POST /api/v1/auth/login/code", Public()},
      {"POST /api/v1/auth/login/enroll", Public()},
      {"POST /api/v1/auth/login/enroll/confirm", Public()},
      {"GET /api/v1/auth/totp", AnyUser()},
      {"POST /api/v1/auth/totp", AnyUser()},
      {"POST /api/v1/auth/totp/confirm", AnyUser()},
      {"POST /api/v1/auth/totp/disable", AnyUser()},
      {"POST /api/v1/auth/totp/recovery-codes", AnyUser()},
      // users (admin only)
      {"GET /api/v1/users", Roles({"admin"})},
      // the public address (certificate QR, invite slips): admin only.
      {"GET /api/v1/settings/public-base-url", Roles({"admin"})},
      {"PUT /api/v1/settings/public-base-url", Roles({"admin"})},
      {"GET /api/v1/users/{id}", Roles({"admin"})},
      {"POST /api/v1/users", Roles({"admin"})},
      {"PATCH /api/v1/users/{id}", Roles({"admin"})},
      {"POST /api/v1/users/{id}/reset-password", Roles({"admin"})},
      {"DELETE /api/v1/users/{id}/totp", Roles({"admin"})},
      {"GET /api/v1/auth/login-log", Roles({"admin"})},
      {"GET /api/v1/auth/login-log/retention", Roles({"admin"})},
      {"PUT /api/v1/auth/login-log/retention", Roles({"admin"})},
      {"GET /api/v1/auth/password-policy", Public()},
      {"PUT /api/v1/auth/password-policy", Roles({"admin"})},
      {"POST /api/v1/auth/password/renew", Public()},
      {"GET /api/v1/auth/sessions", AnyUser()},
      {"DELETE /api/v1/auth/sessions/{id}", AnyUser()},
      {"POST /api/v1/auth/sessions/revoke-others", AnyUser()},
      {"GET /api/v1/users/{id}/sessions", Roles({"admin"})},
      {"DELETE /api/v1/users/{id}/sessions", Roles({"admin"})},
      // units: staff read (a liaison their subtree), admin and organizer write
      {"GET /api/v1/orgs", OrgReaders()},
      {"GET /api/v1/orgs/export", OrgReaders()},
      {"GET /api/v1/orgs/{id}", Hidden(OrgReaders(), {"liaison_b"})},
      {"GET /api/v1/orgs/{id}/subtree", Hidden(OrgReaders(), {"liaison_b"})},
      {"POST /api/v1/orgs", Roles({"admin", "organizer"})},
      {"PATCH /api/v1/orgs/{id}", Roles({"admin", "organizer"})},
      {"POST /api/v1/orgs/{id}/move", Roles({"admin", "organizer"})},
      {"DELETE /api/v1/orgs/{id}", Roles({"admin", "organizer"})},
      {"POST /api/v1/orgs/import", Roles({"admin", "organizer"})},
      // people: admin, organizer all; head teacher reads; liaison their subtree;
      // a trainee only themself
      {"GET /api/v1/people", Roles({"admin", "organizer", "head_teacher", "liaison"})},
      {"GET /api/v1/people/export", Roles({"admin", "organizer", "head_teacher", "liaison"})},
      {"POST /api/v1/people/import", Roles({"admin", "organizer", "liaison"})},
      {"GET /api/v1/people/{id}",
       Hidden(Roles({"admin", "organizer", "head_teacher", "liaison", "trainee"}),
              {"liaison_b", "trainee_y"})},
      {"GET /api/v1/people/{id}/id-number", Roles({"admin", "organizer"})},
      {"POST /api/v1/people", Roles({"admin", "organizer", "liaison"})},
      {"PUT /api/v1/people/{id}", Hidden(Roles({"admin", "organizer", "liaison"}), {"liaison_b"})},
      {"DELETE /api/v1/people/{id}",
       Hidden(Roles({"admin", "organizer", "liaison"}), {"liaison_b"})},
      // audit (admin)
      {"GET /api/v1/audit", Roles({"admin"})},
      {"GET /api/v1/audit/verify", Roles({"admin"})},

      // ---- classes and timetable. {id} of /classes is class C (headed by the
      // head teacher; trainees X and Y approved in it); of /sessions session S of
      // C; of /rooms a room of C; of /lecturers and /sites throwaway records.
      {"GET /api/v1/classes", AnyUser()},
      {"POST /api/v1/classes", Roles({"admin", "organizer"})},
      {"GET /api/v1/classes/{id}", AnyUser()},
      {"PATCH /api/v1/classes/{id}", ClassStaff()},
      {"POST /api/v1/classes/{id}/status", ClassStaff()},
      {"POST /api/v1/classes/{id}/copy", Roles({"admin", "organizer"})},
      {"PUT /api/v1/classes/{id}/head-teachers", Roles({"admin", "organizer"})},
      {"POST /api/v1/classes/{id}/checkin-secret/rotate", ClassStaff()},
      {"GET /api/v1/lecturers", Staff()},
      {"POST /api/v1/lecturers", Roles({"admin", "organizer"})},
      {"GET /api/v1/lecturers/{id}", Staff()},
      {"PATCH /api/v1/lecturers/{id}", Roles({"admin", "organizer"})},
      {"DELETE /api/v1/lecturers/{id}", Roles({"admin", "organizer"})},
      {"GET /api/v1/sites", Staff()},
      {"POST /api/v1/sites", Roles({"admin", "organizer"})},
      {"GET /api/v1/sites/{id}", Staff()},
      {"PATCH /api/v1/sites/{id}", Roles({"admin", "organizer"})},
      {"DELETE /api/v1/sites/{id}", Roles({"admin", "organizer"})},
      {"GET /api/v1/classes/{id}/rooms", AnyUser()},
      {"POST /api/v1/classes/{id}/rooms", ClassStaff()},
      {"GET /api/v1/rooms/{id}", AnyUser()},
      {"PATCH /api/v1/rooms/{id}", ClassStaff()},
      {"DELETE /api/v1/rooms/{id}", ClassStaff()},
      {"GET /api/v1/classes/{id}/sessions", AnyUser()},
      {"POST /api/v1/classes/{id}/sessions", ClassStaff()},
      {"GET /api/v1/sessions/{id}", AnyUser()},
      {"PATCH /api/v1/sessions/{id}", ClassStaff()},
      {"DELETE /api/v1/sessions/{id}", ClassStaff()},
      {"GET /api/v1/classes/{id}/timetable/conflicts", AnyUser()},
      {"GET /api/v1/me/sessions", Roles({"lecturer"})},
      {"GET /api/v1/classes/{id}/timetable.pdf", AnyUser()},
      {"GET /api/v1/classes/{id}/timetable.xlsx", AnyUser()},
      {"GET /api/v1/classes/{id}/calendar.ics", AnyUser()},
      {"GET /api/v1/sessions/{id}/sign-in-sheet.pdf",
       Roles({"admin", "organizer", "head_teacher", "lecturer", "logistics"})},
      {"GET /api/v1/sessions/{id}/seating.pdf",
       Roles({"admin", "organizer", "head_teacher", "lecturer", "logistics"})},

      // ---- assessment. {id} of /question-banks is bank B, of /questions a question of
      // B, of /exams exam E on C's exam session (in the future: not open yet); no
      // attempt exists, so /attempts/{id} is unknown (the service test proves a
      // trainee cannot read another's attempt).
      {"GET /api/v1/question-banks", ClassStaff()},
      {"POST /api/v1/question-banks", Roles({"admin", "organizer"})},
      {"GET /api/v1/question-banks/{id}/questions", ClassStaff()},
      {"POST /api/v1/question-banks/{id}/questions", Roles({"admin", "organizer"})},
      {"GET /api/v1/question-banks/import-template", ClassStaff()},
      {"GET /api/v1/question-banks/{id}/export", ClassStaff()},
      {"POST /api/v1/question-banks/{id}/import", Roles({"admin", "organizer"})},
      {"GET /api/v1/questions/{id}", ClassStaff()},
      {"PUT /api/v1/questions/{id}", Roles({"admin", "organizer"})},
      {"POST /api/v1/questions/{id}/archive", Roles({"admin", "organizer"})},
      {"POST /api/v1/exams", ClassStaff()},
      {"GET /api/v1/classes/{id}/exams", ClassStaff()},
      {"GET /api/v1/exams/{id}", ClassStaff()},
      {"PUT /api/v1/exams/{id}/extra-time", ClassStaff()},
      {"GET /api/v1/exams/{id}/grading", ClassStaff()},
      {"GET /api/v1/exams/{id}/monitor", ClassStaff()},
      {"POST /api/v1/attempts/{id}/grades", ClassStaff()},
      {"POST /api/v1/exams/{id}/release", ClassStaff()},
      {"GET /api/v1/exams/{id}/results", ClassStaff()},
      {"GET /api/v1/exams/{id}/results/export", ClassStaff()},
      {"GET /api/v1/exams/{id}/results.pdf", ClassStaff()},
      {"GET /api/v1/exams/{id}/paper-scores/template", ClassStaff()},
      {"POST /api/v1/exams/{id}/paper-scores/import", ClassStaff()},
      {"GET /api/v1/classes/{id}/my-exams", Roles({"trainee"})},
      {"POST /api/v1/exams/{id}/attempts", Roles({"trainee"})},
      {"GET /api/v1/exams/{id}/my-result", Roles({"trainee"})},
      {"GET /api/v1/attempts/{id}", Roles({"trainee"})},
      {"PUT /api/v1/attempts/{id}/answers", Roles({"trainee"})},
      {"POST /api/v1/attempts/{id}/answers/batch", Roles({"trainee"})},
      {"POST /api/v1/attempts/{id}/submit", Roles({"trainee"})},

      // ---- attendance and leave. {id} of /leave is trainee X's leave request in C.
      {"GET /api/v1/sessions/{id}/qr", ClassStaff()},
      {"GET /api/v1/sessions/{id}/live", ClassStaff()},
      {"POST /api/v1/checkin", Roles({"trainee"})},
      {"POST /api/v1/kiosk/scan", ClassStaff()},
      {"GET /api/v1/sessions/{id}/attendance", ClassStaff()},
      {"POST /api/v1/sessions/{id}/corrections", ClassStaff()},
      {"POST /api/v1/sessions/{id}/spot-checks", ClassStaff()},
      {"GET /api/v1/sessions/{id}/spot-checks", ClassStaff()},
      {"POST /api/v1/spot-checks/{id}/confirm", Roles({"trainee"})},
      {"GET /api/v1/me/spot-checks", Roles({"trainee"})},
      {"GET /api/v1/classes/{id}/attendance/summary", ClassStaff()},
      {"GET /api/v1/classes/{id}/attendance.xlsx", ClassStaff()},
      {"GET /api/v1/classes/{id}/attendance.pdf", ClassStaff()},
      {"GET /api/v1/classes/{id}/attendance-notice.pdf", ClassStaff()},
      {"GET /api/v1/me/attendance", Roles({"trainee"})},
      {"POST /api/v1/classes/{id}/attendance/paper", ClassStaff()},
      {"GET /api/v1/classes/{id}/venue", ClassStaff()},
      {"PUT /api/v1/classes/{id}/venue", ClassStaff()},
      {"POST /api/v1/classes/{id}/leave", LeaveRoles()},
      {"GET /api/v1/classes/{id}/leave", LeaveRoles()},
      // Another trainee's leave request is "not found", as for people and units.
      {"GET /api/v1/leave/{id}", Hidden(LeaveRoles(), {"trainee_y"})},
      {"GET /api/v1/leave/{id}/attachment", Hidden(LeaveRoles(), {"trainee_y"})},
      {"POST /api/v1/leave/{id}/approve", ClassStaff()},
      {"POST /api/v1/leave/{id}/reject", ClassStaff()},
      {"POST /api/v1/leave/{id}/cancel", Hidden(LeaveRoles(), {"trainee_y"})},
      {"POST /api/v1/leave/{id}/return", Hidden(LeaveRoles(), {"trainee_y"})},

      // ---- enrollment, groups, logistics. {id} of /enrollments is trainee X's
      // enrollment (street A): street B's liaison does not see it.
      {"GET /api/v1/classes/{id}/quotas", Roles({"admin", "organizer", "head_teacher", "liaison"})},
      {"PUT /api/v1/classes/{id}/quotas", ClassStaff()},
      {"GET /api/v1/classes/{id}/enrollments",
       Roles({"admin", "organizer", "head_teacher", "liaison"})},
      {"POST /api/v1/classes/{id}/enrollments",
       Roles({"admin", "organizer", "head_teacher", "liaison"})},
      {"GET /api/v1/enrollments/{id}",
       Hidden(Roles({"admin", "organizer", "head_teacher", "liaison"}), {"liaison_b"})},
      {"POST /api/v1/enrollments/{id}/approve", ClassStaff()},
      {"POST /api/v1/enrollments/{id}/reject", ClassStaff()},
      {"POST /api/v1/enrollments/{id}/withdraw",
       Hidden(Roles({"admin", "organizer", "head_teacher", "liaison"}), {"liaison_b"})},
      // The body is read before the scope check, so `{}` is 422 for street B's
      // liaison too; ScopeRows sends a real body (404).
      {"POST /api/v1/enrollments/{id}/substitute",
       Hidden(Roles({"admin", "organizer", "head_teacher", "liaison"}), {"liaison_b"}, 422)},
      {"GET /api/v1/classes/{id}/roster.xlsx", ClassStaff()},
      {"GET /api/v1/classes/{id}/roster.pdf", ClassStaff()},
      {"GET /api/v1/classes/{id}/badges.pdf", ClassStaff()},
      // Trainee invites in bulk ({person_id} is the class id: not a trainee, 422).
      {"POST /api/v1/classes/{id}/invites", ClassStaff()},
      {"POST /api/v1/classes/{id}/invites.pdf", ClassStaff()},
      {"POST /api/v1/classes/{id}/badges-invites.pdf", ClassStaff()},
      {"DELETE /api/v1/classes/{id}/invites/{person_id}", ClassStaff()},
      // Start pages (工作台): one per role; the organizer's also for the admin.
      {"GET /api/v1/workbench/head-teacher", Roles({"head_teacher"})},
      {"GET /api/v1/workbench/organizer", Roles({"admin", "organizer"})},
      {"GET /api/v1/workbench/liaison", Roles({"liaison"})},
      {"GET /api/v1/workbench/admin", Roles({"admin"})},
      // completion (结业) and 优秀学员: class staff; group leaders (trainees) nominate,
      // the organizer approves. {person_id} is the class id (nobody: 404/409/422).
      {"GET /api/v1/classes/{id}/completion", ClassStaff()},
      {"PUT /api/v1/classes/{id}/completion/settings", ClassStaff()},
      {"POST /api/v1/classes/{id}/completion/decision", ClassStaff()},
      {"PUT /api/v1/classes/{id}/completion/decision/{person_id}", ClassStaff()},
      {"POST /api/v1/classes/{id}/excellent",
       Roles({"admin", "organizer", "head_teacher", "trainee"})},
      {"POST /api/v1/classes/{id}/excellent/{person_id}/approve", Roles({"admin", "organizer"})},
      // the class summary report (培训总结): class staff, checked again by the service
      {"GET /api/v1/classes/{id}/summary.pdf", ClassStaff()},
      {"GET /api/v1/classes/{id}/summary.docx", ClassStaff()},
      // certificates (结业证书): class staff; templates by organizers; a certificate's
      // PDF and badge also by its trainee (unknown serial "1": 404); verify is public.
      {"GET /api/v1/classes/{id}/certificate-template", ClassStaff()},
      {"PUT /api/v1/classes/{id}/certificate-template", Roles({"admin", "organizer"})},
      {"POST /api/v1/classes/{id}/certificate-template/preview", Roles({"admin", "organizer"})},
      {"GET /api/v1/classes/{id}/certificates", ClassStaff()},
      {"POST /api/v1/classes/{id}/certificates", ClassStaff()},
      {"POST /api/v1/classes/{id}/certificates/batch", ClassStaff()},
      {"GET /api/v1/certificate-jobs/{id}", ClassStaff()},
      {"GET /api/v1/classes/{id}/certificates.pdf", ClassStaff()},
      {"GET /api/v1/classes/{id}/certificates.zip", ClassStaff()},
      {"POST /api/v1/certificates/{serial}/reissue", ClassStaff()},
      {"POST /api/v1/certificates/{serial}/revoke", ClassStaff()},
      {"GET /api/v1/certificates/{serial}/pdf",
       Roles({"admin", "organizer", "head_teacher", "trainee"})},
      {"GET /api/v1/certificates/{serial}/badge",
       Roles({"admin", "organizer", "head_teacher", "trainee"})},
      {"GET /api/v1/verify/{serial}", Public()},
      // 我的证书: a trainee's own certificates (the service reads the caller's person).
      {"GET /api/v1/me/certificates", Roles({"trainee"})},
      // training record (培训档案) and hours ledger (学时台账). A record: as a person
      // (liaison B and trainee Y do not see trainee X: 404); outside hours entered by
      // admin, organizer, liaisons and trainees (the empty body is refused before the
      // scope check: 422), approved by admin and organizer ({id} unknown: 404). The
      // ledger routes take this year without ?year.
      {"GET /api/v1/people/{id}/record",
       Hidden(Roles({"admin", "organizer", "head_teacher", "liaison", "trainee"}),
              {"liaison_b", "trainee_y"})},
      {"GET /api/v1/me/record", AnyUser()},
      // PIPL (modules/privacy): export by admin and organizer, one's own by anyone
      // linked to a person; erasure and the retention setting by admins only (the
      // empty body is refused: 422).
      {"GET /api/v1/people/{id}/personal-data", Roles({"admin", "organizer"})},
      {"GET /api/v1/people/{id}/personal-data.xlsx", Roles({"admin", "organizer"})},
      {"GET /api/v1/me/personal-data", AnyUser()},
      {"GET /api/v1/me/personal-data.xlsx", AnyUser()},
      {"POST /api/v1/people/{id}/erase", Roles({"admin"})},
      {"GET /api/v1/settings/privacy-retention", Roles({"admin"})},
      {"PUT /api/v1/settings/privacy-retention", Roles({"admin"})},
      // (without ?years= an admin gets 400)
      {"GET /api/v1/settings/privacy-retention/preview", Roles({"admin"})},
      {"POST /api/v1/people/{id}/outside-hours",
       Roles({"admin", "organizer", "liaison", "trainee"})},
      {"GET /api/v1/records/outside-hours/pending", Roles({"admin", "organizer"})},
      // Bulk import of outside hours: admin, organizers, liaisons (their subtree's
      // people only, checked per row by the service); the empty body is 400/422.
      {"GET /api/v1/records/outside-hours/import-template",
       Roles({"admin", "organizer", "liaison"})},
      {"POST /api/v1/records/outside-hours/import", Roles({"admin", "organizer", "liaison"})},
      {"POST /api/v1/records/outside-hours/{id}/approve", Roles({"admin", "organizer"})},
      {"POST /api/v1/records/outside-hours/{id}/reject", Roles({"admin", "organizer"})},
      {"GET /api/v1/records/outside-hours/{id}/proof",
       Roles({"admin", "organizer", "head_teacher", "liaison", "trainee"})},
      {"PUT /api/v1/people/{id}/promotion", Roles({"admin", "organizer"})},
      {"GET /api/v1/records/targets", Staff()},
      {"PUT /api/v1/records/targets", Roles({"admin", "organizer"})},
      {"GET /api/v1/ledger", Roles({"admin", "organizer", "liaison"})},
      {"GET /api/v1/ledger.xlsx", Roles({"admin", "organizer", "liaison"})},
      {"GET /api/v1/ledger.pdf", Roles({"admin", "organizer", "liaison"})},
      {"GET /api/v1/ledger/export.xlsx", Roles({"admin", "organizer", "liaison"})},
      {"GET /api/v1/ledger/district", Roles({"admin", "organizer"})},
      {"GET /api/v1/ledger/district.xlsx", Roles({"admin", "organizer"})},
      {"POST /api/v1/verify/{serial}/pdf", Public()},
      {"GET /api/v1/classes/{id}/groups", Logistics()},
      {"POST /api/v1/classes/{id}/groups", ClassStaff()},
      {"POST /api/v1/groups/{id}/members", ClassStaff()},
      {"PUT /api/v1/groups/{id}/leader", ClassStaff()},
      {"GET /api/v1/classes/{id}/groups.pdf", Logistics()},
      // ---- course evaluation. {id} of /evaluations is unseeded (404 past the
      // role check); of /lecturers a throwaway lecturer not linked to the
      // lecturer caller, whose own results only they may read.
      {"GET /api/v1/classes/{id}/evaluations",
       Roles({"admin", "organizer", "head_teacher", "trainee"})},
      {"POST /api/v1/classes/{id}/evaluations", ClassStaff()},
      {"GET /api/v1/classes/{id}/evaluations/results", ClassStaff()},
      {"GET /api/v1/evaluations/{id}", Roles({"admin", "organizer", "head_teacher", "trainee"})},
      {"POST /api/v1/evaluations/{id}/close", ClassStaff()},
      {"POST /api/v1/evaluations/{id}/answers", Roles({"trainee"})},
      {"GET /api/v1/evaluations/{id}/pending", ClassStaff()},
      {"GET /api/v1/evaluations/{id}/results",
       Roles({"admin", "organizer", "head_teacher", "lecturer"})},
      // ---- reflection papers. {id} of /reflections is unseeded (404 past the role
      // check).
      {"GET /api/v1/classes/{id}/reflection",
       Roles({"admin", "organizer", "head_teacher", "trainee"})},
      {"PUT /api/v1/classes/{id}/reflection", ClassStaff()},
      {"POST /api/v1/classes/{id}/reflections", Roles({"trainee"})},
      {"GET /api/v1/classes/{id}/reflections", ClassStaff()},
      {"GET /api/v1/classes/{id}/reflections/mine", Roles({"trainee"})},
      {"GET /api/v1/classes/{id}/reflections/similar", ClassStaff()},
      {"GET /api/v1/classes/{id}/reflections.pdf", ClassStaff()},
      {"GET /api/v1/reflections/{id}", Roles({"admin", "organizer", "head_teacher", "trainee"})},
      {"POST /api/v1/reflections/{id}/grade", ClassStaff()},
      {"GET /api/v1/lecturers/{id}/evaluations",
       Hidden(Roles({"admin", "organizer", "lecturer"}), {"lecturer"}, 403)},
      {"GET /api/v1/classes/{id}/lodging-rooms", Logistics()},
      {"POST /api/v1/classes/{id}/lodging-rooms", Logistics()},
      {"POST /api/v1/classes/{id}/lodging-rooms/bulk", Logistics()},
      {"PUT /api/v1/lodging-rooms/{id}", Logistics()},
      {"DELETE /api/v1/lodging-rooms/{id}", Logistics()},
      {"POST /api/v1/classes/{id}/lodging/assign", Logistics()},
      {"POST /api/v1/room-assignments", Logistics()},
      {"GET /api/v1/classes/{id}/rooms.xlsx", Logistics()},
      {"GET /api/v1/classes/{id}/rooms.pdf", Logistics()},
      {"GET /api/v1/classes/{id}/diets", Logistics()},
      {"PUT /api/v1/classes/{id}/diets", Logistics()},
      {"GET /api/v1/classes/{id}/meals", Logistics()},
      {"GET /api/v1/classes/{id}/meals.pdf", Logistics()},
      {"GET /api/v1/sessions/{id}/buses", Logistics()},
      {"POST /api/v1/sessions/{id}/buses", Logistics()},
      {"DELETE /api/v1/buses/{id}", Logistics()},
      {"POST /api/v1/sessions/{id}/buses/assign", Logistics()},
      {"GET /api/v1/me/class/{id}", Roles({"trainee"})},
  };
}

std::string Key(const api::Route& r) {
  return std::string(api::MethodName(r.method)) + " " + r.pattern;
}

std::string Describe(int expected) {
  return expected == kAllowed ? "allowed (not 401/403)" : std::to_string(expected);
}

class AuthzMatrixTest : public AuthzFixture {
 protected:
  // The concrete path for a route: its {params} filled with ids of the seeded data.
  std::string PathFor(const api::Route& route) {
    const std::string key = Key(route);
    std::string id = "1";
    const std::string& p = route.pattern;
    if (p.rfind("/api/v1/orgs/", 0) == 0) id = std::to_string(victim_unit_);
    if (p.rfind("/api/v1/people/", 0) == 0) {
      id = std::to_string(route.method == api::Method::kDelete ? victim_person_ : person_x_);
    }
    if (p.rfind("/api/v1/users/", 0) == 0) id = std::to_string(victim_user_);
    if (p.rfind("/api/v1/auth/tokens/", 0) == 0) id = "987654321";
    // Classes and what hangs off them; ids of kinds not seeded stay unknown (404).
    if (p.rfind("/api/v1/classes/", 0) == 0 || p.rfind("/api/v1/me/class/", 0) == 0) {
      id = std::to_string(class_);
    }
    if (p.rfind("/api/v1/sessions/", 0) == 0) id = std::to_string(session_);
    if (p.rfind("/api/v1/rooms/", 0) == 0) id = std::to_string(room_);
    if (p.rfind("/api/v1/lecturers/", 0) == 0) id = std::to_string(lecturer_);
    if (p.rfind("/api/v1/sites/", 0) == 0) id = std::to_string(site_);
    if (p.rfind("/api/v1/enrollments/", 0) == 0) id = std::to_string(enrollment_x_);
    if (p.rfind("/api/v1/leave/", 0) == 0) id = std::to_string(leave_x_);
    if (p.rfind("/api/v1/question-banks/", 0) == 0) id = std::to_string(bank_);
    if (p.rfind("/api/v1/questions/", 0) == 0) id = std::to_string(question_);
    if (p.rfind("/api/v1/exams/", 0) == 0) id = std::to_string(exam_);
    for (const char* unseeded :
         {"/api/v1/groups/", "/api/v1/lodging-rooms/", "/api/v1/buses/", "/api/v1/spot-checks/",
          "/api/v1/attempts/", "/api/v1/evaluations/"}) {
      if (p.rfind(unseeded, 0) == 0) id = "987654321";
    }
    std::string out;
    for (const std::string& seg : api::SplitPath(p)) {
      out += "/";
      if (seg.size() > 2 && seg.front() == '{') {
        out += seg == "{token}" ? "no-such-invite-token-0123456789abcdef" : id;
      } else {
        out += seg;
      }
    }
    return out;
  }

  static int Phase(const api::Route& r) {
    if (r.pattern == "/api/v1/auth/logout") return 3;  // ends the caller's session
    if (r.method == api::Method::kDelete) return 2;
    return api::IsUnsafe(r.method) ? 1 : 0;
  }

  // Checks one call; returns a failure description or "".
  std::string Check(const std::string& what, const std::string& caller, int expected,
                    const api::Response& r) {
    std::ostringstream why;
    if (r.status >= 500) {
      why << what << " as " << caller << ": server error " << r.status << " " << r.body;
    } else if (expected == kAllowed) {
      const std::string code = ErrorCode(r);
      if (r.status == 401 || r.status == 403 || code == "request.not_found" ||
          code == "request.method") {
        why << what << " as " << caller << ": expected " << Describe(expected) << ", got "
            << r.status << " " << r.body;
      }
    } else if (r.status != expected) {
      why << what << " as " << caller << ": expected " << expected << ", got " << r.status << " "
          << r.body;
    }
    return why.str();
  }
};

TEST_F(AuthzMatrixTest, EveryRouteHasARuleAndEveryCallerGetsWhatTheRuleSays) {
  const auto rules = Rules();
  std::set<std::string> routed;
  std::vector<const api::Route*> walk;
  for (const api::Route& route : app().router().routes()) {
    const std::string key = Key(route);
    routed.insert(key);
    if (!rules.count(key)) {
      ADD_FAILURE() << "route added without an authorization rule: " << key
                    << " (add a row to Rules() in tests/integration/authz_matrix_test.cc)";
      continue;
    }
    walk.push_back(&route);
  }
  for (const auto& [key, expect] : rules) {
    if (!routed.count(key))
      ADD_FAILURE() << "authorization rule for a route that does not exist: " << key;
    for (const auto& c : kAuthzCallers) {
      if (!expect.count(c)) ADD_FAILURE() << key << " has no expectation for caller " << c;
    }
  }

  std::stable_sort(walk.begin(), walk.end(),
                   [](const api::Route* a, const api::Route* b) { return Phase(*a) < Phase(*b); });
  std::vector<std::string> failures;
  int calls = 0;
  for (const api::Route* route : walk) {
    const std::string key = Key(*route);
    const Expect& expect = rules.at(key);
    const std::string path = PathFor(*route);
    const std::string body = api::IsUnsafe(route->method) ? "{}" : "";
    // Refusals first, so a caller that may change the target runs after them.
    std::vector<std::string> order(kAuthzCallers.begin(), kAuthzCallers.end());
    std::stable_partition(order.begin(), order.end(),
                          [&](const std::string& c) { return expect.at(c) != kAllowed; });
    for (const std::string& caller : order) {
      auto r = Send(route->method, path, body, sessions_[caller]);
      ++calls;
      std::string f = Check(key + " (" + path + ")", caller, expect.at(caller), r);
      if (!f.empty()) failures.push_back(f);
    }
  }
  for (const auto& f : failures) ADD_FAILURE() << f;
  EXPECT_GE(calls, static_cast<int>(walk.size() * kAuthzCallers.size()));
}

// Scope beyond the role: who sees whose units and people, with real bodies.
TEST_F(AuthzMatrixTest, ScopeRows) {
  const std::string a = std::to_string(street_a_), b = std::to_string(street_b_);
  const std::string x = std::to_string(person_x_), y = std::to_string(person_y_);
  const std::string c = "/api/v1/classes/" + std::to_string(class_);
  const int64_t other_class = Made(api::Method::kPost, "/api/v1/classes",
                                   {{"name", "别的班"},
                                    {"organizer_name", "区委组织部"},
                                    {"host_venue", "党校"},
                                    {"start_date", "2030-09-01"},
                                    {"end_date", "2030-09-03"},
                                    {"capacity", 30}},
                                   admin_);
  const std::string other_c = "/api/v1/classes/" + std::to_string(other_class);
  // A trainee of the other class only (the head teacher does not head it).
  const int64_t other_trainee =
      Made(api::Method::kPost, "/api/v1/people",
           json{{"name", "别班学员"}, {"gender", "男"}, {"unit_id", street_b_}}, admin_);
  Made(api::Method::kPost, other_c + "/status", {{"status", "enrolling"}}, admin_, 200);
  Made(api::Method::kPut, other_c + "/quotas",
       {{"items", {{{"unit_id", street_b_}, {"seats", 5}}}}}, admin_, 200);
  const int64_t other_enrollment =
      Made(api::Method::kPost, other_c + "/enrollments", {{"person_id", other_trainee}}, admin_);
  Made(api::Method::kPost, "/api/v1/enrollments/" + std::to_string(other_enrollment) + "/approve",
       json::object(), admin_, 200);
  const json valid_in_b = {{"name", "越界新增"}, {"gender", "男"}, {"unit_id", street_b_}};
  const json valid_in_a = {{"name", "越界修改"}, {"gender", "男"}, {"unit_id", street_a_}};
  struct Row {
    std::string caller;
    api::Method method;
    std::string path;
    std::string body;
    int status;
  };
  const std::vector<Row> rows = {
      {"liaison_b", api::Method::kGet, "/api/v1/people/" + x, "", 404},
      {"liaison_a", api::Method::kGet, "/api/v1/people/" + y, "", 404},
      {"liaison_a", api::Method::kGet, "/api/v1/people/" + x, "", 200},
      {"trainee_x", api::Method::kGet, "/api/v1/people/" + y, "", 404},
      {"trainee_x", api::Method::kGet, "/api/v1/people/" + x, "", 200},
      {"trainee_y", api::Method::kGet, "/api/v1/people/" + x, "", 404},
      {"trainee_x", api::Method::kGet, "/api/v1/people", "", 403},
      {"liaison_a", api::Method::kGet, "/api/v1/people?unit_id=" + b, "", 403},
      {"liaison_a", api::Method::kGet, "/api/v1/orgs/" + b, "", 404},
      {"liaison_a", api::Method::kGet, "/api/v1/orgs/" + a, "", 200},
      {"liaison_b", api::Method::kGet, "/api/v1/orgs/" + a + "/subtree", "", 404},
      {"liaison_a", api::Method::kPost, "/api/v1/people", valid_in_b.dump(), 403},
      {"liaison_a", api::Method::kPut, "/api/v1/people/" + y, valid_in_a.dump(), 404},
      {"liaison_b", api::Method::kPut, "/api/v1/people/" + x, valid_in_b.dump(), 404},
      {"liaison_a", api::Method::kDelete, "/api/v1/people/" + y, "", 404},
      {"head_teacher", api::Method::kPut, "/api/v1/people/" + x, valid_in_a.dump(), 403},
      // Classes: a head teacher and a trainee see their own classes only (another
      // class is 403 classes.forbidden, as docs/api.md says).
      {"head_teacher", api::Method::kGet, c, "", 200},
      {"head_teacher", api::Method::kGet, other_c, "", 403},
      {"head_teacher", api::Method::kPatch, other_c, json{{"capacity", 10}}.dump(), 403},
      {"head_teacher", api::Method::kGet, other_c + "/sessions", "", 403},
      {"head_teacher", api::Method::kGet, other_c + "/venue", "", 403},
      {"head_teacher", api::Method::kPut, other_c + "/venue",
       json{{"network_ranges", "10.0.0.0/8"}}.dump(), 403},
      {"trainee_y", api::Method::kGet, c, "", 200},
      {"trainee_y", api::Method::kGet, other_c, "", 403},
      {"trainee_x", api::Method::kGet, "/api/v1/me/class/" + std::to_string(class_), "", 200},
      {"trainee_x", api::Method::kGet, "/api/v1/me/class/" + std::to_string(other_class), "", 404},
      // Enrollment: a liaison nominates and sees their subtree only.
      {"liaison_a", api::Method::kPost, c + "/enrollments", json{{"person_id", person_y_}}.dump(),
       403},
      {"liaison_b", api::Method::kGet, "/api/v1/enrollments/" + std::to_string(enrollment_x_), "",
       404},
      {"liaison_b", api::Method::kPost,
       "/api/v1/enrollments/" + std::to_string(enrollment_x_) + "/substitute",
       json{{"person_id", person_y_}, {"reason", "工作调动"}}.dump(), 404},
      {"liaison_b", api::Method::kPost,
       "/api/v1/enrollments/" + std::to_string(enrollment_x_) + "/withdraw",
       json{{"reason", "工作调动"}}.dump(), 404},
      // Leave: one trainee cannot act on another's request.
      {"trainee_y", api::Method::kPost, "/api/v1/leave/" + std::to_string(leave_x_) + "/cancel",
       "{}", 404},
      {"trainee_x", api::Method::kGet, "/api/v1/leave/" + std::to_string(leave_x_), "", 200},
      // Invites log a person in: only for approved trainees of a class the caller
      // manages. Not for a person in no class (the district's 部长), whoever asks.
      {"head_teacher", api::Method::kPost, "/api/v1/auth/invites",
       json{{"person_id", person_x_}}.dump(), 201},
      {"head_teacher", api::Method::kPost, "/api/v1/auth/invites",
       json{{"person_id", victim_person_}}.dump(), 403},
      {"head_teacher", api::Method::kPost, "/api/v1/auth/invites",
       json{{"person_id", other_trainee}}.dump(), 403},
      {"admin", api::Method::kPost, "/api/v1/auth/invites",
       json{{"person_id", victim_person_}}.dump(), 403},
      {"organizer", api::Method::kPost, "/api/v1/auth/invites",
       json{{"person_id", person_y_}}.dump(), 201},
      // Invites in bulk: the class's managers, for its own approved trainees only.
      {"head_teacher", api::Method::kPost, c + "/invites", "", 201},
      {"head_teacher", api::Method::kPost, other_c + "/invites", "", 403},
      {"head_teacher", api::Method::kPost, c + "/invites",
       json{{"person_ids", {other_trainee}}}.dump(), 422},
      {"head_teacher", api::Method::kDelete, c + "/invites/" + std::to_string(other_trainee), "",
       422},
      {"head_teacher", api::Method::kDelete, c + "/invites/" + x, "", 200},
      {"liaison_a", api::Method::kPost, c + "/invites", "", 403},
      {"trainee_x", api::Method::kPost, c + "/invites", "", 403},
      // A trainee's calendar names their group: a liaison reads their own unit's only.
      {"liaison_b", api::Method::kGet, c + "/calendar.ics?person_id=" + x, "", 404},
      {"liaison_a", api::Method::kGet, c + "/calendar.ics?person_id=" + x, "", 200},
      {"trainee_y", api::Method::kGet, c + "/calendar.ics?person_id=" + x, "", 403},
  };
  const int64_t total_before = Body(Get("/api/v1/people?page_size=1", admin_))["total"];
  for (const Row& row : rows) {
    auto r = Send(row.method, row.path, row.body, sessions_[row.caller]);
    EXPECT_EQ(r.status, row.status)
        << api::MethodName(row.method) << " " << row.path << " as " << row.caller << ": " << r.body;
  }
  // Nothing of the refused writes was stored; Y and X are unchanged.
  EXPECT_EQ(Body(Get("/api/v1/people?page_size=1", admin_))["total"], total_before);
  EXPECT_EQ(Get("/api/v1/people/" + y, admin_).status, 200);
  EXPECT_NE(Body(Get("/api/v1/people/" + x, admin_))["name"], "越界修改");

  // A liaison's lists hold their subtree only.
  std::set<int64_t> subtree_a;
  const json subtree_json = Body(Get("/api/v1/orgs/" + a + "/subtree", admin_));
  for (const auto& u : subtree_json["items"]) {
    subtree_a.insert(u["id"].get<int64_t>());
  }
  ASSERT_GT(subtree_a.size(), 1u);
  auto units = Body(Get("/api/v1/orgs", sessions_["liaison_a"]))["items"];
  std::set<int64_t> seen;
  for (const auto& u : units) seen.insert(u["id"].get<int64_t>());
  EXPECT_EQ(seen, subtree_a);
  auto people = Body(Get("/api/v1/people?page_size=100", sessions_["liaison_a"]));
  EXPECT_EQ(people["total"], Body(Get("/api/v1/people?page_size=1&unit_id=" + a, admin_))["total"]);
  for (const auto& p : people["items"]) {
    EXPECT_TRUE(subtree_a.count(p["unit_id"].get<int64_t>())) << p.dump();
  }
  // A liaison lists the class's enrollments of their subtree only.
  auto enrolled = Body(Get(c + "/enrollments?page_size=100", sessions_["liaison_a"]));
  ASSERT_TRUE(enrolled["items"].is_array()) << enrolled.dump();
  EXPECT_EQ(enrolled["items"].size(), 1u) << enrolled.dump();
  for (const auto& e : enrolled["items"]) {
    EXPECT_TRUE(subtree_a.count(e["unit_id"].get<int64_t>())) << e.dump();
  }
  // The liaison's roster export holds their people only.
  auto exported = Get("/api/v1/people/export?format=csv", sessions_["liaison_a"]);
  ASSERT_EQ(exported.status, 200);
  const std::string y_phone = Body(Get("/api/v1/people/" + y, admin_)).value("phone", "");
  ASSERT_FALSE(y_phone.empty());
  EXPECT_EQ(exported.body.find(y_phone), std::string::npos) << "street B's person leaked";
}

}  // namespace
}  // namespace peixun::test

namespace peixun::test::authz {

// The table above, for service_authz_test.cc (authz_rules.h): one table, walked
// through the routes here and through the service entry points there.
std::map<std::string, std::map<std::string, int>> Rules() { return peixun::test::Rules(); }

}  // namespace peixun::test::authz
