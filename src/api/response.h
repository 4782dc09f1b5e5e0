// The response a handler returns; the server writes it (src/http).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace peixun::api {

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Set-Cookie

  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

Response Json(const nlohmann::json& body, int status = 200);
Response NoContent();
// A file download: bytes with a content type and an RFC 6266 filename (UTF-8 names
// are sent as filename*=UTF-8'').
Response Download(std::string bytes, std::string content_type, const std::string& filename);

// The HTTP status for an error (one table for the whole API):
// request.* codes 400 (but request.required/too_long 422), kInvalid 422, kNotFound 404, kConflict 409, kUnauthorized 401,
// kForbidden 403, kTooLarge 413, kRateLimited 429, kInternal 500.
int StatusFor(const Error& error);
// {"error":{"code":…,"message":…,"field":…}} with the message in `lang`.
Response ErrorResponse(const Error& error, const std::string& lang);

}  // namespace peixun::api
