// CertificateService, the public verification: a serial's printed fields with the
// name masked, an uploaded PDF against the stored hash, and the per-address limit.
#include "modules/certificates/certificate_service.h"

#include <mutex>

#include "core/certificate_serial.h"
#include "modules/certificates/internal/certificate_rows.h"

namespace peixun::certificates {
Status CertificateService::CheckRate(const std::string& address) {
  const int64_t now = now_ms_();
  std::lock_guard<std::mutex> lock(mu_);
  auto& times = lookups_[address];
  while (!times.empty() && times.front() <= now - 60 * 1000) times.pop_front();
  if (static_cast<int>(times.size()) >= lookups_per_minute_) {
    return MakeError(ErrorKind::kRateLimited, "certificates.rate_limited",
                     "查询过于频繁，请一分钟后再试", "too many lookups; try again in a minute");
  }
  times.push_back(now);
  // Forget idle addresses now and then so the table stays small.
  if (lookups_.size() > 10000) {
    for (auto it = lookups_.begin(); it != lookups_.end();) {
      it = it->second.empty() || it->second.back() <= now - 60 * 1000 ? lookups_.erase(it)
                                                                      : std::next(it);
    }
  }
  return Ok();
}

Result<Verification> CertificateService::Verify(const std::string& serial,
                                                const std::string& address) {
  PEIXUN_RETURN_IF_ERROR(CheckRate(address));
  PEIXUN_ASSIGN_OR_RETURN(Certificate c, store::ReadValue<Certificate>(store_, [&](store::Tx& tx) {
                            return BySerialIn(tx, serial);
                          }));
  Verification v;
  v.serial = c.serial;
  v.fields = c.fields;
  const std::string name = c.fields.count("name") ? c.fields.at("name") : std::string();
  const std::string masked = core::MaskName(name);
  v.fields["name"] = masked;
  v.title = c.title;
  v.text = c.text;
  if (!name.empty()) {
    for (size_t at = v.text.find(name); at != std::string::npos;
         at = v.text.find(name, at + masked.size())) {
      v.text.replace(at, name.size(), masked);
    }
  }
  v.status = c.status;
  v.issued_at = c.issued_at;
  v.status_at = c.status_at;
  v.status_reason = c.status_reason;
  return v;
}

Result<bool> CertificateService::VerifyPdf(const std::string& serial, const std::string& pdf,
                                           const std::string& address) {
  PEIXUN_RETURN_IF_ERROR(CheckRate(address));
  PEIXUN_ASSIGN_OR_RETURN(Certificate c, store::ReadValue<Certificate>(store_, [&](store::Tx& tx) {
                            return BySerialIn(tx, serial);
                          }));
  return Sha256Hex(pdf) == c.pdf_sha256;
}

}  // namespace peixun::certificates
