#include "api/paging.h"
#include "core/utf8.h"

#include <charconv>

namespace peixun::api {
namespace {

Result<int64_t> ParseBounded(const std::string& text, const std::string& name, int64_t lo,
                             int64_t hi) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < lo || v > hi) {
    return Invalid("request.param",
                   "参数 " + name + " 应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) +
                       " 之间的整数",
                   "parameter " + name + " must be an integer from " + std::to_string(lo) + " to " +
                       std::to_string(hi),
                   name);
  }
  return v;
}

}  // namespace

Result<Paging> ParsePaging(const Request& request, const std::vector<std::string>& sorts) {
  Paging p;
  if (auto v = request.Query("page")) {
    PEIXUN_ASSIGN_OR_RETURN(p.page, ParseBounded(*v, "page", 1, 1'000'000));
  }
  if (auto v = request.Query("page_size")) {
    PEIXUN_ASSIGN_OR_RETURN(p.page_size, ParseBounded(*v, "page_size", 1, kMaxPageSize));
  }
  p.sort = sorts.empty() ? "" : sorts.front();
  if (auto v = request.Query("sort")) {
    bool known = false;
    for (const auto& s : sorts) known |= s == *v;
    if (!known) {
      std::string list;
      for (const auto& s : sorts) list += (list.empty() ? "" : ", ") + s;
      return Invalid("request.param", "参数 sort 应为：" + list,
                     "parameter sort must be one of: " + list, "sort");
    }
    p.sort = *v;
  }
  if (auto v = request.Query("q")) {
    if (core::Utf8CharCount(*v) > 50) {
      return Invalid("request.param", "搜索内容不能超过 50 个字",
                     "search text must be at most 50 characters", "q");
    }
    p.q = *v;
  }
  return p;
}

nlohmann::json PageJson(nlohmann::json items, int64_t total, const Paging& paging) {
  return {{"items", std::move(items)},
          {"total", total},
          {"page", paging.page},
          {"page_size", paging.page_size}};
}

nlohmann::json PagingParameters(const std::vector<std::string>& sorts) {
  nlohmann::json params = nlohmann::json::array();
  params.push_back(
      {{"name", "page"}, {"in", "query"}, {"schema", {{"type", "integer"}, {"minimum", 1}}}});
  params.push_back({{"name", "page_size"},
                    {"in", "query"},
                    {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxPageSize}}}});
  if (!sorts.empty()) {
    params.push_back(
        {{"name", "sort"}, {"in", "query"}, {"schema", {{"type", "string"}, {"enum", sorts}}}});
  }
  params.push_back(
      {{"name", "q"}, {"in", "query"}, {"schema", {{"type", "string"}, {"maxLength", 50}}}});
  return params;
}

}  // namespace peixun::api
