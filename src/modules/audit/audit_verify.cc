#include "modules/audit/audit_verify.h"

#include <map>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

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
  if (r.erased_by) {
    // Personal columns erased (audit_redaction.h): the hash no longer covers
    // them; the later erase entry named by erased_by must vouch for this one.
    if (*r.erased_by <= r.id) {
      MarkBad(report, r.id, kReasonEdited, "审计条目 " + id + " 的删除标记无效",
              "entry " + id + " carries an invalid erasure mark");
      return false;
    }
    return true;
  }
  if (ComputeHash(r) != r.hash) {
    MarkBad(report, r.id, kReasonEdited, "审计条目 " + id + " 的内容被修改（哈希不符）",
            "entry " + id + " was edited (hash mismatch)");
    return false;
  }
  return true;
}

// An erased entry waiting for the erase entry that lists it.
struct PendingErasure {
  int64_t erased_by;
  AuditRecord record;
};

// Checks the erase entry `r` against the erased entries that name it; false
// (and the report filled) when one of them is not listed as it was.
bool SettleErasures(const AuditRecord& r, std::map<int64_t, PendingErasure>* pending,
                    VerifyReport* report) {
  using nlohmann::json;
  json listed = ParseStoredJson(r.after_json);
  std::map<int64_t, json> by_id;
  if (listed.is_object() && listed.contains("redacted_entries") &&
      listed["redacted_entries"].is_array()) {
    for (const json& e : listed["redacted_entries"]) {
      if (e.is_object() && e.contains("id") && e["id"].is_number_integer()) {
        by_id[e["id"].get<int64_t>()] = e;
      }
    }
  }
  for (auto it = pending->begin(); it != pending->end();) {
    if (it->second.erased_by != r.id) {
      ++it;
      continue;
    }
    const AuditRecord& e = it->second.record;
    auto found = by_id.find(e.id);
    const json entity_id = e.entity_id ? json(*e.entity_id) : json(nullptr);
    if (found == by_id.end() || found->second.value("at", json()) != json(e.at) ||
        found->second.value("action", json()) != json(e.action) ||
        found->second.value("entity", json()) != json(e.entity) ||
        found->second.value("entity_id", json()) != entity_id) {
      const std::string id = std::to_string(e.id);
      MarkBad(
          report, e.id, kReasonEdited,
          "审计条目 " + id + " 标为已删除个人信息，但删除记录未列出它（内容被修改）",
          "entry " + id + " is marked as erased but the erasure entry does not list it (edited)");
      return false;
    }
    it = pending->erase(it);
  }
  return true;
}

}  // namespace

Result<VerifyReport> VerifyChain(store::Store& store, int64_t page_size) {
  if (page_size < 1) page_size = kVerifyPageSize;
  std::map<int64_t, PendingErasure> pending;  // by erased entry id
  std::set<int64_t> awaited;                  // their erased_by ids
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
      if (r.erased_by) {
        pending[r.id] = PendingErasure{*r.erased_by, r};
        awaited.insert(*r.erased_by);
        ++report.erased;
      }
      if (awaited.erase(r.id) > 0 && !SettleErasures(r, &pending, &report)) return report;
      prev_id = r.id;
      report.last_hash = r.hash;
      ++report.entries;
    }
    if (static_cast<int64_t>(page.size()) < page_size) {
      if (!pending.empty()) {
        const std::string id = std::to_string(pending.begin()->first);
        MarkBad(&report, pending.begin()->first, kReasonEdited,
                "审计条目 " + id + " 标为已删除个人信息，但没有对应的删除记录（内容被修改）",
                "entry " + id + " is marked as erased but no erasure entry lists it (edited)");
      }
      return report;
    }
  }
}

}  // namespace peixun::audit
