#include "modules/records/internal/ledger_summary.h"

#include <algorithm>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "modules/attendance/class_attendance_of.h"
#include "modules/classes/class_ids.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_service.h"
#include "modules/completion/decision_listeners.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/records/internal/ledger_district.h"
#include "modules/records/internal/person_hours.h"

namespace peixun::records::internal {
namespace {

using store::Int;

constexpr size_t kChunk = 500;
// 4 values a row: 200 rows stay under SQLite's oldest limit of 999 bound parameters.
constexpr size_t kRowsPerInsert = 200;

std::string IdList(const std::vector<int64_t>& ids, size_t from, size_t to) {
  std::string list;
  for (size_t i = from; i < to; ++i) list += (list.empty() ? "" : ", ") + std::to_string(ids[i]);
  return list;
}

struct Credit {
  int year = 0;
  int tenths = 0;
  bool operator==(const Credit& o) const { return year == o.year && tenths == o.tenths; }
};

// The credits the class's decisions give its approved trainees now.
Result<std::map<int64_t, Credit>> CreditsOfClassIn(store::Tx& tx, int64_t class_id, int year) {
  PEIXUN_ASSIGN_OR_RETURN(auto decisions, completion::CompletionService::DecisionsIn(tx, class_id));
  std::map<int64_t, Credit> out;
  if (decisions.empty()) return out;
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> approved,
                          enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
  for (int64_t person : approved) {
    if (auto it = decisions.find(person); it != decisions.end()) {
      out[person] = Credit{year, it->second.credited_tenths};
    }
  }
  return out;
}

Status InsertCreditsIn(store::Tx& tx, int64_t class_id,
                       const std::vector<std::pair<int64_t, Credit>>& rows) {
  for (size_t at = 0; at < rows.size(); at += kRowsPerInsert) {
    const size_t end = std::min(rows.size(), at + kRowsPerInsert);
    std::string tuples;
    std::vector<store::Value> values;
    for (size_t i = at; i < end; ++i) {
      tuples += i == at ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)";
      for (int64_t v : {class_id, rows[i].first, int64_t{rows[i].second.year},
                        int64_t{rows[i].second.tenths}}) {
        values.push_back(Int(v));
      }
    }
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "INSERT INTO ledger_class_credits (class_id, person_id, year, tenths) VALUES " + tuples,
        values));
  }
  return Ok();
}

// Folds the class in; `fresh`: the tables are known empty for it (a rebuild) and the
// year rows are left to the caller. The people whose credit changed go to `changed`.
Status FoldIn(store::Tx& tx, int64_t class_id, bool fresh, std::vector<int64_t>* changed) {
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass klass, classes::ClassService::GetIn(tx, class_id));
  const int year = klass.end_date.year;
  PEIXUN_ASSIGN_OR_RETURN(auto now_credits, CreditsOfClassIn(tx, class_id, year));
  std::map<int64_t, Credit> before;
  bool folded = false;
  if (!fresh) {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT person_id, year, tenths FROM ledger_class_credits WHERE class_id = ?",
                 {Int(class_id)}));
    for (const auto& r : rows) {
      before[r.Int(0)] = Credit{static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2))};
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows marks,
        tx.Query("SELECT year FROM ledger_classes WHERE class_id = ?", {Int(class_id)}));
    folded = !marks.empty() && marks[0].Int(0) == year;
  }
  std::vector<int64_t> gone;                        // rows to delete
  std::vector<std::pair<int64_t, Credit>> written;  // rows to insert
  for (const auto& [person, c] : before) {
    auto it = now_credits.find(person);
    if (it == now_credits.end() || !(it->second == c)) gone.push_back(person);
  }
  for (const auto& [person, c] : now_credits) {
    auto it = before.find(person);
    if (it == before.end() || !(it->second == c)) written.emplace_back(person, c);
  }
  for (size_t at = 0; at < gone.size(); at += kChunk) {
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM ledger_class_credits WHERE class_id = ? AND "
                "person_id IN (" +
                    IdList(gone, at, std::min(gone.size(), at + kChunk)) + ")",
                {Int(class_id)}));
  }
  PEIXUN_RETURN_IF_ERROR(InsertCreditsIn(tx, class_id, written));
  const bool decided = !now_credits.empty();
  if (!fresh && !(folded && decided)) {  // a stale mark (no decision, another year)
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM ledger_classes WHERE class_id = ?", {Int(class_id)}));
  }
  if (decided && !folded) {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO ledger_classes (class_id, year) VALUES (?, ?)",
                                   {Int(class_id), Int(year)}));
  }
  if (changed) {
    std::set<int64_t> people(gone.begin(), gone.end());
    for (const auto& [person, c] : written) people.insert(person);
    changed->assign(people.begin(), people.end());
  }
  return Ok();
}

}  // namespace

void InstallLedgerMaintenance() {
  static std::once_flag once;
  std::call_once(once, [] { completion::AddDecisionListener(&FoldClassIn); });
  InstallDistrictMaintenance();
}

Status FoldClassIn(store::Tx& tx, int64_t class_id) {
  std::vector<int64_t> changed;
  PEIXUN_RETURN_IF_ERROR(FoldIn(tx, class_id, /*fresh=*/false, &changed));
  return RefreshYearsIn(tx, changed);
}

Status RefreshYearsIn(store::Tx& tx, const std::vector<int64_t>& person_ids) {
  for (size_t at = 0; at < person_ids.size(); at += kChunk) {
    const std::string list = IdList(person_ids, at, std::min(person_ids.size(), at + kChunk));
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM ledger_year_hours WHERE person_id IN (" + list + ")", {}));
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO ledger_year_hours (person_id, year, tenths) "
                "SELECT person_id, year, SUM(tenths) FROM ("
                "SELECT person_id, year, tenths FROM ledger_class_credits WHERE person_id IN (" +
                    list +
                    ") UNION ALL SELECT person_id, CAST(SUBSTR(end_date, 1, 4) AS INTEGER), tenths "
                    "FROM outside_hours WHERE status = 'approved' AND person_id IN (" +
                    list + ")) h GROUP BY person_id, year",
                {}));
  }
  // Their hours changed: so may their marks in the stored district view.
  return RefreshMarksIn(tx, person_ids);
}

Result<RebuildCounts> RebuildIn(store::Tx& tx, int current_year) {
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM ledger_year_hours", {}));
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM ledger_class_credits", {}));
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM ledger_classes", {}));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> all, classes::IdsNotInStatusIn(tx, {}));
  for (int64_t class_id : all) {
    PEIXUN_RETURN_IF_ERROR(FoldIn(tx, class_id, /*fresh=*/true, nullptr));
  }
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO ledger_year_hours (person_id, year, tenths) "
              "SELECT person_id, year, SUM(tenths) FROM ("
              "SELECT person_id, year, tenths FROM ledger_class_credits "
              "UNION ALL SELECT person_id, CAST(SUBSTR(end_date, 1, 4) AS INTEGER), tenths "
              "FROM outside_hours WHERE status = 'approved') h GROUP BY person_id, year",
              {}));
  // Fresh statistics: without them PostgreSQL's plans scan the new tables whole.
  for (const char* table : {"ledger_class_credits", "ledger_classes", "ledger_year_hours"}) {
    PEIXUN_RETURN_IF_ERROR(tx.Exec(std::string("ANALYZE ") + table, {}));
  }
  PEIXUN_RETURN_IF_ERROR(
      RebuildMarksIn(tx, current_year - (kStoredDistrictYears - 1), current_year));
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE ledger_summary_state SET needs_rebuild = 0 WHERE id = 1", {}));
  RebuildCounts out;
  PEIXUN_ASSIGN_OR_RETURN(store::Rows counts,
                          tx.Query("SELECT (SELECT COUNT(*) FROM ledger_classes), "
                                   "(SELECT COUNT(*) FROM ledger_class_credits), "
                                   "(SELECT COUNT(*) FROM ledger_year_hours)",
                                   {}));
  out.classes = counts[0].Int(0);
  out.credits = counts[0].Int(1);
  out.year_rows = counts[0].Int(2);
  return out;
}

Result<std::vector<int64_t>> LiveClassIdsIn(store::Tx& tx) {
  using classes::ClassStatus;
  PEIXUN_ASSIGN_OR_RETURN(
      std::vector<int64_t> past,
      classes::IdsNotInStatusIn(tx, {ClassStatus::kPlanning, ClassStatus::kEnrolling}));
  PEIXUN_ASSIGN_OR_RETURN(store::Rows folded,
                          tx.Query("SELECT class_id FROM ledger_classes ORDER BY class_id", {}));
  std::vector<int64_t> done;
  done.reserve(folded.size());
  for (const auto& r : folded) done.push_back(r.Int(0));
  std::vector<int64_t> out;
  std::set_difference(past.begin(), past.end(), done.begin(), done.end(), std::back_inserter(out));
  return out;
}

Result<std::vector<int64_t>> PromotedPeopleIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows, tx.Query("SELECT person_id FROM record_promotions ORDER BY person_id", {}));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

Result<LedgerHours> LedgerHoursIn(store::Tx& tx, const std::vector<int64_t>& person_ids,
                                  int64_t now, const std::vector<int64_t>& live_classes) {
  LedgerHours out;
  std::vector<int64_t> promoted;
  for (size_t at = 0; at < person_ids.size(); at += kChunk) {
    const std::string list = IdList(person_ids, at, std::min(person_ids.size(), at + kChunk));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT person_id, year, tenths FROM ledger_year_hours WHERE person_id IN (" +
                     list + ")",
                 {}));
    for (const auto& r : rows) {
      out.hours[r.Int(0)].push_back(
          {core::CivilDate{static_cast<int>(r.Int(1)), 1, 1}, static_cast<int>(r.Int(2))});
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows dates,
        tx.Query("SELECT person_id, promoted_on FROM record_promotions WHERE person_id IN (" +
                     list + ")",
                 {}));
    for (const auto& r : dates) {
      if (auto d = core::ParseCivilDate(r.Str(1))) {
        out.promoted_on[r.Int(0)] = *d;
        promoted.push_back(r.Int(0));
      }
    }
  }
  if (!live_classes.empty()) {
    const std::set<int64_t> live(live_classes.begin(), live_classes.end());
    PEIXUN_ASSIGN_OR_RETURN(
        auto pairs, enrollment::EnrollmentService::ApprovedClassesOfPeopleIn(tx, person_ids));
    std::map<int64_t, std::vector<int64_t>> people_of;  // live class → its people asked
    std::set<int64_t> in_live;
    for (const auto& [person, klass] : pairs) {
      if (!live.count(klass)) continue;
      people_of[klass].push_back(person);
      in_live.insert(person);
    }
    if (!people_of.empty()) {
      PEIXUN_ASSIGN_OR_RETURN(auto decisions,
                              completion::CompletionService::DecisionsOfPeopleIn(
                                  tx, std::vector<int64_t>(in_live.begin(), in_live.end())));
      std::map<std::pair<int64_t, int64_t>, int> decided;  // (person, class) → tenths
      for (const auto& d : decisions) decided[{d.person_id, d.class_id}] = d.credited_tenths;
      std::vector<int64_t> class_ids;
      for (const auto& [klass, people] : people_of) class_ids.push_back(klass);
      PEIXUN_ASSIGN_OR_RETURN(auto many, classes::ClassService::GetManyIn(tx, class_ids));
      for (const auto& k : many) {
        const std::vector<int64_t>& people = people_of[k.id];
        std::vector<int64_t> undecided;
        for (int64_t p : people) {
          if (!decided.count({p, k.id})) undecided.push_back(p);
        }
        std::map<int64_t, int> credit;
        if (!undecided.empty()) {
          PEIXUN_ASSIGN_OR_RETURN(attendance::ClassAttendance att,
                                  attendance::ForClassPeopleIn(tx, k.id, now, undecided));
          for (const auto& t : att.trainees) credit[t.person_id] = t.verdict.credited_tenths;
        }
        for (int64_t p : people) {
          int tenths = 0;
          if (auto d = decided.find({p, k.id}); d != decided.end()) {
            tenths = d->second;
          } else if (auto c = credit.find(p); c != credit.end()) {
            tenths = c->second;
          }
          out.hours[p].push_back({k.end_date, tenths});
        }
      }
    }
  }
  if (!promoted.empty()) {
    // Promotion checks count by date: these few get every class on its own day.
    PEIXUN_ASSIGN_OR_RETURN(HoursSources exact, LoadHoursIn(tx, promoted, now));
    for (int64_t p : promoted) out.hours[p] = DatedHoursOf(exact, p);
  }
  return out;
}

}  // namespace peixun::records::internal
