// The response a handler returns; the server writes it (src/http).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace peixun::api {

class Deferred;

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Set-Cookie
  // Server-sent events (text/event-stream). When set, the server writes the status
  // line and headers (no Content-Length, no keep-alive; `body` is ignored), then
  // calls poll_events on the connection's io thread every few hundred milliseconds:
  // it must not block, and returns the text to write next ("" when there is
  // nothing new) or nullopt when the stream is over. The stream also ends when a
  // write fails (the client left) or times out, and when the server stops (src/http
  // session.cc). Heartbeats are the poller's to send.
  std::function<std::optional<std::string>()> poll_events;
  // Set when the handler answers later (api/deferred.h); the other fields are then
  // a placeholder and the real response is the deferred one's.
  std::shared_ptr<Deferred> deferred;

  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

Response Json(const nlohmann::json& body, int status = 200);
Response NoContent();
// A file download: bytes with a content type and an RFC 6266 filename (UTF-8 names
// are sent as filename*=UTF-8'').
Response Download(std::string bytes, std::string content_type, const std::string& filename);
// The ASCII name for the plain filename= parameter: the name itself when it is all
// [A-Za-z0-9._-], else "download" with the name's extension ("花名册.xlsx" →
// "download.xlsx"). The full name goes in filename*.
std::string AsciiFallbackName(const std::string& filename);

// The HTTP status for an error (one table for the whole API):
// request.* codes 400 (but request.required/too_long 422), kInvalid 422, kNotFound 404, kConflict
// 409, kUnauthorized 401, kForbidden 403, kTooLarge 413, kRateLimited 429, kInternal 500.
int StatusFor(const Error& error);
// {"error":{"code":…,"message":…,"field":…}} with the message in `lang`.
Response ErrorResponse(const Error& error, const std::string& lang);

}  // namespace peixun::api
