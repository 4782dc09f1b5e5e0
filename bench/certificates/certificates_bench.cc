// The end of a big class, in process (bench/certificates/run.sh):
//
//   peixun_certificates_bench URL N OUT_DIR
//
// In the database at URL (made by `peixun init`): a finished class of N approved
// trainees (the first two named 䶮 and 买买提·艾力, the rest common Chinese names),
// ten half-day sessions of 4 学时 with one QR check-in per trainee and session
// except a few missed (as bench/ledger/generate.sql shapes them). Then, timed, with
// the composition root's assessment source as `peixun serve` has it:
//   - the completion decision (CompletionService::Decide), and once more (unchanged);
//   - the batch issue of every completed trainee's certificate
//     (CertificateService::IssueClass, the job behind POST …/certificates/batch);
//   - the merged PDF (ClassPdf) and the zip of 序号_姓名.pdf (ClassZip), written to
//     OUT_DIR/merged.pdf and OUT_DIR/certificates.zip for the script's checks;
// printing each time, certificates a minute and the peak RSS (VmHWM) after each step.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "app/assessment_source.h"
#include "core/actor.h"
#include "crypto/data_key.h"
#include "io/heap_trim.h"
#include "modules/auth/auth_services.h"
#include "modules/certificates/certificate_service.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_service.h"
#include "modules/people/people_service.h"
#include "modules/people/person_validation.h"
#include "store/open_store.h"

namespace {

using namespace peixun;
using Clock = std::chrono::steady_clock;

int Fail(const Error& e) {
  std::cerr << e.code << ": " << e.message_en << "\n";
  return 1;
}

std::string PeakRss() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return line.substr(6);
  }
  return "?";
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Distinct two- and three-character names: surname × given name(s).
std::string NameOf(int i) {
  static const std::vector<std::string> surnames = {
      "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
      "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯"};
  static const std::vector<std::string> given = {"伟", "芳", "娜", "敏", "静", "丽", "强",
                                                 "磊", "军", "洋", "勇", "艳", "杰", "娟",
                                                 "涛", "明", "超", "秀", "霞", "平"};
  if (i == 0) return "䶮";
  if (i == 1) return "买买提·艾力";
  const size_t s = surnames.size();
  const size_t g = given.size();
  std::string name = surnames[i % s] + given[(i / s) % g];
  if (i >= static_cast<int>(s * g)) name += given[(i / (s * g)) % g];
  return name;
}

// The class and its trainees; returns the class id.
Result<int64_t> Setup(store::Store& db, const crypto::DataKey& key, int n) {
  classes::ClassService classes(db, key);
  classes::ClassInput in;
  in.name = "证书压测班";
  in.organizer_name = "中共×区委组织部";
  in.host_venue = "×大学干部培训中心";
  in.start_date = "2026-11-30";
  in.end_date = "2026-12-04";
  in.capacity = n;
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass klass, classes.Create(in));
  const int64_t class_id = klass.id;
  // 2026-11-30 09:00 Asia/Shanghai, in ms.
  constexpr int64_t kDay0 = 1796000400000;
  PEIXUN_RETURN_IF_ERROR(db.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows u,
        tx.Query("INSERT INTO org_units (name, kind, depth, path, created_at, updated_at) "
                 "VALUES ('压测社区', 'community', 0, '', 0, 0) RETURNING id"));
    const int64_t unit_id = u[0].Int(0);
    std::vector<int64_t> sessions;
    std::vector<int64_t> starts;
    for (int s = 0; s < 10; ++s) {
      const int64_t start = kDay0 + (s / 2) * 86400000LL + (s % 2) * 5 * 3600000LL;
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows r,
          tx.Query("INSERT INTO class_sessions (class_id, kind, title, start_ms, end_ms, "
                   "hours_tenths, requires_checkout, created_at, updated_at) VALUES "
                   "(?, 'lecture', ?, ?, ?, 40, 0, 0, 0) RETURNING id",
                   {store::Int(class_id), store::Text("专题讲座" + std::to_string(s + 1)),
                    store::Int(start), store::Int(start + 3 * 3600000)}));
      sessions.push_back(r[0].Int(0));
      starts.push_back(start);
    }
    for (int i = 0; i < n; ++i) {
      people::PersonInput pin;
      pin.name = NameOf(i);
      pin.gender = i % 2 ? "女" : "男";
      pin.unit_id = unit_id;
      people::ValidatedPerson v;
      std::vector<Error> errors = people::ValidatePerson(pin, &v);
      if (!errors.empty()) return errors.front();
      PEIXUN_ASSIGN_OR_RETURN(people::Person p,
                              people::PeopleService::InsertIn(tx, key, v, Actor::System()));
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO enrollments (class_id, person_id, quota_unit_id, status, "
                  "created_at, updated_at) VALUES (?, ?, ?, 'approved', 0, 0)",
                  {store::Int(class_id), store::Int(p.id), store::Int(unit_id)}));
      for (int s = 0; s < 10; ++s) {
        if ((p.id + 7 * s + class_id) % 23 == 0) continue;  // missed (2 or more: not completed)
        PEIXUN_RETURN_IF_ERROR(tx.Exec(
            "INSERT INTO attendance_events (class_id, session_id, person_id, direction, at_ms, "
            "received_ms, source, idempotency_key, device_id_hash, flags_json, created_by) "
            "VALUES (?, ?, ?, 'in', ?, ?, 'qr', ?, NULL, '[]', NULL)",
            {store::Int(class_id), store::Int(sessions[s]), store::Int(p.id),
             store::Int(starts[s] - 300000), store::Int(starts[s] - 299000),
             store::Text("bench-" + std::to_string(p.id) + "-" + std::to_string(sessions[s]))}));
      }
    }
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE training_classes SET status = 'finished', rules_json = "
                "'{\"absence_limit\": 1, \"reflection_required\": false}' WHERE id = ?",
                {store::Int(class_id)}));
    return Ok();
  }));
  return class_id;
}

int Run(const std::string& url, int n, const std::string& out_dir) {
  auto store = store::OpenStore(url);
  if (!store) return Fail(store.error());
  store::Store& db = **store;
  auto key = crypto::DataKey::Load(crypto::DefaultKeyPath(url));
  if (!key) return Fail(key.error());
  auth::AuthServices auth(db);
  auto admin_user = auth.users.Create({"cert_bench_admin", "压测管理员", Role::kAdmin, {}, {}});
  if (!admin_user) return Fail(admin_user.error());
  Principal admin;
  admin.user_id = admin_user->user.id;
  admin.username = "cert_bench_admin";
  admin.role = Role::kAdmin;

  auto t = Clock::now();
  auto class_id = Setup(db, *key, n);
  if (!class_id) return Fail(class_id.error());
  std::printf("setup: class %lld, %d trainees, %.1f s\n", static_cast<long long>(*class_id), n,
              Seconds(t));

  completion::CompletionService completion(db);
  completion.SetAssessmentSource(app::MakeAssessmentSource());
  t = Clock::now();
  auto decided = completion.Decide(admin, *class_id);
  if (!decided) return Fail(decided.error());
  const double decide_s = Seconds(t);
  int completed = 0;
  for (const auto& tc : decided->completion.trainees) {
    completed += tc.decision && tc.decision->outcome == "completed";
  }
  std::printf("completion decision: %.3f s, %zu decided (%d completed, %d rows written)\n",
              decide_s, decided->completion.trainees.size(), completed, decided->changed);
  t = Clock::now();
  auto again = completion.Decide(admin, *class_id);
  if (!again) return Fail(again.error());
  std::printf("completion decision again: %.3f s, %d rows written\n", Seconds(t), again->changed);
  t = Clock::now();
  auto status = completion.Status(admin, *class_id);
  if (!status) return Fail(status.error());
  std::printf("completion status: %.3f s\n", Seconds(t));
  std::printf("peak RSS after completion:%s\n", PeakRss().c_str());

  // Only the decision (e.g. on PostgreSQL, where 2,000 certificates take minutes).
  if (const char* skip = std::getenv("PEIXUN_BENCH_SKIP_CERTIFICATES"); skip && *skip == '1') {
    return 0;
  }
  certificates::CertificateService certs(db);
  t = Clock::now();
  int last_shown = 0;
  auto issued = certs.IssueClass(admin, *class_id, [&](int done, int total) {
    if (done - last_shown >= 500 || done == total) {
      std::printf("  %d / %d  %.1f s\n", done, total, Seconds(t));
      std::fflush(stdout);
      last_shown = done;
    }
  });
  if (!issued) return Fail(issued.error());
  const double issue_s = Seconds(t);
  std::printf("certificates: %d issued in %.1f s = %.0f a minute (%.1f ms each)\n", *issued,
              issue_s, *issued / issue_s * 60, issue_s * 1000 / std::max(*issued, 1));
  std::printf("peak RSS after issue:%s\n", PeakRss().c_str());

  t = Clock::now();
  auto merged = certs.ClassPdf(admin, *class_id);
  if (!merged) return Fail(merged.error());
  std::printf("merged PDF: %.1f s, %.1f MB\n", Seconds(t), merged->size() / 1e6);
  std::ofstream(out_dir + "/merged.pdf", std::ios::binary) << *merged;
  t = Clock::now();
  auto zip = certs.ClassZip(admin, *class_id);
  if (!zip) return Fail(zip.error());
  std::printf("zip of 序号_姓名.pdf: %.1f s, %.1f MB\n", Seconds(t), zip->size() / 1e6);
  std::ofstream(out_dir + "/certificates.zip", std::ios::binary) << *zip;
  std::printf("peak RSS:%s\n", PeakRss().c_str());
  return 0;
}

// N one-page certificate PDFs of the default template, no database: the render alone.
int Render(int n) {
  const certificates::CertificateTemplate tpl = certificates::DefaultTemplate("中共×区委组织部");
  auto t = Clock::now();
  size_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    certificates::PrintedCertificate c;
    c.fields = {{"name", NameOf(i)},
                {"unit", "压测社区"},
                {"class_name", "证书压测班"},
                {"organizer", tpl.organizer_name},
                {"start_date", "2026年11月30日"},
                {"end_date", "2026年12月4日"},
                {"days", "5"},
                {"hours", "40"},
                {"serial", "PX-2026-0000-0000-0000"},
                {"issue_date", "2026年12月7日"}};
    c.title = tpl.title;
    c.text = NameOf(i) + "同志（压测社区）于2026年11月30日至2026年12月4日参加证书压测班";
    c.verify_url = "http://localhost:8080/verify/PX-2026-0000-0000-0000";
    auto pdf = certificates::CertificatesPdf({{&tpl, c}});
    if (!pdf) return Fail(pdf.error());
    bytes += pdf->size();
  }
  const double s = Seconds(t);
  std::printf("render: %d PDFs in %.2f s = %.1f ms each, %.0f KB each; peak RSS:%s\n", n, s,
              s * 1000 / n, bytes / 1024.0 / n, PeakRss().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // As `peixun serve` runs (app/run_server.cc): large blocks straight from mmap.
  io::ReturnLargeBlocksAtOnce();
  if (argc == 3 && std::string(argv[1]) == "render") return Render(std::stoi(argv[2]));
  if (argc != 4) {
    std::cerr << "usage: peixun_certificates_bench URL N OUT_DIR | render N\n";
    return 2;
  }
  return Run(argv[1], std::stoi(argv[2]), argv[3]);
}
