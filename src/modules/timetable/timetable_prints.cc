#include "modules/timetable/timetable_prints.h"

#include <optional>
#include <vector>

#include "core/role_guard.h"
#include "io/pdf_layouts.h"
#include "io/table_transfer.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/timetable/room_service.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/timetable_exports.h"

namespace peixun::timetable {
namespace {

struct Loaded {
  classes::TrainingClass cls;
  std::vector<ClassSession> sessions;
};

Result<Loaded> LoadClassTimetable(store::Store& store, int64_t class_id) {
  return store::ReadValue<Loaded>(store, [&](store::Tx& tx) -> Result<Loaded> {
    Loaded out;
    PEIXUN_ASSIGN_OR_RETURN(out.cls, classes::ClassService::GetIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(out.sessions, SessionService::ListForClassIn(tx, class_id));
    return out;
  });
}

struct LoadedSession {
  classes::TrainingClass cls;
  ClassSession session;
  std::optional<ClassRoom> room;
};

// The session, its class and room, once `who` (a sheet reader) may read the class.
Result<LoadedSession> LoadSessionFor(store::Store& store, const Principal& who,
                                     int64_t session_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher,
                                           Role::kLecturer, Role::kLogistics}));
  return store::ReadValue<LoadedSession>(store, [&](store::Tx& tx) -> Result<LoadedSession> {
    LoadedSession out;
    PEIXUN_ASSIGN_OR_RETURN(out.session, SessionService::GetIn(tx, session_id));
    PEIXUN_RETURN_IF_ERROR(classes::CheckClassAccessIn(tx, who, out.session.class_id,
                                                       classes::ClassNeed::kRead, false));
    PEIXUN_ASSIGN_OR_RETURN(out.cls, classes::ClassService::GetIn(tx, out.session.class_id));
    if (out.session.room_id) {
      PEIXUN_ASSIGN_OR_RETURN(out.room, RoomService::GetIn(tx, *out.session.room_id));
    }
    return out;
  });
}

std::vector<SheetRow> TraineesOf(const TimetableHooks& hooks, const LoadedSession& s) {
  std::vector<SheetRow> rows;
  if (hooks.sheet_rows) rows = hooks.sheet_rows(s.cls.id, s.session.group_ids);
  return SortedByStroke(std::move(rows));
}

}  // namespace

Result<PrintedFile> TimetablePrints::TimetablePdf(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(
      classes::CheckClassAccess(store_, who, class_id, classes::ClassNeed::kRead, enrolled_));
  PEIXUN_ASSIGN_OR_RETURN(Loaded t, LoadClassTimetable(store_, class_id));
  const std::vector<int64_t> groups =
      hooks_.class_group_ids ? hooks_.class_group_ids(class_id) : std::vector<int64_t>{};
  PEIXUN_ASSIGN_OR_RETURN(std::string pdf,
                          io::TimetablePdf(TimetableDocOf(t.cls, t.sessions, groups)));
  return PrintedFile{std::move(pdf), t.cls.name + "课程表.pdf"};
}

Result<PrintedFile> TimetablePrints::TimetableXlsx(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(
      classes::CheckClassAccess(store_, who, class_id, classes::ClassNeed::kRead, enrolled_));
  PEIXUN_ASSIGN_OR_RETURN(Loaded t, LoadClassTimetable(store_, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::string bytes,
                          io::TableToBytes(TimetableTableOf(TimetableDocOf(t.cls, t.sessions)),
                                           "xlsx", "课程表", {.number_headers = {"学时"}}));
  return PrintedFile{std::move(bytes), t.cls.name + "课程表.xlsx"};
}

Result<PrintedFile> TimetablePrints::SignInSheetPdf(const Principal& who, int64_t session_id) {
  PEIXUN_ASSIGN_OR_RETURN(LoadedSession s, LoadSessionFor(store_, who, session_id));
  PEIXUN_ASSIGN_OR_RETURN(std::string pdf,
                          io::SignInSheetPdf(SignInDocOf(s.cls, s.session, TraineesOf(hooks_, s))));
  return PrintedFile{std::move(pdf), s.session.title + "签到表.pdf"};
}

Result<PrintedFile> TimetablePrints::SeatingChartPdf(const Principal& who, int64_t session_id) {
  PEIXUN_ASSIGN_OR_RETURN(LoadedSession s, LoadSessionFor(store_, who, session_id));
  PEIXUN_ASSIGN_OR_RETURN(io::SeatingDoc doc,
                          SeatingDocOf(s.cls, s.session, s.room, TraineesOf(hooks_, s)));
  PEIXUN_ASSIGN_OR_RETURN(std::string pdf, io::SeatingChartPdf(doc));
  return PrintedFile{std::move(pdf), s.session.title + "座次表.pdf"};
}

}  // namespace peixun::timetable
