#include "io/docx_text.h"

#include "io/xml_parser.h"
#include "io/zip_archive.h"

namespace peixun::io {
namespace {

constexpr char kDocumentPart[] = "word/document.xml";

// Keeps the character data of <w:t> runs; a paragraph (<w:p>) ends a line, a
// <w:tab/> is a tab and a <w:br/> a line break.
class DocumentText : public XmlHandler {
 public:
  Status StartElement(std::string_view name, const XmlAttributes&) override {
    if (name == "t") in_text_ = true;
    if (name == "tab") text_ += '\t';
    if (name == "br" || name == "cr") text_ += '\n';
    return Ok();
  }
  Status EndElement(std::string_view name) override {
    if (name == "t") in_text_ = false;
    if (name == "p") text_ += '\n';
    return Ok();
  }
  Status Text(std::string_view text) override {
    if (in_text_) text_.append(text);
    return Ok();
  }
  std::string Take() { return std::move(text_); }

 private:
  bool in_text_ = false;
  std::string text_;
};

}  // namespace

Result<std::string> DocxText(std::string_view bytes, uint64_t max_inflated) {
  PEIXUN_ASSIGN_OR_RETURN(std::unique_ptr<ZipArchive> zip, ZipArchive::OpenBytes(bytes));
  if (!zip->Contains(kDocumentPart)) {
    return Invalid("io.docx.invalid", "不是 Word 文档（缺少 word/document.xml）",
                   "not a Word document (no word/document.xml)");
  }
  DocumentText handler;
  PEIXUN_RETURN_IF_ERROR(ParseXmlEntry(*zip, kDocumentPart, max_inflated, handler));
  std::string text = handler.Take();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace peixun::io
