// The one list convention of the API:
//   query   ?page=1&page_size=20&sort=stroke&q=张
//   answer  {"items":[…], "total":123, "page":1, "page_size":20}
// page is 1-based; page_size 1..200 (default 20); sort is one of the route's
// allowed keys (the first is the default); q is a free search text (≤ 50 chars).
// Other filters are plain query parameters documented per route.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/request.h"
#include "core/result.h"

namespace peixun::api {

inline constexpr int64_t kDefaultPageSize = 20;
inline constexpr int64_t kMaxPageSize = 200;

struct Paging {
  int64_t page = 1;
  int64_t page_size = kDefaultPageSize;
  std::string sort;
  std::string q;

  int64_t offset() const { return (page - 1) * page_size; }
};

Result<Paging> ParsePaging(const Request& request, const std::vector<std::string>& sorts);

nlohmann::json PageJson(nlohmann::json items, int64_t total, const Paging& paging);

// OpenAPI parameter objects for page, page_size, sort (with its enum) and q.
nlohmann::json PagingParameters(const std::vector<std::string>& sorts);

}  // namespace peixun::api
