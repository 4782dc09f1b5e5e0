#include "modules/audit/audit_schema.h"

namespace peixun::audit {

std::vector<store::Migration> AuditMigrations() {
  // id is @ID@ for SQLite's rowid speed, but the database never assigns it:
  // AppendIn writes last id + 1 itself, so ids are gapless (a rolled-back append
  // leaves no hole) and a gap means a deleted entry. remote_address, entity_id and
  // the JSON columns are NULL when unset.
  return {
      {20, "audit_log", R"sql(
CREATE TABLE audit_log (
  id @ID@,
  at BIGINT NOT NULL,
  actor_user_id BIGINT NOT NULL,
  actor_name TEXT NOT NULL,
  remote_address TEXT,
  action @KEY@ NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT,
  before_json TEXT,
  after_json TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_name, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
)sql"},
      // Per-user rate limits count a user's recent entries of one action.
      {21, "audit_log by user and action", R"sql(
CREATE INDEX audit_log_user_action ON audit_log (actor_user_id, action, at);
)sql"},
      // Erasure of a person (PIPL) rewrites the personal columns of the entries
      // that held their values and marks each with the id of the later
      // "privacy.erase" entry that lists it (audit_redaction.h).
      {138, "audit_log erased_by", R"sql(
ALTER TABLE audit_log ADD COLUMN erased_by BIGINT;
)sql"},
  };
}

}  // namespace peixun::audit
