// The route table: every endpoint of the API, with who may call it and its
// OpenAPI description. Modules add their routes (modules/<m>/<m>_routes.cc);
// the dispatcher (dispatcher.h) matches, authorizes and calls them; the OpenAPI
// document (openapi.h) and the authorization matrix test walk the same table,
// so a route cannot exist without a rule and a description.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/request.h"
#include "api/response.h"
#include "core/principal.h"
#include "core/result.h"

namespace peixun::api {

// Who may call a route, checked before the handler runs. Finer scope (which
// unit, which person, which class) is the handler's job.
struct Access {
  bool is_public = false;    // no login needed
  std::set<Role> roles;      // allowed roles; empty (and not public): any logged-in user
  bool csrf_exempt = false;  // e.g. login itself

  static Access Public() { return Access{true, {}, true}; }
  static Access AnyUser() { return Access{}; }
  static Access Roles(std::initializer_list<Role> roles) { return Access{false, roles, false}; }
  bool Allows(Role role) const { return is_public || roles.empty() || roles.count(role) > 0; }
};

// What a handler gets: the request (with path params), the caller (null when
// anonymous on a public route) and the language for messages.
struct Call {
  Request& request;
  const Principal* principal;
  const std::string& lang;
};

using Handler = std::function<Result<Response>(Call&)>;

struct Route {
  Method method;
  std::string pattern;  // "/api/v1/people/{id}"; {name} matches one path segment
  Access access;
  Handler handler;
  // OpenAPI operation object without path parameters (added from the pattern):
  // {"summary":…, "tags":[…], "parameters":[query params…], "requestBody":…,
  //  "responses":{…}}. Must have at least a summary and one tag.
  nlohmann::json doc;
  // The pattern split at '/', filled by Router::Add (matching must not split
  // every pattern on every request).
  std::vector<std::string> segments;
};

class Router {
 public:
  void Add(Route route);
  // Convenience forms.
  void Get(std::string pattern, Access access, nlohmann::json doc, Handler h);
  void Post(std::string pattern, Access access, nlohmann::json doc, Handler h);
  void Put(std::string pattern, Access access, nlohmann::json doc, Handler h);
  void Patch(std::string pattern, Access access, nlohmann::json doc, Handler h);
  void Delete(std::string pattern, Access access, nlohmann::json doc, Handler h);

  struct Match {
    const Route* route = nullptr;  // null: no route
    bool path_known = false;       // a route exists for the path with another method (405)
  };
  // Finds the route for `method` and `path`, filling `params` from {name} segments.
  Match Find(Method method, const std::string& path,
             std::map<std::string, std::string>* params) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"}.
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace peixun::api
