// What the training record (培训档案) and the hours ledger (学时台账) show. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/hours_targets.h"
#include "modules/people/person.h"

namespace peixun::records {

// One class a person attended (an approved trainee), as the record shows it.
struct RecordClass {
  int64_t class_id = 0;
  std::string name;
  std::string organizer_name;
  core::CivilDate start_date;
  core::CivilDate end_date;
  int days = 0;
  std::string class_status;  // classes' status code
  // Credited 学时: the decision's figure once completion is decided, else the
  // attendance module's credit for the sessions that have ended.
  int credited_tenths = 0;
  std::string outcome;  // completed | not_completed | dismissed | not_assessed | "" (undecided)
  std::optional<double> exam_score;  // percent, the counted graded attempt
  std::string certificate_serial;    // the valid certificate, or ""
  bool excellent = false;            // 优秀学员, approved
};

// Hours from outside peixun's classes, entered with a proof and approved by an
// organizer. Only approved entries count in the ledger.
struct OutsideEntry {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string person_name;  // filled in the pending list only (RecordService::PendingOutside)
  std::string kind;         // class | online
  std::string title;
  std::string provider;  // the other organizer, or the online platform
  core::CivilDate start_date;
  core::CivilDate end_date;
  int tenths = 0;
  std::string proof_name;
  std::string proof_kind;  // pdf | png | jpeg
  std::string status;      // pending | approved | rejected
  int64_t entered_by = 0;
  int64_t entered_at = 0;
  std::optional<int64_t> decided_by;
  std::optional<int64_t> decided_at;
  std::string decision_reason;
};

struct PersonRecord {
  people::Person person;
  core::HoursProfile profile;
  std::vector<RecordClass> classes;   // newest first
  std::vector<OutsideEntry> outside;  // newest first, every status
  // The ledger's verdict for each of the last 5 years up to this year, newest first.
  std::vector<core::YearVerdict> years;
};

// One person's line of a unit's ledger.
struct LedgerLine {
  people::Person person;
  core::YearVerdict verdict;
  std::vector<int> trend_tenths;  // earned in year−4 .. year
};

struct UnitLedger {
  int64_t unit_id = 0;
  std::string unit_name;
  int year = 0;
  int people = 0;
  int with_target = 0;
  int below = 0;
  // Below target first (the largest shortfall first), then the rest; 姓氏笔画 within.
  std::vector<LedgerLine> lines;
  // The unit's share of people with a target who meet it, per year (year−4 .. year),
  // in percent; -1 when nobody had a target that year.
  std::vector<int> trend_compliance;
};

// One unit of the district view (its own people, not those of units below it).
struct UnitCompliance {
  int64_t unit_id = 0;
  std::string unit_name;
  std::optional<int64_t> parent_id;
  std::string kind;  // org's unit kind code
  int people = 0;
  int with_target = 0;
  int below = 0;
  int compliance_percent = -1;  // met ÷ with_target; -1 when nobody has a target
  int shortfall_tenths = 0;     // sum over the people below target
};

struct DistrictSummary {
  int year = 0;
  int people = 0;
  int with_target = 0;
  int below = 0;
  std::vector<UnitCompliance> units;  // lowest compliance first
};

}  // namespace peixun::records
