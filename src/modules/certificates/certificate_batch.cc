// CertificateService, the batch: every completed trainee of a class at once
// (IssueClass), in the background with progress (StartIssueClass, Job).
//
// A certificate's PDF costs tens of milliseconds of CPU (cairo embeds a subset of
// each Noto CJK face, reading the whole face's CFF table twice to make it), and
// the per-trainee path spent as much again on its two transactions and a dozen
// queries. So the batch reads the class, the template, the people and who already
// holds a certificate once; renders the PDFs on a few threads ahead of the writer
// (MakeCertificate: the same function Issue uses, so each PDF is the one Issue
// would print); and stores them kChunk at a time, each chunk one transaction that
// takes the class's lock and checks again that each trainee is still completed,
// with the same 学时, and holds no valid certificate yet (issued meanwhile by
// someone else: skipped, as Issue would return that one).
#include "modules/certificates/certificate_service.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <optional>
#include <thread>
#include <utility>

#include "modules/certificates/internal/certificate_making.h"
#include "modules/certificates/internal/certificate_rows.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_service.h"
#include "modules/people/people_service.h"

namespace peixun::certificates {
namespace {

using store::Int;

// Certificates stored per transaction: a chunk's transaction holds the class's
// lock (and on SQLite the write lock) for a fraction of a second.
constexpr size_t kChunk = 32;
// At most this many rendered PDFs wait for the writer (about 200 KB each).
constexpr size_t kAhead = 4 * kChunk;
constexpr unsigned kMaxRenderThreads = 4;

// Makes items 0..n-1 on worker threads, in order of index, at most kAhead ahead of
// the ones taken; Take(i) waits for item i. Items are taken in order. The
// destructor stops the workers and joins them.
class RenderPool {
 public:
  using Make = std::function<Result<MadeCertificate>(size_t)>;
  RenderPool(size_t n, Make make) : n_(n), make_(std::move(make)), made_(n) {
    unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxRenderThreads);
    threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(n, 1)));
    for (unsigned t = 0; t < threads; ++t) threads_.emplace_back([this] { Work(); });
  }
  ~RenderPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  RenderPool(const RenderPool&) = delete;
  RenderPool& operator=(const RenderPool&) = delete;

  Result<MadeCertificate> Take(size_t i) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return made_[i].has_value(); });
    Result<MadeCertificate> out = std::move(*made_[i]);
    made_[i].reset();
    taken_ = i + 1;
    lock.unlock();
    cv_.notify_all();
    return out;
  }

 private:
  void Work() {
    for (;;) {
      size_t i = 0;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || next_ >= n_ || next_ < taken_ + kAhead; });
        if (stop_ || next_ >= n_) return;
        i = next_++;
      }
      Result<MadeCertificate> made = make_(i);
      {
        std::lock_guard<std::mutex> lock(mu_);
        made_[i] = std::move(made);
      }
      cv_.notify_all();
    }
  }

  const size_t n_;
  const Make make_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::optional<Result<MadeCertificate>>> made_;
  size_t next_ = 0;   // the next item a worker makes
  size_t taken_ = 0;  // items the writer has taken
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// person id → the 序号 a certificate of theirs in the class already has.
Result<std::map<int64_t, int>> EarlierSeqsIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT person_id, min(seq) FROM certificates WHERE class_id = ? GROUP BY person_id",
               {Int(class_id)}));
  std::map<int64_t, int> out;
  for (const auto& r : rows.rows) out[r.Int(0)] = static_cast<int>(r.Int(1));
  return out;
}

Result<std::map<int64_t, int>> CreditedIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(auto completed, completion::CompletionService::CompletedIn(tx, class_id));
  std::map<int64_t, int> out;
  for (const auto& t : completed) out[t.person_id] = t.credited_tenths;
  return out;
}

}  // namespace

Result<int> CertificateService::IssueClass(const Principal& who, int64_t class_id,
                                           const std::function<void(int, int)>& progress) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  struct Snapshot {
    std::vector<completion::CompletedTrainee> completed;
    classes::TrainingClass klass;
    CertificateTemplate tpl;
    std::string base_url;
    std::map<int64_t, std::string> valid;
    std::map<int64_t, people::Person> people;
  };
  PEIXUN_ASSIGN_OR_RETURN(
      Snapshot snap, store::ReadValue<Snapshot>(store_, [&](store::Tx& tx) -> Result<Snapshot> {
        PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
        Snapshot s;
        PEIXUN_ASSIGN_OR_RETURN(s.completed,
                                completion::CompletionService::CompletedIn(tx, class_id));
        PEIXUN_ASSIGN_OR_RETURN(s.klass, classes::ClassService::GetIn(tx, class_id));
        PEIXUN_ASSIGN_OR_RETURN(s.tpl, CurrentTemplateIn(tx, s.klass.organizer_name));
        PEIXUN_ASSIGN_OR_RETURN(s.base_url, BaseUrlIn(tx));
        PEIXUN_ASSIGN_OR_RETURN(s.valid, ValidSerialsIn(tx, class_id));
        std::vector<int64_t> ids;
        for (const auto& t : s.completed) ids.push_back(t.person_id);
        PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> found,
                                people::PeopleService::GetManyIn(tx, ids));
        for (auto& p : found) s.people[p.id] = std::move(p);
        return s;
      }));
  const int total = static_cast<int>(snap.completed.size());
  std::vector<completion::CompletedTrainee> due;
  for (const auto& t : snap.completed) {
    if (!snap.valid.count(t.person_id)) due.push_back(t);
  }
  int done = total - static_cast<int>(due.size());
  if (progress && done > 0) progress(done, total);
  for (const auto& t : due) {
    if (!snap.people.count(t.person_id)) {
      return NotFound("people.not_found", "人员不存在", "no such person", "person_id");
    }
  }
  RenderPool pool(due.size(), [&](size_t i) {
    return MakeCertificate(snap.klass, snap.people.at(due[i].person_id), snap.tpl, snap.base_url,
                           now_ms_(), due[i].credited_tenths);
  });
  int issued = 0;
  for (size_t at = 0; at < due.size(); at += kChunk) {
    const size_t end = std::min(due.size(), at + kChunk);
    std::vector<MadeCertificate> made;
    for (size_t i = at; i < end; ++i) {
      PEIXUN_ASSIGN_OR_RETURN(MadeCertificate m, pool.Take(i));
      made.push_back(std::move(m));
    }
    int stored = 0;
    PEIXUN_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
      stored = 0;  // a retried transaction starts over
      PEIXUN_RETURN_IF_ERROR(LockClassIn(tx, class_id));
      PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
      PEIXUN_ASSIGN_OR_RETURN(auto credited, CreditedIn(tx, class_id));
      PEIXUN_ASSIGN_OR_RETURN(auto valid, ValidSerialsIn(tx, class_id));
      PEIXUN_ASSIGN_OR_RETURN(auto earlier, EarlierSeqsIn(tx, class_id));
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows max_seq,
          tx.Query("SELECT COALESCE(max(seq), 0) FROM certificates WHERE class_id = ?",
                   {Int(class_id)}));
      int next_seq = static_cast<int>(max_seq[0].Int(0)) + 1;
      for (size_t i = at; i < end; ++i) {
        const int64_t person = due[i].person_id;
        if (valid.count(person)) continue;  // issued meanwhile: Issue would return that one
        auto c = credited.find(person);
        if (c == credited.end()) {
          return Conflict("certificates.not_completed", "该学员未评定为结业，不能颁发证书",
                          "this trainee has not been decided as completed", "person_id");
        }
        MadeCertificate m = made[i - at];
        if (c->second != due[i].credited_tenths) {  // overridden meanwhile: print it again
          PEIXUN_ASSIGN_OR_RETURN(m, MakeCertificate(snap.klass, snap.people.at(person), snap.tpl,
                                                     snap.base_url, now_ms_(), c->second));
        }
        auto e = earlier.find(person);
        const int seq = e != earlier.end() ? e->second : next_seq++;
        PEIXUN_RETURN_IF_ERROR(StoreIssuedIn(tx, who, std::move(m), seq));
        ++stored;
      }
      return Ok();
    }));
    issued += stored;
    for (size_t i = at; i < end; ++i) {
      ++done;
      if (progress) progress(done, total);
    }
  }
  return issued;
}

Result<BatchJob> CertificateService::StartIssueClass(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  PEIXUN_RETURN_IF_ERROR(
      store_.Read([&](store::Tx& tx) -> Status { return CheckManage(tx, who, class_id); }));
  std::lock_guard<std::mutex> lock(mu_);
  BatchJob job;
  job.id = next_job_++;
  job.class_id = class_id;
  job.state = "running";
  jobs_[job.id] = job;
  job_owner_[job.id] = who.user_id;
  const int64_t id = job.id;
  threads_.emplace_back([this, who, class_id, id] {
    auto result = IssueClass(who, class_id, [this, id](int done, int total) {
      std::lock_guard<std::mutex> inner(mu_);
      jobs_[id].done = done;
      jobs_[id].total = total;
    });
    std::lock_guard<std::mutex> inner(mu_);
    BatchJob& j = jobs_[id];
    if (result.ok()) {
      j.state = "done";
      j.issued = *result;
    } else {
      j.state = "failed";
      j.error_code = result.error().code;
      j.error_message = result.error().message;
    }
  });
  return job;
}

Result<BatchJob> CertificateService::Job(const Principal& who, int64_t job_id) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(job_id);
  // Another user's job is as unknown as a job that never was.
  if (it == jobs_.end() || (job_owner_[job_id] != who.user_id && who.role != Role::kAdmin)) {
    return NotFound("certificates.job.not_found", "没有这个任务", "no such job", "id");
  }
  return it->second;
}

}  // namespace peixun::certificates
