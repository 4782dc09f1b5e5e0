// SessionService::ConflictsIn: the class's sessions through the core conflict
// finder in two passes (rooms, lecturers, groups and dates; then sites, one
// entry per session and site), plus the lecturer's sessions in other classes.
#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_map>

#include "core/local_time.h"
#include "modules/classes/class_service.h"
#include "modules/timetable/internal/session_rows.h"
#include "modules/timetable/session_service.h"

namespace peixun::timetable {
namespace {

using core::PlannedSession;
using core::SessionConflict;
using core::SessionConflictKind;

core::ClassDates DatesOf(const classes::TrainingClass& cls) {
  return core::ClassDates{cls.start_date, cls.end_date, cls.utc_offset_minutes};
}

std::vector<SessionConflict> MainPass(const classes::TrainingClass& cls,
                                      const std::vector<ClassSession>& sessions) {
  std::vector<PlannedSession> planned;
  for (const auto& s : sessions) {
    PlannedSession p;
    p.id = s.id;
    p.title = s.title;
    p.start_ms = s.start_ms;
    p.end_ms = s.end_ms;
    p.room_id = s.room_id;
    p.room_name = s.room_name;
    p.lecturer_id = s.lecturer_id;
    p.lecturer_name = s.lecturer_name;
    p.group_ids = s.group_ids;
    planned.push_back(std::move(p));
  }
  return core::FindSessionConflicts(DatesOf(cls), planned, {});
}

Result<std::vector<SessionConflict>> SitePass(store::Tx& tx, const classes::TrainingClass& cls,
                                              const std::vector<ClassSession>& sessions,
                                              int trainee_count) {
  std::vector<PlannedSession> planned;
  std::vector<int64_t> real_id;  // planned[i] stands for session real_id[i]
  std::unordered_map<int64_t, int> capacities;
  for (const auto& s : sessions) {
    if (s.sites.empty()) continue;
    const int n = static_cast<int>(s.sites.size());
    const int headcount = (trainee_count + n - 1) / n;
    for (const auto& site : s.sites) {
      PlannedSession p;
      p.id = static_cast<int64_t>(planned.size()) + 1;
      p.title = s.title;
      p.start_ms = s.start_ms;
      p.end_ms = s.end_ms;
      p.site_id = site.id;
      p.group_ids = {p.id};  // unique: this pass reports site capacity only
      p.expected_headcount = headcount;
      planned.push_back(std::move(p));
      real_id.push_back(s.id);
      if (!capacities.count(site.id)) {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query("SELECT capacity FROM sites WHERE id = ?", {store::Int(site.id)}));
        if (!rows.empty()) capacities[site.id] = static_cast<int>(rows[0].Int(0));
      }
    }
  }
  std::vector<SessionConflict> out;
  if (planned.empty()) return out;
  for (auto& c : core::FindSessionConflicts(DatesOf(cls), planned, capacities)) {
    if (c.kind != SessionConflictKind::kSiteOverCapacity) continue;
    std::vector<int64_t> ids;
    for (int64_t synthetic : c.session_ids) {
      const int64_t id = real_id[static_cast<size_t>(synthetic - 1)];
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    c.session_ids = std::move(ids);
    out.push_back(std::move(c));
  }
  return out;
}

// The class's lecturers teaching at the same time in another class.
Result<std::vector<SessionConflict>> OtherClassesPass(store::Tx& tx,
                                                      const classes::TrainingClass& cls) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(
          "SELECT a.id, a.title, a.start_ms, b.id, b.class_id, b.title, b.start_ms, "
          "a.lecturer_id, l.name FROM class_sessions a "
          "JOIN class_sessions b ON b.lecturer_id = a.lecturer_id AND b.class_id <> a.class_id "
          "AND a.start_ms < b.end_ms AND b.start_ms < a.end_ms "
          "JOIN lecturers l ON l.id = a.lecturer_id "
          "WHERE a.class_id = ? ORDER BY a.start_ms, a.id, b.start_ms, b.id",
          {store::Int(cls.id)}));
  std::vector<SessionConflict> out;
  std::map<int64_t, std::string> class_names;
  for (const auto& r : rows) {
    const int64_t other_class = r.Int(4);
    if (!class_names.count(other_class)) {
      PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass other,
                              classes::ClassService::GetIn(tx, other_class));
      class_names[other_class] = other.name;
    }
    const int offset = cls.utc_offset_minutes;
    const std::string a_time = core::FormatLocalDateTime(r.Int(2), offset, ' ');
    const std::string b_time = core::FormatLocalDateTime(r.Int(6), offset, ' ');
    SessionConflict c;
    c.kind = SessionConflictKind::kLecturerDoubleBooked;
    c.session_ids = {r.Int(0), r.Int(3)};
    c.resource_id = r.Int(7);
    c.message = "授课老师" + r.Str(8) + "：" + a_time + "“" + r.Str(1) + "”与另一培训班“" +
                class_names[other_class] + "”" + b_time + "“" + r.Str(5) + "”时间重叠";
    c.message_en = "lecturer " + r.Str(8) + ": \"" + r.Str(1) + "\" at " + a_time + " overlaps \"" +
                   r.Str(5) + "\" at " + b_time + " in another class (" + class_names[other_class] +
                   ")";
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<std::vector<SessionConflict>> SessionService::ConflictsIn(store::Tx& tx, int64_t class_id,
                                                                 int trainee_count) {
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass cls, classes::ClassService::GetIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<ClassSession> sessions, ListForClassIn(tx, class_id));
  std::vector<SessionConflict> all = MainPass(cls, sessions);
  PEIXUN_ASSIGN_OR_RETURN(auto at_sites, SitePass(tx, cls, sessions, trainee_count));
  PEIXUN_ASSIGN_OR_RETURN(auto elsewhere, OtherClassesPass(tx, cls));
  for (auto* part : {&at_sites, &elsewhere}) {
    all.insert(all.end(), std::make_move_iterator(part->begin()),
               std::make_move_iterator(part->end()));
  }
  // The finder's order (earliest session involved, then kind) across the passes.
  std::map<int64_t, int64_t> start_of;
  for (const auto& s : sessions) start_of[s.id] = s.start_ms;
  auto first_start = [&](const SessionConflict& c) {
    int64_t t = INT64_MAX;
    for (int64_t id : c.session_ids) {
      if (auto it = start_of.find(id); it != start_of.end()) t = std::min(t, it->second);
    }
    return t;
  };
  std::stable_sort(all.begin(), all.end(), [&](const SessionConflict& a, const SessionConflict& b) {
    const int64_t ta = first_start(a), tb = first_start(b);
    if (ta != tb) return ta < tb;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.session_ids < b.session_ids;
  });
  return all;
}

}  // namespace peixun::timetable
