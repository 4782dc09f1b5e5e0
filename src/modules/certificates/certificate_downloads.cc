// CertificateService, reading issued certificates: the lists, one stored PDF, the
// class's merged PDF and zip, and the valid serials for the records module.
#include "modules/certificates/certificate_service.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "crypto/base64.h"
#include "io/zip_writer.h"
#include "modules/certificates/internal/certificate_rows.h"
#include "modules/classes/class_service.h"

namespace peixun::certificates {
namespace {

using nlohmann::json;
using store::Int;
using store::Text;

}  // namespace

Result<std::vector<Certificate>> CertificateService::ListForClass(const Principal& who,
                                                                  int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  return store::ReadValue<std::vector<Certificate>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Certificate>> {
        PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(SelectFrom() + "WHERE c.class_id = ? ORDER BY c.seq, c.id", {Int(class_id)}));
        std::vector<Certificate> out;
        for (const auto& r : rows.rows) out.push_back(CertificateOfRow(r));
        return out;
      });
}

Result<std::vector<Certificate>> CertificateService::Mine(const Principal& who) {
  if (who.role != Role::kTrainee || !who.person_id) {
    return MakeError(ErrorKind::kForbidden, "certificates.forbidden", "仅学员本人可查看“我的证书”",
                     "only a trainee sees their own certificates", "");
  }
  const int64_t person = *who.person_id;
  return store::ReadValue<std::vector<Certificate>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Certificate>> {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(SelectFrom() + "WHERE c.person_id = ? ORDER BY c.issued_at DESC, c.id DESC",
                     {Int(person)}));
        std::vector<Certificate> out;
        for (const auto& r : rows.rows) out.push_back(CertificateOfRow(r));
        return out;
      });
}

Result<std::string> CertificateService::Pdf(const Principal& who, const std::string& serial) {
  PEIXUN_RETURN_IF_ERROR(RequireHolderRole(who));
  return store::ReadValue<std::string>(store_, [&](store::Tx& tx) -> Result<std::string> {
    PEIXUN_ASSIGN_OR_RETURN(Certificate c, BySerialIn(tx, serial));
    PEIXUN_RETURN_IF_ERROR(CheckOwnerOrManager(tx, who, c));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT pdf_base64 FROM certificate_files WHERE certificate_id = ?", {Int(c.id)}));
    if (rows.empty()) return NotFoundSerial();
    auto pdf = crypto::Base64Decode(rows[0].Str(0));
    if (!pdf) {
      return MakeError(ErrorKind::kInternal, "certificates.file", "证书文件已损坏",
                       "the stored certificate file is damaged");
    }
    return std::move(*pdf);
  });
}

Result<std::string> CertificateService::ClassPdf(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  struct Loaded {
    std::vector<Certificate> certs;
    std::map<int64_t, CertificateTemplate> templates;
    std::vector<std::optional<int64_t>> template_of;
    std::string base;
  };
  PEIXUN_ASSIGN_OR_RETURN(
      Loaded loaded, store::ReadValue<Loaded>(store_, [&](store::Tx& tx) -> Result<Loaded> {
        PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
        PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass k,
                                classes::ClassService::GetIn(tx, class_id));
        Loaded out;
        PEIXUN_ASSIGN_OR_RETURN(out.base, BaseUrlIn(tx));
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(SelectFrom() + "WHERE c.class_id = ? AND c.status = 'valid' ORDER BY c.seq",
                     {Int(class_id)}));
        for (const auto& r : rows.rows) {
          out.certs.push_back(CertificateOfRow(r));
          const std::optional<int64_t> tid = r.OptInt(12);
          out.template_of.push_back(tid);
          const int64_t key = tid.value_or(0);
          if (!out.templates.count(key)) {
            PEIXUN_ASSIGN_OR_RETURN(out.templates[key], TemplateOfIn(tx, tid, k.organizer_name));
          }
        }
        return out;
      }));
  if (loaded.certs.empty()) {
    return NotFound("certificates.none", "本班还没有有效的证书",
                    "the class has no valid certificate yet");
  }
  std::vector<std::pair<const CertificateTemplate*, PrintedCertificate>> pages;
  for (size_t i = 0; i < loaded.certs.size(); ++i) {
    pages.push_back({&loaded.templates.at(loaded.template_of[i].value_or(0)),
                     PrintedOf(loaded.certs[i], loaded.base)});
  }
  return CertificatesPdf(pages);
}

Result<std::string> CertificateService::ClassZip(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  PEIXUN_ASSIGN_OR_RETURN(
      auto files,
      (store::ReadValue<std::vector<std::pair<std::string, std::string>>>(
          store_, [&](store::Tx& tx) -> Result<std::vector<std::pair<std::string, std::string>>> {
            PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
            PEIXUN_ASSIGN_OR_RETURN(
                store::Rows rows,
                tx.Query("SELECT c.seq, c.fields_json, f.pdf_base64 FROM certificates c JOIN "
                         "certificate_files f ON f.certificate_id = c.id WHERE c.class_id = ? "
                         "AND c.status = 'valid' ORDER BY c.seq",
                         {Int(class_id)}));
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& r : rows.rows) {
              const json frozen = json::parse(r.Str(1), nullptr, false);
              std::string name = frozen.is_object()
                                     ? frozen.value("fields", json::object()).value("name", "")
                                     : std::string();
              // Keep the name a file name: no path separators.
              std::replace(name.begin(), name.end(), '/', '_');
              std::replace(name.begin(), name.end(), '\\', '_');
              char seq[16];
              std::snprintf(seq, sizeof seq, "%03d", static_cast<int>(r.Int(0)));
              out.push_back({std::string(seq) + "_" + name + ".pdf",
                             crypto::Base64Decode(r.Str(2)).value_or("")});
            }
            return out;
          })));
  if (files.empty()) {
    return NotFound("certificates.none", "本班还没有有效的证书",
                    "the class has no valid certificate yet");
  }
  return io::ZipFiles(files);
}

Result<std::map<int64_t, std::string>> CertificateService::ValidSerialsIn(store::Tx& tx,
                                                                          int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT person_id, serial FROM certificates WHERE class_id = ? "
                                   "AND status = 'valid'",
                                   {Int(class_id)}));
  std::map<int64_t, std::string> out;
  for (const auto& r : rows.rows) out[r.Int(0)] = r.Str(1);
  return out;
}

}  // namespace peixun::certificates
