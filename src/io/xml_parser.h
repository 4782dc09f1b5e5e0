// A small streaming (SAX) layer over expat for the XML parts of an XLSX package.
//
// Element and attribute names reach the handler as local names: namespace URIs and
// prefixes are dropped ("x:row" and "row" both arrive as "row"), because producers differ
// in prefixes while OOXML names never clash inside one part. A DOCTYPE is refused (OOXML
// has none; refusing it shuts out entity tricks); expat itself bounds entity expansion.
// Memory stays bounded while streaming: expat keeps an unfinished tag, attribute or
// comment whole in its buffer, so one that runs past kMaxXmlTokenBytes is refused
// (io.xml.too_large) instead of growing with the input; character data reaches the
// handler in pieces, whose handler decides how much of it to keep.
// Errors: io.xml.invalid (malformed XML), io.xml.too_large, the zip errors of
// ZipArchive::Stream, or the first error a handler returns (which stops the parse).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "io/zip_archive.h"

namespace peixun::io {

// Longest run of input without any event (a start or end tag, character data): no
// tag an OOXML producer writes comes near it.
inline constexpr uint64_t kMaxXmlTokenBytes = 1u << 20;

// The attributes of one start tag; valid only during the StartElement call.
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** pairs) : pairs_(pairs) {}
  // The value of the attribute whose local name is `local`, if present.
  std::optional<std::string_view> Get(std::string_view local) const;

 private:
  const char** pairs_;  // expat's NULL-terminated name, value, name, value, …
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual Status StartElement(std::string_view name, const XmlAttributes& attributes) = 0;
  virtual Status EndElement(std::string_view name) = 0;
  // Character data, possibly split across several calls. An error stops the parse.
  virtual Status Text(std::string_view text) = 0;
};

// Parses XML bytes in one go.
Status ParseXml(std::string_view xml, XmlHandler& handler);

// Streams the zip entry `name` (at most `max_bytes` uncompressed) through the parser.
Status ParseXmlEntry(const ZipArchive& archive, const std::string& name, uint64_t max_bytes,
                     XmlHandler& handler);

}  // namespace peixun::io
