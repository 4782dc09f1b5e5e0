// Reading an uploaded paper: the type comes from the bytes (core/file_kind.h), the
// name's extension must agree with them, and the size is bounded before anything
// is parsed. A .docx is read for its paragraphs (io/docx_text.h) with a bound on
// how far its document part may inflate, so a zip bomb stops early; a .txt is
// UTF-8 (or GB18030, as older Windows editors save it); a .pdf is kept as it came.
//
// Errors (field "file" unless said):
//   400 request.filename            (field "filename") a name with a path, NUL or "..",
//                                   empty, invalid UTF-8 or over kMaxFileNameBytes
//   413 reflection.file.too_large   more than kMaxPaperFileBytes
//   413 reflection.file.inflated    a docx whose text part inflates past kMaxDocxInflatedBytes
//   422 reflection.file.type        an extension other than pdf, docx, txt
//   422 reflection.file.mismatch    content of another type than the name claims
//                                   (a ".pdf" that is a zip)
//   422 reflection.file.unreadable  a docx that is not a Word document, a text in no
//                                   known encoding, an empty file
// Pure apart from allocation; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "modules/reflection/reflection_paper.h"

namespace peixun::reflection {

inline constexpr size_t kMaxPaperFileBytes = 10 * 1024 * 1024;
inline constexpr size_t kMaxFileNameBytes = 200;
// A paper of 50,000 characters is a few hundred kilobytes of WordprocessingML.
inline constexpr uint64_t kMaxDocxInflatedBytes = 20 * 1024 * 1024;
// Longest typed paper, in characters.
inline constexpr size_t kMaxPaperChars = 50000;

struct ReadPaper {
  std::string source;                          // txt, docx, pdf
  std::string text;                            // empty for pdf
  std::optional<std::string> original_base64;  // pdf only
};

Result<ReadPaper> ReadPaperFile(const std::string& file_name, const std::string& bytes);

}  // namespace peixun::reflection
