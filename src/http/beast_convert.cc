#include "http/beast_convert.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

#include "core/error.h"

namespace peixun::http {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IEquals(std::string_view a, std::string_view b) {
  return beast::iequals(beast::string_view(a.data(), a.size()),
                        beast::string_view(b.data(), b.size()));
}

Error BadPath() {
  return Invalid("request.path", "请求地址不合法", "the request path is malformed");
}

}  // namespace

Result<api::Request> ToApiRequest(BeastRequest& request, const std::string& remote_address) {
  api::Request out;
  out.method = api::ParseMethod(
      std::string_view(request.method_string().data(), request.method_string().size()));
  out.target = std::string(request.target());
  out.remote_address = remote_address;
  out.secure = false;
  for (const auto& field : request) {
    out.headers.emplace_back(
        Lower(std::string_view(field.name_string().data(), field.name_string().size())),
        std::string(field.value()));
  }
  out.lang = api::LanguageFrom(out.Header("accept-language"));

  const std::string_view target = out.target;
  const size_t question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  // Only origin-form targets ("/path?query"); absolute-form and "*" are not served.
  if (raw_path.empty() || raw_path.front() != '/') return BadPath();
  std::optional<std::string> path = api::PercentDecode(raw_path, false);
  if (!path || path->find('\0') != std::string::npos) return BadPath();
  out.path = std::move(*path);
  if (question != std::string_view::npos) {
    out.query = api::ParseQueryString(target.substr(question + 1));
  }
  out.body = std::move(request.body());
  return out;
}

BeastResponse ToBeastResponse(api::Response&& response, unsigned version, bool keep_alive,
                              bool head) {
  BeastResponse out;
  out.version(version);
  // A status outside 100..599 is a handler bug; it must not end the connection's
  // coroutine (Beast throws on it), so it becomes a 500.
  const bool valid_status = response.status >= 100 && response.status <= 599;
  if (!valid_status) response = HandlerFailed("en");
  out.result(static_cast<unsigned>(response.status));
  out.set(bhttp::field::server, "peixun");
  if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) {
    // Framing headers belong to the server: a handler's copy could only contradict it.
    if (IEquals(name, "content-length") || IEquals(name, "transfer-encoding") ||
        IEquals(name, "connection")) {
      continue;
    }
    if (IEquals(name, "content-type") || IEquals(name, "server")) {
      out.set(name, value);
    } else {
      out.insert(name, value);  // insert, not set: several Set-Cookie lines may exist
    }
  }
  out.keep_alive(keep_alive);

  const unsigned status = out.result_int();
  const bool bodyless = status / 100 == 1 || status == 204 || status == 304;
  if (!bodyless) {
    out.content_length(response.body.size());
    if (!head) out.body() = std::move(response.body);
  }
  return out;
}

api::Response RequestTooLarge(const std::string& lang) {
  return api::ErrorResponse(MakeError(ErrorKind::kTooLarge, "request.too_large", "请求内容太大",
                                      "the request body is too large"),
                            lang);
}

api::Response HeadersTooLarge(const std::string& lang) {
  api::Response r = api::ErrorResponse(
      Invalid("request.headers_too_large", "请求头太大", "the request headers are too large"),
      lang);
  r.status = 431;
  return r;
}

api::Response MalformedRequest(const std::string& lang) {
  return api::ErrorResponse(
      Invalid("request.malformed", "请求格式不正确", "the request is not valid HTTP"), lang);
}

api::Response HandlerFailed(const std::string& lang) {
  return api::ErrorResponse(
      MakeError(ErrorKind::kInternal, "internal", "服务器内部错误，请稍后再试",
                "internal server error, please try again later"),
      lang);
}

}  // namespace peixun::http
