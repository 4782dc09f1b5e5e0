// Routes of the timetable's files: 日程表 (PDF, xlsx), a trainee's calendar feed,
// a session's 签到表 and 座次表.
#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "io/pdf_layouts.h"
#include "io/table_transfer.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/timetable/ical.h"
#include "modules/timetable/internal/timetable_route_support.h"
#include "modules/timetable/internal/trainee_calendar.h"
#include "modules/timetable/room_service.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/timetable_exports.h"
#include "modules/timetable/timetable_prints.h"
#include "modules/timetable/timetable_routes.h"

namespace peixun::timetable {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

constexpr char kPdf[] = "application/pdf";
constexpr char kCalendar[] = "text/calendar; charset=utf-8";

// Who prints a session's trainee sheets: they list every trainee of the class.
const Access kSheetReaders = Access::Roles(
    {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLecturer, Role::kLogistics});

json FileDoc(const std::string& summary, const std::string& media_type,
             json parameters = json::array()) {
  return api::OperationDoc(
      "timetable", summary,
      {{"parameters", std::move(parameters)},
       {"responses", {{"200", api::FileResponseDoc("the file", media_type)}}}});
}

}  // namespace

void RegisterTimetableExportRoutes(api::Router& router, store::Store& store,
                                   const classes::ClassHooks& class_hooks,
                                   const TimetableHooks& hooks) {
  const auto enrolled = class_hooks.enrolled_class_ids;
  auto prints = std::make_shared<TimetablePrints>(store, enrolled, hooks);

  router.Get("/api/v1/classes/{id}/timetable.pdf", Access::AnyUser(),
             FileDoc("打印课程表（A4 PDF）", kPdf), [prints](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t class_id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(PrintedFile f, prints->TimetablePdf(*c.principal, class_id));
               return api::Download(std::move(f.bytes), kPdf, f.filename);
             });

  router.Get("/api/v1/classes/{id}/timetable.xlsx", Access::AnyUser(),
             FileDoc("导出课程表（xlsx）",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
             [prints](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t class_id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(PrintedFile f,
                                       prints->TimetableXlsx(*c.principal, class_id));
               return api::Download(std::move(f.bytes), io::ContentTypeOf("xlsx"), f.filename);
             });

  router.Get(
      "/api/v1/classes/{id}/calendar.ics", Access::AnyUser(),
      FileDoc("学员课程日历（iCalendar）：全班课程及本人所在分组的课程。学员只能取本人的；"
              "其他人不带 person_id 时得到全部课程",
              kCalendar,
              json::array(
                  {{{"name", "person_id"}, {"in", "query"}, {"schema", {{"type", "integer"}}}}})),
      [&store, enrolled, hooks](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t class_id, api::IdParam(c));
        std::optional<int64_t> person_id;
        if (auto p = c.request.Query("person_id")) {
          PEIXUN_ASSIGN_OR_RETURN(person_id, api::ParseId(*p, "person_id"));
        }
        PEIXUN_ASSIGN_OR_RETURN(std::string ics, TraineeCalendarIcs(store, *c.principal, class_id,
                                                                    person_id, enrolled, hooks));
        return api::Download(std::move(ics), kCalendar,
                             "class-" + std::to_string(class_id) + ".ics");
      });

  router.Get("/api/v1/sessions/{id}/sign-in-sheet.pdf", kSheetReaders,
             FileDoc("打印签到表（学员按姓氏笔画排序）", kPdf),
             [prints](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(PrintedFile f, prints->SignInSheetPdf(*c.principal, id));
               return api::Download(std::move(f.bytes), kPdf, f.filename);
             });

  router.Get("/api/v1/sessions/{id}/seating.pdf", kSheetReaders,
             FileDoc("打印座次表（按教室排数 × 每排座位数，学员按姓氏笔画依次就座）", kPdf),
             [prints](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(PrintedFile f, prints->SeatingChartPdf(*c.principal, id));
               return api::Download(std::move(f.bytes), kPdf, f.filename);
             });
}

}  // namespace peixun::timetable
