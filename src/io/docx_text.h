// The text of a Word document (.docx): the paragraphs of word/document.xml, one
// per line, read through ZipArchive and the expat layer (xml_parser.h).
//
// A docx is a zip, and a zip can be a bomb: the document part is inflated with a
// bound (`max_inflated` bytes) and reading stops with io.file.too_large the moment
// it is passed; no other part is inflated. Errors: io.zip.invalid (not a zip or
// corrupt), io.docx.invalid (a zip without word/document.xml), io.xml.invalid,
// io.file.too_large. Thread-safe: calls share nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::io {

Result<std::string> DocxText(std::string_view bytes, uint64_t max_inflated);

}  // namespace peixun::io
