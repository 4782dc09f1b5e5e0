// Turns a Request into a Response, the same way for every route: language,
// route match (404/405), authentication, role check (401/403), CSRF check for
// unsafe requests authenticated by cookie (403 auth.csrf), the handler, error
// mapping to the error body, security headers, metrics. Never touches a socket
// and never throws (a handler's exception becomes a 500 that is logged).
//
// Thread-safe: many threads may call Handle at once; handlers must be too.
#pragma once

#include <chrono>

#include <functional>
#include <string>

#include "api/authenticator.h"
#include "api/metrics.h"
#include "api/router.h"

namespace peixun::api {

class Dispatcher {
 public:
  // `log` receives a line for each 5xx (with the internal detail clients never see).
  Dispatcher(const Router& router, Authenticator& authenticator, Metrics& metrics,
             std::function<void(const std::string&)> log = {});

  // The complete response (waits for a deferred one): for in-process callers.
  Response Handle(Request& request);
  // May return a placeholder whose `deferred` completes later (api/deferred.h),
  // already finished (security headers, metrics, 5xx masking): for src/http.
  Response HandleAsync(Request& request);

  // The header that carries the CSRF token on unsafe requests.
  static constexpr char kCsrfHeader[] = "x-csrf-token";

 private:
  Response Run(Request& request, std::string* route_label);
  void Finish(Method method, const std::string& path, const std::string& lang,
              const std::string& route_label, std::chrono::steady_clock::time_point start,
              Response& response);

  const Router& router_;
  Authenticator& authenticator_;
  Metrics& metrics_;
  std::function<void(const std::string&)> log_;
};

}  // namespace peixun::api
