// The Store's error codes for faults of the environment that pass by themselves,
// with their public messages. Both are answered 503 with Retry-After (api/response.cc):
// for now nothing can be written, because the disk holding the database is full or
// the database server cannot be reached; what was committed before is safe, and the
// same request succeeds once space or the server is back (the Store reconnects by
// itself, SQLite writes again as soon as the disk has room).
#pragma once

#include <string>

#include "core/error.h"

namespace peixun::store {

inline constexpr char kDiskFull[] = "store.disk_full";
inline constexpr char kUnavailable[] = "store.unavailable";
// PostgreSQL refused for lack of privilege (SQLSTATE 42501), e.g. CREATE EXTENSION.
inline constexpr char kInsufficientPrivilege[] = "store.insufficient_privilege";

// `detail` (the database's own words) follows in parentheses; the dispatcher logs
// it and shows clients the message without it (api/dispatcher.cc).
inline Error DiskFullError(const std::string& detail) {
  return MakeError(
      ErrorKind::kInternal, kDiskFull,
      "数据库所在磁盘已满，暂时无法保存（已保存的数据不受影响），请稍后重试（" + detail + "）",
      "the database's disk is full: nothing can be saved for now (what was saved "
      "is safe); try again shortly (" +
          detail + ")");
}
inline Error UnavailableError(const std::string& detail) {
  return MakeError(ErrorKind::kInternal, kUnavailable,
                   "暂时无法连接数据库，请稍后重试（" + detail + "）",
                   "the database cannot be reached for now; try again shortly (" + detail + ")");
}

// Whether `e` is one of the passing faults above (or a failed connection attempt,
// store.connect): HTTP 503, not 500.
inline bool IsPassingFault(const Error& e) {
  return e.code == kDiskFull || e.code == kUnavailable || e.code == "store.connect";
}

}  // namespace peixun::store
