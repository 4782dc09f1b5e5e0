// What an uploaded file is, by its first bytes (magic numbers), never by its name:
// a paper named "心得.pdf" that begins with "PK\3\4" is a zip. Pure.
#pragma once

#include <string>
#include <string_view>

namespace peixun::core {

enum class FileKind {
  kPdf,      // begins with "%PDF-"
  kZip,      // begins with "PK\x03\x04" (docx, xlsx, any zip)
  kText,     // well-formed UTF-8 (a leading byte-order mark allowed) without NUL bytes
  kUnknown,  // anything else, and the empty file
};

FileKind SniffFileKind(std::string_view bytes);

// The lower-cased extension of `file_name` without the dot ("pdf"); "" when none.
std::string ExtensionOf(std::string_view file_name);

}  // namespace peixun::core
