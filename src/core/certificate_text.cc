#include "core/certificate_text.h"

#include <algorithm>

namespace peixun::core {

const std::vector<std::string>& CertificateFields() {
  static const std::vector<std::string> kFields = {
      "name",     "unit", "class_name", "organizer", "start_date",
      "end_date", "days", "hours",      "serial",    "issue_date"};
  return kFields;
}

Result<std::string> FillCertificateText(std::string_view text,
                                        const std::map<std::string, std::string>& fields,
                                        const std::string& where) {
  const auto& known = CertificateFields();
  auto syntax = [&](const std::string& what_zh, const std::string& what_en) {
    return Invalid("certificates.template.syntax", "模板文字有误：" + what_zh,
                   "the template text is malformed: " + what_en, where);
  };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    if (c == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        out += '}';
        ++i;
        continue;
      }
      return syntax("多余的“}”", "a \"}\" without \"{\"");
    }
    if (c != '{') {
      out += c;
      continue;
    }
    const size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) return syntax("“{”没有对应的“}”", "a \"{\" without \"}\"");
    const std::string name(text.substr(i + 1, close - i - 1));
    if (name.empty()) return syntax("空字段“{}”", "an empty field \"{}\"");
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return Invalid("certificates.template.unknown_field",
                     "模板中有未知字段 {" + name + "}（可用：" + list + "）",
                     "unknown field {" + name + "} in the template (known: " + list + ")", where);
    }
    auto it = fields.find(name);
    if (it != fields.end()) out += it->second;
    i = close;
  }
  return out;
}

Status CheckCertificateText(std::string_view text, const std::string& where) {
  auto filled = FillCertificateText(text, {}, where);
  if (!filled) return std::move(filled).error();
  return Ok();
}

}  // namespace peixun::core
