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

// `schema` under a name: OpenApiDocument moves it to components/schemas/<name>
// and puts a $ref where it was, so clients generated from the document (the web's
// web/src/api/generated/openapi.ts) get a type of that name. The same name must
// always carry the same schema; a second, different one stays inline with its
// x-peixun-schema mark (tests/integration/openapi_test.cc refuses that).
nlohmann::json Named(const std::string& name, nlohmann::json schema);

// `schema` with every property of every object in it (at any depth, not below a
// $ref) listed as required, where the object does not list its own: the shape of
// a response, whose JSON function always writes every key it documents. A key
// that may be absent is left out of properties or listed by hand.
nlohmann::json AllRequired(nlohmann::json schema);

// Named(name, AllRequired(schema)): a response object.
nlohmann::json Output(const std::string& name, nlohmann::json schema);

// {"type":"array","items":items}.
nlohmann::json ArrayOf(nlohmann::json items);

// A response of {"items":[...]} (Output-shaped).
nlohmann::json ItemsSchema(nlohmann::json items);

// A reply whose body the document describes elsewhere: a file of `media` type.
nlohmann::json FileResponseDoc(const std::string& description, const std::string& media);

}  // namespace peixun::api
