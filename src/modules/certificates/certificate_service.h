// 结业证书: templates per organizer, issue (frozen at issue), re-issue, revocation,
// batch issue for a class in the background, and the public verification.
//
// Frozen at issue: the printed fields (name, unit, class, organizer, dates, days, 学时,
// serial, issue date), the filled title and text, the template version and the PDF
// itself with its SHA-256 are stored; later edits of the template (a new version) or of
// the person do not change an issued certificate. Re-issue prints a new certificate
// with a new serial from today's data and marks the old one superseded.
//
// Who (each entry point checks): templates are written by admin and organizers and
// read by the class's managers; issue, re-issue, revoke, lists and class downloads need
// kManage on the class (admin, organizer, its head teachers); one certificate's PDF
// and Open Badge: those, or the trainee it was issued to. Verification is public.
//
// Only trainees whose completion outcome is "completed" get a certificate (409
// certificates.not_completed). Issuing twice returns the valid certificate already
// issued (no second one). Serials: core/certificate_serial.h. The verify URL is
// <public_base_url>/verify/<serial>, public_base_url being the installation setting
// (modules/settings/public_base_url.h; settings::kDefaultPublicBaseUrl while unset).
//
// Errors: certificates.not_found (404: unknown or malformed serial, the same body and
// the same database query either way), certificates.reason (422), certificates.status
// (409: re-issue or revoke of a certificate that is not valid),
// certificates.template.* (422, naming the field), certificates.image (422: not a PNG,
// or over 2 MB), certificates.rate_limited (429, per address).
//
// Audited: certificates.template, certificates.issue, certificates.reissue,
// certificates.revoke (entity "certificate" but the template: "class").
// Thread-safe: the rate limiter and the job table are guarded by a mutex; background
// batches run on threads the service joins when destroyed.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/principal.h"
#include "core/result.h"
#include "modules/certificates/certificate_pdf.h"
#include "store/store.h"

namespace peixun::certificates {

inline constexpr size_t kMaxImageBytes = 2 * 1024 * 1024;
// What a template preview prints in place of a trainee (a serial no issue can make:
// issued serials carry random characters and a check character).
inline constexpr char kPreviewName[] = "王小明";
inline constexpr char kPreviewUnit[] = "（示例单位）";
inline constexpr char kPreviewSerial[] = "PX-0000-0000-0000-0000";

struct Certificate {
  int64_t id = 0;
  std::string serial;
  int64_t class_id = 0;
  int64_t person_id = 0;
  int seq = 0;  // 序号 in the class
  std::map<std::string, std::string> fields;
  std::string title;
  std::string text;
  std::string pdf_sha256;  // hex
  std::string status;      // valid | superseded | revoked
  int64_t issued_at = 0;
  std::optional<int64_t> status_at;
  std::string status_reason;
  std::optional<std::string> superseded_by;  // the serial that replaced it
};

// The templates's text and images (PNG bytes, base64 in JSON).
struct TemplateInput {
  std::string title;
  std::string body;
  std::string seal_png;
  std::string background_png;
};

// What the public verify page shows.
struct Verification {
  std::string serial;
  std::map<std::string, std::string> fields;  // the printed fields, the name masked
  std::string title;
  std::string text;  // as printed, with the name masked
  std::string status;
  int64_t issued_at = 0;
  std::optional<int64_t> status_at;
  std::string status_reason;
};

struct BatchJob {
  int64_t id = 0;
  int64_t class_id = 0;
  std::string state;  // running | done | failed
  int total = 0;
  int done = 0;
  int issued = 0;  // new certificates (the rest had one already)
  std::string error_code;
  std::string error_message;
};

class CertificateService {
 public:
  using Clock = std::function<int64_t()>;
  // `lookups_per_minute`: public verifications allowed per address per minute.
  explicit CertificateService(store::Store& store, Clock now_ms = {}, int lookups_per_minute = 30);
  ~CertificateService();
  CertificateService(const CertificateService&) = delete;
  CertificateService& operator=(const CertificateService&) = delete;

  // The template of the class's organizer (the built-in one while there is none).
  Result<CertificateTemplate> TemplateForClass(const Principal& who, int64_t class_id);
  // A new version of the template of the class's organizer.
  Result<CertificateTemplate> SetTemplateForClass(const Principal& who, int64_t class_id,
                                                  const TemplateInput& input);

  // A one-page PDF of `input` as it would print for this class: the class's data, a
  // sample trainee (kPreviewName), 6 学时 a day and kPreviewSerial. Stores nothing;
  // the same checks and errors as SetTemplateForClass.
  Result<std::string> PreviewTemplate(const Principal& who, int64_t class_id,
                                      const TemplateInput& input);

  Result<Certificate> Issue(const Principal& who, int64_t class_id, int64_t person_id);
  Result<Certificate> Reissue(const Principal& who, const std::string& serial,
                              const std::string& reason);
  Result<Certificate> Revoke(const Principal& who, const std::string& serial,
                             const std::string& reason);
  Result<std::vector<Certificate>> ListForClass(const Principal& who, int64_t class_id);
  // 我的证书: every certificate issued to the trainee signed in (valid, superseded and
  // revoked), newest first. Trainees only, and only their own person (403
  // certificates.forbidden for other roles or an account without a person).
  Result<std::vector<Certificate>> Mine(const Principal& who);
  // The stored PDF of one certificate.
  Result<std::string> Pdf(const Principal& who, const std::string& serial);
  // Open Badges 3.0 credential (JSON-LD): achievement = the class, creditsEarned = 学时.
  Result<nlohmann::json> OpenBadge(const Principal& who, const std::string& serial);

  // Issues a certificate to every completed trainee without a valid one; `progress(done,
  // total)` after each trainee. Returns the count issued.
  Result<int> IssueClass(const Principal& who, int64_t class_id,
                         const std::function<void(int, int)>& progress = {});
  // The same on a background thread: checks access now, returns the job.
  Result<BatchJob> StartIssueClass(const Principal& who, int64_t class_id);
  Result<BatchJob> Job(const Principal& who, int64_t job_id);
  // Every valid certificate of the class as one PDF (by 序号), and as a zip of
  // "序号_姓名.pdf" (the stored PDFs).
  Result<std::string> ClassPdf(const Principal& who, int64_t class_id);
  Result<std::string> ClassZip(const Principal& who, int64_t class_id);

  // No access check; inside a caller's transaction. person id → the serial of the
  // valid certificate each trainee of the class holds (the training record, the
  // ledger's yearly export).
  static Result<std::map<int64_t, std::string>> ValidSerialsIn(store::Tx& tx, int64_t class_id);

  // Public. `address`: the caller's address, for the rate limit.
  Result<Verification> Verify(const std::string& serial, const std::string& address);
  // Whether `pdf` is, byte for byte, the PDF issued under `serial`.
  Result<bool> VerifyPdf(const std::string& serial, const std::string& pdf,
                         const std::string& address);

 private:
  Status CheckRate(const std::string& address);
  Result<Certificate> IssueIn(store::Tx& tx, const Principal& who, int64_t class_id,
                              int64_t person_id, int credited_tenths, std::optional<int> seq);

  store::Store& store_;
  Clock now_ms_;
  int lookups_per_minute_;
  std::mutex mu_;
  std::map<std::string, std::deque<int64_t>> lookups_;  // address → recent times
  std::map<int64_t, BatchJob> jobs_;
  std::map<int64_t, int64_t> job_owner_;  // job → user
  int64_t next_job_ = 1;
  std::vector<std::thread> threads_;
};

// SHA-256 of `bytes`, lower-case hex.
std::string Sha256Hex(std::string_view bytes);

}  // namespace peixun::certificates
