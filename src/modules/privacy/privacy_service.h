// A person's rights under PIPL (个人信息保护法): to see everything held about
// them (export, art. 45) and to have it erased (art. 47), plus the retention
// rule that erases people who left every class long ago (art. 19).
//
// The privacy module holds no tables: every module contributes its part through
// its own <m>_personal_data.h (PersonalDataIn, ErasePersonalDataIn); this
// service composes them in one transaction and audits the call.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "core/actor.h"
#include "core/civil_date.h"
#include "core/principal.h"
#include "core/result.h"
#include "crypto/data_key.h"

#include "store/personal_data.h"
#include "store/store.h"

namespace peixun::privacy {

struct PersonExport {
  int64_t person_id = 0;
  int64_t exported_at = 0;  // UTC ms
  bool clear_id_number = false;
  store::PersonalData parts;
};

struct ErasureResult {
  int64_t person_id = 0;
  std::string name;  // the placeholder now shown: 已删除#<id>
  int64_t audit_entries_redacted = 0;
  int64_t erase_entry_id = 0;  // the audit entry that records the erasure
};

struct RetentionCandidate {
  int64_t person_id = 0;
  std::string name;
  core::CivilDate last_class_end;  // end date of their latest class
};

// What a retention run for `years` would erase today.
struct RetentionPreview {
  int years = 0;
  core::CivilDate cutoff;  // their latest class ended before this date
  std::vector<RetentionCandidate> people;
};

// The setting that holds the retention period in years; "0" or absent: off.
inline constexpr char kRetentionYearsSetting[] = "privacy.retention_years";

class PrivacyService {
 public:
  PrivacyService(store::Store& store, const crypto::DataKey& key) : store_(store), key_(key) {}

  // Everything held about `person_id`, for an admin or organizer (403
  // auth.forbidden for other roles, themself included: their own is ExportOwn),
  // with the ID number in clear. 404 people.not_found. Audited ("privacy.export").
  Result<PersonExport> Export(const Principal& who, int64_t person_id);
  // Everything held about the person `who` is linked to, ID number masked; 404
  // people.not_found when the account is linked to no person. Audited.
  Result<PersonExport> ExportOwn(const Principal& who);

  // Erases the person (admin only, 403 otherwise): every module's personal
  // values removed or anonymized, the audit log's copies redacted
  // (audit_redaction.h), statistics kept. 409 privacy.erase.running_class while
  // they are enrolled in a running class; 409 privacy.erase.already when done
  // before. Audited ("privacy.erase").
  // `reason` (required, ≤ 500 characters) is kept in the audit entry.
  Result<ErasureResult> Erase(const Principal& who, int64_t person_id, const std::string& reason);
  // The same, unchecked, for the retention command.
  Result<ErasureResult> Erase(int64_t person_id, const Actor& actor, const std::string& reason);

  // People not yet erased, enrolled in at least one class, whose every class is
  // finished or archived and ended before `today` minus `years` years; by id.
  Result<std::vector<RetentionCandidate>> RetentionCandidates(int years, core::CivilDate today);
  // What `peixun privacy retention --dry-run` would list for `years` (admin only,
  // 403 otherwise; 422 privacy.retention.years outside 1..100): the candidates.
  Result<RetentionPreview> PreviewRetention(const Principal& who, int years, core::CivilDate today);
  // The retention period stored in settings (0: off).
  Result<int> RetentionYears();
  // The same for a user: admins only (403 auth.forbidden for others).
  Result<int> RetentionYears(const Principal& who);
  Status SetRetentionYears(int years, const Principal& who);

 private:
  Result<PersonExport> ExportUnchecked(const Principal& who, int64_t person_id, bool clear);

  store::Store& store_;
  const crypto::DataKey& key_;
};

// Export formats: {"person_id", "exported_at", "id_number_in_clear",
// "parts": [{"module", "table", "rows": [{column: value|null}]}]} and an xlsx
// with one sheet per module table.
nlohmann::json ExportJson(const PersonExport& e);
Result<std::string> ExportXlsx(const PersonExport& e);

}  // namespace peixun::privacy
