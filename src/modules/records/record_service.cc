#include "modules/records/record_service.h"

#include <chrono>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/credit_hours.h"
#include "core/file_kind.h"
#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "core/utf8.h"
#include "crypto/base64.h"
#include "modules/assessment/exam_outcomes.h"
#include "modules/audit/audit_log.h"
#include "modules/certificates/certificate_service.h"
#include "modules/org/org_scope.h"
#include "modules/org/org_service.h"
#include "modules/people/people_service.h"
#include "modules/records/hours_settings.h"
#include "modules/records/internal/ledger_summary.h"
#include "modules/records/internal/outside_checks.h"
#include "modules/records/internal/person_hours.h"
#include "modules/records/internal/records_common.h"

namespace peixun::records {
namespace {

using nlohmann::json;
using store::Int;
using store::IntOrNull;
using store::Text;

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "records.forbidden", "无权执行此操作", "not allowed", "");
}

bool IsStaffManager(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kOrganizer;
}

Error OutsideNotFound(int64_t id) {
  return NotFound("records.outside.not_found", "校外学时记录不存在：" + std::to_string(id),
                  "outside hours entry not found: " + std::to_string(id), "id");
}

json EntryAudit(const OutsideEntry& e) {
  return {{"person_id", e.person_id},
          {"kind", e.kind},
          {"title", e.title},
          {"provider", e.provider},
          {"start_date", core::FormatCivilDate(e.start_date)},
          {"end_date", core::FormatCivilDate(e.end_date)},
          {"hours", core::FormatCreditTenths(e.tenths)},
          {"proof_name", e.proof_name},
          {"status", e.status},
          {"decision_reason", e.decision_reason}};
}

Result<OutsideEntry> EntryIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(std::string("SELECT ") + internal::kOutsideColumns +
                                       " FROM outside_hours WHERE id = ?",
                                   {Int(id)}));
  if (rows.empty()) return OutsideNotFound(id);
  return internal::OutsideOfRow(rows.rows[0]);
}

}  // namespace

std::string ProofKindOf(std::string_view b) {
  if (core::SniffFileKind(b) == core::FileKind::kPdf) return "pdf";
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "png";
  if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xff\xd8\xff", 3)) return "jpeg";
  return "";
}

Result<people::Person> VisiblePersonIn(store::Tx& tx, const Principal& who, int64_t person_id) {
  auto hidden = [&] {
    return NotFound("people.not_found", "人员不存在：" + std::to_string(person_id),
                    "person not found: " + std::to_string(person_id), "id");
  };
  if (who.role == Role::kTrainee && who.person_id != person_id) return hidden();
  if (who.role == Role::kLecturer || who.role == Role::kLogistics) return hidden();
  auto p = people::PeopleService::GetIn(tx, person_id);
  if (!p) return hidden();
  if (org::ScopeRoot(who)) {
    if (!p->unit_id || !org::CheckUnitInScopeIn(tx, who, *p->unit_id)) return hidden();
  }
  return std::move(*p);
}

RecordService::RecordService(store::Store& store, Clock now_ms)
    : store_(store), now_ms_(now_ms ? std::move(now_ms) : Clock([] { return NowMillis(); })) {
  internal::InstallLedgerMaintenance();
}

Result<PersonRecord> RecordService::Record(const Principal& who, int64_t person_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(
      who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison, Role::kTrainee}));
  return RecordOf(who, person_id);
}

Result<PersonRecord> RecordService::MyRecord(const Principal& who) {
  if (!who.person_id) {
    return NotFound("people.not_found", "该账号未关联人员",
                    "this account is not linked to a person", "person_id");
  }
  return RecordOf(who, *who.person_id);
}

Result<PersonRecord> RecordService::RecordOf(const Principal& who, int64_t person_id) {
  const int64_t now = now_ms_();
  return store::ReadValue<PersonRecord>(store_, [&](store::Tx& tx) -> Result<PersonRecord> {
    PersonRecord rec;
    PEIXUN_ASSIGN_OR_RETURN(rec.person, VisiblePersonIn(tx, who, person_id));
    PEIXUN_ASSIGN_OR_RETURN(internal::HoursSources sources,
                            internal::LoadHoursIn(tx, {person_id}, now));
    std::map<int64_t, org::Unit> units;
    if (rec.person.unit_id) {
      if (auto u = org::OrgService::GetIn(tx, *rec.person.unit_id)) units[u->id] = *u;
    }
    rec.profile = internal::ProfileOf(rec.person, units, sources);
    rec.classes = sources.class_rows[person_id];
    for (RecordClass& c : rec.classes) {
      PEIXUN_ASSIGN_OR_RETURN(assessment::ClassExamOutcome exam,
                              assessment::ClassExamOutcomeIn(tx, c.class_id));
      if (auto it = exam.percent_by_person.find(person_id); it != exam.percent_by_person.end()) {
        c.exam_score = it->second;
      }
      PEIXUN_ASSIGN_OR_RETURN(auto serials,
                              certificates::CertificateService::ValidSerialsIn(tx, c.class_id));
      if (auto it = serials.find(person_id); it != serials.end()) c.certificate_serial = it->second;
    }
    PEIXUN_ASSIGN_OR_RETURN(rec.outside, internal::OutsideOfIn(tx, person_id));
    PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules rules, TargetRulesIn(tx));
    const core::CivilDate today = internal::TodayAt(now);
    const auto hours = internal::DatedHoursOf(sources, person_id);
    for (int y = today.year; y > today.year - 5; --y) {
      rec.years.push_back(core::EvaluateYear(rules, rec.profile, hours, y, today));
    }
    return rec;
  });
}

Result<OutsideEntry> RecordService::AddOutside(const Principal& who, const OutsideInput& in) {
  if (who.role != Role::kAdmin && who.role != Role::kOrganizer && who.role != Role::kLiaison &&
      who.role != Role::kTrainee) {
    return Forbidden();
  }
  const int64_t now = now_ms_();
  const core::CivilDate today = internal::TodayAt(now);
  OutsideEntry e;
  e.person_id = in.person_id;
  if (auto errors = internal::CheckOutsideFields(in, today, &e); !errors.empty()) {
    return std::move(errors.front());
  }
  e.proof_name = core::NormalizeField(in.proof_name);
  if (in.proof.empty()) {
    return Invalid("records.outside.proof", "须上传证明材料（PDF 或图片）",
                   "a proof (PDF or image) is required", "proof");
  }
  if (in.proof.size() > kMaxProofBytes) {
    return MakeError(ErrorKind::kTooLarge, "records.outside.proof_size", "证明材料不能超过 5 MB",
                     "the proof may not exceed 5 MB", "proof");
  }
  e.proof_kind = ProofKindOf(in.proof);
  if (e.proof_kind.empty()) {
    return Invalid("records.outside.proof", "证明材料须为 PDF、PNG 或 JPEG 文件（按文件内容判断）",
                   "the proof must be a PDF, PNG or JPEG file (judged by its content)", "proof");
  }
  if (e.proof_name.empty()) e.proof_name = "proof." + e.proof_kind;
  e.status = "pending";
  e.entered_by = who.user_id;
  e.entered_at = now;
  const Actor actor = Actor::Of(who);
  return store::TransactValue<OutsideEntry>(store_, [&](store::Tx& tx) -> Result<OutsideEntry> {
    PEIXUN_RETURN_IF_ERROR(VisiblePersonIn(tx, who, in.person_id));
    PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules rules, TargetRulesIn(tx));
    if (auto error = internal::CheckOutsideHours(in, rules, &e)) return std::move(*error);
    PEIXUN_RETURN_IF_ERROR(internal::InsertOutsideIn(tx, &e, crypto::Base64Encode(in.proof)));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "records.outside.create", "person",
                                           e.person_id, nullptr, EntryAudit(e)));
    return e;
  });
}

Result<OutsideEntry> RecordService::DecideOutside(const Principal& who, int64_t id, bool approve,
                                                  const std::string& reason_in) {
  if (!IsStaffManager(who)) return Forbidden();
  const std::string reason = core::NormalizeField(reason_in);
  if (!approve && reason.empty()) {
    return Invalid("records.outside.reason", "退回须填写理由", "a rejection needs a reason",
                   "reason");
  }
  if (core::Utf8CharCount(reason) > 500) {
    return Invalid("records.outside.reason", "理由不超过 500 字",
                   "the reason takes at most 500 characters", "reason");
  }
  const int64_t now = now_ms_();
  const Actor actor = Actor::Of(who);
  return store::TransactValue<OutsideEntry>(store_, [&](store::Tx& tx) -> Result<OutsideEntry> {
    PEIXUN_ASSIGN_OR_RETURN(OutsideEntry e, EntryIn(tx, id));
    if (e.status != "pending") {
      return Conflict("records.outside.status", "该记录已审核：" + e.status,
                      "this entry was decided already: " + e.status, "id");
    }
    const OutsideEntry before = e;
    e.status = approve ? "approved" : "rejected";
    e.decided_by = who.user_id;
    e.decided_at = now;
    e.decision_reason = reason;
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "UPDATE outside_hours SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? "
        "WHERE id = ? AND status = 'pending'",
        {Text(e.status), Int(who.user_id), Int(now), Text(reason), Int(id)}));
    if (approve) PEIXUN_RETURN_IF_ERROR(internal::RefreshYearsIn(tx, {e.person_id}));
    PEIXUN_RETURN_IF_ERROR(
        audit::RecordIn(tx, actor, approve ? "records.outside.approve" : "records.outside.reject",
                        "person", e.person_id, EntryAudit(before), EntryAudit(e)));
    return e;
  });
}

Result<std::vector<OutsideEntry>> RecordService::PendingOutside(const Principal& who) {
  if (!IsStaffManager(who)) return Forbidden();
  return store::ReadValue<std::vector<OutsideEntry>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<OutsideEntry>> {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(std::string("SELECT ") + internal::kOutsideColumns +
                         " FROM outside_hours WHERE status = 'pending' ORDER BY id LIMIT 1000",
                     {}));
        std::vector<OutsideEntry> out;
        std::vector<int64_t> ids;
        for (const auto& r : rows.rows) {
          out.push_back(internal::OutsideOfRow(r));
          ids.push_back(out.back().person_id);
        }
        PEIXUN_ASSIGN_OR_RETURN(auto names, people::PeopleService::NamesIn(tx, ids));
        for (OutsideEntry& e : out) {
          if (auto it = names.find(e.person_id); it != names.end()) e.person_name = it->second;
        }
        return out;
      });
}

Result<RecordService::Proof> RecordService::OutsideProof(const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(
      who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison, Role::kTrainee}));
  return store::ReadValue<Proof>(store_, [&](store::Tx& tx) -> Result<Proof> {
    PEIXUN_ASSIGN_OR_RETURN(OutsideEntry e, EntryIn(tx, id));
    if (!VisiblePersonIn(tx, who, e.person_id)) return OutsideNotFound(id);
    if (e.proof_kind == kProofReference) {
      return NotFound(
          "records.outside.no_file",
          "该记录的证明为证书编号（批量导入），没有文件：" + e.proof_name,
          "this entry's proof is a reference (bulk import), not a file: " + e.proof_name, "id");
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT proof_base64 FROM outside_hours WHERE id = ?", {Int(id)}));
    Proof p{e.proof_name, e.proof_kind,
            crypto::Base64Decode(rows.rows[0].Str(0)).value_or(std::string())};
    return p;
  });
}

Status RecordService::SetPromotion(const Principal& who, int64_t person_id,
                                   const std::string& date) {
  if (!IsStaffManager(who)) return Forbidden();
  std::optional<core::CivilDate> on;
  if (!core::NormalizeField(date).empty()) {
    auto d = core::ParseCivilDate(date);
    if (!d) {
      return Invalid("records.promotion.date", "任职日期无效：" + date, "invalid date: " + date,
                     "promoted_on");
    }
    on = *d;
  }
  const int64_t now = now_ms_();
  const Actor actor = Actor::Of(who);
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(VisiblePersonIn(tx, who, person_id));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows before,
        tx.Query("SELECT promoted_on FROM record_promotions WHERE person_id = ?",
                 {Int(person_id)}));
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM record_promotions WHERE person_id = ?", {Int(person_id)}));
    if (on) {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO record_promotions (person_id, promoted_on, updated_by, updated_at) "
                  "VALUES (?, ?, ?, ?)",
                  {Int(person_id), Text(core::FormatCivilDate(*on)), Int(who.user_id), Int(now)}));
    }
    return audit::RecordIn(tx, actor, "records.promotion", "person", person_id,
                           before.empty() ? json(nullptr) : json(before.rows[0].Str(0)),
                           on ? json(core::FormatCivilDate(*on)) : json(nullptr));
  });
}

Result<core::HoursTargetRules> RecordService::Targets(const Principal& who) {
  if (who.role == Role::kTrainee) return Forbidden();
  return store::ReadValue<core::HoursTargetRules>(store_,
                                                  [&](store::Tx& tx) { return TargetRulesIn(tx); });
}

Result<core::HoursTargetRules> RecordService::SetTargets(const Principal& who,
                                                         const core::HoursTargetRules& r) {
  if (!IsStaffManager(who)) return Forbidden();
  PEIXUN_RETURN_IF_ERROR(core::ValidateHoursTargetRules(r));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<core::HoursTargetRules>(
      store_, [&](store::Tx& tx) -> Result<core::HoursTargetRules> {
        PEIXUN_ASSIGN_OR_RETURN(core::HoursTargetRules before, TargetRulesIn(tx));
        PEIXUN_RETURN_IF_ERROR(SetTargetRulesIn(tx, r));
        PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "records.targets", "setting",
                                               std::nullopt, TargetRulesJson(before),
                                               TargetRulesJson(r)));
        return r;
      });
}

}  // namespace peixun::records
