#include "modules/audit/audit_redaction.h"

#include <algorithm>

#include "modules/audit/audit_record.h"
#include "modules/audit/internal/audit_row.h"

namespace peixun::audit {
namespace {

using nlohmann::json;

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void Scrub(json& value, const Redaction& r, bool wipe_keys) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (wipe_keys && std::find(r.keys.begin(), r.keys.end(), it.key()) != r.keys.end()) {
        it.value() = nullptr;
      } else {
        Scrub(it.value(), r, wipe_keys);
      }
    }
  } else if (value.is_array()) {
    for (json& element : value) Scrub(element, r, wipe_keys);
  } else if (value.is_string()) {
    value = ReplaceAll(value.get<std::string>(), r.values, r.replacement);
  }
}

std::optional<std::string> ScrubText(const std::optional<std::string>& text, const Redaction& r,
                                     bool wipe_keys) {
  if (!text) return text;
  json value = ParseStoredJson(text);
  Scrub(value, r, wipe_keys);
  return StoredJson(value);
}

bool Contains(const std::optional<std::string>& text, const std::vector<std::string>& values) {
  if (!text) return false;
  for (const std::string& v : values) {
    if (CodePoints(v) >= 2 && text->find(v) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::string ReplaceAll(std::string text, const std::vector<std::string>& values,
                       const std::string& replacement) {
  for (const std::string& v : values) {
    if (CodePoints(v) < 2) continue;
    size_t at = 0;
    while ((at = text.find(v, at)) != std::string::npos) {
      text.replace(at, v.size(), replacement);
      at += replacement.size();
    }
  }
  return text;
}

Result<RedactionResult> RedactIn(store::Tx& tx, const Actor& actor, const Redaction& r,
                                 AuditEntry cover) {
  std::vector<AuditRecord> changed;
  int64_t after_id = 0;
  for (;;) {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                            tx.Query(std::string("SELECT ") + kRecordColumns +
                                         " FROM audit_log WHERE id > ? ORDER BY id LIMIT 2000",
                                     {store::Int(after_id)}));
    for (const store::Row& row : rows) {
      AuditRecord rec = RecordFromRow(row);
      after_id = rec.id;
      const bool by_user = r.actor_user_ids.count(rec.actor_user_id) > 0;
      const bool about = rec.entity_id &&
                         std::find(r.entities.begin(), r.entities.end(),
                                   std::make_pair(rec.entity, *rec.entity_id)) != r.entities.end();
      const bool holds =
          Contains(rec.before_json, r.values) || Contains(rec.after_json, r.values) ||
          (CodePoints(rec.actor_name) >= 2 &&
           std::find(r.values.begin(), r.values.end(), rec.actor_name) != r.values.end());
      if (!by_user && !about && !holds) continue;
      AuditRecord next = rec;
      if (by_user) {
        next.actor_name = r.replacement;
        next.remote_address.clear();
      } else {
        next.actor_name = ReplaceAll(rec.actor_name, r.values, r.replacement);
      }
      next.before_json = ScrubText(rec.before_json, r, about);
      next.after_json = ScrubText(rec.after_json, r, about);
      if (next.actor_name == rec.actor_name && next.remote_address == rec.remote_address &&
          next.before_json == rec.before_json && next.after_json == rec.after_json) {
        continue;
      }
      changed.push_back(std::move(next));
    }
    if (rows.size() < 2000) break;
  }

  json listed = json::array();
  for (const AuditRecord& rec : changed) {
    listed.push_back({{"id", rec.id},
                      {"at", rec.at},
                      {"action", rec.action},
                      {"entity", rec.entity},
                      {"entity_id", rec.entity_id ? json(*rec.entity_id) : json(nullptr)}});
  }
  if (!cover.after.is_object()) cover.after = json::object();
  cover.after["redacted_entries"] = std::move(listed);
  PEIXUN_RETURN_IF_ERROR(AppendIn(tx, actor, cover));
  PEIXUN_ASSIGN_OR_RETURN(store::Rows last,
                          tx.Query("SELECT id FROM audit_log ORDER BY id DESC LIMIT 1"));
  RedactionResult result;
  result.erase_entry_id = last[0].Int(0);
  auto opt_text = [](const std::optional<std::string>& s) {
    return s ? store::Text(*s) : store::Null();
  };
  for (const AuditRecord& rec : changed) {
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE audit_log SET actor_name = ?, remote_address = ?, before_json = ?, "
                "after_json = ?, erased_by = ? WHERE id = ?",
                {store::Text(rec.actor_name), store::TextOrNull(rec.remote_address),
                 opt_text(rec.before_json), opt_text(rec.after_json),
                 store::Int(result.erase_entry_id), store::Int(rec.id)}));
  }
  result.redacted_entries = static_cast<int64_t>(changed.size());
  return result;
}

}  // namespace peixun::audit
