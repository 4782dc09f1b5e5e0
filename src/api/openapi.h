// The OpenAPI 3 document of the API, made from the route table (router.h): one
// operation per route with its summary, tags, parameters (path parameters from
// the pattern), request body, responses, the error schema and who may call it
// (x-peixun-roles). Served at /api/v1/openapi.json.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "api/router.h"

namespace peixun::api {

nlohmann::json OpenApiDocument(const Router& router, const std::string& version);

// Schema helpers for route docs.
nlohmann::json ObjectSchema(nlohmann::json properties, std::vector<std::string> required = {});
nlohmann::json JsonBodyDoc(nlohmann::json schema);
nlohmann::json JsonResponseDoc(const std::string& description, nlohmann::json schema);

}  // namespace peixun::api
