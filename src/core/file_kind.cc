#include "core/file_kind.h"

#include "core/utf8.h"

namespace peixun::core {

FileKind SniffFileKind(std::string_view bytes) {
  if (bytes.empty()) return FileKind::kUnknown;
  if (bytes.substr(0, 5) == "%PDF-") return FileKind::kPdf;
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return FileKind::kZip;
  if (bytes.find('\0') != std::string_view::npos) return FileKind::kUnknown;
  return IsValidUtf8(bytes) ? FileKind::kText : FileKind::kUnknown;
}

std::string ExtensionOf(std::string_view file_name) {
  const size_t slash = file_name.find_last_of("/\\");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  const size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= file_name.size()) return {};
  std::string lower(file_name.substr(dot + 1));
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

}  // namespace peixun::core
