#include "modules/records/internal/person_hours.h"

#include <algorithm>
#include <set>

#include "modules/attendance/class_attendance_of.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_service.h"
#include "modules/enrollment/enrollment_service.h"

namespace peixun::records::internal {
namespace {

std::string IdList(const std::vector<int64_t>& ids, size_t from, size_t to) {
  std::string list;
  for (size_t i = from; i < to; ++i) list += (list.empty() ? "" : ", ") + std::to_string(ids[i]);
  return list;
}

core::CivilDate DateOrEpoch(const std::string& text) {
  auto d = core::ParseCivilDate(text);
  return d ? *d : core::CivilDate{};
}

}  // namespace

const char kOutsideColumns[] =
    "id, person_id, kind, title, provider, start_date, end_date, tenths, proof_name, "
    "proof_kind, status, entered_by, entered_at, decided_by, decided_at, decision_reason";

OutsideEntry OutsideOfRow(const store::Row& r) {
  OutsideEntry e;
  e.id = r.Int(0);
  e.person_id = r.Int(1);
  e.kind = r.Str(2);
  e.title = r.Str(3);
  e.provider = r.Str(4);
  e.start_date = DateOrEpoch(r.Str(5));
  e.end_date = DateOrEpoch(r.Str(6));
  e.tenths = static_cast<int>(r.Int(7));
  e.proof_name = r.Str(8);
  e.proof_kind = r.Str(9);
  e.status = r.Str(10);
  e.entered_by = r.Int(11);
  e.entered_at = r.Int(12);
  if (!r.IsNull(13)) e.decided_by = r.Int(13);
  if (!r.IsNull(14)) e.decided_at = r.Int(14);
  e.decision_reason = r.Str(15);
  return e;
}

Result<std::vector<OutsideEntry>> OutsideOfIn(store::Tx& tx, int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT ") + kOutsideColumns +
                   " FROM outside_hours WHERE person_id = ? ORDER BY end_date DESC, id DESC",
               {store::Int(person_id)}));
  std::vector<OutsideEntry> out;
  for (const auto& r : rows.rows) out.push_back(OutsideOfRow(r));
  return out;
}

Result<HoursSources> LoadHoursIn(store::Tx& tx, const std::vector<int64_t>& person_ids,
                                 int64_t now) {
  HoursSources s;
  PEIXUN_ASSIGN_OR_RETURN(auto enrolled,
                          enrollment::EnrollmentService::ApprovedClassesOfPeopleIn(tx, person_ids));
  PEIXUN_ASSIGN_OR_RETURN(auto decisions,
                          completion::CompletionService::DecisionsOfPeopleIn(tx, person_ids));
  std::map<std::pair<int64_t, int64_t>, const completion::PersonClassDecision*> decided;
  for (const auto& d : decisions) decided[{d.person_id, d.class_id}] = &d;

  // Credit of classes without a decision: the attendance module's, per class once.
  std::map<int64_t, std::map<int64_t, int>> undecided_credit;  // class → person → tenths
  {
    std::vector<int64_t> class_ids;
    for (const auto& pc : enrolled) class_ids.push_back(pc.second);
    std::sort(class_ids.begin(), class_ids.end());
    class_ids.erase(std::unique(class_ids.begin(), class_ids.end()), class_ids.end());
    PEIXUN_ASSIGN_OR_RETURN(auto many, classes::ClassService::GetManyIn(tx, class_ids));
    for (auto& k : many) s.classes.emplace(k.id, std::move(k));
  }
  for (const auto& [person_id, class_id] : enrolled) {
    auto known = s.classes.find(class_id);
    if (known == s.classes.end()) continue;  // an enrollment always has its class (FK)
    const classes::TrainingClass& k = known->second;
    RecordClass row;
    row.class_id = class_id;
    row.name = k.name;
    row.organizer_name = k.organizer_name;
    row.start_date = k.start_date;
    row.end_date = k.end_date;
    row.days = k.Days();
    row.class_status = std::string(classes::ClassStatusCode(k.status));
    if (auto it = decided.find({person_id, class_id}); it != decided.end()) {
      row.credited_tenths = it->second->credited_tenths;
      row.outcome = it->second->outcome;
      row.excellent = it->second->excellent;
    } else if (k.status != classes::ClassStatus::kPlanning &&
               k.status != classes::ClassStatus::kEnrolling) {
      if (!undecided_credit.count(class_id)) {
        // Only the asked people: a unit's few in a class of thousands (bench/ledger).
        PEIXUN_ASSIGN_OR_RETURN(attendance::ClassAttendance att,
                                attendance::ForClassPeopleIn(tx, class_id, now, person_ids));
        auto& credit = undecided_credit[class_id];
        for (const auto& t : att.trainees) credit[t.person_id] = t.verdict.credited_tenths;
      }
      const auto& credit = undecided_credit[class_id];
      if (auto it = credit.find(person_id); it != credit.end()) row.credited_tenths = it->second;
    }
    s.class_rows[person_id].push_back(std::move(row));
  }
  for (auto& [person, rows] : s.class_rows) {
    std::stable_sort(rows.begin(), rows.end(), [](const RecordClass& a, const RecordClass& b) {
      return a.end_date > b.end_date;
    });
  }

  constexpr size_t kChunk = 500;
  for (size_t at = 0; at < person_ids.size(); at += kChunk) {
    const std::string list = IdList(person_ids, at, std::min(person_ids.size(), at + kChunk));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query(std::string("SELECT ") + kOutsideColumns +
                     " FROM outside_hours WHERE status = 'approved' AND person_id IN (" + list +
                     ") ORDER BY end_date DESC, id DESC",
                 {}));
    for (const auto& r : rows.rows) {
      OutsideEntry e = OutsideOfRow(r);
      s.outside[e.person_id].push_back(std::move(e));
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows promoted,
        tx.Query("SELECT person_id, promoted_on FROM record_promotions WHERE person_id IN (" +
                     list + ")",
                 {}));
    for (const auto& r : promoted.rows) {
      if (auto d = core::ParseCivilDate(r.Str(1))) s.promoted_on[r.Int(0)] = *d;
    }
  }
  return s;
}

std::vector<core::DatedHours> DatedHoursOf(const HoursSources& s, int64_t person_id) {
  std::vector<core::DatedHours> out;
  if (auto it = s.class_rows.find(person_id); it != s.class_rows.end()) {
    for (const auto& c : it->second) out.push_back({c.end_date, c.credited_tenths});
  }
  if (auto it = s.outside.find(person_id); it != s.outside.end()) {
    for (const auto& e : it->second) out.push_back({e.end_date, e.tenths});
  }
  return out;
}

core::HoursProfile ProfileOf(const people::Person& p, const std::map<int64_t, org::Unit>& units,
                             const HoursSources& s) {
  std::optional<core::CivilDate> promoted;
  if (auto it = s.promoted_on.find(p.id); it != s.promoted_on.end()) promoted = it->second;
  return ProfileFrom(p.rank, !p.party_join_date.empty(), p.position, p.unit_id, units, promoted);
}

core::HoursProfile ProfileFrom(people::Rank rank, bool party_member, const std::string& position,
                               std::optional<int64_t> unit_id,
                               const std::map<int64_t, org::Unit>& units,
                               std::optional<core::CivilDate> promoted_on) {
  core::HoursProfile profile;
  switch (rank) {
    case people::Rank::kTownshipAndBelow:
      profile.rank = core::CadreRank::kTownship;
      break;
    case people::Rank::kCountyAndAbove:
      profile.rank = core::CadreRank::kCounty;
      break;
    case people::Rank::kUnset:
      break;
  }
  profile.party_member = party_member;
  const bool secretary =
      position.find("书记") != std::string::npos && position.find("副书记") == std::string::npos;
  if (secretary && unit_id) {
    if (auto it = units.find(*unit_id); it != units.end()) {
      const org::UnitKind k = it->second.kind;
      profile.grassroots_secretary = k == org::UnitKind::kCommunity ||
                                     k == org::UnitKind::kEnterprise ||
                                     k == org::UnitKind::kSocialOrg;
    }
  }
  profile.promoted_on = promoted_on;
  return profile;
}

}  // namespace peixun::records::internal
