#include "modules/reflection/paper_file.h"

#include "crypto/base64.h"

#include "core/file_kind.h"
#include "core/utf8.h"
#include "io/docx_text.h"
#include "io/text_encoding.h"

namespace peixun::reflection {
namespace {

Error FileError(std::string code, std::string zh, std::string en) {
  return Invalid(std::move(code), std::move(zh), std::move(en), "file");
}

std::string_view KindName(core::FileKind kind) {
  switch (kind) {
    case core::FileKind::kPdf:
      return "pdf";
    case core::FileKind::kZip:
      return "zip";
    case core::FileKind::kText:
      return "text";
    case core::FileKind::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace

Result<ReadPaper> ReadPaperFile(const std::string& file_name, const std::string& bytes) {
  if (bytes.size() > kMaxPaperFileBytes) {
    return MakeError(ErrorKind::kTooLarge, "reflection.file.too_large", "文件不能超过 10 MB",
                     "the file must not be larger than 10 MB", "file");
  }
  // A plain name, as every upload takes (io/table_transfer.h): it only names the type.
  if (file_name.empty() || file_name.size() > kMaxFileNameBytes ||
      file_name.find_first_of(std::string("/\\\0", 3)) != std::string::npos ||
      file_name.rfind("..", 0) == 0 || !core::IsValidUtf8(file_name)) {
    return Invalid("request.filename", "文件名无效：应为不含路径的 .docx、.pdf 或 .txt 文件名",
                   "invalid file name: expected a plain .docx, .pdf or .txt name", "filename");
  }
  const std::string ext = core::ExtensionOf(file_name);
  if (ext != "pdf" && ext != "docx" && ext != "txt") {
    return FileError("reflection.file.type", "只接受 docx、pdf、txt 文件",
                     "only docx, pdf and txt files are accepted");
  }
  if (bytes.empty()) {
    return FileError("reflection.file.unreadable", "文件是空的", "the file is empty");
  }
  const core::FileKind kind = core::SniffFileKind(bytes);
  const bool agrees =
      (ext == "pdf" && kind == core::FileKind::kPdf) ||
      (ext == "docx" && kind == core::FileKind::kZip) ||
      (ext == "txt" && kind != core::FileKind::kPdf && kind != core::FileKind::kZip);
  if (!agrees) {
    return FileError(
        "reflection.file.mismatch",
        "文件内容与扩展名不符：名为 ." + ext + "，内容是 " + std::string(KindName(kind)),
        "the file's content does not match its name: named ." + ext + ", content is " +
            std::string(KindName(kind)));
  }
  ReadPaper out;
  out.source = ext;
  if (ext == "pdf") {
    out.original_base64 = crypto::Base64Encode(bytes);
    return out;
  }
  if (ext == "docx") {
    auto text = io::DocxText(bytes, kMaxDocxInflatedBytes);
    if (!text) {
      if (text.error().kind == ErrorKind::kTooLarge) {
        return MakeError(ErrorKind::kTooLarge, "reflection.file.inflated",
                         "Word 文档解压后过大（疑似压缩炸弹）",
                         "the Word document inflates too far (a zip bomb?)", "file");
      }
      return FileError("reflection.file.unreadable",
                       "无法读取该 Word 文档：" + text.error().message,
                       "cannot read the Word document: " + text.error().message_en);
    }
    out.text = std::move(*text);
    return out;
  }
  if (kind == core::FileKind::kText) {
    out.text = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes;
    return out;
  }
  auto decoded = io::ToUtf8(bytes, "GB18030");
  if (!decoded || !core::IsValidUtf8(*decoded) || decoded->find('\0') != std::string::npos) {
    return FileError("reflection.file.unreadable",
                     "无法识别文本文件的编码（应为 UTF-8 或 GB18030）",
                     "the text file is neither UTF-8 nor GB18030");
  }
  out.text = std::move(*decoded);
  return out;
}

}  // namespace peixun::reflection
