#include "io/xml_parser.h"

#include <expat.h>

#include <cstring>
#include <memory>
#include <string>

namespace peixun::io {
namespace {

// Separates the namespace URI from the local name in the names expat reports.
constexpr char kNamespaceSeparator = '\x01';

std::string_view LocalName(const char* name) {
  std::string_view view(name);
  size_t separator = view.rfind(kNamespaceSeparator);
  if (separator != std::string_view::npos) return view.substr(separator + 1);
  size_t colon = view.rfind(':');  // a prefix expat could not resolve
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

struct ParserFree {
  void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};

// Owns one expat parser and carries the handler's first error out of the callbacks.
class Session {
 public:
  explicit Session(XmlHandler& handler)
      : handler_(handler), parser_(XML_ParserCreateNS(nullptr, kNamespaceSeparator)) {
    XML_SetUserData(parser_.get(), this);
    XML_SetElementHandler(parser_.get(), &Session::OnStart, &Session::OnEnd);
    XML_SetCharacterDataHandler(parser_.get(), &Session::OnText);
    XML_SetStartDoctypeDeclHandler(parser_.get(), &Session::OnDoctype);
  }

  Status Feed(std::string_view bytes, bool last) {
    if (!parser_) return Internal("io.xml.parser", "XML_ParserCreateNS failed");
    fed_ += bytes.size();
    if (XML_Parse(parser_.get(), bytes.data(), static_cast<int>(bytes.size()), last ? 1 : 0) ==
        XML_STATUS_ERROR) {
      if (!status_.ok()) return status_;
      std::string where = "line " + std::to_string(XML_GetCurrentLineNumber(parser_.get()));
      const char* what = XML_ErrorString(XML_GetErrorCode(parser_.get()));
      return Invalid("io.xml.invalid", std::string("XML 格式错误（") + where + "）：" + what,
                     std::string("malformed XML (") + where + "): " + what);
    }
    if (fed_ - fed_at_last_event_ > kMaxXmlTokenBytes) {
      const std::string mb = std::to_string(kMaxXmlTokenBytes >> 20);
      return MakeError(ErrorKind::kTooLarge, "io.xml.too_large",
                       "XML 中有一个超过 " + mb + " MB 的标记（标签、属性或注释）",
                       "the XML holds a tag, attribute or comment longer than " + mb + " MB");
    }
    return Ok();
  }

 private:
  void Stop(Status status) {
    if (status_.ok()) status_ = std::move(status);
    XML_StopParser(parser_.get(), XML_FALSE);
  }

  void Event() { fed_at_last_event_ = fed_; }

  static void XMLCALL OnStart(void* data, const char* name, const char** attributes) {
    auto* self = static_cast<Session*>(data);
    self->Event();
    Status status = self->handler_.StartElement(LocalName(name), XmlAttributes(attributes));
    if (!status.ok()) self->Stop(std::move(status));
  }
  static void XMLCALL OnEnd(void* data, const char* name) {
    auto* self = static_cast<Session*>(data);
    self->Event();
    Status status = self->handler_.EndElement(LocalName(name));
    if (!status.ok()) self->Stop(std::move(status));
  }
  static void XMLCALL OnText(void* data, const char* text, int length) {
    auto* self = static_cast<Session*>(data);
    self->Event();
    Status status = self->handler_.Text(std::string_view(text, static_cast<size_t>(length)));
    if (!status.ok()) self->Stop(std::move(status));
  }
  static void XMLCALL OnDoctype(void* data, const char*, const char*, const char*, int) {
    static_cast<Session*>(data)->Stop(
        Invalid("io.xml.invalid", "XML 中不允许 DOCTYPE", "DOCTYPE is not allowed in the XML"));
  }

  XmlHandler& handler_;
  std::unique_ptr<XML_ParserStruct, ParserFree> parser_;
  Status status_;
  uint64_t fed_ = 0;                // bytes given to expat so far
  uint64_t fed_at_last_event_ = 0;  // fed_ when the last callback ran
};

}  // namespace

std::optional<std::string_view> XmlAttributes::Get(std::string_view local) const {
  for (const char** p = pairs_; p != nullptr && *p != nullptr; p += 2) {
    if (LocalName(p[0]) == local) return std::string_view(p[1]);
  }
  return std::nullopt;
}

Status ParseXml(std::string_view xml, XmlHandler& handler) {
  Session session(handler);
  return session.Feed(xml, true);
}

Status ParseXmlEntry(const ZipArchive& archive, const std::string& name, uint64_t max_bytes,
                     XmlHandler& handler) {
  Session session(handler);
  PEIXUN_RETURN_IF_ERROR(archive.Stream(
      name, max_bytes, [&](std::string_view chunk) { return session.Feed(chunk, false); }));
  return session.Feed({}, true);
}

}  // namespace peixun::io
