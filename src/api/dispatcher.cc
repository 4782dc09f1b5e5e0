#include "api/dispatcher.h"

#include <sodium.h>

#include <chrono>
#include <exception>

#include "api/deferred.h"
#include "core/role_guard.h"
#include "store/store_errors.h"

namespace peixun::api {
namespace {

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void AddSecurityHeaders(Response& r) {
  r.AddHeader("X-Content-Type-Options", "nosniff");
  r.AddHeader("Cache-Control", "no-store");
  r.AddHeader("X-Frame-Options", "DENY");
  r.AddHeader("Referrer-Policy", "same-origin");
}

// What a client is told of a 5xx: 503 (database down, disk full: store/store_errors.h) keeps its
// code with a fixed message, without the database's own words; any other, nothing.
Error PublicError(const Response& response) {
  if (response.status == 503) {
    std::string code;
    try {
      code = nlohmann::json::parse(response.body).at("error").at("code").get<std::string>();
    } catch (const std::exception&) {
    }
    if (code == store::kDiskFull) {
      return MakeError(ErrorKind::kInternal, code,
                       "数据库所在磁盘已满，暂时无法保存（已保存的数据不受影响），请稍后重试",
                       "the database's disk is full: nothing can be saved for now (what was "
                       "saved is safe); try again shortly");
    }
    return MakeError(ErrorKind::kInternal, store::kUnavailable, "暂时无法连接数据库，请稍后重试",
                     "the database cannot be reached for now; try again shortly");
  }
  return MakeError(ErrorKind::kInternal, "internal", "服务器内部错误，请稍后再试",
                   "internal server error, please try again later");
}

}  // namespace

Dispatcher::Dispatcher(const Router& router, Authenticator& authenticator, Metrics& metrics,
                       std::function<void(const std::string&)> log)
    : router_(router), authenticator_(authenticator), metrics_(metrics), log_(std::move(log)) {}

Response Dispatcher::Handle(Request& request) {
  Response response = HandleAsync(request);
  if (!response.deferred) return response;
  response.deferred->Wait();
  return response.deferred->Take();
}

Response Dispatcher::HandleAsync(Request& request) {
  const auto start = std::chrono::steady_clock::now();
  request.lang = LanguageFrom(request.Header("accept-language"));
  std::string route_label = "unmatched";
  Response response;
  try {
    response = Run(request, &route_label);
  } catch (const std::exception& e) {
    if (log_) log_(std::string("handler threw on ") + request.path + ": " + e.what());
    response = ErrorResponse(Internal("internal", e.what()), request.lang);
  }
  if (!response.deferred) {
    Finish(request.method, request.path, request.lang, route_label, start, response);
    return response;
  }
  // Finished when the handler's response arrives, on whichever thread completes it.
  auto inner = response.deferred;
  auto outer = std::make_shared<Deferred>();
  inner->OnReady([this, inner, outer, method = request.method, path = request.path,
                  lang = request.lang, route_label, start] {
    Response r = inner->Take();
    Finish(method, path, lang, route_label, start, r);
    outer->Complete(std::move(r));
  });
  return Deferred::Later(outer);
}

void Dispatcher::Finish(Method method, const std::string& path, const std::string& lang,
                        const std::string& route_label, std::chrono::steady_clock::time_point start,
                        Response& response) {
  if (response.status >= 500 && response.content_type.find("json") != std::string::npos) {
    // Internal details go to the log, not to the client.
    if (log_)
      log_(std::string(MethodName(method)) + " " + path + " -> " + std::to_string(response.status) +
           ": " + response.body);
    response.body = ErrorResponse(PublicError(response), lang).body;
  }
  AddSecurityHeaders(response);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.ObserveRequest(std::string(MethodName(method)), route_label, response.status, seconds);
}

Response Dispatcher::Run(Request& request, std::string* route_label) {
  const std::string& lang = request.lang;
  Router::Match match = router_.Find(request.method, request.path, &request.path_params);
  if (!match.route) {
    if (match.path_known) {
      Response r = ErrorResponse(MakeError(ErrorKind::kInvalid, "request.method",
                                           "该接口不支持此请求方法", "method not allowed"),
                                 lang);
      r.status = 405;
      return r;
    }
    return ErrorResponse(NotFound("request.not_found", "没有这个接口：" + request.path,
                                  "no such endpoint: " + request.path),
                         lang);
  }
  const Route& route = *match.route;
  *route_label = route.pattern;

  std::optional<Principal> principal;
  if (!route.access.is_public || !request.Cookie("peixun_session").empty() ||
      !request.Header("authorization").empty()) {
    auto who = authenticator_.Authenticate(request);
    if (!who) return ErrorResponse(who.error(), lang);
    principal = std::move(*who);
    if (principal) principal->remote_address = request.remote_address;
  }
  if (!route.access.is_public) {
    if (!principal) {
      return ErrorResponse(
          MakeError(ErrorKind::kUnauthorized, "auth.required", "请先登录", "please log in first"),
          lang);
    }
    if (!route.access.Allows(principal->role)) {
      return ErrorResponse(RoleForbidden(), lang);
    }
  }
  if (principal && principal->via_cookie && IsUnsafe(request.method) && !route.access.csrf_exempt) {
    if (!ConstantTimeEquals(request.Header(kCsrfHeader), principal->csrf_token)) {
      return ErrorResponse(
          MakeError(ErrorKind::kForbidden, "auth.csrf", "安全校验失败（CSRF），请刷新页面后重试",
                    "security check failed (CSRF): reload the page and retry"),
          lang);
    }
  }
  Call call{request, principal ? &*principal : nullptr, lang};
  Result<Response> result = route.handler(call);
  if (!result) return ErrorResponse(result.error(), lang);
  return std::move(*result);
}

}  // namespace peixun::api
