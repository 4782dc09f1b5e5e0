#include "modules/audit/audit_verify.h"

#include <vector>

#include "modules/audit/audit_record.h"
#include "modules/audit/internal/audit_row.h"

namespace peixun::audit {
namespace {

void MarkBad(VerifyReport* report, int64_t id, const char* reason, std::string zh, std::string en) {
  report->ok = false;
  report->first_bad_id = id;
  report->reason = reason;
  report->message = std::move(zh);
  report->message_en = std::move(en);
}

// Checks `r` as the entry after the one with `prev_id` and `prev_hash`; false
// (and the report filled) when the chain breaks at it.
bool CheckEntry(const AuditRecord& r, int64_t prev_id, const std::string& prev_hash,
                VerifyReport* report) {
  const std::string id = std::to_string(r.id);
  if (r.id != prev_id + 1) {
    const std::string missing = r.id > prev_id + 2
                                    ? std::to_string(prev_id + 1) + "–" + std::to_string(r.id - 1)
                                    : std::to_string(prev_id + 1);
    MarkBad(report, r.id, kReasonDeleted,
            "审计条目 " + id + " 之前缺少条目 " + missing + "（已被删除）",
            "entries missing before entry " + id + ": " + missing + " (deleted)");
    return false;
  }
  if (r.prev_hash != prev_hash) {
    MarkBad(report, r.id, kReasonDeleted,
            "审计条目 " + id + " 与前一条目的链接断开（前一条目被删除或替换）",
            "entry " + id +
                " does not link to the entry before it (that one was deleted or "
                "replaced)");
    return false;
  }
  if (ComputeHash(r) != r.hash) {
    MarkBad(report, r.id, kReasonEdited, "审计条目 " + id + " 的内容被修改（哈希不符）",
            "entry " + id + " was edited (hash mismatch)");
    return false;
  }
  return true;
}

}  // namespace

Result<VerifyReport> VerifyChain(store::Store& store, int64_t page_size) {
  if (page_size < 1) page_size = kVerifyPageSize;
  VerifyReport report;
  report.last_hash = kGenesisHash;
  int64_t prev_id = 0;
  for (;;) {
    std::vector<AuditRecord> page;
    PEIXUN_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                              tx.Query(std::string("SELECT ") + kRecordColumns +
                                           " FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                                       {store::Int(prev_id), store::Int(page_size)}));
      page.reserve(rows.size());
      for (const store::Row& row : rows) page.push_back(RecordFromRow(row));
      return Ok();
    }));
    for (const AuditRecord& r : page) {
      if (!CheckEntry(r, prev_id, report.last_hash, &report)) return report;
      prev_id = r.id;
      report.last_hash = r.hash;
      ++report.entries;
    }
    if (static_cast<int64_t>(page.size()) < page_size) return report;
  }
}

}  // namespace peixun::audit
