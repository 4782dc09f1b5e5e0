#include "io/column_map.h"

#include <cctype>

namespace peixun::io {
namespace {

// Lowercase ASCII, drop spaces (ASCII and U+3000), "*" marks and "_" / "-".
std::string Canonical(const std::string& header) {
  std::string out;
  for (size_t i = 0; i < header.size(); ++i) {
    unsigned char c = header[i];
    if (c == 0xE3 && i + 2 < header.size() && static_cast<unsigned char>(header[i + 1]) == 0x80 &&
        static_cast<unsigned char>(header[i + 2]) == 0x80) {
      i += 2;  // U+3000 ideographic space
      continue;
    }
    if (c == ' ' || c == '\t' || c == '*' || c == '_' || c == '-') continue;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

const std::string kEmpty;

}  // namespace

ColumnMap::ColumnMap(const std::vector<ColumnSpec>& specs, const std::vector<std::string>& header) {
  std::map<std::string, std::string> alias_to_field;
  for (const ColumnSpec& s : specs) {
    alias_to_field[Canonical(s.label)] = s.field;
    alias_to_field[Canonical(s.field)] = s.field;
    for (const auto& a : s.aliases) alias_to_field[Canonical(a)] = s.field;
  }
  for (size_t i = 0; i < header.size(); ++i) {
    auto it = alias_to_field.find(Canonical(header[i]));
    if (it == alias_to_field.end() || index_.count(it->second)) {
      if (!header[i].empty()) unknown_.push_back(header[i]);
      continue;
    }
    index_[it->second] = i;
    header_text_[it->second] = header[i];
  }
  for (const ColumnSpec& s : specs) {
    if (!header_text_.count(s.field)) header_text_[s.field] = s.label;
    if (s.required && !index_.count(s.field)) missing_.push_back(s.label);
  }
}

std::optional<size_t> ColumnMap::Index(const std::string& field) const {
  auto it = index_.find(field);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

const std::string& ColumnMap::Cell(const std::vector<std::string>& row,
                                   const std::string& field) const {
  auto idx = Index(field);
  if (!idx || *idx >= row.size()) return kEmpty;
  return row[*idx];
}

std::string ColumnMap::HeaderOf(const std::string& field) const {
  auto it = header_text_.find(field);
  return it == header_text_.end() ? field : it->second;
}

std::vector<std::string> ColumnMap::MissingRequired() const { return missing_; }

}  // namespace peixun::io
