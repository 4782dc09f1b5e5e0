#include "modules/records/internal/records_common.h"

#include <chrono>
#include <cstring>

namespace peixun::records::internal {

core::CivilDate TodayAt(int64_t now_ms) {
  return core::CivilDateAt(std::chrono::system_clock::time_point(std::chrono::milliseconds(now_ms)),
                           core::kChinaUtcOffset);
}

}  // namespace peixun::records::internal
