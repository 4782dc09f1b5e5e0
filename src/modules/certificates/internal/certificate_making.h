#ifndef PEIXUN_MODULE_CERTIFICATES_INTERNALS
#error "modules/certificates/internal is private to the certificates module"
#endif
// The two steps of issuing a certificate, shared by Issue, Reissue and the batch
// (IssueClass) so that all three print and store exactly the same thing: making it
// (fields, text, serial, PDF, hash: no database, so the batch renders outside its
// transactions and on several threads) and storing it (row, PDF, audit entry).
#pragma once

#include <cstdint>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "modules/certificates/certificate_pdf.h"
#include "modules/certificates/certificate_service.h"
#include "modules/classes/class_service.h"
#include "modules/people/people_service.h"
#include "store/store.h"

namespace peixun::certificates {

struct MadeCertificate {
  Certificate cert;         // id and seq not yet set
  int64_t template_id = 0;  // 0: the built-in template
  std::string pdf;
};

// The certificate of trainee `p` in class `k` printed from `tpl` at `now` with
// `credited_tenths` 学时: a fresh serial, the frozen fields, the filled title and
// text, the PDF (its CreationDate `now`) and its SHA-256. Thread-safe.
Result<MadeCertificate> MakeCertificate(const classes::TrainingClass& k, const people::Person& p,
                                        const CertificateTemplate& tpl, const std::string& base_url,
                                        int64_t now, int credited_tenths);

// Stores `made` as issued by `who` with 序号 `seq`: the certificate row, its PDF and
// the certificates.issue audit entry. The caller holds the class's lock.
Result<Certificate> StoreIssuedIn(store::Tx& tx, const Principal& who, MadeCertificate made,
                                  int seq);

}  // namespace peixun::certificates
