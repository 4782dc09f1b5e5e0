// peixun's own HTTP request and response types. Handlers, the router and the
// modules see only these; Boost.Beast stays inside src/http (the server
// converts at the edge), so a module's routes compile without Beast.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace peixun::api {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method m);
Method ParseMethod(std::string_view name);
// Methods that change state (and so need a CSRF token under cookie auth).
bool IsUnsafe(Method m);

struct Request {
  Method method = Method::kGet;
  std::string target;                                        // as received: path and query
  std::string path;                                          // decoded path without the query
  std::multimap<std::string, std::string> query;             // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;
  std::string remote_address;  // client IP: the peer, or from a trusted proxy (core/forwarded.h)
  bool secure = false;         // https: TLS, or X-Forwarded-Proto from a trusted proxy
  // Filled by the router: values of {name} segments of the matched pattern.
  std::map<std::string, std::string> path_params;
  // "en" or "zh-CN", from Accept-Language (zh-CN unless English is preferred).
  std::string lang = "zh-CN";

  // The first header named `name` (lowercase), or "".
  std::string Header(std::string_view name) const;
  // The cookie named `name`, or "".
  std::string Cookie(std::string_view name) const;
  // The first query parameter `name`, if present.
  std::optional<std::string> Query(const std::string& name) const;
  const std::string& PathParam(const std::string& name) const;
};

// Parses a query string ("a=1&b=%E5%BC%A0") into decoded pairs; '+' is a space.
std::multimap<std::string, std::string> ParseQueryString(std::string_view query);
// Percent-decodes `text`; nullopt when an escape is malformed.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);
// "en" when the Accept-Language header prefers English over Chinese, else "zh-CN".
std::string LanguageFrom(std::string_view accept_language);

}  // namespace peixun::api
