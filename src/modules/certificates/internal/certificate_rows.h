#ifndef PEIXUN_MODULE_CERTIFICATES_INTERNALS
#error "modules/certificates/internal is private to the certificates module"
#endif
// What the certificate service's files share: the certificates and templates
// tables read into values, the class's certificate lock, the access checks, and
// how a certificate prints its dates and 学时.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/civil_date.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/certificates/certificate_pdf.h"
#include "modules/certificates/certificate_service.h"
#include "store/store.h"

namespace peixun::certificates {

// 404 certificates.not_found: the one answer for an unknown, malformed or
// someone else's serial.
Error NotFoundSerial();

// "2020年6月2日".
std::string DateText(const core::CivilDate& d);
// "24" or "23.5".
std::string HoursText(int tenths);
core::CivilDate DateAt(int64_t ms, int utc_offset_minutes);

// The reason of a re-issue or revocation, normalized; 422 certificates.reason when
// empty or over 500 characters.
Result<std::string> NormalizedReason(const std::string& in);

// The installation's public base URL (settings::kDefaultPublicBaseUrl while unset).
Result<std::string> BaseUrlIn(store::Tx& tx);

// "SELECT <columns> FROM certificates c LEFT JOIN certificates n …": append WHERE.
// Column 12 is c.template_id.
std::string SelectFrom();
Certificate CertificateOfRow(const store::Row& r);

// Takes the class's certificate lock (store/key_lock.h) until the transaction
// ends: the next seq of a class (max + 1) and "at most one valid certificate per
// trainee and class" are read before they are written.
Status LockClassIn(store::Tx& tx, int64_t class_id);

// The certificate named by `serial`; malformed serials run the same query with a
// value no serial has, so both answer alike.
Result<Certificate> BySerialIn(store::Tx& tx, const std::string& serial);
// BySerialIn under its class's lock: read again after locking, so a status
// checked next is the latest committed.
Result<Certificate> LockedBySerialIn(store::Tx& tx, const std::string& serial);

Result<CertificateTemplate> TemplateByIdIn(store::Tx& tx, int64_t id);
// The newest version of the organizer's template, or the built-in one (id 0).
Result<CertificateTemplate> CurrentTemplateIn(store::Tx& tx, const std::string& organizer);
// The version `id` (none: the built-in one).
Result<CertificateTemplate> TemplateOfIn(store::Tx& tx, const std::optional<int64_t>& id,
                                         const std::string& organizer);

// The role half, checked first by each entry point so a wrong role gets the
// router's 403 before any validation or lookup: the class's managers' roles
// (admin, organizer, head teacher), and those plus the trainee (a certificate's
// PDF and badge).
Status RequireManagerRole(const Principal& who);
Status RequireHolderRole(const Principal& who);
// kManage on the class (admin, organizer, its head teachers).
Status CheckManage(store::Tx& tx, const Principal& who, int64_t class_id);
// Staff who manage the class, or the trainee the certificate belongs to.
Status CheckOwnerOrManager(store::Tx& tx, const Principal& who, const Certificate& c);

PrintedCertificate PrintedOf(const Certificate& c, const std::string& base_url);

}  // namespace peixun::certificates
