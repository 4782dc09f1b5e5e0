#include "modules/records/internal/outside_checks.h"

#include "core/credit_hours.h"
#include "core/text_normalize.h"
#include "core/utf8.h"
#include "modules/records/internal/ledger_summary.h"

namespace peixun::records::internal {

using store::Int;
using store::Text;

std::vector<Error> CheckOutsideFields(const OutsideInput& in, const core::CivilDate& today,
                                      OutsideEntry* e) {
  std::vector<Error> errors;
  e->kind = in.kind.empty() ? "class" : in.kind;
  if (e->kind != "class" && e->kind != "online") {
    errors.push_back(Invalid("records.outside.kind", "类别须为“外单位培训班”或“网络学习”",
                             "kind must be class or online", "kind"));
  }
  e->title = core::NormalizeField(in.title);
  if (e->title.empty() || core::Utf8CharCount(e->title) > 200) {
    errors.push_back(Invalid("records.outside.title", "请填写培训名称（不超过 200 字）",
                             "a title of at most 200 characters is required", "title"));
  }
  e->provider = core::NormalizeField(in.provider);
  if (core::Utf8CharCount(e->provider) > 200) {
    errors.push_back(Invalid("records.outside.title", "主办单位不超过 200 字",
                             "the provider takes at most 200 characters", "provider"));
  }
  auto start = core::ParseCivilDate(core::NormalizeField(in.start_date));
  if (!start) {
    errors.push_back(
        Invalid("records.outside.date", "开始日期无效", "invalid start date", "start_date"));
  }
  auto end = core::ParseCivilDate(core::NormalizeField(in.end_date));
  if (!end || (start && *end < *start)) {
    errors.push_back(Invalid("records.outside.date", "结束日期无效或早于开始日期",
                             "invalid end date, or before the start", "end_date"));
  } else if (*end > today) {
    errors.push_back(Invalid("records.outside.date", "结束日期不能晚于今天",
                             "the end date cannot be in the future", "end_date"));
  }
  if (start) e->start_date = *start;
  if (end) e->end_date = *end;
  return errors;
}

std::optional<Error> CheckOutsideHours(const OutsideInput& in, const core::HoursTargetRules& rules,
                                       OutsideEntry* e) {
  const std::string hours = core::NormalizeField(in.hours);
  if (!hours.empty()) {
    auto tenths = core::ParseCreditTenths(hours);
    if (!tenths) {
      return Invalid("records.outside.hours", "学时格式不正确：" + hours, "invalid hours: " + hours,
                     "hours");
    }
    e->tenths = *tenths;
  } else {
    e->tenths = core::TenthsForDays(rules, in.days, in.half_days);
  }
  if (e->tenths <= 0 || e->tenths > 10000) {
    return Invalid("records.outside.hours", "请填写学时（或天数），不超过 1000 学时",
                   "hours (or days) are required, at most 1000", "hours");
  }
  return std::nullopt;
}

Status InsertOutsideIn(store::Tx& tx, OutsideEntry* e, const std::string& proof_base64) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(
          "INSERT INTO outside_hours (person_id, kind, title, provider, start_date, "
          "end_date, tenths, proof_name, proof_kind, proof_base64, status, entered_by, "
          "entered_at, decided_by, decided_at, decision_reason) VALUES (?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {Int(e->person_id), Text(e->kind), Text(e->title), Text(e->provider),
           Text(core::FormatCivilDate(e->start_date)), Text(core::FormatCivilDate(e->end_date)),
           Int(e->tenths), Text(e->proof_name), Text(e->proof_kind), Text(proof_base64),
           Text(e->status), Int(e->entered_by), Int(e->entered_at), store::IntOrNull(e->decided_by),
           store::IntOrNull(e->decided_at), Text(e->decision_reason)}));
  e->id = rows.rows[0].Int(0);
  if (e->status == "approved") return RefreshYearsIn(tx, {e->person_id});
  return Ok();
}

}  // namespace peixun::records::internal
