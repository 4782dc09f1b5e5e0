#include "api/response.h"

#include "store/store_errors.h"

namespace peixun::api {

Response Json(const nlohmann::json& body, int status) {
  Response r;
  r.status = status;
  // Replace invalid UTF-8 rather than throw: stored text is valid, but be safe.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

std::string AsciiFallbackName(const std::string& filename) {
  const size_t dot = filename.rfind('.');
  std::string ext = dot == std::string::npos ? "" : filename.substr(dot);
  std::string stem = dot == std::string::npos ? filename : filename.substr(0, dot);
  auto safe = [](const std::string& s) {
    for (unsigned char c : s) {
      if (!(isalnum(c) || c == '.' || c == '-' || c == '_')) return false;
    }
    return true;
  };
  if (!safe(ext) || ext.size() > 8) ext.clear();
  if (stem.empty() || !safe(stem)) stem = "download";
  return stem + ext;
}

Response Download(std::string bytes, std::string content_type, const std::string& filename) {
  Response r;
  r.body = std::move(bytes);
  r.content_type = std::move(content_type);
  std::string encoded;
  static const char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : filename) {
    if (isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  // filename= is what older clients (curl -OJ) read: ASCII only, with the extension.
  r.AddHeader("Content-Disposition", "attachment; filename=\"" + AsciiFallbackName(filename) +
                                         "\"; filename*=UTF-8''" + encoded);
  return r;
}

int StatusFor(const Error& error) {
  // Malformed requests are 400; a well-formed request with a missing or too long
  // field is a field validation error like any other (422).
  if (error.code.rfind("request.", 0) == 0 && error.kind == ErrorKind::kInvalid &&
      error.code != "request.required" && error.code != "request.too_long" &&
      error.code != "request.range") {
    return 400;
  }
  if (store::IsPassingFault(error)) return 503;  // disk full, database down: for now
  switch (error.kind) {
    case ErrorKind::kInvalid:
      return 422;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kUnauthorized:
      return 401;
    case ErrorKind::kForbidden:
      return 403;
    case ErrorKind::kTooLarge:
      return 413;
    case ErrorKind::kRateLimited:
      return 429;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(const Error& error, const std::string& lang) {
  nlohmann::json body = {
      {"error",
       {{"code", error.code}, {"message", error.MessageFor(lang)}, {"field", error.field}}}};
  Response r = Json(body, StatusFor(error));
  // Clients (the kiosk's queue, a phone) wait this long before sending again.
  if (r.status == 503) r.AddHeader("Retry-After", "2");
  return r;
}

}  // namespace peixun::api
