// CertificateService::OpenBadge: a certificate as an Open Badges 3.0 credential.
#include "modules/certificates/certificate_service.h"

#include <cstdio>
#include <ctime>

#include "core/civil_date.h"
#include "modules/certificates/internal/certificate_rows.h"
#include "modules/classes/class_service.h"

namespace peixun::certificates {
namespace {

using nlohmann::json;

}  // namespace

Result<json> CertificateService::OpenBadge(const Principal& who, const std::string& serial) {
  PEIXUN_RETURN_IF_ERROR(RequireHolderRole(who));
  return store::ReadValue<json>(store_, [&](store::Tx& tx) -> Result<json> {
    PEIXUN_ASSIGN_OR_RETURN(Certificate c, BySerialIn(tx, serial));
    PEIXUN_RETURN_IF_ERROR(CheckOwnerOrManager(tx, who, c));
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass k, classes::ClassService::GetIn(tx, c.class_id));
    PEIXUN_ASSIGN_OR_RETURN(std::string base, BaseUrlIn(tx));
    auto field = [&](const char* f) { return c.fields.count(f) ? c.fields.at(f) : std::string(); };
    double credits = 0;
    std::sscanf(field("hours").c_str(), "%lf", &credits);
    char issued[32];
    const std::time_t secs = static_cast<std::time_t>(c.issued_at / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    std::strftime(issued, sizeof issued, "%Y-%m-%dT%H:%M:%SZ", &tm);
    const std::string class_url = base + "/classes/" + std::to_string(c.class_id);
    return json{{"@context",
                 {"https://www.w3.org/ns/credentials/v2",
                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}},
                {"id", base + "/verify/" + c.serial},
                {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
                {"name", c.title},
                {"issuer",
                 {{"id", base + "/organizers/" + std::to_string(k.organizer_unit_id.value_or(0))},
                  {"type", {"Profile"}},
                  {"name", field("organizer")}}},
                {"validFrom", issued},
                {"credentialSubject",
                 {{"type", {"AchievementSubject"}},
                  {"identifier",
                   {{{"type", "IdentityObject"},
                     {"identityType", "name"},
                     {"hashed", false},
                     {"identityHash", field("name")}}}},
                  {"creditsEarned", credits},
                  {"activityStartDate", core::FormatCivilDate(k.start_date) + "T00:00:00+08:00"},
                  {"activityEndDate", core::FormatCivilDate(k.end_date) + "T23:59:59+08:00"},
                  {"achievement",
                   {{"id", class_url},
                    {"type", {"Achievement"}},
                    {"achievementType", "Certificate"},
                    {"name", field("class_name")},
                    {"description", c.text},
                    {"criteria",
                     {{"narrative",
                       "请假不超过应修学时的 1/7，无旷课，考试合格，按要求提交心得体会（结业）"}}},
                    {"creditsAvailable", credits}}}}},
                {"credentialStatus",
                 {{"id", base + "/api/v1/verify/" + c.serial},
                  {"type", "PeixunStatus"},
                  {"status", c.status}}}};
  });
}

}  // namespace peixun::certificates
