#include "io/xlsx_package.h"

#include <optional>
#include <string>
#include <vector>

#include "io/xml_parser.h"

namespace peixun::io {
namespace {

// Package bookkeeping parts (.rels, workbook.xml) are small; this is generous.
constexpr uint64_t kMaxPackagePartBytes = 16ull << 20;

constexpr const char* kDefaultWorkbook = "xl/workbook.xml";

struct Relationship {
  std::string id;
  std::string type;
  std::string target;  // resolved part name
};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string FolderOf(const std::string& part) {
  size_t slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

std::string RelsPartFor(const std::string& part) {
  size_t slash = part.rfind('/');
  std::string folder = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return folder + "_rels/" + file + ".rels";
}

class RelationshipsHandler : public XmlHandler {
 public:
  explicit RelationshipsHandler(std::string folder) : folder_(std::move(folder)) {}

  Status StartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name != "Relationship") return Ok();
    if (attributes.Get("TargetMode").value_or("") == "External") return Ok();
    Relationship rel;
    rel.id = std::string(attributes.Get("Id").value_or(""));
    rel.type = std::string(attributes.Get("Type").value_or(""));
    rel.target = ResolvePartName(folder_, std::string(attributes.Get("Target").value_or("")));
    relationships.push_back(std::move(rel));
    return Ok();
  }
  Status EndElement(std::string_view) override { return Ok(); }
  Status Text(std::string_view) override { return Ok(); }

  std::vector<Relationship> relationships;

 private:
  std::string folder_;
};

struct SheetEntry {
  std::string relationship_id;
  bool hidden = false;
};

class WorkbookHandler : public XmlHandler {
 public:
  Status StartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "sheet") {
      SheetEntry sheet;
      // r:id; its local name "id" is unique among a <sheet>'s attributes (sheetId differs).
      sheet.relationship_id = std::string(attributes.Get("id").value_or(""));
      std::string_view state = attributes.Get("state").value_or("visible");
      sheet.hidden = state == "hidden" || state == "veryHidden";
      sheets.push_back(std::move(sheet));
    } else if (name == "workbookPr") {
      std::string_view value = attributes.Get("date1904").value_or("0");
      date1904 = value == "1" || value == "true";
    }
    return Ok();
  }
  Status EndElement(std::string_view) override { return Ok(); }
  Status Text(std::string_view) override { return Ok(); }

  std::vector<SheetEntry> sheets;
  bool date1904 = false;
};

Error NotXlsx(const std::string& why_zh, const std::string& why_en) {
  return Invalid("io.xlsx.invalid", "不是有效的 xlsx 文件：" + why_zh,
                 "not a valid xlsx file: " + why_en);
}

Result<std::vector<Relationship>> ReadRelationships(const ZipArchive& archive,
                                                    const std::string& owner_part) {
  std::string rels = RelsPartFor(owner_part);
  RelationshipsHandler handler(FolderOf(owner_part));
  if (archive.Contains(rels)) {
    PEIXUN_RETURN_IF_ERROR(ParseXmlEntry(archive, rels, kMaxPackagePartBytes, handler));
  }
  return std::move(handler.relationships);
}

const Relationship* FindByType(const std::vector<Relationship>& rels, std::string_view suffix) {
  for (const auto& rel : rels) {
    if (EndsWith(rel.type, suffix)) return &rel;
  }
  return nullptr;
}

}  // namespace

std::string ResolvePartName(const std::string& folder, const std::string& target) {
  std::string joined = (!target.empty() && target[0] == '/') ? target.substr(1) : folder + target;
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = slash + 1;
  }
  std::string name;
  for (const auto& segment : segments) {
    if (!name.empty()) name += '/';
    name += segment;
  }
  return name;
}

Result<XlsxParts> LocateXlsxParts(const ZipArchive& archive) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<Relationship> package_rels, ReadRelationships(archive, ""));
  std::string workbook = kDefaultWorkbook;
  if (const Relationship* rel = FindByType(package_rels, "/officeDocument")) {
    workbook = rel->target;
  }
  if (!archive.Contains(workbook)) {
    return NotXlsx("找不到工作簿（" + workbook + "）", "no workbook (" + workbook + ")");
  }

  WorkbookHandler book;
  PEIXUN_RETURN_IF_ERROR(ParseXmlEntry(archive, workbook, kMaxPackagePartBytes, book));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<Relationship> book_rels,
                          ReadRelationships(archive, workbook));

  XlsxParts parts;
  parts.date1904 = book.date1904;
  std::optional<std::string> first_hidden;
  for (const SheetEntry& sheet : book.sheets) {
    for (const Relationship& rel : book_rels) {
      if (rel.id != sheet.relationship_id || !EndsWith(rel.type, "/worksheet")) continue;
      if (!sheet.hidden) {
        parts.worksheet = rel.target;
      } else if (!first_hidden) {
        first_hidden = rel.target;
      }
    }
    if (!parts.worksheet.empty()) break;
  }
  if (parts.worksheet.empty() && first_hidden) parts.worksheet = *first_hidden;
  if (parts.worksheet.empty())
    return NotXlsx("工作簿中没有工作表", "the workbook has no worksheet");
  if (!archive.Contains(parts.worksheet)) {
    return NotXlsx("缺少工作表 " + parts.worksheet, "missing worksheet " + parts.worksheet);
  }

  if (const Relationship* rel = FindByType(book_rels, "/sharedStrings")) {
    if (archive.Contains(rel->target)) parts.shared_strings = rel->target;
  }
  if (const Relationship* rel = FindByType(book_rels, "/styles")) {
    if (archive.Contains(rel->target)) parts.styles = rel->target;
  }
  return parts;
}

}  // namespace peixun::io
