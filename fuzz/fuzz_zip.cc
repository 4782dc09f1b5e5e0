// libFuzzer target: io::ZipArchive over arbitrary bytes (the container of every xlsx
// and docx upload): open, look up the OPC parts, inflate each with a small bound.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/zip_archive.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace peixun::io;
  auto archive = ZipArchive::OpenBytes(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!archive.ok()) return 0;
  for (const char* name :
       {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml", "xl/styles.xml", "word/document.xml", "a", "A.TXT"}) {
    if ((*archive)->Contains(name)) (void)(*archive)->Read(name, 1 << 20);
  }
  return 0;
}
