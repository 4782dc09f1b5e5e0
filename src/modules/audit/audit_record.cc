#include "modules/audit/audit_record.h"

#include <sodium.h>

#include <array>

namespace peixun::audit {
namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string CanonicalForm(const AuditRecord& r) {
  std::string out = "[";
  out += std::to_string(r.id) + ",";
  out += std::to_string(r.at) + ",";
  out += std::to_string(r.actor_user_id) + ",";
  out += Dump(r.actor_name) + ",";
  out += Dump(r.remote_address) + ",";
  out += Dump(r.action) + ",";
  out += Dump(r.entity) + ",";
  out += (r.entity_id ? std::to_string(*r.entity_id) : "null") + ",";
  out += r.before_json.value_or("null") + ",";
  out += r.after_json.value_or("null") + ",";
  out += Dump(r.prev_hash) + "]";
  return out;
}

std::string ComputeHash(const AuditRecord& record) {
  // libsodium asks for sodium_init before any call; it is idempotent and
  // thread-safe, and SHA-256 cannot fail even if it did (no randomness needed).
  [[maybe_unused]] static const bool sodium_ready = sodium_init() >= 0;
  const std::string canonical = CanonicalForm(record);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(canonical.data()),
                     canonical.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex;
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

std::optional<std::string> StoredJson(const json& value) {
  if (value.is_null() || value.is_discarded()) return std::nullopt;
  return Dump(value);
}

json ParseStoredJson(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  json value = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return *text;
  return value;
}

}  // namespace peixun::audit
