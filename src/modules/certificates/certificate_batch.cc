// CertificateService, the batch: every completed trainee of a class at once
// (IssueClass), in the background with progress (StartIssueClass, Job).
#include "modules/certificates/certificate_service.h"

#include "modules/certificates/internal/certificate_rows.h"
#include "modules/completion/completion_service.h"

namespace peixun::certificates {
namespace {

using store::Int;

}  // namespace

Result<int> CertificateService::IssueClass(const Principal& who, int64_t class_id,
                                           const std::function<void(int, int)>& progress) {
  // Who is due, then one short transaction per trainee: a long batch never holds the
  // write lock for long, and what was issued stays issued if a later one fails.
  PEIXUN_ASSIGN_OR_RETURN(
      auto completed,
      store::ReadValue<std::vector<completion::CompletedTrainee>>(
          store_, [&](store::Tx& tx) -> Result<std::vector<completion::CompletedTrainee>> {
            PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
            return completion::CompletionService::CompletedIn(tx, class_id);
          }));
  int issued = 0;
  const int total = static_cast<int>(completed.size());
  for (int i = 0; i < total; ++i) {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows had, store::ReadValue<store::Rows>(store_, [&](store::Tx& tx) {
          return tx.Query(
              "SELECT id FROM certificates WHERE class_id = ? AND person_id = ? AND "
              "status = 'valid'",
              {Int(class_id), Int(completed[i].person_id)});
        }));
    if (had.empty()) {
      PEIXUN_RETURN_IF_ERROR(Issue(who, class_id, completed[i].person_id));
      ++issued;
    }
    if (progress) progress(i + 1, total);
  }
  return issued;
}

Result<BatchJob> CertificateService::StartIssueClass(const Principal& who, int64_t class_id) {
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
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(job_id);
  // Another user's job is as unknown as a job that never was.
  if (it == jobs_.end() || (job_owner_[job_id] != who.user_id && who.role != Role::kAdmin)) {
    return NotFound("certificates.job.not_found", "没有这个任务", "no such job", "id");
  }
  return it->second;
}

}  // namespace peixun::certificates
