#include "api/route_helpers.h"

#include <utility>

#include "api/json_input.h"

namespace peixun::api {

Result<int64_t> IdParam(const Call& c, const std::string& name) {
  return ParseId(c.request.PathParam(name), name);
}

nlohmann::json OperationDoc(const std::string& tag, const std::string& summary,
                            nlohmann::json extra) {
  nlohmann::json d = {{"summary", summary}, {"tags", {tag}}};
  d.update(extra);
  return d;
}

nlohmann::json QueryParam(const std::string& name, nlohmann::json schema, bool required) {
  return {{"name", name}, {"in", "query"}, {"required", required}, {"schema", std::move(schema)}};
}

}  // namespace peixun::api
