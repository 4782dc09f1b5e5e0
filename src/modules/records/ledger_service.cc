#include "modules/records/ledger_service.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/actor.h"
#include "core/clock.h"
#include "core/credit_hours.h"
#include "core/name_collation.h"
#include "io/pdf_layouts.h"
#include "modules/audit/audit_log.h"
#include "modules/certificates/certificate_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/org/org_scope.h"
#include "modules/org/org_service.h"
#include "modules/people/people_groups.h"
#include "modules/people/people_service.h"
#include "modules/records/hours_settings.h"
#include "modules/records/internal/ledger_district.h"
#include "modules/records/internal/ledger_summary.h"
#include "modules/records/internal/person_hours.h"
#include "modules/records/internal/records_common.h"

namespace peixun::records {
namespace {

constexpr int kTrendYears = 5;

// The listeners that keep the hours summary and the stored district view are
// registered when this file is linked in, before any service is built: a people
// change in a process that never builds a LedgerService still reaches them.
const bool kMaintenanceInstalled = (internal::InstallLedgerMaintenance(), true);

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "records.forbidden", "无权执行此操作", "not allowed", "");
}

bool English(const std::string& lang) { return lang.rfind("en", 0) == 0; }

// Every person of the subtree of `root` (everyone when nullopt), 姓氏笔画 order. One
// query (people's export reader): paging with OFFSET made a district of 300,000
// people quadratic (bench/ledger). No ID number is decrypted.
Result<std::vector<people::Person>> PeopleOfIn(store::Tx& tx, const crypto::DataKey& key,
                                               std::optional<int64_t> root) {
  return people::PeopleService::AllForExportIn(tx, key, people::NameOrder::kStroke, root, nullptr);
}

Result<std::map<int64_t, org::Unit>> UnitsIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<org::Unit> all, org::OrgService::AllIn(tx));
  std::map<int64_t, org::Unit> out;
  for (auto& u : all) out.emplace(u.id, std::move(u));
  return out;
}

struct Computed {
  std::vector<LedgerLine> lines;
  // per trend year: people with a target, those meeting it
  std::vector<std::pair<int, int>> trend;
};

// `with_trend`: also the 5 years' trend (the unit page); the district view has none,
// and skipping it saves 4 of the 5 evaluations per person. Hours from the summary
// (internal/ledger_summary.h), not every person's classes.
Result<Computed> ComputeIn(store::Tx& tx, std::vector<people::Person> people, int year, int64_t now,
                           const std::map<int64_t, org::Unit>& units, bool with_trend,
                           const std::vector<int64_t>& live_classes) {
  std::vector<int64_t> ids;
  ids.reserve(people.size());
  for (const auto& p : people) ids.push_back(p.id);
  PEIXUN_ASSIGN_OR_RETURN(internal::LedgerHours hours,
                          internal::LedgerHoursIn(tx, ids, now, live_classes));
  PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules rules, TargetRulesIn(tx));
  const core::CivilDate today = internal::TodayAt(now);
  // A past year is judged as of its last day; the current one as of today.
  const core::CivilDate as_of = year < today.year ? core::CivilDate{year, 12, 31} : today;
  Computed out;
  out.trend.assign(kTrendYears, {0, 0});
  out.lines.reserve(people.size());
  static const std::vector<core::DatedHours> kNone;
  for (auto& p : people) {
    LedgerLine line;
    std::optional<core::CivilDate> promoted;
    if (auto it = hours.promoted_on.find(p.id); it != hours.promoted_on.end()) {
      promoted = it->second;
    }
    const core::HoursProfile profile = internal::ProfileFrom(
        p.rank, !p.party_join_date.empty(), p.position, p.unit_id, units, promoted);
    auto h = hours.hours.find(p.id);
    const std::vector<core::DatedHours>& dated = h == hours.hours.end() ? kNone : h->second;
    line.verdict = core::EvaluateYear(rules, profile, dated, year, as_of);
    for (int i = 0; with_trend && i < kTrendYears; ++i) {
      const int y = year - (kTrendYears - 1) + i;
      const core::CivilDate y_as_of = y < today.year ? core::CivilDate{y, 12, 31} : today;
      core::YearVerdict v =
          y == year ? line.verdict : core::EvaluateYear(rules, profile, dated, y, y_as_of);
      line.trend_tenths.push_back(v.year_tenths);
      if (v.has_target) {
        ++out.trend[i].first;
        if (!v.below) ++out.trend[i].second;
      }
    }
    line.person = std::move(p);
    out.lines.push_back(std::move(line));
  }
  return out;
}

// One person's (or group's) verdict added to the district's figures.
void Tally(DistrictSummary& out, std::map<int64_t, UnitCompliance>& by_unit,
           std::optional<int64_t> unit_id, const core::YearVerdict& v, int64_t n) {
  out.people += n;
  if (v.has_target) out.with_target += n;
  if (v.below) out.below += n;
  if (!unit_id) return;
  auto it = by_unit.find(*unit_id);
  if (it == by_unit.end()) return;
  UnitCompliance& uc = it->second;
  uc.people += n;
  if (v.has_target) uc.with_target += n;
  if (v.below) {
    uc.below += n;
    uc.shortfall_tenths += v.shortfall_tenths * n;
  }
}

// A stored unit row (or a person's stored mark, sign −1 to take it off) added to
// the district's figures, as Tally would add the people it sums.
void AddCounts(DistrictSummary& out, std::map<int64_t, UnitCompliance>& by_unit, int64_t unit_id,
               const internal::UnitYearCounts& c, int sign) {
  out.people += sign * c.people;
  out.with_target += sign * c.with_target;
  out.below += sign * c.below;
  auto it = by_unit.find(unit_id);  // 0 or a unit gone: the district's totals only
  if (it == by_unit.end()) return;
  UnitCompliance& uc = it->second;
  uc.people += sign * c.people;
  uc.with_target += sign * c.with_target;
  uc.below += sign * c.below;
  uc.shortfall_tenths += sign * c.shortfall_tenths;
}

std::string StateLabel(const core::YearVerdict& v, bool en) {
  if (!v.has_target) return en ? "no target" : "无要求";
  if (v.below) return en ? "below target" : "未达标";
  for (const auto& c : v.checks) {
    if (c.state == core::TargetState::kDue) return en ? "due" : "待完成";
  }
  return en ? "met" : "已达标";
}

int Required(const core::YearVerdict& v) {
  int r = 0;
  for (const auto& c : v.checks) r = std::max(r, c.required_tenths);
  return r;
}

}  // namespace

LedgerService::LedgerService(store::Store& store, const crypto::DataKey& key, Clock now_ms)
    : store_(store),
      key_(key),
      now_ms_(now_ms ? std::move(now_ms) : Clock([] { return NowMillis(); })) {
  internal::InstallLedgerMaintenance();
}

int LedgerService::CurrentYear() const { return internal::TodayAt(now_ms_()).year; }

Status LedgerService::CheckYear(int year) const {
  const core::CivilDate today = internal::TodayAt(now_ms_());
  if (year > today.year) {
    return Invalid(
        "records.year.future",
        "年度不能晚于今年（" + std::to_string(today.year) + "）：" + std::to_string(year),
        "the year cannot be after this year (" + std::to_string(today.year) +
            "): " + std::to_string(year),
        "year");
  }
  if (year < 1990) {
    return Invalid("records.year.range", "年度无效：" + std::to_string(year),
                   "invalid year: " + std::to_string(year), "year");
  }
  return Ok();
}

Result<UnitLedger> LedgerService::ForUnit(const Principal& who, std::optional<int64_t> unit_id,
                                          int year) {
  if (who.role != Role::kAdmin && who.role != Role::kOrganizer && who.role != Role::kLiaison) {
    return Forbidden();
  }
  PEIXUN_RETURN_IF_ERROR(CheckYear(year));
  const int64_t now = now_ms_();
  return store::ReadValue<UnitLedger>(store_, [&](store::Tx& tx) -> Result<UnitLedger> {
    std::optional<int64_t> root = unit_id ? unit_id : org::ScopeRoot(who);
    UnitLedger out;
    out.year = year;
    if (root) {
      PEIXUN_ASSIGN_OR_RETURN(org::Unit unit, org::OrgService::GetIn(tx, *root));
      PEIXUN_RETURN_IF_ERROR(org::CheckUnitInScopeIn(tx, who, *root));
      out.unit_id = unit.id;
      out.unit_name = unit.name;
    }
    PEIXUN_ASSIGN_OR_RETURN(auto units, UnitsIn(tx));
    PEIXUN_ASSIGN_OR_RETURN(auto people, PeopleOfIn(tx, key_, root));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> live, internal::LiveClassIdsIn(tx));
    PEIXUN_ASSIGN_OR_RETURN(Computed c, ComputeIn(tx, std::move(people), year, now, units,
                                                  /*with_trend=*/true, live));
    out.people = static_cast<int>(c.lines.size());
    for (const auto& l : c.lines) {
      if (l.verdict.has_target) ++out.with_target;
      if (l.verdict.below) ++out.below;
    }
    // Below first, the largest shortfall first; the stroke order of the list within.
    std::stable_sort(c.lines.begin(), c.lines.end(), [](const LedgerLine& a, const LedgerLine& b) {
      if (a.verdict.below != b.verdict.below) return a.verdict.below;
      return a.verdict.shortfall_tenths > b.verdict.shortfall_tenths;
    });
    out.lines = std::move(c.lines);
    for (const auto& [with, met] : c.trend) {
      out.trend_compliance.push_back(with == 0 ? -1 : met * 100 / with);
    }
    return out;
  });
}

Result<DistrictSummary> LedgerService::District(const Principal& who, int year) {
  if (who.role != Role::kAdmin && who.role != Role::kOrganizer) return Forbidden();
  PEIXUN_RETURN_IF_ERROR(CheckYear(year));
  const int64_t now = now_ms_();
  return store::ReadValue<DistrictSummary>(store_, [&](store::Tx& tx) -> Result<DistrictSummary> {
    DistrictSummary out;
    out.year = year;
    PEIXUN_ASSIGN_OR_RETURN(auto units, UnitsIn(tx));
    std::map<int64_t, UnitCompliance> by_unit;
    for (const auto& [id, u] : units) {
      UnitCompliance uc;
      uc.unit_id = id;
      uc.unit_name = u.name;
      uc.parent_id = u.parent_id;
      uc.kind = std::string(org::UnitKindCode(u.kind));
      by_unit.emplace(id, std::move(uc));
    }
    PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules rules, TargetRulesIn(tx));
    const core::CivilDate today = internal::TodayAt(now);
    const core::CivilDate as_of = year < today.year ? core::CivilDate{year, 12, 31} : today;

    // One at a time, with the unit page's hours: people in a live class (its credit
    // is not in the summary) and people with a promotion date (checked by date).
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> live, internal::LiveClassIdsIn(tx));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> one_by_one, internal::PromotedPeopleIn(tx));
    for (int64_t class_id : live) {
      PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> trainees,
                              enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
      one_by_one.insert(one_by_one.end(), trainees.begin(), trainees.end());
    }
    std::sort(one_by_one.begin(), one_by_one.end());
    one_by_one.erase(std::unique(one_by_one.begin(), one_by_one.end()), one_by_one.end());

    // Everyone else: the stored district view (internal/ledger_district.h) when
    // this year is stored, minus the stored marks of the one-by-one people (they are
    // added below, computed live); else counted live, in groups.
    PEIXUN_ASSIGN_OR_RETURN(auto stored, internal::StoredDistrictIn(tx, year));
    if (stored) {
      for (const auto& [unit_id, counts] : *stored) AddCounts(out, by_unit, unit_id, counts, +1);
      PEIXUN_ASSIGN_OR_RETURN(auto marks, internal::MarksOfIn(tx, one_by_one, year));
      for (const auto& [person, mark] : marks) {
        AddCounts(out, by_unit, mark.first, mark.second, -1);
      }
    } else {
      // Everyone else, counted in groups of the same profile and the same figures:
      //   f1 = 学时 of the year, f2 = of the year before (carry-over),
      //   f3 = of the rest of the county window (years Y−W+1 … Y−2).
      // Each is capped at a figure that meets every target alone (twice the largest,
      // so a carried-over surplus does too): above it, the verdict is the same, and
      // the groups stay few.
      const int window = rules.county_window_years;
      const int64_t cap =
          2 * int64_t{std::max({rules.township_year_tenths, rules.county_window_tenths,
                                rules.party_member_year_tenths, rules.secretary_year_tenths, 1})};
      const std::string y = std::to_string(year);
      auto capped = [&](const std::string& sum) {
        return "CASE WHEN " + sum + " > " + std::to_string(cap) + " THEN " + std::to_string(cap) +
               " ELSE " + sum + " END";
      };
      const std::string f1 = "SUM(CASE WHEN year = " + y + " THEN tenths ELSE 0 END)";
      const std::string f2 =
          "SUM(CASE WHEN year = " + std::to_string(year - 1) + " THEN tenths ELSE 0 END)";
      const std::string f3 = "SUM(CASE WHEN year BETWEEN " + std::to_string(year - window + 1) +
                             " AND " + std::to_string(year - 2) + " THEN tenths ELSE 0 END)";
      people::PersonFigures figures;
      figures.columns = 3;
      figures.sql = "SELECT person_id, " + capped(f1) + " AS f1, " + capped(f2) + " AS f2, " +
                    capped(f3) + " AS f3 FROM ledger_year_hours WHERE year BETWEEN " +
                    std::to_string(std::min(year - 1, year - window + 1)) + " AND " + y +
                    " GROUP BY person_id";
      PEIXUN_ASSIGN_OR_RETURN(std::vector<people::ProfileGroup> groups,
                              people::GroupProfilesIn(tx, std::nullopt, one_by_one, figures));
      for (const auto& g : groups) {
        const core::HoursProfile profile = internal::ProfileFrom(g.rank, g.party_member, g.position,
                                                                 g.unit_id, units, std::nullopt);
        const std::vector<core::DatedHours> hours = {
            {core::CivilDate{year, 1, 1}, static_cast<int>(g.figures[0])},
            {core::CivilDate{year - 1, 1, 1}, static_cast<int>(g.figures[1])},
            {core::CivilDate{year - 2, 1, 1}, static_cast<int>(g.figures[2])}};
        Tally(out, by_unit, g.unit_id, core::EvaluateYear(rules, profile, hours, year, as_of),
              g.people);
      }
    }
    if (!one_by_one.empty()) {
      PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                              people::PeopleService::GetManyIn(tx, one_by_one));
      PEIXUN_ASSIGN_OR_RETURN(Computed c, ComputeIn(tx, std::move(people), year, now, units,
                                                    /*with_trend=*/false, live));
      for (const auto& l : c.lines) Tally(out, by_unit, l.person.unit_id, l.verdict, 1);
    }
    for (auto& [id, uc] : by_unit) {
      if (uc.people == 0) continue;  // street offices and the district hold no one
      uc.compliance_percent =
          uc.with_target == 0 ? -1 : (uc.with_target - uc.below) * 100 / uc.with_target;
      out.units.push_back(std::move(uc));
    }
    std::stable_sort(out.units.begin(), out.units.end(),
                     [](const UnitCompliance& a, const UnitCompliance& b) {
                       const int ka = a.compliance_percent < 0 ? 101 : a.compliance_percent;
                       const int kb = b.compliance_percent < 0 ? 101 : b.compliance_percent;
                       if (ka != kb) return ka < kb;
                       return a.below > b.below;
                     });
    return out;
  });
}

Result<LedgerService::RebuildCounts> LedgerService::RebuildSummary() {
  return Rebuild(/*audit_empty=*/true);
}

Result<LedgerService::RebuildCounts> LedgerService::Rebuild(bool audit_empty) {
  return store::TransactValue<RebuildCounts>(store_, [&](store::Tx& tx) -> Result<RebuildCounts> {
    PEIXUN_ASSIGN_OR_RETURN(internal::RebuildCounts c, internal::RebuildIn(tx, CurrentYear()));
    // The rebuild a new database asks for after its migrations folds in nothing: no
    // audit entry for it (an operator's `peixun ledger rebuild` is always recorded).
    if (!audit_empty && c.classes == 0 && c.credits == 0 && c.year_rows == 0) {
      return RebuildCounts{0, 0, 0};
    }
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(
        tx, Actor::System(), "records.ledger.rebuild", "ledger", 0, nullptr,
        {{"classes", c.classes}, {"credits", c.credits}, {"year_rows", c.year_rows}}));
    return RebuildCounts{c.classes, c.credits, c.year_rows};
  });
}

Result<bool> LedgerService::RebuildSummaryIfNeeded() {
  PEIXUN_ASSIGN_OR_RETURN(bool needed, store::ReadValue<bool>(store_, [](store::Tx& tx) {
                            return internal::NeedsRebuildIn(tx);
                          }));
  if (needed) {
    PEIXUN_RETURN_IF_ERROR(Rebuild(/*audit_empty=*/false));
    return true;
  }
  // A new year since the district view was stored: store the 5 years ending with
  // this one (the hours summary stays; only the marks are made again).
  const int year = CurrentYear();
  PEIXUN_ASSIGN_OR_RETURN(
      bool moved, store::TransactValue<bool>(store_, [&](store::Tx& tx) -> Result<bool> {
        PEIXUN_ASSIGN_OR_RETURN(int last, internal::LastStoredYearIn(tx));
        if (last >= year) return false;
        PEIXUN_RETURN_IF_ERROR(
            internal::RebuildMarksIn(tx, year - (internal::kStoredDistrictYears - 1), year));
        return true;
      }));
  return moved;
}

Result<io::Table> LedgerService::UnitTable(const Principal& who, std::optional<int64_t> unit_id,
                                           int year, const std::string& lang) {
  PEIXUN_ASSIGN_OR_RETURN(UnitLedger l, ForUnit(who, unit_id, year));
  const bool en = English(lang);
  io::Table t;
  t.header = en ? std::vector<std::string>{"No.",    "Name",      "Unit", "Rank", "Hours this year",
                                           "Target", "Shortfall", "State"}
                : std::vector<std::string>{"序号",     "姓名",     "单位", "职级",
                                           "当年学时", "目标学时", "差额", "状态"};
  for (int i = 0; i < kTrendYears; ++i) {
    t.header.push_back(std::to_string(year - (kTrendYears - 1) + i) + (en ? "" : "年"));
  }
  int n = 0;
  for (const auto& line : l.lines) {
    std::vector<std::string> row = {
        std::to_string(++n),
        line.person.name,
        line.person.unit_name,
        people::RankLabel(line.person.rank),
        core::FormatCreditTenths(line.verdict.year_tenths),
        line.verdict.has_target ? core::FormatCreditTenths(Required(line.verdict)) : "",
        line.verdict.below ? core::FormatCreditTenths(line.verdict.shortfall_tenths) : "",
        StateLabel(line.verdict, en)};
    for (int tenths : line.trend_tenths) row.push_back(core::FormatCreditTenths(tenths));
    t.rows.push_back(std::move(row));
    t.source_rows.push_back(n + 1);
  }
  return t;
}

Result<std::string> LedgerService::UnitPdf(const Principal& who, std::optional<int64_t> unit_id,
                                           int year) {
  PEIXUN_ASSIGN_OR_RETURN(UnitLedger l, ForUnit(who, unit_id, year));
  PEIXUN_ASSIGN_OR_RETURN(io::Table t, UnitTable(who, unit_id, year, "zh-CN"));
  io::ListDoc doc;
  doc.title = std::to_string(year) + "年学时台账";
  doc.subtitle = (l.unit_name.empty() ? std::string("全区") : l.unit_name) + "　共 " +
                 std::to_string(l.people) + " 人，有学时要求 " + std::to_string(l.with_target) +
                 " 人，未达标 " + std::to_string(l.below) + " 人";
  doc.orientation = io::Orientation::kLandscape;
  for (const auto& h : t.header) {
    io::Column col;
    col.header = h;
    doc.columns.push_back(col);
  }
  doc.rows = t.rows;
  return io::ListPdf(doc, "学时台账");
}

Result<io::Table> LedgerService::DistrictTable(const Principal& who, int year,
                                               const std::string& lang) {
  PEIXUN_ASSIGN_OR_RETURN(DistrictSummary d, District(who, year));
  const bool en = English(lang);
  io::Table t;
  t.header =
      en ? std::vector<std::string>{"Unit",         "People",       "With a target",
                                    "Below target", "Compliance %", "Total shortfall"}
         : std::vector<std::string>{"单位", "人数", "有学时要求", "未达标", "达标率%", "差额合计"};
  int n = 1;
  for (const auto& u : d.units) {
    t.rows.push_back({u.unit_name, std::to_string(u.people), std::to_string(u.with_target),
                      std::to_string(u.below),
                      u.compliance_percent < 0 ? "" : std::to_string(u.compliance_percent),
                      core::FormatCreditTenths(u.shortfall_tenths)});
    t.source_rows.push_back(++n);
  }
  return t;
}

Result<io::Table> LedgerService::YearExportIn(store::Tx& tx, std::optional<int64_t> root, int year,
                                              bool full_ids) {
  std::vector<people::Person> people;
  std::vector<std::string> clear_ids;
  if (full_ids) {
    PEIXUN_ASSIGN_OR_RETURN(people, people::PeopleService::AllForExportIn(
                                        tx, key_, people::NameOrder::kStroke, root, &clear_ids));
  } else {
    PEIXUN_ASSIGN_OR_RETURN(people, PeopleOfIn(tx, key_, root));
  }
  std::vector<int64_t> ids;
  for (const auto& p : people) ids.push_back(p.id);
  PEIXUN_ASSIGN_OR_RETURN(internal::HoursSources sources,
                          internal::LoadHoursIn(tx, ids, now_ms_()));
  std::map<int64_t, std::map<int64_t, std::string>> serials;  // class → person → serial
  io::Table t;
  t.header = {"序号",     "姓名", "身份证号", "单位",     "职级", "培训项目",
              "主办单位", "类别", "开始日期", "结束日期", "学时", "证书编号"};
  int n = 0;
  for (size_t i = 0; i < people.size(); ++i) {
    const people::Person& p = people[i];
    const std::string id_number = full_ids ? clear_ids[i] : p.id_number_masked;
    auto add = [&](const std::string& title, const std::string& organizer, const std::string& kind,
                   const core::CivilDate& start, const core::CivilDate& end, int tenths,
                   const std::string& serial) {
      t.rows.push_back({std::to_string(++n), p.name, id_number, p.unit_name,
                        people::RankLabel(p.rank), title, organizer, kind,
                        core::FormatCivilDate(start), core::FormatCivilDate(end),
                        core::FormatCreditTenths(tenths), serial});
      t.source_rows.push_back(n + 1);
    };
    if (auto it = sources.class_rows.find(p.id); it != sources.class_rows.end()) {
      for (auto c = it->second.rbegin(); c != it->second.rend(); ++c) {
        if (c->end_date.year != year || c->credited_tenths <= 0) continue;
        if (!serials.count(c->class_id)) {
          PEIXUN_ASSIGN_OR_RETURN(
              serials[c->class_id],
              certificates::CertificateService::ValidSerialsIn(tx, c->class_id));
        }
        const auto& s = serials[c->class_id];
        auto sit = s.find(p.id);
        add(c->name, c->organizer_name, "培训班", c->start_date, c->end_date, c->credited_tenths,
            sit == s.end() ? "" : sit->second);
      }
    }
    if (auto it = sources.outside.find(p.id); it != sources.outside.end()) {
      for (auto e = it->second.rbegin(); e != it->second.rend(); ++e) {
        if (e->end_date.year != year) continue;
        add(e->title, e->provider, e->kind == "online" ? "网络学习" : "外单位培训", e->start_date,
            e->end_date, e->tenths, "");
      }
    }
  }
  return t;
}

Result<io::Table> LedgerService::YearExport(const Principal& who, int year, bool full_ids) {
  if (who.role != Role::kAdmin && who.role != Role::kOrganizer && who.role != Role::kLiaison) {
    return Forbidden();
  }
  PEIXUN_RETURN_IF_ERROR(CheckYear(year));
  const bool full = full_ids && who.role != Role::kLiaison;
  const Actor actor = Actor::Of(who);
  return store::TransactValue<io::Table>(store_, [&](store::Tx& tx) -> Result<io::Table> {
    PEIXUN_ASSIGN_OR_RETURN(io::Table t, YearExportIn(tx, org::ScopeRoot(who), year, full));
    PEIXUN_RETURN_IF_ERROR(
        audit::RecordIn(tx, actor, "records.export", "ledger", year, nullptr,
                        {{"year", year}, {"full_id_numbers", full}, {"rows", t.rows.size()}}));
    return t;
  });
}

Result<io::Table> LedgerService::YearExportAsSystem(int year, bool full_ids) {
  PEIXUN_RETURN_IF_ERROR(CheckYear(year));
  return store::TransactValue<io::Table>(store_, [&](store::Tx& tx) -> Result<io::Table> {
    PEIXUN_ASSIGN_OR_RETURN(io::Table t, YearExportIn(tx, std::nullopt, year, full_ids));
    PEIXUN_RETURN_IF_ERROR(
        audit::RecordIn(tx, Actor::System(), "records.export", "ledger", year, nullptr,
                        {{"year", year}, {"full_id_numbers", full_ids}, {"rows", t.rows.size()}}));
    return t;
  });
}

}  // namespace peixun::records
