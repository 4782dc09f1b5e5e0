#include "modules/records/records_json.h"

#include "api/openapi.h"
#include "core/civil_date.h"

namespace peixun::records {
namespace {

using nlohmann::json;

double Hours(int tenths) { return tenths / 10.0; }
std::string Date(const core::CivilDate& d) { return core::FormatCivilDate(d); }

const json kInt = {{"type", "integer"}};
const json kStr = {{"type", "string"}};
const json kNum = {{"type", "number"}};
const json kBool = {{"type", "boolean"}};
const json kDate = {{"type", "string"}, {"format", "date"}};

json Nullable(json s) {
  s["nullable"] = true;
  return s;
}

json PersonBriefJson(const people::Person& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"unit_id", p.unit_id ? json(*p.unit_id) : json(nullptr)},
          {"unit_name", p.unit_name},
          {"position", p.position},
          {"rank", people::RankCode(p.rank)},
          {"rank_label", people::RankLabel(p.rank)},
          {"id_number_masked", p.id_number_masked}};
}

json PersonBriefSchema() {
  return api::Output("RecordPerson", {{"type", "object"},
                                      {"properties",
                                       {{"id", kInt},
                                        {"name", kStr},
                                        {"unit_id", Nullable(kInt)},
                                        {"unit_name", kStr},
                                        {"position", kStr},
                                        {"rank", kStr},
                                        {"rank_label", kStr},
                                        {"id_number_masked", kStr}}}});
}

}  // namespace

json YearVerdictJson(const core::YearVerdict& v) {
  json checks = json::array();
  for (const auto& c : v.checks) {
    checks.push_back({{"code", c.code},
                      {"required_hours", Hours(c.required_tenths)},
                      {"earned_hours", Hours(c.earned_tenths)},
                      {"carried_in_hours", Hours(c.carried_in_tenths)},
                      {"shortfall_hours", Hours(c.shortfall_tenths)},
                      {"from_year", c.from_year},
                      {"to_year", c.to_year},
                      {"due", c.due ? json(Date(*c.due)) : json(nullptr)},
                      {"state", core::TargetStateCode(c.state)}});
  }
  return {{"year", v.year},
          {"year_hours", Hours(v.year_tenths)},
          {"has_target", v.has_target},
          {"below", v.below},
          {"shortfall_hours", Hours(v.shortfall_tenths)},
          {"checks", checks}};
}

json YearVerdictSchema() {
  json check = api::Output(
      "HoursTargetCheck", {{"type", "object"},
                           {"properties",
                            {{"code",
                              {{"type", "string"},
                               {"enum",
                                {"township_year", "county_window", "county_promotion",
                                 "party_member_year", "secretary_year"}}}},
                             {"required_hours", kNum},
                             {"earned_hours", kNum},
                             {"carried_in_hours", kNum},
                             {"shortfall_hours", kNum},
                             {"from_year", kInt},
                             {"to_year", kInt},
                             {"due", Nullable(kDate)},
                             {"state", {{"type", "string"}, {"enum", {"met", "below", "due"}}}}}}});
  return api::Output("HoursYearVerdict", {{"type", "object"},
                                          {"properties",
                                           {{"year", kInt},
                                            {"year_hours", kNum},
                                            {"has_target", kBool},
                                            {"below", kBool},
                                            {"shortfall_hours", kNum},
                                            {"checks", api::ArrayOf(check)}}}});
}

json OutsideJson(const OutsideEntry& e) {
  return {{"id", e.id},
          {"person_id", e.person_id},
          {"person_name", e.person_name},
          {"kind", e.kind},
          {"title", e.title},
          {"provider", e.provider},
          {"start_date", Date(e.start_date)},
          {"end_date", Date(e.end_date)},
          {"hours", Hours(e.tenths)},
          {"proof_name", e.proof_name},
          {"proof_kind", e.proof_kind},
          {"status", e.status},
          {"entered_by", e.entered_by},
          {"entered_at_ms", e.entered_at},
          {"decided_by", e.decided_by ? json(*e.decided_by) : json(nullptr)},
          {"decided_at_ms", e.decided_at ? json(*e.decided_at) : json(nullptr)},
          {"decision_reason", e.decision_reason}};
}

json OutsideSchema() {
  return api::Output(
      "OutsideHours",
      {{"type", "object"},
       {"properties",
        {{"id", kInt},
         {"person_id", kInt},
         {"person_name", {{"type", "string"}, {"description", "filled in the pending list"}}},
         {"kind", {{"type", "string"}, {"enum", {"class", "online"}}}},
         {"title", kStr},
         {"provider", kStr},
         {"start_date", kDate},
         {"end_date", kDate},
         {"hours", kNum},
         {"proof_name", kStr},
         {"proof_kind", {{"type", "string"}, {"enum", {"pdf", "png", "jpeg", "ref"}}}},
         {"status", {{"type", "string"}, {"enum", {"pending", "approved", "rejected"}}}},
         {"entered_by", kInt},
         {"entered_at_ms", kInt},
         {"decided_by", Nullable(kInt)},
         {"decided_at_ms", Nullable(kInt)},
         {"decision_reason", kStr}}}});
}

json PersonRecordJson(const PersonRecord& r) {
  json classes = json::array();
  for (const auto& c : r.classes) {
    classes.push_back({{"class_id", c.class_id},
                       {"name", c.name},
                       {"organizer_name", c.organizer_name},
                       {"start_date", Date(c.start_date)},
                       {"end_date", Date(c.end_date)},
                       {"days", c.days},
                       {"class_status", c.class_status},
                       {"credited_hours", Hours(c.credited_tenths)},
                       {"outcome", c.outcome},
                       {"exam_score", c.exam_score ? json(*c.exam_score) : json(nullptr)},
                       {"certificate_serial", c.certificate_serial},
                       {"excellent", c.excellent}});
  }
  json outside = json::array();
  for (const auto& e : r.outside) outside.push_back(OutsideJson(e));
  json years = json::array();
  for (const auto& y : r.years) years.push_back(YearVerdictJson(y));
  return {{"person", PersonBriefJson(r.person)},
          {"profile",
           {{"rank", r.profile.rank == core::CadreRank::kCounty     ? "county"
                     : r.profile.rank == core::CadreRank::kTownship ? "township"
                                                                    : ""},
            {"party_member", r.profile.party_member},
            {"grassroots_secretary", r.profile.grassroots_secretary},
            {"promoted_on",
             r.profile.promoted_on ? json(Date(*r.profile.promoted_on)) : json(nullptr)}}},
          {"classes", classes},
          {"outside", outside},
          {"years", years}};
}

json PersonRecordSchema() {
  json klass =
      api::Output("RecordClass",
                  {{"type", "object"},
                   {"properties",
                    {{"class_id", kInt},
                     {"name", kStr},
                     {"organizer_name", kStr},
                     {"start_date", kDate},
                     {"end_date", kDate},
                     {"days", kInt},
                     {"class_status", kStr},
                     {"credited_hours", kNum},
                     {"outcome",
                      {{"type", "string"},
                       {"enum", {"", "completed", "not_completed", "dismissed", "not_assessed"}}}},
                     {"exam_score", Nullable(kNum)},
                     {"certificate_serial", kStr},
                     {"excellent", kBool}}}});
  json profile = api::Output("HoursProfile", {{"type", "object"},
                                              {"properties",
                                               {{"rank", kStr},
                                                {"party_member", kBool},
                                                {"grassroots_secretary", kBool},
                                                {"promoted_on", Nullable(kDate)}}}});
  return api::Output("PersonRecord", {{"type", "object"},
                                      {"properties",
                                       {{"person", PersonBriefSchema()},
                                        {"profile", profile},
                                        {"classes", api::ArrayOf(klass)},
                                        {"outside", api::ArrayOf(OutsideSchema())},
                                        {"years", api::ArrayOf(YearVerdictSchema())}}}});
}

json UnitLedgerJson(const UnitLedger& l) {
  json lines = json::array();
  for (const auto& line : l.lines) {
    json trend = json::array();
    for (int t : line.trend_tenths) trend.push_back(Hours(t));
    lines.push_back({{"person", PersonBriefJson(line.person)},
                     {"verdict", YearVerdictJson(line.verdict)},
                     {"trend_hours", trend}});
  }
  return {{"unit_id", l.unit_id == 0 ? json(nullptr) : json(l.unit_id)},
          {"unit_name", l.unit_name},
          {"year", l.year},
          {"people", l.people},
          {"with_target", l.with_target},
          {"below", l.below},
          {"trend_compliance", l.trend_compliance},
          {"lines", lines}};
}

json UnitLedgerSchema() {
  json line = api::Output("LedgerLine", {{"type", "object"},
                                         {"properties",
                                          {{"person", PersonBriefSchema()},
                                           {"verdict", YearVerdictSchema()},
                                           {"trend_hours", api::ArrayOf(kNum)}}}});
  return api::Output("UnitLedger", {{"type", "object"},
                                    {"properties",
                                     {{"unit_id", Nullable(kInt)},
                                      {"unit_name", kStr},
                                      {"year", kInt},
                                      {"people", kInt},
                                      {"with_target", kInt},
                                      {"below", kInt},
                                      {"trend_compliance", api::ArrayOf(kInt)},
                                      {"lines", api::ArrayOf(line)}}}});
}

json DistrictJson(const DistrictSummary& d) {
  json units = json::array();
  for (const auto& u : d.units) {
    units.push_back({{"unit_id", u.unit_id},
                     {"unit_name", u.unit_name},
                     {"parent_id", u.parent_id ? json(*u.parent_id) : json(nullptr)},
                     {"kind", u.kind},
                     {"people", u.people},
                     {"with_target", u.with_target},
                     {"below", u.below},
                     {"compliance_percent", u.compliance_percent},
                     {"shortfall_hours", Hours(u.shortfall_tenths)}});
  }
  return {{"year", d.year},
          {"people", d.people},
          {"with_target", d.with_target},
          {"below", d.below},
          {"units", units}};
}

json DistrictSchema() {
  json unit = api::Output("UnitCompliance", {{"type", "object"},
                                             {"properties",
                                              {{"unit_id", kInt},
                                               {"unit_name", kStr},
                                               {"parent_id", Nullable(kInt)},
                                               {"kind", kStr},
                                               {"people", kInt},
                                               {"with_target", kInt},
                                               {"below", kInt},
                                               {"compliance_percent", kInt},
                                               {"shortfall_hours", kNum}}}});
  return api::Output("DistrictLedger", {{"type", "object"},
                                        {"properties",
                                         {{"year", kInt},
                                          {"people", kInt},
                                          {"with_target", kInt},
                                          {"below", kInt},
                                          {"units", api::ArrayOf(unit)}}}});
}

json TargetsSchema() {
  return api::Output("HoursTargets", {{"type", "object"},
                                      {"properties",
                                       {{"township_year_hours", kNum},
                                        {"township_year_days", kInt},
                                        {"county_window_hours", kNum},
                                        {"county_window_days", kInt},
                                        {"county_window_years", kInt},
                                        {"party_member_year_hours", kNum},
                                        {"secretary_year_hours", kNum},
                                        {"hours_per_day", kNum},
                                        {"hours_per_half_day", kNum},
                                        {"carry_over", kBool},
                                        {"promotion_grace_years", kInt}}}});
}

}  // namespace peixun::records
