// The exam storm's helper (bench/exam/run.sh):
//
//   peixun_exam_bench setup URL N FILE   in the database at URL (made by `peixun init`):
//                                        a class with an exam session running now, a bank
//                                        of 40 single-choice questions, the exam on it, N
//                                        approved trainees each with a login (trainee
//                                        role, an API token) and an attempt started;
//                                        writes FILE with one "TOKEN ATTEMPT_ID" line per
//                                        trainee and prints the question ids, comma-separated
//   peixun_exam_bench count URL          prints the answers stored (exam_answers rows) and
//                                        the idempotency keys applied, to check that every
//                                        200 the storm saw is in the database
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/clock.h"
#include "crypto/data_key.h"
#include "modules/assessment/attempt_service.h"
#include "modules/assessment/exam_service.h"
#include "modules/assessment/question_bank_service.h"
#include "modules/auth/auth_services.h"
#include "modules/classes/class_service.h"
#include "store/open_store.h"

namespace {

using namespace peixun;

int Fail(const Error& e) {
  std::cerr << e.code << ": " << e.message_en << "\n";
  return 1;
}

int Setup(const std::string& url, int n, const std::string& file) {
  auto store = store::OpenStore(url);
  if (!store) return Fail(store.error());
  store::Store& db = **store;
  auth::AuthServices auth(db);
  auto admin_user = auth.users.Create({"bench_admin", "压测管理员", Role::kAdmin, {}, {}});
  if (!admin_user) return Fail(admin_user.error());
  Principal admin;
  admin.user_id = admin_user->user.id;
  admin.username = "bench_admin";
  admin.role = Role::kAdmin;
  // `peixun init` made the key file; the class's check-in secret is sealed with it.
  auto key = crypto::DataKey::Load(crypto::DefaultKeyPath(url));
  if (!key) return Fail(key.error());
  classes::ClassService classes(db, *key);
  classes::ClassInput in;
  in.name = "考试压测班";
  in.organizer_name = "中共×区委组织部";
  in.host_venue = "×大学干部培训中心";
  in.start_date = "2020-06-02";
  in.end_date = "2020-06-05";
  in.capacity = std::min(n, 10000);
  auto klass = classes.Create(in);
  if (!klass) return Fail(klass.error());
  const int64_t now = NowMillis();
  int64_t session_id = 0;
  int64_t unit_id = 0;
  std::vector<int64_t> people;
  std::vector<int64_t> users;
  Status st = db.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows s,
        tx.Query("INSERT INTO class_sessions (class_id, kind, title, start_ms, end_ms, "
                 "requires_checkout, created_at, updated_at) VALUES (?, 'exam', '结业考试', ?, "
                 "?, 0, ?, ?) RETURNING id",
                 {store::Int(klass->id), store::Int(now - 60'000), store::Int(now + 7'200'000),
                  store::Int(now), store::Int(now)}));
    session_id = s[0].Int(0);
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows u,
        tx.Query("INSERT INTO org_units (name, kind, depth, path, created_at, "
                 "updated_at) VALUES ('压测社区', 'community', 0, '', 0, 0) RETURNING id"));
    unit_id = u[0].Int(0);
    for (int i = 0; i < n; ++i) {
      const std::string name = "考生" + std::to_string(i);
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows p,
          tx.Query("INSERT INTO people (name, gender, unit_id, stroke_key, pinyin_key, "
                   "pinyin_initials, pinyin_full, created_at, updated_at) VALUES "
                   "(?, '男', ?, ?, ?, '', '', 0, 0) RETURNING id",
                   {store::Text(name), store::Int(unit_id), store::Text(name), store::Text(name)}));
      people.push_back(p[0].Int(0));
      // A trainee login without a password (as an invite-only trainee has): hashing
      // 1,000 passwords would make the setup take minutes and measure nothing.
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows user,
          tx.Query("INSERT INTO users (username, display_name, role, person_id, active, "
                   "created_at, updated_at) VALUES (?, ?, ?, ?, 1, 0, 0) RETURNING id",
                   {store::Text("kaosheng" + std::to_string(i)), store::Text(name),
                    store::Text(std::string(RoleCode(Role::kTrainee))), store::Int(p[0].Int(0))}));
      users.push_back(user[0].Int(0));
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "INSERT INTO enrollments (class_id, person_id, quota_unit_id, status, created_at, "
          "updated_at) VALUES (?, ?, ?, 'approved', 0, 0)",
          {store::Int(klass->id), store::Int(p[0].Int(0)), store::Int(unit_id)}));
    }
    return Ok();
  });
  if (!st) return Fail(st.error());
  assessment::QuestionBankService bank(db);
  auto b = bank.CreateBank(admin, "压测题库", "");
  if (!b) return Fail(b.error());
  std::vector<int64_t> questions;
  for (int i = 0; i < 40; ++i) {
    assessment::QuestionInput q;
    q.kind = "single";
    q.stem = "压测题 " + std::to_string(i + 1);
    q.options = {"甲", "乙", "丙", "丁"};
    q.correct = {i % 4};
    q.points = 2;
    auto made = bank.Create(admin, b->id, q);
    if (!made) return Fail(made.error());
    questions.push_back(made->id);
  }
  assessment::ExamService exams(db);
  assessment::ExamInput e;
  e.session_id = session_id;
  e.bank_id = b->id;
  e.question_ids = questions;
  e.time_limit_minutes = 120;
  auto exam = exams.Create(admin, e);
  if (!exam) return Fail(exam.error());
  assessment::AttemptService attempts(db);
  std::ofstream out(file);
  for (int i = 0; i < n; ++i) {
    auto token = auth.tokens.Create(users[i], "bench");
    if (!token) return Fail(token.error());
    Principal p;
    p.user_id = users[i];
    p.username = "kaosheng" + std::to_string(i);
    p.role = Role::kTrainee;
    p.person_id = people[i];
    auto a = attempts.Start(p, exam->id);
    if (!a) return Fail(a.error());
    out << token->raw << " " << a->attempt_id << "\n";
  }
  std::string ids;
  for (int64_t q : questions) ids += (ids.empty() ? "" : ",") + std::to_string(q);
  std::cout << ids << "\n";
  return 0;
}

int Count(const std::string& url) {
  auto store = store::OpenStore(url);
  if (!store) return Fail(store.error());
  auto n = store::ReadValue<std::pair<int64_t, int64_t>>(
      **store, [](store::Tx& tx) -> Result<std::pair<int64_t, int64_t>> {
        PEIXUN_ASSIGN_OR_RETURN(store::Rows a, tx.Query("SELECT count(*) FROM exam_answers"));
        PEIXUN_ASSIGN_OR_RETURN(store::Rows k, tx.Query("SELECT count(*) FROM exam_answer_keys"));
        return std::make_pair(a[0].Int(0), k[0].Int(0));
      });
  if (!n) return Fail(n.error());
  std::cout << n->first << " " << n->second << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 4 && args[0] == "setup") return Setup(args[1], std::stoi(args[2]), args[3]);
  if (args.size() == 2 && args[0] == "count") return Count(args[1]);
  std::cerr << "usage: peixun_exam_bench setup URL N FILE | count URL\n";
  return 2;
}
