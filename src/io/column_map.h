// Matches a file's header row to the fields an import knows, by Chinese or
// English header names ("姓名" or "name"), ignoring case, spaces and a trailing
// "*" (the mark many templates put on required columns).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace peixun::io {

struct ColumnSpec {
  std::string field;                 // "name"
  std::string label;                 // "姓名": the header written on export
  std::vector<std::string> aliases;  // other accepted headers: "name", "姓 名", …
  bool required = false;
};

class ColumnMap {
 public:
  // Maps `header` against `specs`. Unmatched headers are listed in unknown().
  ColumnMap(const std::vector<ColumnSpec>& specs, const std::vector<std::string>& header);

  // Column index of `field` in the file, if present.
  std::optional<size_t> Index(const std::string& field) const;
  // The cell of `field` in `row`, "" when the column is absent.
  const std::string& Cell(const std::vector<std::string>& row, const std::string& field) const;
  // The header text the file used for `field` (its label when absent).
  std::string HeaderOf(const std::string& field) const;
  // Required fields whose column is missing, by label.
  std::vector<std::string> MissingRequired() const;
  // Headers matching no field (ignored on import).
  const std::vector<std::string>& unknown() const { return unknown_; }

 private:
  std::map<std::string, size_t> index_;
  std::map<std::string, std::string> header_text_;
  std::vector<std::string> missing_;
  std::vector<std::string> unknown_;
};

}  // namespace peixun::io
