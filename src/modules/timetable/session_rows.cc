#include "modules/timetable/internal/session_rows.h"

#include <map>

#include "core/credit_hours.h"
#include "modules/classes/class_service.h"

namespace peixun::timetable {
namespace {

std::string Placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

}  // namespace

Result<std::vector<ClassSession>> LoadSessionsIn(store::Tx& tx, const std::string& where,
                                                 const std::vector<store::Value>& params) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT s.id, s.class_id, s.kind, s.title, s.start_ms, s.end_ms, s.room_id, "
               "r.name, s.lecturer_id, l.name, l.title, s.hours_tenths, s.requires_checkout, "
               "s.description, s.created_at, s.updated_at FROM class_sessions s "
               "LEFT JOIN class_rooms r ON r.id = s.room_id "
               "LEFT JOIN lecturers l ON l.id = s.lecturer_id WHERE " +
                   where + " ORDER BY s.start_ms, s.id",
               params));
  std::vector<ClassSession> out;
  std::map<int64_t, ClassSession*> by_id;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    ClassSession s;
    s.id = r.Int(0);
    s.class_id = r.Int(1);
    s.kind = ParseSessionKind(r.Str(2)).value_or(SessionKind::kLecture);
    s.title = r.Str(3);
    s.start_ms = r.Int(4);
    s.end_ms = r.Int(5);
    s.room_id = r.OptInt(6);
    s.room_name = r.Str(7);
    s.lecturer_id = r.OptInt(8);
    s.lecturer_name = r.Str(9);
    s.lecturer_title = r.Str(10);
    if (!r.IsNull(11)) s.explicit_tenths = static_cast<int>(r.Int(11));
    s.requires_checkout = r.Int(12) != 0;
    s.description = r.Str(13);
    s.created_at = r.Int(14);
    s.updated_at = r.Int(15);
    out.push_back(std::move(s));
  }
  if (out.empty()) return out;
  for (auto& s : out) by_id[s.id] = &s;

  std::vector<store::Value> ids;
  for (const auto& s : out) ids.push_back(store::Int(s.id));
  const std::string in_list = "(" + Placeholders(ids.size()) + ")";
  PEIXUN_ASSIGN_OR_RETURN(store::Rows site_rows,
                          tx.Query("SELECT ss.session_id, st.id, st.name FROM session_sites ss "
                                   "JOIN sites st ON st.id = ss.site_id WHERE ss.session_id IN " +
                                       in_list + " ORDER BY ss.session_id, st.id",
                                   ids));
  for (const auto& r : site_rows) by_id[r.Int(0)]->sites.push_back({r.Int(1), r.Str(2)});
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows group_rows,
      tx.Query("SELECT session_id, group_id FROM session_groups WHERE session_id IN " + in_list +
                   " ORDER BY session_id, group_id",
               ids));
  for (const auto& r : group_rows) by_id[r.Int(0)]->group_ids.push_back(r.Int(1));

  // The class decides the zone and the 学时 rule.
  std::map<int64_t, classes::TrainingClass> classes_by_id;
  for (auto& s : out) {
    auto it = classes_by_id.find(s.class_id);
    if (it == classes_by_id.end()) {
      PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass cls,
                              classes::ClassService::GetIn(tx, s.class_id));
      it = classes_by_id.emplace(s.class_id, std::move(cls)).first;
    }
    s.utc_offset_minutes = it->second.utc_offset_minutes;
    s.credit_tenths = core::SessionCreditTenths(s.explicit_tenths, s.start_ms, s.end_ms,
                                                classes::CreditRuleOf(it->second.rules));
  }
  return out;
}

}  // namespace peixun::timetable
