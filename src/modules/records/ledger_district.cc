#include "modules/records/internal/ledger_district.h"

#include <algorithm>
#include <mutex>
#include <set>
#include <sstream>
#include <utility>

#include "core/hours_targets.h"
#include "modules/org/org_service.h"
#include "modules/org/unit_listeners.h"
#include "modules/people/people_groups.h"
#include "modules/people/people_listeners.h"
#include "modules/people/people_service.h"
#include "modules/records/hours_settings.h"
#include "modules/records/internal/person_hours.h"

namespace peixun::records::internal {
namespace {

using store::Int;
using store::Text;

constexpr size_t kChunk = 500;
// 3 values a row: under SQLite's oldest limit of 999 bound parameters.
constexpr size_t kMarksPerInsert = 300;

std::string IdList(const std::vector<int64_t>& ids, size_t from, size_t to) {
  std::string list;
  for (size_t i = from; i < to; ++i) list += (list.empty() ? "" : ", ") + std::to_string(ids[i]);
  return list;
}

struct State {
  int first_year = 0;
  int last_year = -1;
  std::string rules_json;
  bool needs_rebuild = false;
  bool Stored() const { return first_year <= last_year; }
};

Result<State> StateIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT first_year, last_year, rules, needs_rebuild FROM ledger_summary_state "
               "WHERE id = 1",
               {}));
  State s;
  if (rows.empty()) return s;
  s.first_year = static_cast<int>(rows[0].Int(0));
  s.last_year = static_cast<int>(rows[0].Int(1));
  s.rules_json = rows[0].Str(2);
  s.needs_rebuild = rows[0].Int(3) != 0;
  return s;
}

// One year's mark: what the person adds to their unit's row.
using Mark = std::map<int, UnitYearCounts>;  // year → counts (people = 1)

std::string EncodeMark(const Mark& m) {
  std::string out;
  for (const auto& [year, c] : m) {
    if (!out.empty()) out += ' ';
    out += std::to_string(year) + ':' + std::to_string(c.with_target) + ':' +
           std::to_string(c.below) + ':' + std::to_string(c.shortfall_tenths);
  }
  return out;
}

Mark DecodeMark(const std::string& text) {
  Mark m;
  std::istringstream in(text);
  std::string item;
  while (in >> item) {
    int year = 0;
    long long with = 0, below = 0, shortfall = 0;
    if (std::sscanf(item.c_str(), "%d:%lld:%lld:%lld", &year, &with, &below, &shortfall) == 4) {
      m[year] = UnitYearCounts{1, with, below, shortfall};
    }
  }
  return m;
}

struct Context {
  State state;
  core::HoursTargetRules rules;
  std::map<int64_t, org::Unit> units;  // those asked so far (a unit's kind counts)
  bool all_units = false;
};

// The units of `people` into c.units: one at a time when a few people are re-marked
// (a person saved, a class decided), all at once for a rebuild.
Status LoadUnitsIn(store::Tx& tx, Context& c, const std::vector<people::Person>& people) {
  if (c.all_units) return Ok();
  for (const people::Person& p : people) {
    if (!p.unit_id || c.units.count(*p.unit_id)) continue;
    auto unit = org::OrgService::GetIn(tx, *p.unit_id);
    if (unit) {
      c.units.emplace(unit->id, std::move(*unit));
    } else if (unit.error().kind != ErrorKind::kNotFound) {
      return std::move(unit).error();
    }
  }
  return Ok();
}

Result<Context> ContextIn(store::Tx& tx, State state, bool all_units) {
  Context c;
  c.state = std::move(state);
  // The marks follow the targets they were made with: a stored district whose
  // targets differ from the setting is not read (StoredDistrictIn).
  nlohmann::json j = nlohmann::json::parse(c.state.rules_json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) j = nlohmann::json::object();
  PEIXUN_ASSIGN_OR_RETURN(c.rules, TargetRulesFromJson(j));
  if (all_units) {
    PEIXUN_ASSIGN_OR_RETURN(std::vector<org::Unit> all, org::OrgService::AllIn(tx));
    for (auto& u : all) c.units.emplace(u.id, std::move(u));
    c.all_units = true;
  }
  return c;
}

// The marks of one chunk of people as they are stored now: person → (unit or 0, mark).
Result<std::map<int64_t, std::pair<int64_t, Mark>>> ComputeMarksIn(store::Tx& tx, Context& c,
                                                                   const std::vector<int64_t>& ids,
                                                                   size_t from, size_t to) {
  std::map<int64_t, std::pair<int64_t, Mark>> out;
  std::vector<int64_t> chunk(ids.begin() + static_cast<std::ptrdiff_t>(from),
                             ids.begin() + static_cast<std::ptrdiff_t>(to));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                          people::PeopleService::GetManyIn(tx, chunk));
  if (people.empty()) return out;
  PEIXUN_RETURN_IF_ERROR(LoadUnitsIn(tx, c, people));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT person_id, year, tenths FROM ledger_year_hours WHERE person_id IN (" +
                   IdList(ids, from, to) + ") AND year <= " + std::to_string(c.state.last_year),
               {}));
  std::map<int64_t, std::vector<core::DatedHours>> hours;
  for (const auto& r : rows) {
    hours[r.Int(0)].push_back(
        {core::CivilDate{static_cast<int>(r.Int(1)), 1, 1}, static_cast<int>(r.Int(2))});
  }
  static const std::vector<core::DatedHours> kNone;
  for (const people::Person& p : people) {
    const core::HoursProfile profile = ProfileFrom(p.rank, !p.party_join_date.empty(), p.position,
                                                   p.unit_id, c.units, std::nullopt);
    auto h = hours.find(p.id);
    const std::vector<core::DatedHours>& dated = h == hours.end() ? kNone : h->second;
    Mark m;
    for (int y = c.state.first_year; y <= c.state.last_year; ++y) {
      // No promotion date: the verdict does not depend on the day it is asked.
      const core::YearVerdict v =
          core::EvaluateYear(c.rules, profile, dated, y, core::CivilDate{y, 12, 31});
      m[y] = UnitYearCounts{1, v.has_target ? 1 : 0, v.below ? 1 : 0,
                            v.below ? v.shortfall_tenths : 0};
    }
    out[p.id] = {p.unit_id.value_or(0), std::move(m)};
  }
  return out;
}

Status InsertMarksIn(store::Tx& tx,
                     const std::vector<std::pair<int64_t, std::pair<int64_t, Mark>>>& marks) {
  for (size_t at = 0; at < marks.size(); at += kMarksPerInsert) {
    const size_t end = std::min(marks.size(), at + kMarksPerInsert);
    std::string tuples;
    std::vector<store::Value> values;
    for (size_t i = at; i < end; ++i) {
      tuples += i == at ? "(?, ?, ?)" : ", (?, ?, ?)";
      values.push_back(Int(marks[i].first));
      values.push_back(Int(marks[i].second.first));
      values.push_back(Text(EncodeMark(marks[i].second.second)));
    }
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "INSERT INTO ledger_person_marks (person_id, unit_id, marks) VALUES " + tuples, values));
  }
  return Ok();
}

using Deltas = std::map<std::pair<int, int64_t>, UnitYearCounts>;  // (year, unit) → Δ

void AddMark(Deltas& d, int64_t unit, const Mark& m, int sign) {
  for (const auto& [year, c] : m) {
    UnitYearCounts& t = d[{year, unit}];
    t.people += sign * c.people;
    t.with_target += sign * c.with_target;
    t.below += sign * c.below;
    t.shortfall_tenths += sign * c.shortfall_tenths;
  }
}

Status ApplyDeltasIn(store::Tx& tx, const Deltas& deltas) {
  for (const auto& [key, c] : deltas) {
    if (c.people == 0 && c.with_target == 0 && c.below == 0 && c.shortfall_tenths == 0) continue;
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "INSERT INTO ledger_unit_years (year, unit_id, people, with_target, below, "
        "shortfall_tenths) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (year, unit_id) DO UPDATE SET "
        "people = ledger_unit_years.people + excluded.people, "
        "with_target = ledger_unit_years.with_target + excluded.with_target, "
        "below = ledger_unit_years.below + excluded.below, "
        "shortfall_tenths = ledger_unit_years.shortfall_tenths + excluded.shortfall_tenths",
        {Int(key.first), Int(key.second), Int(c.people), Int(c.with_target), Int(c.below),
         Int(c.shortfall_tenths)}));
  }
  return Ok();
}

Status OnPeopleChanged(store::Tx& tx, const std::vector<int64_t>& person_ids) {
  return RefreshMarksIn(tx, person_ids);
}

Status OnUnitKindChanged(store::Tx& tx, int64_t unit_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, people::PersonIdsIn(tx, unit_id));
  return RefreshMarksIn(tx, ids);
}

}  // namespace

void InstallDistrictMaintenance() {
  static std::once_flag once;
  std::call_once(once, [] {
    people::AddPeopleChangeListener(&OnPeopleChanged);
    org::AddUnitKindListener(&OnUnitKindChanged);
  });
}

Status RefreshMarksIn(store::Tx& tx, const std::vector<int64_t>& person_ids) {
  if (person_ids.empty()) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(State state, StateIn(tx));
  if (!state.Stored()) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(Context c, ContextIn(tx, std::move(state), /*all_units=*/false));
  std::vector<int64_t> ids = person_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  Deltas deltas;
  for (size_t at = 0; at < ids.size(); at += kChunk) {
    const size_t end = std::min(ids.size(), at + kChunk);
    const std::string list = IdList(ids, at, end);
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows old,
        tx.Query("SELECT person_id, unit_id, marks FROM ledger_person_marks WHERE person_id IN (" +
                     list + ")",
                 {}));
    for (const auto& r : old) AddMark(deltas, r.Int(1), DecodeMark(r.Str(2)), -1);
    PEIXUN_ASSIGN_OR_RETURN(auto now, ComputeMarksIn(tx, c, ids, at, end));
    std::vector<std::pair<int64_t, std::pair<int64_t, Mark>>> rows(now.begin(), now.end());
    for (const auto& [person, um] : rows) AddMark(deltas, um.first, um.second, +1);
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM ledger_person_marks WHERE person_id IN (" + list + ")", {}));
    PEIXUN_RETURN_IF_ERROR(InsertMarksIn(tx, rows));
  }
  return ApplyDeltasIn(tx, deltas);
}

Status RebuildMarksIn(store::Tx& tx, int first_year, int last_year) {
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM ledger_person_marks", {}));
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM ledger_unit_years", {}));
  PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules rules, TargetRulesIn(tx));
  State state;
  state.first_year = first_year;
  state.last_year = last_year;
  state.rules_json = TargetRulesJson(rules).dump();
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE ledger_summary_state SET first_year = ?, last_year = ?, rules = ? "
              "WHERE id = 1",
              {Int(first_year), Int(last_year), Text(state.rules_json)}));
  if (!state.Stored()) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(Context c, ContextIn(tx, std::move(state), /*all_units=*/true));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, people::PersonIdsIn(tx, std::nullopt));
  Deltas totals;
  for (size_t at = 0; at < ids.size(); at += kChunk) {
    const size_t end = std::min(ids.size(), at + kChunk);
    PEIXUN_ASSIGN_OR_RETURN(auto now, ComputeMarksIn(tx, c, ids, at, end));
    std::vector<std::pair<int64_t, std::pair<int64_t, Mark>>> rows(now.begin(), now.end());
    for (const auto& [person, um] : rows) AddMark(totals, um.first, um.second, +1);
    PEIXUN_RETURN_IF_ERROR(InsertMarksIn(tx, rows));
  }
  PEIXUN_RETURN_IF_ERROR(ApplyDeltasIn(tx, totals));
  for (const char* table : {"ledger_person_marks", "ledger_unit_years"}) {
    PEIXUN_RETURN_IF_ERROR(tx.Exec(std::string("ANALYZE ") + table, {}));
  }
  return Ok();
}

Status RemarkAllIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(State state, StateIn(tx));
  return RebuildMarksIn(tx, state.first_year, state.last_year);
}

Result<std::optional<std::map<int64_t, UnitYearCounts>>> StoredDistrictIn(store::Tx& tx, int year) {
  using Out = std::optional<std::map<int64_t, UnitYearCounts>>;
  PEIXUN_ASSIGN_OR_RETURN(State state, StateIn(tx));
  if (!state.Stored() || state.needs_rebuild || year < state.first_year || year > state.last_year) {
    return Out();
  }
  PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules rules, TargetRulesIn(tx));
  if (TargetRulesJson(rules).dump() != state.rules_json) return Out();
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT unit_id, people, with_target, below, shortfall_tenths FROM "
               "ledger_unit_years WHERE year = ?",
               {Int(year)}));
  std::map<int64_t, UnitYearCounts> out;
  for (const auto& r : rows) {
    out[r.Int(0)] = UnitYearCounts{r.Int(1), r.Int(2), r.Int(3), r.Int(4)};
  }
  return Out(std::move(out));
}

Result<std::map<int64_t, std::pair<int64_t, UnitYearCounts>>> MarksOfIn(
    store::Tx& tx, const std::vector<int64_t>& person_ids, int year) {
  std::map<int64_t, std::pair<int64_t, UnitYearCounts>> out;
  for (size_t at = 0; at < person_ids.size(); at += kChunk) {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT person_id, unit_id, marks FROM ledger_person_marks WHERE person_id IN (" +
                     IdList(person_ids, at, std::min(person_ids.size(), at + kChunk)) + ")",
                 {}));
    for (const auto& r : rows) {
      const Mark m = DecodeMark(r.Str(2));
      if (auto it = m.find(year); it != m.end()) out[r.Int(0)] = {r.Int(1), it->second};
    }
  }
  return out;
}

Result<bool> NeedsRebuildIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(State state, StateIn(tx));
  return state.needs_rebuild;
}

Result<int> LastStoredYearIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(State state, StateIn(tx));
  return state.last_year;
}

}  // namespace peixun::records::internal
