// Beast ⇄ api conversion at the edge: the rest of the program sees only
// api::Request and api::Response (src/api).
#pragma once

#include <string>

#include "api/request.h"
#include "api/response.h"
#include "core/result.h"
#include "http/asio.h"

namespace peixun::http {

using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

// Fills an api::Request: method, target, percent-decoded path, decoded query,
// headers with lowercased names, body (moved out of `request`), remote address,
// secure=false, lang from Accept-Language. Error `request.path` (400) when the
// target is not an absolute path, has a malformed escape, or decodes to a NUL.
Result<api::Request> ToApiRequest(BeastRequest& request, const std::string& remote_address);

// Builds the wire response: status, Content-Type, the response's headers (repeated
// names such as Set-Cookie kept), Content-Length, `Server: peixun`, Connection per
// `keep_alive`. For HEAD the Content-Length is the body's but no body is sent; 1xx,
// 204 and 304 carry neither.
BeastResponse ToBeastResponse(api::Response&& response, unsigned version, bool keep_alive,
                              bool head);

// The error answer for a request the server itself refuses (too large, malformed),
// in `lang` ("en" or "zh-CN").
api::Response RequestTooLarge(const std::string& lang);
api::Response HeadersTooLarge(const std::string& lang);
api::Response MalformedRequest(const std::string& lang);
// The 500 answer when a handler threw (details go to the log, never the client).
api::Response HandlerFailed(const std::string& lang);

}  // namespace peixun::http
