// libFuzzer target: what reflection papers (心得体会) uploads go through: the content
// sniffer that checks a file against its name (core::SniffFileKind; a PDF is kept as
// it is, never parsed) and the text of Word documents (io::DocxText).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/file_kind.h"
#include "io/docx_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)peixun::core::SniffFileKind(bytes);
  (void)peixun::io::DocxText(bytes, 4 << 20);
  return 0;
}
