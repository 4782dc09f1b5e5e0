#ifndef PEIXUN_MODULE_AUTH_INTERNALS
#error "modules/auth/internal is private to the auth module"
#endif
// A short-lived cache of authenticated credentials (API tokens and login
// sessions, keyed by their stored hash) so a burst of requests with one credential
// (a kiosk's token, a phone's session) does not read the api_tokens/sessions and
// users rows on every request (issue #15).
//
// Freshness: an entry lives at most kFreshMs on the injected clock, and never past
// its session's expiry. Every change that can withdraw or alter a principal in
// this process (a token revoked, a session deleted, a user updated or
// deactivated, other sessions dropped at a password change, a user erased) calls
// NoteCredentialChange() after its commit: that bumps a process-wide epoch and
// every entry read under an older epoch is ignored, so this process refuses a
// revoked credential at once. A change made by another instance sharing the
// PostgreSQL database applies here within kFreshMs. Only successes are cached:
// an unknown or refused credential is looked up again each time (a token created
// a moment ago works at once).
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/principal.h"

namespace peixun::auth {

class CredentialCache {
 public:
  static constexpr int64_t kFreshMs = 1000;
  static constexpr size_t kMaxEntries = 20000;  // beyond: start afresh

  // The epoch to pass to Put: read it BEFORE reading the credential's rows.
  static uint64_t Epoch();

  std::optional<Principal> Find(const std::string& key, int64_t now_ms);
  // `valid_until_ms`: the credential's own expiry (INT64_MAX when none).
  void Put(const std::string& key, const Principal& principal, int64_t now_ms,
           int64_t valid_until_ms, uint64_t epoch);

 private:
  struct Entry {
    Principal principal;
    int64_t valid_until_ms = 0;
    uint64_t epoch = 0;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

// Bumps the epoch: every cached credential is read again on its next use. Call it
// after the commit of any change to api_tokens, sessions or users (see above).
void NoteCredentialChange();

}  // namespace peixun::auth
