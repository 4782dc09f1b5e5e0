// Who performs a write, as the audit log records it. Services take an Actor on
// every write so the audit entry lands in the same transaction.
#pragma once

#include <cstdint>
#include <string>

#include "core/principal.h"

namespace peixun {

struct Actor {
  int64_t user_id = 0;          // 0: the system itself (CLI, demo, migrations)
  std::string name = "system";  // username, kept even if the user is deleted later
  std::string remote_address;   // "" for the CLI

  static Actor System() { return Actor{}; }
  static Actor Cli() { return Actor{0, "cli", ""}; }
  static Actor Of(const Principal& p) { return Actor{p.user_id, p.username, p.remote_address}; }
};

}  // namespace peixun
