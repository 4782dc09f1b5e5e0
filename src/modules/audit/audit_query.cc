#include "modules/audit/audit_query.h"

#include "modules/audit/internal/audit_row.h"

namespace peixun::audit {
namespace {

Error BadQuery(const std::string& field, std::string zh, std::string en) {
  return Invalid("audit.query", std::move(zh), std::move(en), field);
}

// The first text above every text that starts with `prefix` ("people." ->
// "people/"), for a range condition both databases serve from the index; the
// action column compares bytes (@KEY@). `prefix` is printable ASCII, so the
// result is too (0x7E becomes 0x7F).
std::string PrefixUpperBound(std::string prefix) {
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

}  // namespace

Result<AuditPage> ListEntriesIn(store::Tx& tx, const AuditQuery& q) {
  if (q.limit < 1 || q.limit > kMaxQueryLimit) {
    return BadQuery("limit", "条数应为 1 到 " + std::to_string(kMaxQueryLimit),
                    "limit must be from 1 to " + std::to_string(kMaxQueryLimit));
  }
  if (q.offset < 0) return BadQuery("offset", "偏移量不能为负", "offset must not be negative");
  for (unsigned char c : q.action_prefix) {
    if (c < 0x20 || c > 0x7E) {
      return BadQuery("action", "操作名只含英文字母、数字和标点", "action must be printable ASCII");
    }
  }

  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!q.entity.empty()) {
    where += " AND entity = ?";
    params.push_back(store::Text(q.entity));
  }
  if (q.entity_id) {
    where += " AND entity_id = ?";
    params.push_back(store::Int(*q.entity_id));
  }
  if (!q.actor.empty()) {
    where += " AND actor_name = ?";
    params.push_back(store::Text(q.actor));
  }
  if (q.actor_user_id) {
    where += " AND actor_user_id = ?";
    params.push_back(store::Int(*q.actor_user_id));
  }
  if (!q.action_prefix.empty()) {
    where += " AND action >= ? AND action < ?";
    params.push_back(store::Text(q.action_prefix));
    params.push_back(store::Text(PrefixUpperBound(q.action_prefix)));
  }

  AuditPage page;
  PEIXUN_ASSIGN_OR_RETURN(store::Rows count,
                          tx.Query("SELECT COUNT(*) FROM audit_log" + where, params));
  page.total = count.empty() ? 0 : count[0].Int(0);
  std::vector<store::Value> page_params = params;
  page_params.push_back(store::Int(q.limit));
  page_params.push_back(store::Int(q.offset));
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(std::string("SELECT ") + kRecordColumns + " FROM audit_log" +
                                       where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                   page_params));
  page.items.reserve(rows.size());
  for (const store::Row& row : rows) page.items.push_back(RecordFromRow(row));
  return page;
}

Result<AuditPage> ListEntries(store::Store& store, const AuditQuery& query) {
  return store::ReadValue<AuditPage>(store,
                                     [&](store::Tx& tx) { return ListEntriesIn(tx, query); });
}

}  // namespace peixun::audit
