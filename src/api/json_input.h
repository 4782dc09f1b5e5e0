// Strict reading of a JSON request body into typed fields. Every problem is a
// 4xx naming the field: malformed JSON or invalid UTF-8 (400 request.json),
// a body that is not an object, a wrong type (400 request.type), an unknown
// field (400 request.unknown_field), a missing required field or an over-long
// string (422). The first problem found is kept; later reads return defaults.
//
//   PEIXUN_ASSIGN_OR_RETURN(JsonInput in, JsonInput::Parse(call.request.body));
//   std::string name = in.Str("name", kRequired, 100);
//   std::optional<int64_t> parent = in.OptInt("parent_id");
//   PEIXUN_RETURN_IF_ERROR(in.Finish());
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace peixun::api {

inline constexpr bool kRequired = true;
inline constexpr bool kOptional = false;
inline constexpr size_t kDefaultMaxChars = 200;

class JsonInput {
 public:
  static Result<JsonInput> Parse(const std::string& body);
  explicit JsonInput(nlohmann::json object) : json_(std::move(object)) {}

  // A string field; null or absent gives "". Length counts characters.
  std::string Str(const std::string& field, bool required = kOptional,
                  size_t max_chars = kDefaultMaxChars);
  std::optional<int64_t> OptInt(const std::string& field, bool required = kOptional);
  // A number field (integer or not); null or absent gives nullopt. A value outside
  // [min, max] is a 422 request.range naming the field.
  std::optional<double> OptNumber(const std::string& field, bool required = kOptional,
                                  double min = -1e300, double max = 1e300);
  bool Bool(const std::string& field, bool default_value = false);
  std::vector<std::string> StrList(const std::string& field, size_t max_items = 50,
                                   size_t max_chars = kDefaultMaxChars);
  // A list of positive integer ids: nullopt when absent, empty when null or [].
  // Anything else (not an array, a non-positive or non-integer item, more than
  // max_items) is a 400 request.type naming the field.
  std::optional<std::vector<int64_t>> IdList(const std::string& field, size_t max_items = 1000);
  // The raw value of a field the typed readers do not cover (an object such as a
  // class's rules, a number-or-string), taken out of the body: it counts as read.
  // nullopt when absent; null stays null.
  std::optional<nlohmann::json> Take(const std::string& field);
  bool Has(const std::string& field) const { return json_.contains(field); }
  // Ok when every read succeeded and the body had no field that was not read.
  Status Finish();
  const nlohmann::json& json() const { return json_; }

 private:
  void Fail(Error e);
  bool Seen(const std::string& field);

  nlohmann::json json_;
  std::set<std::string> read_;
  std::optional<Error> error_;
};

// Parses a decimal id from a path or query parameter (400 request.param).
Result<int64_t> ParseId(const std::string& text, const std::string& name);

}  // namespace peixun::api
