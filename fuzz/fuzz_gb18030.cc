// libFuzzer target: the legacy-charset conversions CSV files from Chinese Windows go
// through (io::ToUtf8 / io::FromUtf8 with GB18030 and UTF-16LE). A conversion that
// succeeds must round-trip exactly: GB18030 holds all of Unicode.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "io/text_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace peixun;
  using namespace peixun::io;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Result<std::string> utf8 = ToUtf8(bytes, "GB18030");
  if (utf8.ok()) {
    Result<std::string> back = FromUtf8(*utf8, "GB18030");
    if (!back.ok()) std::abort();
    Result<std::string> again = ToUtf8(*back, "GB18030");
    if (!again.ok() || *again != *utf8) std::abort();
  }
  (void)ToUtf8(bytes, "UTF-16LE");
  (void)FromUtf8(bytes, "GB18030");
  return 0;
}
