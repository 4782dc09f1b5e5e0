// libFuzzer target: the times typed into paper sign-in sheets (core::ParseSheetTime).
// The first 8 bytes pick the session's day and zone, the rest is the cell.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/sheet_time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  int64_t day_of_ms = 1'591'056'000'000;  // 2020-06-02 08:00 +08:00
  int offset = 480;
  if (size >= 4) {
    int32_t d = 0;
    std::memcpy(&d, data, 4);
    day_of_ms += int64_t{d} * 60'000;                              // ± 4,000 years around 2020
    offset = static_cast<int>(static_cast<int8_t>(data[0])) * 15;  // ± 32 hours
    data += 4;
    size -= 4;
  }
  (void)peixun::core::ParseSheetTime(std::string_view(reinterpret_cast<const char*>(data), size),
                                     day_of_ms, offset);
  return 0;
}
