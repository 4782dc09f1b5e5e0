#include "modules/records/outside_import.h"

#include <charconv>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/credit_hours.h"
#include "core/id_number.h"
#include "core/text_normalize.h"
#include "core/utf8.h"
#include "io/column_map.h"
#include "modules/audit/audit_log.h"
#include "modules/people/people_service.h"
#include "modules/records/hours_settings.h"
#include "modules/records/internal/outside_checks.h"
#include "modules/records/internal/records_common.h"
#include "modules/records/record_service.h"

namespace peixun::records {
namespace {

using nlohmann::json;

constexpr size_t kMaxReferenceChars = 200;

std::vector<io::ColumnSpec> Specs() {
  return {
      {"person_id", "人员编号", {"person_id", "person id", "编号"}, false},
      {"id_number", "身份证号", {"id_number", "身份证号码", "公民身份号码", "id number"}, false},
      {"name", "姓名", {"name"}, true},
      {"kind", "类别", {"kind", "学习类别"}, false},
      {"title", "培训名称", {"title", "班次名称", "课程名称"}, true},
      {"provider", "主办单位", {"provider", "主办单位/学习平台", "学习平台"}, false},
      {"start_date", "开始日期", {"start_date", "start", "开始时间"}, true},
      {"end_date", "结束日期", {"end_date", "end", "结束时间"}, true},
      {"hours", "学时", {"hours", "学时数"}, false},
      {"days", "天数", {"days"}, false},
      {"proof_ref", "证明编号", {"proof_ref", "证书编号", "proof", "证明材料编号"}, true},
  };
}

bool RowIsBlank(const std::vector<std::string>& row) {
  for (const auto& cell : row) {
    if (!core::NormalizeField(cell).empty()) return false;
  }
  return true;
}

// "外单位培训班" → class, "网络学习" → online; other text is passed on for the check
// to refuse.
std::string KindOf(const std::string& cell) {
  const std::string k = core::NormalizeField(cell);
  if (k.empty() || k == "外单位培训班" || k == "培训班" || k == "class") return "class";
  if (k == "网络学习" || k == "网络培训" || k == "在线学习" || k == "online") return "online";
  return k;
}

// "2" → 2 days, "2.5" → 2 days and a half day; false for anything else.
bool ParseDays(const std::string& cell, int* days, int* half_days) {
  const std::string t = core::NormalizeField(cell);
  if (t.empty()) return true;
  std::string whole = t;
  bool half = false;
  if (t.size() > 2 && t.substr(t.size() - 2) == ".5") {
    whole = t.substr(0, t.size() - 2);
    half = true;
  } else if (t.size() > 2 && t.substr(t.size() - 2) == ".0") {
    whole = t.substr(0, t.size() - 2);
  }
  int n = 0;
  auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), n);
  if (ec != std::errc() || end != whole.data() + whole.size() || n < 0 || n > 1000) return false;
  *days = n;
  *half_days = half ? 1 : 0;
  return true;
}

Error PersonError(const std::string& zh, const std::string& en, const std::string& field) {
  return Invalid("records.import.person", zh, en, field);
}

json EntryAudit(const OutsideEntry& e) {
  return {{"id", e.id},
          {"person_id", e.person_id},
          {"kind", e.kind},
          {"title", e.title},
          {"provider", e.provider},
          {"start_date", core::FormatCivilDate(e.start_date)},
          {"end_date", core::FormatCivilDate(e.end_date)},
          {"hours", core::FormatCreditTenths(e.tenths)},
          {"proof_name", e.proof_name},
          {"proof_kind", e.proof_kind},
          {"status", e.status},
          {"source", "import"}};
}

}  // namespace

Result<ImportReport> ImportOutsideHours(store::Store& store, const crypto::DataKey& key,
                                        const Principal& who, const io::Table& table,
                                        const OutsideImportOptions& options, int64_t now) {
  const bool approver = who.role == Role::kAdmin || who.role == Role::kOrganizer;
  if (!approver && who.role != Role::kLiaison) {
    return MakeError(ErrorKind::kForbidden, "records.forbidden", "无权执行此操作", "not allowed",
                     "");
  }
  if (options.approve && !approver) {
    return MakeError(ErrorKind::kForbidden, "records.forbidden", "只有组织部可在导入时审核通过",
                     "only an organizer may approve at import", "approve");
  }
  const auto specs = Specs();
  io::ColumnMap columns(specs, table.header);
  if (auto missing = columns.MissingRequired(); !missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : "、") + m;
    return Invalid("import.column.missing", "文件缺少必需的列：" + list,
                   "the file lacks required columns: " + list, list);
  }
  if (!columns.Index("person_id") && !columns.Index("id_number")) {
    return Invalid("import.column.missing", "文件缺少必需的列：人员编号 或 身份证号",
                   "the file lacks required columns: 人员编号 or 身份证号", "人员编号");
  }

  ImportReport report;
  report.dry_run = options.rows.dry_run;
  report.max_listed_errors = options.rows.max_listed_errors;
  for (const auto& u : columns.unknown()) report.warnings.push_back("忽略未识别的列：" + u);

  const core::CivilDate today = internal::TodayAt(now);
  const Actor actor = Actor::Of(who);
  Status st = store.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules rules, TargetRulesIn(tx));
    using Key = std::tuple<int64_t, std::string, std::string, std::string>;
    std::map<Key, int> in_file;  // → first row number
    std::vector<OutsideEntry> good;

    for (size_t i = 0; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      if (RowIsBlank(row)) continue;
      ++report.total_rows;
      const int row_no = i < table.source_rows.size() ? table.source_rows[i] : int(i) + 2;
      std::vector<RowError> row_errors;
      auto fail = [&](const std::string& field, Error e) {
        row_errors.push_back(RowError{row_no, field.empty() ? "" : columns.HeaderOf(field), e});
      };

      // Who: 人员编号 first, else 身份证号; either way the name must match.
      std::optional<people::Person> person;
      const std::string id_text = core::NormalizeField(columns.Cell(row, "person_id"));
      const std::string id_number = core::NormalizeField(columns.Cell(row, "id_number"));
      const std::string name = core::NormalizeField(columns.Cell(row, "name"));
      const std::string who_field = !id_text.empty() ? "person_id" : "id_number";
      auto not_found = [&] {
        fail(who_field, PersonError("未找到该人员（或不在您的管辖范围内）",
                                    "no such person (or outside your scope)", who_field));
      };
      if (!id_text.empty()) {
        int64_t pid = 0;
        auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), pid);
        if (ec != std::errc() || end != id_text.data() + id_text.size() || pid <= 0) {
          not_found();
        } else if (auto p = VisiblePersonIn(tx, who, pid)) {
          person = std::move(*p);
        } else {
          not_found();
        }
      } else if (!id_number.empty()) {
        auto parsed = core::ParseIdNumber(id_number, today);
        std::optional<people::Person> holder;
        if (parsed) {
          PEIXUN_ASSIGN_OR_RETURN(
              holder, people::PeopleService::FindByIdNumberIn(tx, key, parsed->normalized));
        }
        if (holder) {
          if (auto p = VisiblePersonIn(tx, who, holder->id)) person = std::move(*p);
        }
        if (!person) not_found();
      } else {
        fail("person_id", PersonError("须填写人员编号或身份证号",
                                      "a person id or an ID number is required", "person_id"));
      }
      if (name.empty()) {
        fail("name",
             Invalid("records.import.name_mismatch", "姓名不能为空", "name is required", "name"));
      } else if (person && person->name != name) {
        fail("name", Invalid("records.import.name_mismatch",
                             "姓名与登记的不一致：登记为“" + person->name + "”",
                             "the name differs from the registered one", "name"));
      }

      OutsideInput in;
      in.kind = KindOf(columns.Cell(row, "kind"));
      in.title = columns.Cell(row, "title");
      in.provider = columns.Cell(row, "provider");
      in.start_date = columns.Cell(row, "start_date");
      in.end_date = columns.Cell(row, "end_date");
      in.hours = columns.Cell(row, "hours");
      OutsideEntry e;
      for (Error& err : internal::CheckOutsideFields(in, today, &e)) {
        const std::string field = err.field;
        fail(field, std::move(err));
      }
      if (!ParseDays(columns.Cell(row, "days"), &in.days, &in.half_days)) {
        fail("days", Invalid("records.outside.hours", "天数应为整数或半天（如 2 或 2.5）",
                             "days must be whole or half days (2 or 2.5)", "days"));
      } else if (auto err = internal::CheckOutsideHours(in, rules, &e)) {
        fail("hours", std::move(*err));
      }
      const std::string reference = core::NormalizeField(columns.Cell(row, "proof_ref"));
      if (reference.empty()) {
        fail("proof_ref",
             Invalid("records.outside.proof", "须填写证明编号（对方证书编号或网络学习记录编号）",
                     "a proof reference (the certificate or study-record number) "
                     "is required",
                     "proof_ref"));
      } else if (core::Utf8CharCount(reference) > kMaxReferenceChars) {
        fail("proof_ref", Invalid("records.outside.proof", "证明编号不超过 200 字",
                                  "the proof reference takes at most 200 characters", "proof_ref"));
      }

      if (row_errors.empty()) {
        const Key k{person->id, e.title, core::FormatCivilDate(e.start_date),
                    core::FormatCivilDate(e.end_date)};
        if (auto it = in_file.find(k); it != in_file.end()) {
          fail("title", Invalid("records.import.duplicate_in_file",
                                "与第 " + std::to_string(it->second) +
                                    " 行重复（同一人、同一培训、同一日期）",
                                "repeats row " + std::to_string(it->second), "title"));
        } else {
          PEIXUN_ASSIGN_OR_RETURN(
              store::Rows dup,
              tx.Query("SELECT id FROM outside_hours WHERE person_id = ? AND title = ? AND "
                       "start_date = ? AND end_date = ? AND status <> 'rejected'",
                       {store::Int(person->id), store::Text(e.title), store::Text(std::get<2>(k)),
                        store::Text(std::get<3>(k))}));
          if (!dup.empty()) {
            fail("title", Conflict("records.outside.duplicate", "该校外学时已登记过",
                                   "these outside hours are recorded already", "title"));
          } else {
            in_file.emplace(k, row_no);
          }
        }
      }
      if (!row_errors.empty()) {
        report.rejected_rows.push_back(static_cast<int>(i));
        for (auto& err : row_errors) report.AddError(std::move(err));
        continue;
      }
      e.person_id = person->id;
      e.proof_kind = kProofReference;
      e.proof_name = reference;
      e.entered_by = who.user_id;
      e.entered_at = now;
      e.status = "pending";
      good.push_back(std::move(e));
    }

    if (options.rows.dry_run || (!report.ok() && !options.rows.skip_bad_rows)) return Ok();
    for (OutsideEntry& e : good) {
      if (options.approve) {
        e.status = "approved";
        e.decided_by = who.user_id;
        e.decided_at = now;
        e.decision_reason = "批量导入时审核通过";
      }
      PEIXUN_RETURN_IF_ERROR(internal::InsertOutsideIn(tx, &e, ""));
      json created = EntryAudit(e);
      created["status"] = "pending";
      PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "records.outside.create", "person",
                                             e.person_id, nullptr, created));
      if (options.approve) {
        PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "records.outside.approve", "person",
                                               e.person_id, created, EntryAudit(e)));
      }
    }
    report.imported = static_cast<int>(good.size());
    report.committed = !good.empty();
    return Ok();
  });
  if (!st) return std::move(st).error();
  return report;
}

io::Table OutsideImportTemplate() {
  io::Table t;
  const auto specs = Specs();
  for (const auto& spec : specs) t.header.push_back(spec.label);
  auto row = [&](std::map<std::string, std::string> cells) {
    std::vector<std::string> r;
    for (const auto& spec : specs) r.push_back(cells.count(spec.field) ? cells[spec.field] : "");
    t.rows.push_back(std::move(r));
    t.source_rows.push_back(static_cast<int>(t.rows.size()) + 1);
  };
  row({{"person_id", "1"},
       {"name", "王小明"},
       {"kind", "外单位培训班"},
       {"title", "全市基层党组织书记示范培训班"},
       {"provider", "中共××市委党校"},
       {"start_date", "2025-03-10"},
       {"end_date", "2025-03-14"},
       {"days", "5"},
       {"proof_ref", "DX-2025-0312"}});
  row({{"id_number", "11010519491231002X"},
       {"name", "买买提·艾力"},
       {"kind", "网络学习"},
       {"title", "学习贯彻党的二十大精神网络专题班"},
       {"provider", "××省干部网络学院"},
       {"start_date", "2025-04-01"},
       {"end_date", "2025-04-30"},
       {"hours", "12.5"},
       {"proof_ref", "WL20250430-8812"}});
  return t;
}

}  // namespace peixun::records
