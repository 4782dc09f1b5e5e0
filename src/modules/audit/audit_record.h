// One stored audit entry and the hash chain that makes the log tamper-evident.
//
// Every entry carries prev_hash (the hash of the entry before it; kGenesisHash for
// the first) and its own hash:
//
//   hash = lowercase hex of SHA-256(CanonicalForm(entry))
//
// CanonicalForm is the compact JSON array (no whitespace at all)
//
//   [id, at, actor_user_id, actor_name, remote_address, action, entity,
//    entity_id, before, after, prev_hash]
//
// where the integers are decimal, entity_id is null when unset, the strings are
// JSON strings exactly as nlohmann::json::dump() writes them (UTF-8 unescaped,
// control characters as \uXXXX, invalid UTF-8 replaced by U+FFFD), and before and
// after are the stored before_json/after_json texts byte for byte, or null when
// NULL. AppendIn stores those texts as nlohmann::json::dump() of the masked value:
// compact, object keys in byte order. So for a fresh entry the canonical form is
// simply json::array({...}).dump(), and a verifier needs no JSON parser:
// changing any column changes the hash (text is UTF-8: PostgreSQL enforces it,
// the API checks it; only a swap between invalid byte sequences could go unseen).
//
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace peixun::audit {

// prev_hash of the first entry: 64 zeros.
inline constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// A row of audit_log, as stored.
struct AuditRecord {
  int64_t id = 0;
  int64_t at = 0;  // UTC milliseconds since the epoch
  int64_t actor_user_id = 0;
  std::string actor_name;
  std::string remote_address;  // "" stored as NULL
  std::string action;          // dotted: "people.update"
  std::string entity;          // "person", "unit", …
  std::optional<int64_t> entity_id;
  std::optional<std::string> before_json;  // nullopt: NULL
  std::optional<std::string> after_json;
  std::string prev_hash;
  std::string hash;
  // Set when personal values were erased from this entry (audit_redaction.h):
  // the id of the later entry that lists it. Not part of the hash: the stored
  // hash stays the original one, so the chain's links still hold.
  std::optional<int64_t> erased_by;
};

// The bytes that are hashed (see above). Ignores record.hash.
std::string CanonicalForm(const AuditRecord& record);

// Lowercase hex SHA-256 of CanonicalForm(record): 64 characters.
std::string ComputeHash(const AuditRecord& record);

// The stored text of a JSON value: nullopt for null (and discarded), otherwise
// its compact dump (invalid UTF-8 replaced by U+FFFD).
std::optional<std::string> StoredJson(const nlohmann::json& value);

// The JSON value of a stored text; null for NULL. Text that is not JSON (only a
// hand-edited row has such) comes back as that string.
nlohmann::json ParseStoredJson(const std::optional<std::string>& text);

}  // namespace peixun::audit
