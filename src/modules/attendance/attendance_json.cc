#include "modules/attendance/attendance_json.h"

#include <map>
#include <optional>

#include "core/checkin_direction.h"
#include "core/completion_rules.h"
#include "core/ip_ranges.h"
#include "core/json_writer.h"
#include "core/local_time.h"

namespace peixun::attendance {
namespace {

using nlohmann::json;

const char* LeaveStatusLabel(const std::string& s) {
  if (s == "requested") return "待审批";
  if (s == "approved") return "已批准";
  if (s == "rejected") return "已驳回";
  if (s == "cancelled") return "已撤销";
  if (s == "returned") return "已销假";
  return "";
}

}  // namespace

json CountsJson(const Counts& c, const std::string& lang) {
  return {{"checked_in", c.checked_in}, {"expected", c.expected}, {"label", c.Label(lang)}};
}

json CheckinMeaningJson(const core::CheckinMeaning& m, const std::string& lang) {
  return {{"code", m.code},
          {"level", m.level},
          {"minutes", m.minutes},
          {"label", lang.rfind("en", 0) == 0 ? m.label_en : m.label_zh}};
}

json CheckinResultSchema() {
  const json str = {{"type", "string"}};
  const json integer = {{"type", "integer"}};
  return {
      {"type", "object"},
      {"properties",
       {{"event_id", integer},
        {"session_id", integer},
        {"class_id", integer},
        {"person_id", integer},
        {"person_name", str},
        {"direction", {{"type", "string"}, {"enum", {"in", "out"}}}},
        {"at_ms", integer},
        {"at", {{"type", "string"}, {"example", "08:27"}}},
        {"source", str},
        {"first", {{"type", "boolean"}}},
        {"flags", {{"type", "array"}, {"items", str}}},
        {"counts",
         {{"type", "object"},
          {"properties", {{"checked_in", integer}, {"expected", integer}, {"label", str}}}}},
        {"meaning",
         {{"type", "object"},
          {"description",
           "what the check-in (or check-out) means for the session's status, by the rule the "
           "status uses: on_time; late (迟到, minutes after the start); absent (recorded but past "
           "half the session: counts as 缺勤; minutes after the start); left_early (早退, "
           "minutes before the end); excused (approved leave covers at least half the "
           "session). level is the colour that fits: success (green), warning (orange), "
           "danger (red), info"},
          {"properties",
           {{"code",
             {{"type", "string"},
              {"enum", {"on_time", "late", "absent", "left_early", "excused"}}}},
            {"level", {{"type", "string"}, {"enum", {"success", "warning", "danger", "info"}}}},
            {"minutes", integer},
            {"label",
             {{"type", "string"}, {"description", "e.g. 迟到 11 分钟; empty when on time"}}}}}}},
        {"message",
         {{"type", "string"},
          {"description",
           "the answer said once, with its meaning: 签到成功 08:27 / 签到成功 08:41，迟到 11 "
           "分钟 / 签到已记录 10:39，晚于开始 70 分钟，超过课程一半时间，按缺勤计"}}}}}};
}

json CheckinResultJson(const CheckinResult& r, const std::string& lang) {
  return {{"event_id", r.event_id},
          {"session_id", r.session_id},
          {"class_id", r.class_id},
          {"person_id", r.person_id},
          {"person_name", r.person_name},
          {"direction", core::CheckinDirectionCode(r.direction)},
          {"at_ms", r.at_ms},
          {"at", r.at},
          {"source", r.source},
          {"first", r.first},
          {"flags", r.flags},
          {"counts", CountsJson(r.counts, lang)},
          {"meaning", CheckinMeaningJson(r.meaning, lang)},
          {"message", lang.rfind("en", 0) == 0 ? r.message_en : r.message_zh}};
}

json SpotCheckJson(const SpotCheckInfo& s) {
  return {{"id", s.id},
          {"session_id", s.session_id},
          {"opened_ms", s.opened_ms},
          {"closes_ms", s.closes_ms},
          {"confirmed", s.confirmed},
          {"expected", s.expected}};
}

namespace {

void WriteCounts(core::JsonWriter& w, const Counts& c, const std::string& lang) {
  w.BeginObject();
  w.Key("checked_in").Int(c.checked_in);
  w.Key("expected").Int(c.expected);
  w.Key("label").String(c.Label(lang));
  w.EndObject();
}

void WriteMeaning(core::JsonWriter& w, const core::CheckinMeaning& m, const std::string& lang) {
  w.BeginObject();
  w.Key("code").String(m.code);
  w.Key("level").String(m.level);
  w.Key("minutes").Int(m.minutes);
  w.Key("label").String(lang.rfind("en", 0) == 0 ? m.label_en : m.label_zh);
  w.EndObject();
}

}  // namespace

std::string CheckinResultText(const CheckinResult& r, const std::string& lang) {
  core::JsonWriter w(512);
  w.BeginObject();
  w.Key("event_id").Int(r.event_id);
  w.Key("session_id").Int(r.session_id);
  w.Key("class_id").Int(r.class_id);
  w.Key("person_id").Int(r.person_id);
  w.Key("person_name").String(r.person_name);
  w.Key("direction").String(core::CheckinDirectionCode(r.direction));
  w.Key("at_ms").Int(r.at_ms);
  w.Key("at").String(r.at);
  w.Key("source").String(r.source);
  w.Key("first").Bool(r.first);
  w.Key("flags").BeginArray();
  for (const auto& f : r.flags) w.String(f);
  w.EndArray();
  w.Key("counts");
  WriteCounts(w, r.counts, lang);
  w.Key("meaning");
  WriteMeaning(w, r.meaning, lang);
  w.Key("message").String(lang.rfind("en", 0) == 0 ? r.message_en : r.message_zh);
  w.EndObject();
  return w.Take();
}

std::string CheckinEventData(const CheckinResult& r, const std::string& lang) {
  core::JsonWriter w(320);
  w.BeginObject();
  w.Key("session_id").Int(r.session_id);
  w.Key("person_id").Int(r.person_id);
  w.Key("person_name").String(r.person_name);
  w.Key("direction").String(core::CheckinDirectionCode(r.direction));
  w.Key("at").String(r.at);
  w.Key("meaning");
  WriteMeaning(w, r.meaning, lang);
  w.Key("counts");  // the counts' label stays zh-CN, as before
  WriteCounts(w, r.counts, "zh-CN");
  w.EndObject();
  return w.Take();
}

json AttendanceRowJson(const AttendanceRow& r, int off, const std::string& lang) {
  const bool en = lang.rfind("en", 0) == 0;
  auto opt = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); };
  return {
      {"person_id", r.person_id},
      {"name", r.name},
      {"unit_id", opt(r.unit_id)},
      {"unit_name", r.unit_name},
      {"group_id", opt(r.group_id)},
      {"group_name", r.group_name},
      {"status", r.status},
      {"status_label", AttendanceStatusLabel(r.status, lang)},
      {"late", r.result.late},
      {"left_early", r.result.left_early},
      {"left_midway", r.result.left_midway},
      {"first_checkin_ms", opt(r.result.first_checkin_ms)},
      {"first_checkin",
       r.result.first_checkin_ms ? core::FormatLocalClock(*r.result.first_checkin_ms, off) : ""},
      {"last_checkout_ms", opt(r.result.last_checkout_ms)},
      {"corrected", r.corrected},
      {"reason_code", r.result.reason_code},
      {"explanation", en ? r.result.explanation_en : r.result.explanation_zh},
      {"flags", r.flags}};
}

json ClassSummaryJson(const ClassAttendance& att, const std::string& lang) {
  const bool en = lang.rfind("en", 0) == 0;
  struct Tally {
    std::string name;
    int attended = 0, excused = 0, absent = 0, late = 0, left_early = 0, left_midway = 0,
        pending = 0;
    void Add(const AttendanceRow& r) {
      if (r.status == "attended") ++attended;
      if (r.status == "excused") ++excused;
      if (r.status == "absent") ++absent;
      if (r.status == "pending") ++pending;
      late += r.result.late;
      left_early += r.result.left_early;
      left_midway += r.result.left_midway;
    }
    json Json() const {
      const int decided = attended + excused + absent;
      return {{"attended", attended},
              {"excused", excused},
              {"absent", absent},
              {"late", late},
              {"left_early", left_early},
              {"left_midway", left_midway},
              {"pending", pending},
              {"rate", decided ? static_cast<double>(attended) / decided : 0.0}};
    }
  };
  json by_session = json::array();
  std::map<std::string, Tally> by_unit;
  std::map<int64_t, Tally> by_group;
  const int off = att.klass.utc_offset_minutes;
  for (const auto& s : att.sessions) {
    Tally t;
    for (const auto& r : s.rows) {
      t.Add(r);
      by_unit[r.unit_name].Add(r);
      auto g = att.group_of.find(r.person_id);
      if (g != att.group_of.end()) by_group[g->second].Add(r);
    }
    json j = t.Json();
    j["session_id"] = s.ctx.session.id;
    j["title"] = s.ctx.session.title;
    j["start"] = core::FormatLocalDateTime(s.ctx.session.start_ms, off, ' ');
    j["expected"] = s.rows.size();
    by_session.push_back(j);
  }
  json units = json::array();
  for (const auto& [name, t] : by_unit) {
    json j = t.Json();
    j["unit_name"] = name;
    units.push_back(j);
  }
  json groups = json::array();
  for (const auto& [id, t] : by_group) {
    json j = t.Json();
    j["group_id"] = id;
    auto n = att.group_names.find(id);
    j["group_name"] = n == att.group_names.end() ? "" : n->second;
    groups.push_back(j);
  }
  json trainees = json::array();
  for (const auto& t : att.trainees) {
    json reasons = json::array();
    for (const auto& r : t.verdict.reasons) {
      reasons.push_back({{"code", r.code}, {"message", en ? r.message_en : r.message_zh}});
    }
    trainees.push_back({{"person_id", t.person_id},
                        {"name", t.name},
                        {"unit_name", t.unit_name},
                        {"programme_hours", t.verdict.programme_tenths / 10.0},
                        {"credited_hours", t.verdict.credited_tenths / 10.0},
                        {"excused_hours", t.verdict.excused_tenths / 10.0},
                        {"absences", t.verdict.absences},
                        {"discipline", t.verdict.discipline_count},
                        {"leave_share", std::to_string(t.verdict.leave_share.num) + "/" +
                                            std::to_string(t.verdict.leave_share.den)},
                        {"state", core::CompletionStateCode(t.verdict.state)},
                        {"reasons", reasons}});
  }
  return {{"class_id", att.klass.id},
          {"by_session", by_session},
          {"by_unit", units},
          {"by_group", groups},
          {"trainees", trainees}};
}

json LeaveJson(const LeaveRequest& l) {
  auto opt = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", l.id},
          {"class_id", l.class_id},
          {"person_id", l.person_id},
          {"person_name", l.person_name},
          {"start_ms", l.start_ms},
          {"end_ms", l.end_ms},
          {"session_ids", l.session_ids},
          {"reason", l.reason},
          {"attachment_name", l.attachment_name.empty() ? json(nullptr) : json(l.attachment_name)},
          {"status", l.status},
          {"status_label", LeaveStatusLabel(l.status)},
          {"decided_by", opt(l.decided_by)},
          {"decision_reason", l.decision_reason},
          {"returned_at_ms", opt(l.returned_ms)},
          {"created_at_ms", l.created_ms}};
}

json VenueJson(const Venue& v) {
  return {{"class_id", v.class_id},
          {"lat", v.center ? json(v.center->lat) : json(nullptr)},
          {"lng", v.center ? json(v.center->lng) : json(nullptr)},
          {"radius_m", v.center ? json(v.radius_m) : json(nullptr)},
          {"network_ranges", core::FormatIpRanges(v.ranges)},
          {"updated_ms", v.updated_ms ? json(v.updated_ms) : json(nullptr)}};
}

}  // namespace peixun::attendance
