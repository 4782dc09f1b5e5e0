#include "modules/records/records_routes.h"

#include <charconv>
#include <string>

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "core/clock.h"
#include "crypto/base64.h"
#include "io/table_transfer.h"
#include "modules/records/hours_settings.h"
#include "modules/records/internal/records_common.h"
#include "modules/records/records_json.h"

namespace peixun::records {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kRecordReaders = Access::Roles(
    {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison, Role::kTrainee});
const Access kEnterers =
    Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kLiaison, Role::kTrainee});
const Access kApprovers = Access::Roles({Role::kAdmin, Role::kOrganizer});
const Access kStaff = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher,
                                     Role::kLiaison, Role::kLecturer, Role::kLogistics});
const Access kLedgerReaders = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kLiaison});

constexpr char kXlsx[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

json Doc(const std::string& summary, json extra = json::object()) {
  return api::OperationDoc("records", summary, std::move(extra));
}

json YearParam() { return api::QueryParam("year", {{"type", "integer"}, {"minimum", 1990}}, true); }
json UnitParam() { return api::QueryParam("unit_id", {{"type", "integer"}}); }

// ?year, this year (China's date) when absent.
Result<int> YearOf(const Call& c, const LedgerService& ledger) {
  const auto query = c.request.Query("year");
  if (!query || query->empty()) return ledger.CurrentYear();
  const std::string& text = *query;
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Invalid("records.year.range", "年度须为数字（如 2025）：" + text,
                   "the year must be a number (e.g. 2025): " + text, "year");
  }
  return year;
}

Result<std::optional<int64_t>> UnitOf(const Call& c) {
  auto text = c.request.Query("unit_id");
  if (!text || text->empty()) return std::optional<int64_t>();
  PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::ParseId(*text, "unit_id"));
  return std::optional<int64_t>(id);
}

json OutsideBodySchema() {
  return api::ObjectSchema(
      {{"kind", {{"type", "string"}, {"enum", {"class", "online"}}}},
       {"title", {{"type", "string"}, {"maxLength", 200}}},
       {"provider", {{"type", "string"}, {"maxLength", 200}}},
       {"start_date", {{"type", "string"}, {"format", "date"}}},
       {"end_date", {{"type", "string"}, {"format", "date"}}},
       {"hours", {{"type", "string"}, {"description", "学时, e.g. \"2.5\"; or days"}}},
       {"days", {{"type", "integer"}, {"minimum", 0}}},
       {"half_days", {{"type", "integer"}, {"minimum", 0}}},
       {"proof_name", {{"type", "string"}}},
       {"proof_base64",
        {{"type", "string"}, {"description", "the proof file (PDF, PNG or JPEG), base64"}}}},
      {"title", "start_date", "end_date", "proof_base64"});
}

json TargetsBodySchema() {
  // The body takes any subset; the reply is the whole set.
  return api::ObjectSchema({{"township_year_hours", {{"type", "number"}}},
                            {"township_year_days", {{"type", "integer"}}},
                            {"county_window_hours", {{"type", "number"}}},
                            {"county_window_days", {{"type", "integer"}}},
                            {"county_window_years", {{"type", "integer"}}},
                            {"party_member_year_hours", {{"type", "number"}}},
                            {"secretary_year_hours", {{"type", "number"}}},
                            {"hours_per_day", {{"type", "number"}}},
                            {"hours_per_half_day", {{"type", "number"}}},
                            {"carry_over", {{"type", "boolean"}}},
                            {"promotion_grace_years", {{"type", "integer"}}}});
}

std::string YearFile(int year, const std::string& what, const std::string& ext) {
  return std::to_string(year) + "年" + what + "." + ext;
}

}  // namespace

void RegisterRecordsRoutes(api::Router& router, std::shared_ptr<RecordService> records,
                           std::shared_ptr<LedgerService> ledger) {
  const json record_response = api::JsonResponseDoc("the training record", PersonRecordSchema());
  const json outside_response = api::JsonResponseDoc("the outside hours entry", OutsideSchema());
  const json targets_response = api::JsonResponseDoc("the 学时 targets", TargetsSchema());

  router.Get("/api/v1/people/{id}/record", kRecordReaders,
             Doc("培训档案：历次培训（日期、学时、结业、考试成绩、证书编号、优秀学员）、"
                 "校外学时与近五年达标情况",
                 {{"responses", {{"200", record_response}}}}),
             [records](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(PersonRecord r, records->Record(*c.principal, id));
               return api::Json(PersonRecordJson(r));
             });

  router.Get("/api/v1/me/record", Access::AnyUser(),
             Doc("我的培训档案（学员手机端）", {{"responses", {{"200", record_response}}}}),
             [records](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(PersonRecord r, records->MyRecord(*c.principal));
               return api::Json(PersonRecordJson(r));
             });

  router.Post("/api/v1/people/{id}/outside-hours", kEnterers,
              Doc("登记校外学时（外单位培训班、网络学习），须附证明材料，待组织部审核",
                  {{"requestBody", api::JsonBodyDoc(OutsideBodySchema())},
                   {"responses", {{"201", outside_response}}}}),
              [records](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                OutsideInput input;
                input.person_id = id;
                input.kind = in.Str("kind", api::kOptional, 20);
                input.title = in.Str("title", api::kOptional, 1000);
                input.provider = in.Str("provider", api::kOptional, 1000);
                input.start_date = in.Str("start_date", api::kOptional, 30);
                input.end_date = in.Str("end_date", api::kOptional, 30);
                input.hours = in.Str("hours", api::kOptional, 20);
                auto days = in.OptInt("days");
                auto half_days = in.OptInt("half_days");
                input.proof_name = in.Str("proof_name", api::kOptional, 200);
                const std::string proof = in.Str("proof_base64", api::kOptional, 8 * 1024 * 1024);
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                input.days = days ? static_cast<int>(std::clamp<int64_t>(*days, 0, 100000)) : 0;
                input.half_days =
                    half_days ? static_cast<int>(std::clamp<int64_t>(*half_days, 0, 100000)) : 0;
                auto bytes = crypto::Base64Decode(proof);
                if (!bytes) {
                  return Invalid("records.outside.proof", "证明材料不是有效的 base64",
                                 "the proof is not valid base64", "proof");
                }
                input.proof = std::move(*bytes);
                PEIXUN_ASSIGN_OR_RETURN(OutsideEntry e, records->AddOutside(*c.principal, input));
                return api::Json(OutsideJson(e), 201);
              });

  router.Get("/api/v1/records/outside-hours/pending", kApprovers,
             Doc("待审核的校外学时",
                 {{"responses",
                   {{"200", api::JsonResponseDoc("pending entries",
                                                 api::ItemsSchema(OutsideSchema()))}}}}),
             [records](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(auto items, records->PendingOutside(*c.principal));
               json out = json::array();
               for (const auto& e : items) out.push_back(OutsideJson(e));
               return api::Json({{"items", out}});
             });

  router.Post("/api/v1/records/outside-hours/{id}/approve", kApprovers,
              Doc("审核通过校外学时", {{"responses", {{"200", outside_response}}}}),
              [records](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(OutsideEntry e,
                                        records->DecideOutside(*c.principal, id, true, ""));
                return api::Json(OutsideJson(e));
              });

  router.Post("/api/v1/records/outside-hours/{id}/reject", kApprovers,
              Doc("退回校外学时（须填写理由）",
                  {{"requestBody",
                    api::JsonBodyDoc(api::ObjectSchema(
                        {{"reason", {{"type", "string"}, {"maxLength", 500}}}}, {"reason"}))},
                   {"responses", {{"200", outside_response}}}}),
              [records](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                const std::string reason = in.Str("reason", api::kOptional, 2000);
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                PEIXUN_ASSIGN_OR_RETURN(OutsideEntry e,
                                        records->DecideOutside(*c.principal, id, false, reason));
                return api::Json(OutsideJson(e));
              });

  router.Get(
      "/api/v1/records/outside-hours/{id}/proof", kRecordReaders,
      Doc("校外学时的证明材料", {{"responses",
                                  {{"200", api::FileResponseDoc("the proof (PDF, PNG or JPEG)",
                                                                "application/octet-stream")}}}}),
      [records](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(RecordService::Proof p, records->OutsideProof(*c.principal, id));
        const std::string type = p.kind == "pdf"   ? "application/pdf"
                                 : p.kind == "png" ? "image/png"
                                                   : "image/jpeg";
        return api::Download(std::move(p.bytes), type, p.name);
      });

  router.Put("/api/v1/people/{id}/promotion", kApprovers,
             Doc("登记提任县处级的日期（未达 5 年学时要求者须在提任后一年内完成）",
                 {{"requestBody",
                   api::JsonBodyDoc(api::ObjectSchema(
                       {{"promoted_on",
                         {{"type", "string"}, {"description", "YYYY-MM-DD; empty clears it"}}}},
                       {"promoted_on"}))},
                  {"responses", {{"200", record_response}}}}),
             [records](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
               const std::string date = in.Str("promoted_on", api::kOptional, 30);
               PEIXUN_RETURN_IF_ERROR(in.Finish());
               PEIXUN_RETURN_IF_ERROR(records->SetPromotion(*c.principal, id, date));
               PEIXUN_ASSIGN_OR_RETURN(PersonRecord r, records->Record(*c.principal, id));
               return api::Json(PersonRecordJson(r));
             });

  router.Get("/api/v1/records/targets", kStaff,
             Doc("学时目标设置（按职级、身份；天数折算；是否结转）",
                 {{"responses", {{"200", targets_response}}}}),
             [records](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules r, records->Targets(*c.principal));
               return api::Json(TargetRulesJson(r));
             });

  router.Put(
      "/api/v1/records/targets", kApprovers,
      Doc("修改学时目标设置（未给出的项保持不变）",
          {{"requestBody", api::JsonBodyDoc(TargetsBodySchema())},
           {"responses", {{"200", targets_response}}}}),
      [records](Call& c) -> Result<api::Response> {
        json body = json::parse(c.request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) {
          return Invalid("request.json", "请求体不是 JSON 对象", "the body is not a JSON object",
                         "");
        }
        PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules current, records->Targets(*c.principal));
        PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules r, TargetRulesFromJson(body, current));
        PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules out, records->SetTargets(*c.principal, r));
        return api::Json(TargetRulesJson(out));
      });

  const json ledger_params = json::array({YearParam(), UnitParam()});
  router.Get("/api/v1/ledger", kLedgerReaders,
             Doc("学时台账：某单位（含下级）某年度每人的学时、目标、差额与近五年趋势，"
                 "未达标者在前",
                 {{"parameters", ledger_params},
                  {"responses",
                   {{"200", api::JsonResponseDoc("the unit's ledger", UnitLedgerSchema())}}}}),
             [ledger](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int year, YearOf(c, *ledger));
               PEIXUN_ASSIGN_OR_RETURN(auto unit, UnitOf(c));
               PEIXUN_ASSIGN_OR_RETURN(UnitLedger l, ledger->ForUnit(*c.principal, unit, year));
               return api::Json(UnitLedgerJson(l));
             });

  router.Get(
      "/api/v1/ledger.xlsx", kLedgerReaders,
      Doc("学时台账（xlsx）", {{"parameters", ledger_params},
                               {"responses", {{"200", api::FileResponseDoc("xlsx", kXlsx)}}}}),
      [ledger](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int year, YearOf(c, *ledger));
        PEIXUN_ASSIGN_OR_RETURN(auto unit, UnitOf(c));
        PEIXUN_ASSIGN_OR_RETURN(io::Table t,
                                ledger->UnitTable(*c.principal, unit, year, c.request.lang));
        io::DownloadOptions opt;
        opt.number_headers = {"序号", "No."};
        PEIXUN_ASSIGN_OR_RETURN(std::string bytes, io::TableToBytes(t, "xlsx", "学时台账", opt));
        return api::Download(std::move(bytes), kXlsx, YearFile(year, "学时台账", "xlsx"));
      });

  router.Get("/api/v1/ledger.pdf", kLedgerReaders,
             Doc("学时台账（PDF）",
                 {{"parameters", ledger_params},
                  {"responses", {{"200", api::FileResponseDoc("PDF", "application/pdf")}}}}),
             [ledger](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int year, YearOf(c, *ledger));
               PEIXUN_ASSIGN_OR_RETURN(auto unit, UnitOf(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string pdf, ledger->UnitPdf(*c.principal, unit, year));
               return api::Download(std::move(pdf), "application/pdf",
                                    YearFile(year, "学时台账", "pdf"));
             });

  router.Get("/api/v1/ledger/district", kApprovers,
             Doc("全区学时达标情况：各单位人数、未达标人数、达标率（低者在前）",
                 {{"parameters", json::array({YearParam()})},
                  {"responses",
                   {{"200", api::JsonResponseDoc("units by compliance", DistrictSchema())}}}}),
             [ledger](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int year, YearOf(c, *ledger));
               PEIXUN_ASSIGN_OR_RETURN(DistrictSummary d, ledger->District(*c.principal, year));
               return api::Json(DistrictJson(d));
             });

  router.Get("/api/v1/ledger/district.xlsx", kApprovers,
             Doc("全区学时达标情况（xlsx）",
                 {{"parameters", json::array({YearParam()})},
                  {"responses", {{"200", api::FileResponseDoc("xlsx", kXlsx)}}}}),
             [ledger](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int year, YearOf(c, *ledger));
               PEIXUN_ASSIGN_OR_RETURN(io::Table t,
                                       ledger->DistrictTable(*c.principal, year, c.request.lang));
               PEIXUN_ASSIGN_OR_RETURN(std::string bytes, io::TableToBytes(t, "xlsx", "达标情况"));
               return api::Download(std::move(bytes), kXlsx,
                                    YearFile(year, "学时达标情况", "xlsx"));
             });

  router.Get("/api/v1/ledger/export.xlsx", kLedgerReaders,
             Doc("年度学时上报表（姓名、身份证号、单位、职级、培训项目、日期、学时、证书编号）；"
                 "组织部和管理员可导出完整身份证号（full_ids=true），联络员为脱敏号码",
                 {{"parameters",
                   json::array({YearParam(), api::QueryParam("full_ids", {{"type", "boolean"}})})},
                  {"responses", {{"200", api::FileResponseDoc("xlsx", kXlsx)}}}}),
             [ledger](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int year, YearOf(c, *ledger));
               const bool full = c.request.Query("full_ids").value_or("") == "true";
               PEIXUN_ASSIGN_OR_RETURN(io::Table t, ledger->YearExport(*c.principal, year, full));
               io::DownloadOptions opt;
               opt.number_headers = {"序号", "学时"};
               PEIXUN_ASSIGN_OR_RETURN(std::string bytes,
                                       io::TableToBytes(t, "xlsx", "学时上报", opt));
               return api::Download(std::move(bytes), kXlsx, YearFile(year, "学时上报", "xlsx"));
             });
}

}  // namespace peixun::records
