// What every module's route file needs besides the router: the {id} of the
// path, the OpenAPI operation object of a route and its query parameters. One
// home for what each module used to copy (issue 10).
//
//   router.Get("/api/v1/classes/{id}", kReaders,
//              api::OperationDoc("classes", "班级详情", {{"responses", {{"200", one}}}}),
//              [](api::Call& c) -> Result<api::Response> {
//                PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
//                …
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "api/router.h"
#include "core/result.h"

namespace peixun::api {

// The path parameter `name` as a decimal id (400 request.param naming it).
Result<int64_t> IdParam(const Call& c, const std::string& name = "id");

// An OpenAPI operation: {"summary", "tags":[tag]} merged with `extra`
// (parameters, requestBody, responses…). Without responses in `extra` the
// document gives it a plain 200 (openapi.h).
nlohmann::json OperationDoc(const std::string& tag, const std::string& summary,
                            nlohmann::json extra = nlohmann::json::object());

// A query parameter of an operation.
nlohmann::json QueryParam(const std::string& name, nlohmann::json schema, bool required = false);

}  // namespace peixun::api
