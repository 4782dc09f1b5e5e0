#ifndef PEIXUN_MODULE_AUDIT_INTERNALS
#error "modules/audit/internal is private to the audit module"
#endif
// Reading audit_log rows into AuditRecord; shared by the module's readers
// (audit_verify.cc, audit_query.cc). Internal to modules/audit.
#pragma once

#include "modules/audit/audit_record.h"
#include "store/value.h"

namespace peixun::audit {

// The SELECT list RecordFromRow expects, in this order.
inline constexpr char kRecordColumns[] =
    "id, at, actor_user_id, actor_name, remote_address, action, entity, entity_id, "
    "before_json, after_json, prev_hash, hash, erased_by";

inline AuditRecord RecordFromRow(const store::Row& row) {
  auto opt_text = [&](size_t i) {
    return row.IsNull(i) ? std::nullopt : std::optional<std::string>(row.Str(i));
  };
  AuditRecord r;
  r.id = row.Int(0);
  r.at = row.Int(1);
  r.actor_user_id = row.Int(2);
  r.actor_name = row.Str(3);
  r.remote_address = row.Str(4);
  r.action = row.Str(5);
  r.entity = row.Str(6);
  r.entity_id = row.OptInt(7);
  r.before_json = opt_text(8);
  r.after_json = opt_text(9);
  r.prev_hash = row.Str(10);
  r.hash = row.Str(11);
  r.erased_by = row.OptInt(12);
  return r;
}

}  // namespace peixun::audit
