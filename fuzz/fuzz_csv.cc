// libFuzzer target: CSV uploads (io::ParseCsv), in whatever encoding the bytes are
// (UTF-8, UTF-16 with BOM, else GB18030), with header detection and a fixed header
// row, then a FormatCsv/ParseCsv round trip of what was read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace peixun;
  using namespace peixun::io;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ReadOptions options;
  options.max_rows = 2000;
  Result<Table> table = ParseCsv(bytes, options);
  options.header_row = 2;
  (void)ParseCsv(bytes, options);
  if (table.ok()) {
    // What a reader returns is UTF-8 and must survive being written and read again.
    Result<std::string> again = FormatCsv(*table, CsvEncoding::kGb18030);
    if (again.ok()) (void)ParseCsv(*again);
  }
  return 0;
}
