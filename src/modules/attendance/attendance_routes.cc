#include "modules/attendance/attendance_routes.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "api/deferred.h"
#include "api/import_report_json.h"
#include "api/json_input.h"
#include "api/openapi.h"
#include "core/local_time.h"
#include "io/heap_trim.h"
#include "io/qr_code.h"
#include "io/table_transfer.h"
#include "modules/attendance/attendance_json.h"
#include "modules/attendance/attendance_reports.h"
#include "modules/attendance/attendance_schemas.h"
#include "modules/attendance/internal/leave_routes.h"
#include "modules/attendance/internal/venue_routes.h"
#include "modules/attendance/my_attendance.h"
#include "modules/attendance/paper_import.h"
#include "modules/attendance/route_docs.h"
#include "modules/auth/cookies.h"

namespace peixun::attendance {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

using namespace routes;  // NOLINT(google-build-using-namespace): the module's route helpers

Result<std::optional<core::CheckinDirection>> DirectionField(api::JsonInput& in) {
  if (!in.Has("direction")) return std::optional<core::CheckinDirection>();
  std::string d = in.Str("direction", api::kOptional, 10);
  if (d.empty()) return std::optional<core::CheckinDirection>();
  auto dir = core::ParseCheckinDirection(d);
  if (!dir) {
    return Invalid("attendance.direction", "direction 应为 in 或 out",
                   "direction must be in or out", "direction");
  }
  return dir;
}

// `path` as an absolute URL on the host the request came to; the path alone when
// the request has no usable Host header.
std::string AbsoluteUrl(const api::Request& request, const std::string& path) {
  const std::string host = request.Header("host");
  const bool host_ok =
      !host.empty() && host.size() <= 255 &&
      std::all_of(host.begin(), host.end(), [](unsigned char ch) {
        return std::isalnum(ch) || ch == '.' || ch == '-' || ch == ':' || ch == '[' || ch == ']';
      });
  if (!host_ok) return path;
  // `secure`: https, or X-Forwarded-Proto https from a trusted proxy (core/forwarded.h);
  // the header itself is not read here, a client could forge it.
  return (request.secure ? "https://" : "http://") + host + path;
}

// The check-in answer comes after the writer's commit, off the worker thread
// (api/deferred.h): a burst waits on commits, not on worker threads.
api::Response AnswerLater(CheckinService& checkins, const CheckinRequest& req,
                          const std::string& lang) {
  auto deferred = std::make_shared<api::Deferred>();
  checkins.CheckInAsync(req, [deferred, lang](Result<CheckinResult> r) {
    if (!r) return deferred->Complete(api::ErrorResponse(r.error(), lang));
    api::Response answer;
    answer.body = CheckinResultText(*r, lang);  // no JSON tree on the hot path
    deferred->Complete(std::move(answer));
  });
  return api::Deferred::Later(deferred);
}

void RegisterCheckinRoutes(api::Router& router, const AttendanceServices& s) {
  auto checkins = s.checkins;
  auto live = s.live;

  router.Get(
      "/api/v1/sessions/{id}/qr", kManagers,
      Doc("投屏签到二维码（每周期更换）与签到人数、未到名单",
          {{"parameters", {QueryParam("direction", {{"type", "string"}, {"enum", {"in", "out"}}})}},
           {"responses",
            {{"200", api::JsonResponseDoc("the code and who is missing", ProjectorQrSchema())}}}}),
      [checkins](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        auto dir = core::ParseCheckinDirection(c.request.Query("direction").value_or("in"));
        if (!dir) {
          return Invalid("attendance.direction", "direction 应为 in 或 out",
                         "direction must be in or out", "direction");
        }
        PEIXUN_ASSIGN_OR_RETURN(ProjectorView v, checkins->Projector(*c.principal, id, *dir));
        // A phone's camera opens what the code says: the whole address, as the
        // projector's browser reached this server (Host; https per api::Request::secure).
        const std::string absolute_url = AbsoluteUrl(c.request, v.url);
        PEIXUN_ASSIGN_OR_RETURN(io::QrMatrix qr, io::EncodeQr(absolute_url));
        json missing = json::array();
        for (const auto& m : v.missing) {
          missing.push_back({{"unit_id", m.unit_id ? json(*m.unit_id) : json(nullptr)},
                             {"unit_name", m.unit_name},
                             {"names", m.names}});
        }
        return api::Json({{"session_id", v.session_id},
                          {"direction", core::CheckinDirectionCode(*dir)},
                          {"token", v.token},
                          {"url", v.url},
                          {"absolute_url", absolute_url},
                          {"svg", io::QrSvg(qr)},
                          {"period_seconds", v.period_seconds},
                          {"seconds_left", v.seconds_left},
                          {"counts", CountsJson(v.counts, c.lang)},
                          {"missing", missing}});
      });

  router.Get(
      "/api/v1/sessions/{id}/live", kManagers,
      Doc("签到实时推送（text/event-stream：event: checkin）",
          {{"responses",
            {{"200",
              {{"description", "server-sent events"},
               {"content", {{"text/event-stream", {{"schema", {{"type", "string"}}}}}}}}}}}}),
      [checkins, live](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(Counts counts, checkins->CountsOf(*c.principal, id));
        auto sub = live->Subscribe(id);
        auto first = std::make_shared<std::string>(
            "retry: 2000\nevent: counts\ndata: " +
            json{{"session_id", id}, {"counts", CountsJson(counts)}}.dump() + "\n\n");
        api::Response r;
        r.content_type = "text/event-stream; charset=utf-8";
        r.poll_events = [sub, first]() -> std::optional<std::string> {
          if (!first->empty()) {
            std::string out = std::move(*first);
            first->clear();
            return out + sub->Poll().value_or("");
          }
          return sub->Poll();
        };
        return r;
      });

  router.Post("/api/v1/checkin", kTrainees,
              Doc("学员扫码签到/签退（幂等）",
                  {{"requestBody", api::JsonBodyDoc(CheckinInputSchema())},
                   {"responses",
                    {{"200", api::JsonResponseDoc("the answer, with what it means",
                                                  CheckinAnswerSchema())}}}}),
              [checkins](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                CheckinRequest req;
                // A location the phone sent must be one: a bad value is refused, not dropped,
                // or the geofence flag would be skipped without a word.
                req.lat = in.OptNumber("lat", api::kOptional, -90, 90);
                req.lng = in.OptNumber("lng", api::kOptional, -180, 180);
                req.source = CheckinSource::kQr;
                req.token = in.Str("token", api::kRequired, 100);
                req.idempotency_key = in.Str("idempotency_key", api::kRequired, 128);
                req.session_id = in.OptInt("session_id");
                PEIXUN_ASSIGN_OR_RETURN(req.direction, DirectionField(in));
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                if (req.lat.has_value() != req.lng.has_value()) {
                  return Invalid("request.required", "位置需同时提供 lat 与 lng",
                                 "lat and lng must be given together", req.lat ? "lng" : "lat");
                }
                req.trainee = c.principal;  // the service checks and takes the person
                req.user_id = c.principal->user_id;
                req.device_id = c.request.Cookie(auth::kDeviceCookie);
                req.remote_address = c.request.remote_address;
                return AnswerLater(*checkins, req, c.lang);
              });

  router.Post("/api/v1/kiosk/scan", kManagers,
              Doc("签到机扫描胸牌（可离线补传，保留设备时间）",
                  {{"requestBody", api::JsonBodyDoc(KioskScanSchema())},
                   {"responses",
                    {{"200", api::JsonResponseDoc("the answer, with what it means",
                                                  CheckinAnswerSchema())}}}}),
              [checkins](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                CheckinRequest req;
                req.session_id = in.OptInt("session_id", api::kRequired);
                req.badge_token = in.Str("badge_token", api::kRequired, 200);
                req.idempotency_key = in.Str("idempotency_key", api::kRequired, 128);
                req.at_ms = in.OptInt("device_time_ms");
                const bool offline = in.Bool("offline", false);
                PEIXUN_ASSIGN_OR_RETURN(req.direction, DirectionField(in));
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                req.source = offline ? CheckinSource::kKioskOffline : CheckinSource::kKiosk;
                if (offline && !req.at_ms) {
                  return Invalid("request.required", "离线补传需要设备时间",
                                 "device_time_ms is required offline", "device_time_ms");
                }
                req.user_id = c.principal->user_id;
                req.manager = c.principal;
                return AnswerLater(*checkins, req, c.lang);
              });
}

void RegisterStatusRoutes(api::Router& router, const AttendanceServices& s) {
  auto att = s.attendance;
  auto checkins = s.checkins;

  router.Get("/api/v1/sessions/{id}/attendance", kManagers,
             Doc("本课程每位学员的考勤状态",
                 {{"responses",
                   {{"200", api::JsonResponseDoc("the session", SessionAttendanceSchema())}}}}),
             [att](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(SessionAttendance sa, att->ForSession(*c.principal, id));
               json items = json::array();
               for (const auto& r : sa.rows) {
                 items.push_back(AttendanceRowJson(r, sa.ctx.klass.utc_offset_minutes, c.lang));
               }
               Counts counts{sa.checked_in, static_cast<int>(sa.rows.size())};
               return api::Json({{"session",
                                  {{"id", sa.ctx.session.id},
                                   {"title", sa.ctx.session.title},
                                   {"start_ms", sa.ctx.session.start_ms},
                                   {"end_ms", sa.ctx.session.end_ms}}},
                                 {"counts", CountsJson(counts, c.lang)},
                                 {"items", items}});
             });

  router.Post(
      "/api/v1/sessions/{id}/corrections", kManagers,
      Doc("班主任更正考勤（须填原因，留痕）",
          {{"requestBody", api::JsonBodyDoc(CorrectionInputSchema())},
           {"responses", {{"201", api::JsonResponseDoc("the correction", CorrectionSchema())}}}}),
      [att](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        CorrectionInput ci;
        ci.person_id = in.OptInt("person_id", api::kRequired).value_or(0);
        const std::string status = in.Str("status", api::kRequired, 20);
        ci.late = in.Bool("late");
        ci.left_early = in.Bool("left_early");
        ci.left_midway = in.Bool("left_midway");
        ci.reason = in.Str("reason", api::kOptional, 500);  // the service names a missing one
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        if (status == "attended") {
          ci.status = core::AttendanceStatus::kAttended;
        } else if (status == "excused") {
          ci.status = core::AttendanceStatus::kExcused;
        } else if (status == "absent") {
          ci.status = core::AttendanceStatus::kAbsent;
        } else {
          return Invalid("attendance.correction.status", "状态应为 attended、excused 或 absent",
                         "status must be attended, excused or absent", "status");
        }
        PEIXUN_ASSIGN_OR_RETURN(CorrectionInfo info, att->Correct(*c.principal, id, ci));
        return api::Json({{"id", info.id},
                          {"session_id", info.session_id},
                          {"person_id", info.person_id},
                          {"status", info.status},
                          {"reason", info.reason},
                          {"by", info.by},
                          {"at_ms", info.at_ms}},
                         201);
      });

  router.Post(
      "/api/v1/sessions/{id}/spot-checks", kManagers,
      Doc("发起随机点名（默认 3 分钟内确认）",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema({{"minutes", {{"type", "integer"}}}}))},
           {"responses", {{"201", api::JsonResponseDoc("the spot check", SpotCheckSchema())}}}}),
      [att](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        std::optional<int64_t> minutes;
        if (!c.request.body.empty()) {
          PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
          minutes = in.OptInt("minutes");
          PEIXUN_RETURN_IF_ERROR(in.Finish());
        }
        std::optional<int> m;
        if (minutes) m = static_cast<int>(std::clamp<int64_t>(*minutes, -1, 1000));
        PEIXUN_ASSIGN_OR_RETURN(SpotCheckInfo info, att->OpenSpotCheck(*c.principal, id, m));
        return api::Json(SpotCheckJson(info), 201);
      });

  router.Get("/api/v1/sessions/{id}/spot-checks", kManagers,
             Doc("本课程的随机点名",
                 {{"responses",
                   {{"200", api::JsonResponseDoc("the spot checks",
                                                 api::ItemsSchema(SpotCheckSchema()))}}}}),
             [att](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto list, att->SpotChecks(*c.principal, id));
               json items = json::array();
               for (const auto& sc : list) items.push_back(SpotCheckJson(sc));
               return api::Json({{"items", items}});
             });

  router.Get("/api/v1/me/spot-checks", kTrainees,
             Doc("学员当前待确认的随机点名",
                 {{"responses",
                   {{"200", api::JsonResponseDoc("the open spot checks",
                                                 api::ItemsSchema(MySpotCheckSchema()))}}}}),
             [att](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(auto list, att->OpenSpotChecksFor(*c.principal));
               json items = json::array();
               for (const auto& o : list) {
                 items.push_back({{"id", o.info.id},
                                  {"session_id", o.info.session_id},
                                  {"session_title", o.session_title},
                                  {"class_id", o.class_id},
                                  {"opened_ms", o.info.opened_ms},
                                  {"closes_ms", o.info.closes_ms},
                                  {"confirmed", o.confirmed}});
               }
               return api::Json({{"items", items}});
             });
  router.Post("/api/v1/spot-checks/{id}/confirm", kTrainees,
              Doc("学员确认随机点名",
                  {{"responses",
                    {{"200", api::JsonResponseDoc("confirmed", SpotCheckConfirmationSchema())}}}}),
              [att](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(int64_t at, att->ConfirmSpotCheck(*c.principal, id));
                return api::Json({{"confirmed_at_ms", at}});
              });

  router.Get("/api/v1/classes/{id}/attendance/summary", kManagers,
             Doc("班级考勤汇总（按课程、单位、小组；学员结业风险）",
                 {{"responses",
                   {{"200", api::JsonResponseDoc("the summary", AttendanceSummarySchema())}}}}),
             [att](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(ClassAttendance ca, att->ForClass(*c.principal, id));
               return api::Json(ClassSummaryJson(ca, c.lang));
             });

  router.Get("/api/v1/classes/{id}/attendance.xlsx", kManagers,
             FileDoc("考勤明细表（xlsx）",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
             [att](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(io::Table t, att->ReportTable(*c.principal, id));
               PEIXUN_ASSIGN_OR_RETURN(std::string bytes, io::TableToBytes(t, "xlsx", "考勤"));
               return api::Download(std::move(bytes), io::ContentTypeOf("xlsx"), "考勤明细.xlsx");
             });

  router.Get(
      "/api/v1/classes/{id}/attendance.pdf", kManagers,
      FileDoc("考勤汇总（PDF）", "application/pdf"), [att](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(std::string pdf, AttendanceSummaryPdf(*att, *c.principal, id));
        return api::Download(std::move(pdf), "application/pdf", "考勤汇总.pdf");
      });

  router.Get("/api/v1/classes/{id}/attendance-notice.pdf", kManagers,
             FileDoc("每日考勤通报（PDF）", "application/pdf",
                     {QueryParam("date", {{"type", "string"}, {"format", "date"}}, true)}),
             [att](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               const std::string date = c.request.Query("date").value_or("");
               PEIXUN_ASSIGN_OR_RETURN(std::string pdf,
                                       AttendanceNoticePdf(*att, *c.principal, id, date));
               return api::Download(std::move(pdf), "application/pdf", "考勤通报-" + date + ".pdf");
             });

  router.Get(
      "/api/v1/me/attendance", kTrainees,
      Doc("学员本人的考勤与结业进度",
          {{"parameters", {QueryParam("class_id", {{"type", "integer"}}, true)}},
           {"responses",
            {{"200", api::JsonResponseDoc("the rows and the verdict", MyAttendanceSchema())}}}}),
      [att](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t class_id,
                                api::ParseId(c.request.Query("class_id").value_or(""), "class_id"));
        PEIXUN_ASSIGN_OR_RETURN(ClassAttendance ca, MyAttendance(*att, *c.principal, class_id));
        json items = json::array();
        for (const auto& sa : ca.sessions) {
          for (const auto& r : sa.rows) {
            json j = AttendanceRowJson(r, ca.klass.utc_offset_minutes, c.lang);
            j["session_id"] = sa.ctx.session.id;
            j["title"] = sa.ctx.session.title;
            j["start"] = core::FormatLocalDateTime(sa.ctx.session.start_ms,
                                                   ca.klass.utc_offset_minutes, ' ');
            items.push_back(j);
          }
        }
        json summary = ClassSummaryJson(ca, c.lang);
        json completion = summary["trainees"].empty() ? json(nullptr) : summary["trainees"][0];
        return api::Json({{"items", items}, {"completion", completion}});
      });

  router.Post(
      "/api/v1/classes/{id}/attendance/paper", kManagers,
      Doc("导入纸质签到表（xlsx/csv：姓名、课程、签到时间、签退时间）",
          {{"parameters", api::UploadParameters()},
           {"requestBody", api::UploadBodyDoc()},
           {"responses",
            {{"200", api::JsonResponseDoc("the import report", api::ImportReportSchema())}}}}),
      [checkins](Call& c) -> Result<api::Response> {
        io::TrimHeapAtExit trim;  // after the table and the report are freed
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        const std::string filename = c.request.Query("filename").value_or("");
        const bool dry_run = c.request.Query("dry_run").value_or("0") == "1";
        PEIXUN_ASSIGN_OR_RETURN(
            ImportReport report,
            ImportPaperSheet(*checkins, *c.principal, id, c.request.body, filename, dry_run));
        return api::Json(api::ImportReportToJson(report, c.lang));
      });
}

}  // namespace

AttendanceServices::AttendanceServices(store::Store& store, const crypto::DataKey& key,
                                       std::function<int64_t()> now_ms)
    : live(std::make_shared<LiveFeed>()),
      checkins(std::make_shared<CheckinService>(store, key, now_ms)),
      attendance(std::make_shared<AttendanceService>(store, now_ms)),
      leave(std::make_shared<LeaveService>(store, now_ms)),
      venue(std::make_shared<VenueService>(store, now_ms)) {
  std::weak_ptr<LiveFeed> feed = live;
  // The other instances hear of a check-in from a notification sent in the
  // transaction that records it (so a kill -9 after the commit loses no event);
  // this instance's subscribers get it after the commit.
  checkins->SetNotice(
      LiveFeed::kChannel, [feed](const CheckinResult& r) -> std::optional<std::string> {
        auto f = feed.lock();
        if (!f) return std::nullopt;
        return f->NotificationFor(r.session_id, "checkin", CheckinEventData(r, "zh-CN"));
      });
  checkins->SetListener([feed](const CheckinResult& r) {
    if (auto f = feed.lock()) f->PublishHere(r.session_id, "checkin", CheckinEventData(r, "zh-CN"));
  });
  // A check-in recorded by another instance counts here at once.
  std::weak_ptr<CheckinService> service = checkins;
  live->SetRemoteListener(
      [service](int64_t session_id, const std::string& event, const std::string& data) {
        auto svc = service.lock();
        json j = json::parse(data, nullptr, false);
        if (svc && event == "checkin" && j.is_object() &&
            core::ParseCheckinDirection(j.value("direction", "")) == core::CheckinDirection::kIn &&
            j.contains("person_id") && j["person_id"].is_number_integer()) {
          svc->NoteCheckin(session_id, j["person_id"].get<int64_t>());
        }
      });
}

void RegisterAttendanceRoutes(api::Router& router, const AttendanceServices& services) {
  RegisterCheckinRoutes(router, services);
  RegisterStatusRoutes(router, services);
  RegisterLeaveRoutes(router, services.leave);
  RegisterVenueRoutes(router, services.venue);
}

}  // namespace peixun::attendance
