#include "api/router.h"

#include <stdexcept>

namespace peixun::api {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end;
  }
  return out;
}

void Router::Add(Route route) {
  if (!route.doc.contains("summary") || !route.doc.contains("tags")) {
    throw std::logic_error("route without OpenAPI summary/tags: " + route.pattern);
  }
  for (const Route& r : routes_) {
    if (r.method == route.method && r.pattern == route.pattern) {
      throw std::logic_error("duplicate route: " + route.pattern);
    }
  }
  route.segments = SplitPath(route.pattern);
  routes_.push_back(std::move(route));
}

void Router::Get(std::string p, Access a, nlohmann::json d, Handler h) {
  Add(Route{Method::kGet, std::move(p), std::move(a), std::move(h), std::move(d)});
}
void Router::Post(std::string p, Access a, nlohmann::json d, Handler h) {
  Add(Route{Method::kPost, std::move(p), std::move(a), std::move(h), std::move(d)});
}
void Router::Put(std::string p, Access a, nlohmann::json d, Handler h) {
  Add(Route{Method::kPut, std::move(p), std::move(a), std::move(h), std::move(d)});
}
void Router::Patch(std::string p, Access a, nlohmann::json d, Handler h) {
  Add(Route{Method::kPatch, std::move(p), std::move(a), std::move(h), std::move(d)});
}
void Router::Delete(std::string p, Access a, nlohmann::json d, Handler h) {
  Add(Route{Method::kDelete, std::move(p), std::move(a), std::move(h), std::move(d)});
}

Router::Match Router::Find(Method method, const std::string& path,
                           std::map<std::string, std::string>* params) const {
  const std::vector<std::string> segments = SplitPath(path);
  Match match;
  // Literal segments win over {params}: try routes without params first.
  const Route* best = nullptr;
  int best_literals = -1;
  std::map<std::string, std::string> best_params;
  for (const Route& r : routes_) {
    const std::vector<std::string>& pattern = r.segments;
    if (pattern.size() != segments.size()) continue;
    std::map<std::string, std::string> found;
    int literals = 0;
    bool ok = true;
    for (size_t i = 0; i < pattern.size() && ok; ++i) {
      const std::string& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        if (segments[i].empty()) ok = false;
        found[p.substr(1, p.size() - 2)] = segments[i];
      } else if (p == segments[i]) {
        ++literals;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    const bool method_ok =
        r.method == method || (method == Method::kHead && r.method == Method::kGet);
    if (!method_ok) {
      match.path_known = true;
      continue;
    }
    if (literals > best_literals) {
      best = &r;
      best_literals = literals;
      best_params = std::move(found);
    }
  }
  if (best) {
    match.route = best;
    if (params) *params = std::move(best_params);
  }
  return match;
}

}  // namespace peixun::api
