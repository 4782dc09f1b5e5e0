// libFuzzer target: xlsx uploads (rosters, paper sign-in sheets, paper scores,
// question banks): io::ParseXlsx through libzip, expat, shared strings and styles.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace peixun::io;
  ReadOptions options;
  options.max_rows = 2000;
  (void)ParseXlsx(std::string_view(reinterpret_cast<const char*>(data), size), options);
  return 0;
}
